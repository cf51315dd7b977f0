/**
 * Issue 10, items 1 and 2: a numerical value is stored as the person gave it, or refused
 * with a typed error before anything is written — never rounded, never turned into `null`.
 */
import { describe, expect, it } from 'vitest';
import type { Input } from '../../../src-preload/contract';
import { Client, filesOf, SIGN_UP, startCore } from './helpers';

async function profileWith(settings: Input<'createTracker'>['settings']) {
  const core = await startCore({ now: () => new Date('2026-11-20T12:00:00Z') });
  const client = new Client(core);
  await client.ok('signUp', SIGN_UP);
  const { tracker } = await client.ok('createTracker', { name: 'Sleep', settings });
  return { core, client, tracker };
}


describe('numerical values are stored as given', () => {
  it.each([1e307, -1e307, 1e15, -1e15, Number.MAX_VALUE])('refuses %s before writing anything, and the month stays readable', async (value) => {
    const { core, client, tracker } = await profileWith({ type: 'numerical', unit: 'h' });
    const good = await client.ok('addLog', { trackerId: tracker.id, value: 7.5, at: '2026-11-20T07:00:00Z' });
    const before = await filesOf(core.dataDir);

    const added = await client.call('addLog', { trackerId: tracker.id, value, at: '2026-11-20T08:00:00Z' });
    expect(added).toMatchObject({ ok: false, error: { code: 'LOG_VALUE_OUT_OF_RANGE', field: 'value' } });
    if (!added.ok) expect(added.error.message).toMatch(/1,000,000,000,000,000/);
    const updated = await client.call('updateLog', { trackerId: tracker.id, logId: good.log.id, value });
    expect(updated).toMatchObject({ ok: false, error: { code: 'LOG_VALUE_OUT_OF_RANGE' } });
    expect(await filesOf(core.dataDir)).toEqual(before);

    await core.close();
    const reopened = new Client(await startCore({ dataDir: core.dataDir }));
    await reopened.ok('logIn', { email: SIGN_UP.email, password: SIGN_UP.password });
    const { logs } = await reopened.ok('listLogs', { trackerId: tracker.id });
    expect(logs.map((log) => log.value)).toEqual([7.5]);
    expect((await reopened.ok('dashboard', {})).cards).toHaveLength(1);
  });

  it('keeps the largest values it allows exactly, through a restart', async () => {
    const { core, client, tracker } = await profileWith({ type: 'numerical', unit: '', decimals: 0 });
    const values = [999_999_999_999_999, -999_999_999_999_999, 123456789.012345, 1e-300];
    for (const [index, value] of values.entries()) await client.ok('addLog', { trackerId: tracker.id, value, at: `2026-11-20T0${index}:00:00Z` });
    await core.close();
    const reopened = new Client(await startCore({ dataDir: core.dataDir }));
    await reopened.ok('logIn', { email: SIGN_UP.email, password: SIGN_UP.password });
    const { logs } = await reopened.ok('listLogs', { trackerId: tracker.id, order: 'oldest' });
    expect(logs.map((log) => log.value)).toEqual(values);
  });

  it('refuses typed text with more significant digits than it keeps, instead of rounding it', async () => {
    const { client, tracker } = await profileWith({ type: 'numerical', unit: 'kg', decimals: 2 });
    const refused = await client.call('addLog', { trackerId: tracker.id, value: '72.1234567890123456', at: '2026-11-20T08:00:00Z' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'LOG_VALUE_INVALID', field: 'value' } });
    if (!refused.ok) expect(refused.error.message).toMatch(/15 significant digits/);
    expect((await client.ok('listLogs', { trackerId: tracker.id })).logs).toEqual([]);
  });

  it('stores 8.25 on a one-decimal tracker as 8.25, and averages the stored values', async () => {
    const { client, tracker } = await profileWith({ type: 'numerical', unit: 'h', decimals: 1 });
    await client.ok('addLog', { trackerId: tracker.id, value: '8.25', at: '2026-11-18T07:00:00Z' });
    await client.ok('addLog', { trackerId: tracker.id, value: 7.25, at: '2026-11-19T07:00:00Z' });
    const { logs } = await client.ok('listLogs', { trackerId: tracker.id, order: 'oldest' });
    expect(logs.map((log) => log.value)).toEqual([8.25, 7.25]);
    const { stats } = await client.ok('trackerStats', { trackerId: tracker.id, range: { preset: 'all' } });
    expect(stats.average).toBe(7.75);
  });
});

describe('durations are stored as given', () => {
  it.each(['1.7s', '0.5s', '1.0000001h'])('refuses %s, which is not a whole number of seconds', async (text) => {
    const { client, tracker } = await profileWith({ type: 'duration' });
    expect(await client.call('addLog', { trackerId: tracker.id, value: text, at: '2026-11-20T08:00:00Z' })).toMatchObject({ ok: false, error: { code: 'LOG_VALUE_INVALID' } });
  });

  it.each([
    ['1.1h', 3960],
    ['0.1h', 360],
    ['1.5m', 90],
    ['2h 0.5m', 7230],
  ])('reads %s as exactly %i seconds', async (text, seconds) => {
    const { client, tracker } = await profileWith({ type: 'duration' });
    const { log } = await client.ok('addLog', { trackerId: tracker.id, value: text, at: '2026-11-20T08:00:00Z' });
    expect(log.value).toBe(seconds);
  });
});
