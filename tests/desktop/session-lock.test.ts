import { beforeEach, describe, expect, it, vi } from 'vitest';
import { inThreadClient } from '../../src-main/host/core-client';
import { registerIpcHandlers } from '../../src-main/desktop/ipc';
import { DesktopSession } from '../../src-main/desktop/session-lock';
import type { AppLocation } from '../../src-main/desktop/security';
import { fakeHandlers } from '../unit/server/fake-handlers';
import { ipcMain, resetFake } from './electron-fake';

vi.mock('electron', () => import('./electron-fake'));

const location: AppLocation = { pageUrl: 'qs://app/index.html', devServerUrl: null };
const fromApp = { senderFrame: { url: location.pageUrl } };
const person = { email: 'ada@example.com', password: 'correct horse battery', name: 'Ada', age: 36, gender: 'female', backupCode: 'backup code 1234' };
const MINUTE = 60_000;

function invoke(method: string, input: unknown): Promise<unknown> {
  const handler = ipcMain.handlers.get(`api:${method}`);
  if (!handler) throw new Error(`no handler for ${method}`);
  return handler(fromApp, input);
}

beforeEach(() => resetFake());

describe('desktop auto-lock', () => {
  it('locks a session idle for the profile’s minutes on its next use, and forgets the key', async () => {
    let now = 0;
    const locked: string[] = [];
    registerIpcHandlers(inThreadClient(fakeHandlers(), { autoLockMinutes: () => 15, lockProfile: (id) => void locked.push(id) }, () => undefined), location, {
      now: () => now,
    });
    await invoke('signUp', person);
    now += 14 * MINUTE;
    expect(await invoke('listTrackers', {})).toMatchObject({ ok: true });
    now += 15 * MINUTE;
    expect(await invoke('listTrackers', {})).toEqual({ ok: false, error: { code: 'SESSION_LOCKED', message: expect.stringContaining('inactivity') } });
    expect(locked).toEqual(['id1']);
    expect(await invoke('listTrackers', {})).toMatchObject({ ok: false, error: { code: 'NOT_LOGGED_IN' } });
  });

  it('whoever follows the calls (the tray) hears each answer with its page, the idle lock included', async () => {
    let now = 0;
    const heard: [string, unknown, unknown][] = [];
    registerIpcHandlers(inThreadClient(fakeHandlers(), { autoLockMinutes: () => 15, lockProfile: () => undefined }, () => undefined), location, {
      now: () => now,
      onAnswered: (method, result, sender) => void heard.push([method, result.ok ? 'ok' : result.error.code, sender]),
    });
    const page = { id: 7 };
    const handler = (method: string) => ipcMain.handlers.get(`api:${method}`);
    await handler('signUp')?.({ ...fromApp, sender: page } as never, person);
    now += 16 * MINUTE;
    await handler('listTrackers')?.({ ...fromApp, sender: page } as never, {});
    expect(heard).toEqual([
      ['signUp', 'ok', page],
      ['listTrackers', 'SESSION_LOCKED', page],
    ]);
  });

  it('the timer check locks without a call (the shell then sends session-locked); 0 minutes never locks', () => {
    let now = 0;
    let minutes = 0;
    const locked: string[] = [];
    const session = new DesktopSession({ autoLockMinutes: () => minutes, lockProfile: (id) => void locked.push(id) }, () => now, { profileId: 'p' });
    now += 1000 * MINUTE;
    expect(session.lockIfIdle()).toBe(false);
    minutes = 5;
    expect(session.lockIfIdle()).toBe(true);
    expect(session.session).toBeNull();
    expect(locked).toEqual(['p']);
    expect(session.lockIfIdle()).toBe(false);
  });

  it('starts with a remembered session when the shell opened one', async () => {
    registerIpcHandlers(inThreadClient(fakeHandlers(), undefined, () => undefined), location, { initialSession: { profileId: 'remembered' } });
    expect(await invoke('listTrackers', {})).toEqual({ ok: true, value: { trackers: [] } });
  });
});
