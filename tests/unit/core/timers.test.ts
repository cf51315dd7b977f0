import { describe, it, expect } from 'vitest';
import { Client, SIGN_UP, startCore } from './helpers';

describe('timers', () => {
  it('survive closing and reopening the core, then log the elapsed time at the start', async () => {
    let now = new Date('2026-11-25T07:00:00.000Z');
    const core = await startCore({ now: () => now, localOffsetMinutes: () => 60 });
    const client = new Client(core);
    await client.ok('signUp', SIGN_UP);
    const { tracker } = await client.ok('createTracker', { name: 'Reading', settings: { type: 'duration' } });
    const { timer } = await client.ok('startTimer', { trackerId: tracker.id });
    expect(timer).toEqual({ trackerId: tracker.id, startedAt: '2026-11-25T07:00:00.000Z' });
    await core.close();

    now = new Date('2026-11-25T08:30:15.900Z');
    const reopened = await startCore({ dataDir: core.dataDir, now: () => now, localOffsetMinutes: () => 60 });
    const again = new Client(reopened);
    await again.ok('logIn', { email: SIGN_UP.email, password: SIGN_UP.password });
    expect(await again.ok('listTimers', {})).toEqual({ timers: [timer] });
    const { log } = await again.ok('stopTimer', { trackerId: tracker.id, note: ' chapter 3 ' });
    expect(log).toMatchObject({ trackerId: tracker.id, at: '2026-11-25T07:00:00.000Z', offsetMinutes: 60, value: 5415, note: 'chapter 3' });
    expect(await again.ok('listTimers', {})).toEqual({ timers: [] });
    expect((await again.ok('listLogs', { trackerId: tracker.id })).logs).toEqual([log]);
  });

  it('cancels without logging', async () => {
    const core = await startCore();
    const client = new Client(core);
    await client.ok('signUp', SIGN_UP);
    const { tracker } = await client.ok('createTracker', { name: 'Reading', settings: { type: 'duration' } });
    await client.ok('startTimer', { trackerId: tracker.id });
    expect(await client.ok('cancelTimer', { trackerId: tracker.id })).toEqual({});
    expect(await client.ok('listTimers', {})).toEqual({ timers: [] });
    expect((await client.ok('listLogs', { trackerId: tracker.id })).total).toBe(0);
  });

  it('refuses a second start, a stop or cancel without a timer, and other tracker types', async () => {
    const core = await startCore();
    const client = new Client(core);
    await client.ok('signUp', SIGN_UP);
    const { tracker } = await client.ok('createTracker', { name: 'Reading', settings: { type: 'duration' } });
    const other = (await client.ok('createTracker', { name: 'Weight', settings: { type: 'numerical' } })).tracker;
    expect(await client.call('stopTimer', { trackerId: tracker.id })).toMatchObject({ ok: false, error: { code: 'TIMER_NOT_RUNNING' } });
    expect(await client.call('cancelTimer', { trackerId: tracker.id })).toMatchObject({ ok: false, error: { code: 'TIMER_NOT_RUNNING' } });
    await client.ok('startTimer', { trackerId: tracker.id });
    expect(await client.call('startTimer', { trackerId: tracker.id })).toMatchObject({ ok: false, error: { code: 'TIMER_RUNNING' } });
    expect(await client.call('startTimer', { trackerId: other.id })).toMatchObject({ ok: false, error: { code: 'TIMER_NOT_SUPPORTED' } });
    expect(await client.call('startTimer', { trackerId: 'nope' })).toMatchObject({ ok: false, error: { code: 'TRACKER_NOT_FOUND' } });
  });

  it('refuses to log a timer whose tracker stopped measuring durations', async () => {
    const core = await startCore();
    const client = new Client(core);
    await client.ok('signUp', SIGN_UP);
    const { tracker } = await client.ok('createTracker', { name: 'Reading', settings: { type: 'duration' } });
    await client.ok('startTimer', { trackerId: tracker.id });
    await client.ok('updateTracker', { trackerId: tracker.id, settings: { type: 'boolean' } });
    expect(await client.call('stopTimer', { trackerId: tracker.id })).toMatchObject({ ok: false, error: { code: 'TIMER_NOT_SUPPORTED' } });
    expect(await client.ok('cancelTimer', { trackerId: tracker.id })).toEqual({});
    expect((await client.ok('listLogs', { trackerId: tracker.id })).total).toBe(0);
  });

  it("hides a trashed tracker's timer until it is restored", async () => {
    const core = await startCore();
    const client = new Client(core);
    await client.ok('signUp', SIGN_UP);
    const { tracker } = await client.ok('createTracker', { name: 'Reading', settings: { type: 'duration' } });
    const { timer } = await client.ok('startTimer', { trackerId: tracker.id });
    await client.ok('deleteTracker', { trackerId: tracker.id });
    expect(await client.ok('listTimers', {})).toEqual({ timers: [] });
    await client.ok('restoreTracker', { trackerId: tracker.id });
    expect(await client.ok('listTimers', {})).toEqual({ timers: [timer] });
  });
});
