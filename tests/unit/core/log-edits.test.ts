import { describe, it, expect } from 'vitest';
import { nodeFs, type FsPort } from '../../../src-main/core/store/fs-port';
import { dataLayout } from '../../../src-main/core/store/layout';
import { Client, SIGN_UP, startCore } from './helpers';

const NOW = new Date('2026-11-25T12:00:00.000Z');

async function withTracker(options: Parameters<typeof startCore>[0] = {}) {
  const core = await startCore({ now: () => NOW, ...options });
  const client = new Client(core);
  const { profile } = await client.ok('signUp', SIGN_UP);
  const { tracker } = await client.ok('createTracker', { name: 'Weight', settings: { type: 'numerical', unit: 'kg', decimals: 1, min: 0 } });
  return { core, client, profile, tracker, layout: dataLayout(core.dataDir) };
}

describe('editing logs', () => {
  it('changes time, value and note, keeping the id', async () => {
    const { client, tracker } = await withTracker();
    const { log } = await client.ok('addLog', { trackerId: tracker.id, value: 70, at: '2026-11-20T08:00:00+01:00' });
    const { log: edited } = await client.ok('updateLog', { trackerId: tracker.id, logId: log.id, at: '2026-11-21T09:30:00-05:00', value: '70.46', note: ' after run ' });
    expect(edited).toEqual({ ...log, at: '2026-11-21T14:30:00.000Z', offsetMinutes: -300, value: 70.46, note: 'after run' });
    expect((await client.ok('listLogs', { trackerId: tracker.id })).logs).toEqual([edited]);
  });

  it('moves a log to another month: new shard, then out of the old one', async () => {
    const { client, tracker } = await withTracker();
    const { log } = await client.ok('addLog', { trackerId: tracker.id, value: 70, at: '2026-11-20T08:00:00Z' });
    const other = (await client.ok('addLog', { trackerId: tracker.id, value: 71, at: '2026-11-21T08:00:00Z' })).log;
    const { log: moved } = await client.ok('updateLog', { trackerId: tracker.id, logId: log.id, at: '2026-10-31T23:00:00Z' });
    expect((await client.ok('listLogs', { trackerId: tracker.id })).logs).toEqual([other, moved]);
    expect((await client.ok('listLogs', { trackerId: tracker.id, to: '2026-11-01T00:00:00Z' })).logs).toEqual([moved]);
  });

  it('loses nothing and shows nothing twice when a checkpoint cannot rewrite the old shard after a move', async () => {
    let failOn: string | null = null;
    const fs: FsPort = {
      ...nodeFs,
      rename: (from, to) => (to === failOn ? Promise.reject(Object.assign(new Error('I/O'), { code: 'EIO' })) : nodeFs.rename(from, to)),
    };
    const { core, client, profile, tracker, layout } = await withTracker({ fs });
    const { log } = await client.ok('addLog', { trackerId: tracker.id, value: 70, at: '2026-11-20T08:00:00Z' });
    await core.checkpoint();
    failOn = layout.logShardFile(profile.id, tracker.id, '2026-11');
    // The move is one journal record, acknowledged; the shards follow at the checkpoint.
    const { log: moved } = await client.ok('updateLog', { trackerId: tracker.id, logId: log.id, at: '2026-10-20T08:00:00Z' });
    await expect(core.checkpoint()).rejects.toMatchObject({ code: 'WRITE_FAILED' });

    // Both shard files now hold the log, as a crash between the two writes would leave
    // them; the closing checkpoint fails the same way. The journal still holds the move.
    await core.close();
    failOn = null;
    const again = new Client(await startCore({ dataDir: core.dataDir, now: () => NOW }));
    await again.ok('logIn', { email: SIGN_UP.email, password: SIGN_UP.password });
    const { logs, total } = await again.ok('listLogs', { trackerId: tracker.id });
    expect(total).toBe(1);
    expect(logs).toEqual([moved]);
    const { stats } = await again.ok('trackerStats', { trackerId: tracker.id, range: { preset: '90d' } });
    expect(stats.count).toBe(1);
  });

  it.each([
    ['an unknown log', { logId: 'nope' }, 'LOG_NOT_FOUND', 'logId'],
    ['a bad value', { value: 'heavy' }, 'LOG_VALUE_INVALID', 'value'],
    ['a value out of range', { value: -1 }, 'LOG_VALUE_OUT_OF_RANGE', 'value'],
    ['a bad time', { at: 'yesterday' }, 'LOG_TIME_INVALID', 'at'],
  ])('refuses %s and changes nothing', async (_name, change, code, field) => {
    const { client, tracker } = await withTracker();
    const { log } = await client.ok('addLog', { trackerId: tracker.id, value: 70, at: '2026-11-20T08:00:00Z' });
    expect(await client.call('updateLog', { trackerId: tracker.id, logId: log.id, ...change })).toMatchObject({ ok: false, error: { code, field } });
    expect((await client.ok('listLogs', { trackerId: tracker.id })).logs).toEqual([log]);
  });
});

