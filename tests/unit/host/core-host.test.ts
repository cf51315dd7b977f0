import { describe, expect, it } from 'vitest';
import { SIGN_UP } from '../core/helpers';
import { SessionClient, startHost } from './host-helpers';

describe('the core host', () => {
  it('answers operations through the worker', async () => {
    const { host } = await startHost();
    const client = new SessionClient(host);
    const { profile } = await client.ok('signUp', SIGN_UP);
    expect(profile.email).toBe('ada@example.com');
    const { tracker } = await client.ok('createTracker', { name: 'Sleep', settings: { type: 'numerical', unit: 'h' } });
    await client.ok('addLog', { trackerId: tracker.id, value: 7.5 });
    expect((await client.ok('listLogs', { trackerId: tracker.id })).logs.map((log) => log.value)).toEqual([7.5]);
    expect(host.autoLockMinutes(profile.id)).toBe(15);
  });
});
