/** The IPC handlers over the real core in a temp data folder (cheap scrypt keeps it fast). */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openCore, type Core } from '../../src-main/core/index';
import { inThreadClient } from '../../src-main/host/core-client';
import { registerIpcHandlers } from '../../src-main/desktop/ipc';
import { ipcMain, resetFake } from './electron-fake';

vi.mock('electron', () => import('./electron-fake'));

const PAGE = 'qs://app/index.html';
const person = { email: 'ada@example.com', password: 'correct horse battery', name: 'Ada', age: 36, gender: 'female', backupCode: 'backup code 1234' };

let dataDir: string;
let core: Core;

const invoke = (method: string, input: unknown, url = PAGE): Promise<unknown> => {
  const handler = ipcMain.handlers.get(`api:${method}`);
  if (!handler) throw new Error(`no handler for ${method}`);
  return handler({ senderFrame: { url } }, input);
};

beforeEach(async () => {
  resetFake();
  dataDir = await mkdtemp(join(tmpdir(), 'qs-ipc-core-'));
  core = await openCore({ dataDir, scrypt: { N: 2 ** 10, r: 8, p: 1 } });
  registerIpcHandlers(inThreadClient(core.handlers, core, () => undefined), { pageUrl: PAGE, devServerUrl: null });
});
afterEach(async () => {
  await core.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('IPC over the real core', () => {
  it('signs up, creates a tracker, logs an entry and lists it, then logs out', async () => {
    expect(await invoke('signUp', person)).toMatchObject({ ok: true, value: { profile: { email: person.email } } });
    const created = (await invoke('createTracker', { name: 'Mood', settings: { type: 'multiple_choice', options: ['good', 'bad'] } })) as {
      value: { tracker: { id: string; settings: { options: { id: string }[] } } };
    };
    const { id, settings } = created.value.tracker;
    const good = settings.options[0]?.id ?? '';
    expect(await invoke('addLog', { trackerId: id, value: [good] })).toMatchObject({ ok: true, value: { log: { value: [good] } } });
    expect(await invoke('listLogs', { trackerId: id })).toMatchObject({ ok: true, value: { logs: [{ trackerId: id, value: [good] }] } });
    expect(await invoke('logOut', {})).toEqual({ ok: true, value: {} });
    expect(await invoke('listLogs', { trackerId: id })).toMatchObject({ ok: false, error: { code: 'NOT_LOGGED_IN' } });
  });

  it('writes nothing for malformed input or a foreign sender', async () => {
    const before = await readdir(dataDir, { recursive: true });
    expect(await invoke('signUp', { ...person, age: 'old' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'age' } });
    expect(await invoke('signUp', person, 'https://evil.example/')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    expect(await readdir(dataDir, { recursive: true })).toEqual(before);
  });

  it('answers domain rules with their codes', async () => {
    expect(await invoke('signUp', { ...person, email: 'not an email' })).toMatchObject({ ok: false, error: { code: 'EMAIL_INVALID' } });
  });
});
