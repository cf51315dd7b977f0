import { describe, it, expect } from 'vitest';
import { Client, SIGN_UP, startCore } from './helpers';

describe('smoke', () => {
  it('signs up, creates a tracker, logs, lists', async () => {
    const core = await startCore();
    const client = new Client(core);
    const { profile } = await client.ok('signUp', SIGN_UP);
    expect(profile.email).toBe('ada@example.com');
    const { tracker } = await client.ok('createTracker', { name: 'Sleep', settings: { type: 'duration' } });
    const { log } = await client.ok('addLog', { trackerId: tracker.id, value: '7h 30m', at: '2026-11-25T08:30:00+01:00' });
    expect(log.value).toBe(27000);
    expect(log.at).toBe('2026-11-25T07:30:00.000Z');
    const { logs } = await client.ok('listLogs', { trackerId: tracker.id });
    expect(logs).toEqual([log]);
  });
});