describe('deleting and restoring logs', () => {
  it('deletes a log, answers it, and restores it with the same id (undo)', async () => {
    const { client, tracker } = await withTracker();
    const { log } = await client.ok('addLog', { trackerId: tracker.id, value: 70, at: '2026-11-20T08:00:00+01:00', note: 'scale' });
    expect(await client.ok('deleteLog', { trackerId: tracker.id, logId: log.id })).toEqual({ log });
    expect(await client.ok('listLogs', { trackerId: tracker.id })).toEqual({ logs: [], total: 0 });
    expect(await client.call('deleteLog', { trackerId: tracker.id, logId: log.id })).toMatchObject({ ok: false, error: { code: 'LOG_NOT_FOUND' } });

    expect(await client.ok('restoreLog', { log })).toEqual({ log });
    expect(await client.ok('listLogs', { trackerId: tracker.id })).toEqual({ logs: [log], total: 1 });
    expect(await client.call('restoreLog', { log })).toMatchObject({ ok: false, error: { code: 'LOG_EXISTS' } });
  });

  it('refuses to restore a log that does not fit its tracker', async () => {
    const { client, tracker } = await withTracker();
    const { log } = await client.ok('addLog', { trackerId: tracker.id, value: 70 });
    await client.ok('deleteLog', { trackerId: tracker.id, logId: log.id });
    expect(await client.call('restoreLog', { log: { ...log, value: true } })).toMatchObject({ ok: false, error: { code: 'LOG_VALUE_INVALID' } });
    expect(await client.call('restoreLog', { log: { ...log, at: 'soon' } })).toMatchObject({ ok: false, error: { code: 'LOG_TIME_INVALID' } });
    expect(await client.call('restoreLog', { log: { ...log, trackerId: 'gone' } })).toMatchObject({ ok: false, error: { code: 'TRACKER_NOT_FOUND' } });
    expect((await client.ok('listLogs', { trackerId: tracker.id })).total).toBe(0);
  });
});

describe('listing logs a page at a time', () => {
  async function withHistory() {
    const setup = await withTracker();
    // One entry a day from 1 September to 30 November 2026 (91 days, three shards).
    for (let day = 0; day < 91; day += 1) {
      const at = new Date(Date.UTC(2026, 8, 1 + day, 8)).toISOString();
      await setup.client.ok('addLog', { trackerId: setup.tracker.id, value: day, at });
    }
    return setup;
  }

  it('pages newest first with the total', async () => {
    const { client, tracker } = await withHistory();
    const first = await client.ok('listLogs', { trackerId: tracker.id, limit: 10 });
    expect(first.total).toBe(91);
    expect(first.logs.map((log) => log.value)).toEqual([90, 89, 88, 87, 86, 85, 84, 83, 82, 81]);
    const last = await client.ok('listLogs', { trackerId: tracker.id, limit: 10, offset: 90 });
    expect(last.logs.map((log) => log.value)).toEqual([0]);
    expect((await client.ok('listLogs', { trackerId: tracker.id, offset: 200 })).logs).toEqual([]);
  });

  it('pages oldest first within a range, from inclusive and to exclusive', async () => {
    const { client, tracker } = await withHistory();
    const page = await client.ok('listLogs', { trackerId: tracker.id, order: 'oldest', from: '2026-09-30T08:00:00Z', to: '2026-10-03T08:00:00Z', limit: 2 });
    expect(page.total).toBe(3);
    expect(page.logs.map((log) => log.at)).toEqual(['2026-09-30T08:00:00.000Z', '2026-10-01T08:00:00.000Z']);
    const offsetRange = await client.ok('listLogs', { trackerId: tracker.id, from: '2026-10-01T00:00:00+02:00', to: '2026-10-02T00:00:00+02:00' });
    expect(offsetRange.logs.map((log) => log.at)).toEqual(['2026-10-01T08:00:00.000Z']);
  });

  it('refuses a bad range bound and a limit above 1000', async () => {
    const { client, tracker } = await withTracker();
    expect(await client.call('listLogs', { trackerId: tracker.id, from: 'last week' })).toMatchObject({ ok: false, error: { code: 'LOG_TIME_INVALID' } });
    expect(await client.call('listLogs', { trackerId: tracker.id, limit: 1001 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});
