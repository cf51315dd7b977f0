import { beforeEach, describe, expect, it, vi } from 'vitest';
import { contract } from '../../src-preload/contract';
import { API_METHODS, channelOf } from '../../src-preload/operations';
import { inThreadClient } from '../../src-main/host/core-client';
import { registerIpcHandlers } from '../../src-main/desktop/ipc';
import type { AppLocation } from '../../src-main/desktop/security';
import { fakeHandlers } from '../unit/server/fake-handlers';
import { ipcMain, resetFake } from './electron-fake';

vi.mock('electron', () => import('./electron-fake'));

const location: AppLocation = { pageUrl: 'qs://app/index.html', devServerUrl: null };
const fromApp = { senderFrame: { url: 'qs://app/index.html' } };
const person = { email: 'ada@example.com', password: 'correct horse battery', name: 'Ada', age: 36, gender: 'female', backupCode: 'backup code 1234' };

function invoke(method: string, input: unknown, event: { senderFrame: { url: string } | null } = fromApp): Promise<unknown> {
  const handler = ipcMain.handlers.get(`api:${method}`);
  if (!handler) throw new Error(`no handler for ${method}`);
  return handler(event, input);
}

beforeEach(() => {
  resetFake();
  registerIpcHandlers(inThreadClient(fakeHandlers(), undefined, () => undefined), location);
});

describe('IPC handlers', () => {
  it('registers exactly one channel per contract operation', () => {
    const expected = Object.keys(contract).map((method) => `api:${method}`).sort();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(expected);
    expect([...ipcMain.handlers.keys()].sort()).toEqual(API_METHODS.map(channelOf).sort());
  });

  it.each(API_METHODS)('%s refuses a sender from a foreign origin with FORBIDDEN_SENDER', async (method) => {
    for (const senderFrame of [{ url: 'https://evil.example/' }, { url: 'file:///tmp/evil.html' }, { url: 'file:///opt/qs/out/renderer/index.html' }, { url: 'qs://app/assets/index.js' }, null]) {
      expect(await invoke(method, {}, { senderFrame })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    }
  });

  it('rejects malformed input with INVALID_INPUT and never throws', async () => {
    for (const input of [null, 42, 'text', [], { ...person, age: 'old' }, { ...person, gender: 'robot' }]) {
      const result = await invoke('signUp', input);
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    expect(await invoke('createTracker', { name: 'x', settings: { type: 'boolean', options: 3 } })).toMatchObject({ ok: false });
  });

  it('keeps one session: sign up opens it, log out closes it', async () => {
    expect(await invoke('listTrackers', {})).toMatchObject({ ok: false, error: { code: 'NOT_LOGGED_IN' } });
    expect(await invoke('signUp', person)).toMatchObject({ ok: true, value: { profile: { email: person.email } } });
    expect(await invoke('createTracker', { name: 'Sleep', settings: { type: 'numerical', unit: 'h' } })).toMatchObject({ ok: true });
    expect(await invoke('listTrackers', {})).toMatchObject({ ok: true, value: { trackers: [{ name: 'Sleep' }] } });
    expect(await invoke('logOut', {})).toEqual({ ok: true, value: {} });
    expect(await invoke('currentProfile', {})).toEqual({ ok: true, value: { profile: null } });
    expect(await invoke('listTrackers', {})).toMatchObject({ ok: false, error: { code: 'NOT_LOGGED_IN' } });
  });

  it('turns an unexpected core failure into an INTERNAL result instead of a thrown error', async () => {
    resetFake();
    const handlers = fakeHandlers();
    handlers.resetPassword = () => Promise.reject(new Error('disk on fire'));
    registerIpcHandlers(inThreadClient(handlers, undefined, () => undefined), location);
    const result = await invoke('resetPassword', { email: 'a@b.c', backupCode: 'x', newPassword: 'y' });
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});
