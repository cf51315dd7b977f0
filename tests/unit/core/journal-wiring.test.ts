/**
 * Log writes through the profile's journal (issue 14): concurrent writes share syncs (group
 * commit), a failed batch takes every write computed after it down with it and leaves
 * memory as the disk has it, and a checkpoint leaves the files whole and the journal empty.
 */
import { cp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeFs, type FsPort } from '../../../src-main/core/store/fs-port';
import { JOURNAL_HEADER_BYTES } from '../../../src-main/core/store/journal/record-format';
import { dataLayout } from '../../../src-main/core/store/layout';
import { Client, failingAppends, SIGN_UP, startCore, tempDir } from './helpers';

const NOW = new Date('2026-11-25T12:00:00.000Z');
const LOG_IN = { email: SIGN_UP.email, password: SIGN_UP.password } as const;

/** A failure that is due once after `arm()`: the first call of `due` then answers true, the next ones false. */
function failureOnce() {
  let armed = false;
  return {
    arm: () => {
      armed = true;
    },
    due: () => {
      const fail = armed;
      armed = false;
      return fail;
    },
  };
}

async function withTracker(fs: FsPort = nodeFs) {
  const core = await startCore({ now: () => NOW, fs });
  const client = new Client(core);
  const { profile } = await client.ok('signUp', SIGN_UP);
  const { tracker } = await client.ok('createTracker', { name: 'Water', settings: { type: 'numerical', unit: 'glass' } });
  return { core, client, profile, tracker };
}

describe('log writes through the journal', () => {
  it('concurrent entries share syncs, and every acknowledged one is listed', async () => {
    // The first sync is held until every entry has been computed and handed to the journal:
    // those behind it must then go out together, whatever the machine's speed.
    let syncs = 0;
    let hold: Promise<void> | null = null;
    let release = (): void => undefined;
    const fs: FsPort = {
      ...nodeFs,
      openAppend: async (path) => {
        const handle = await nodeFs.openAppend(path);
        return {
          ...handle,
          datasync: async () => {
            syncs += 1;
            if (hold !== null) await hold;
            return handle.datasync();
          },
        };
      },
    };
    const { client, tracker } = await withTracker(fs);
    syncs = 0;
    hold = new Promise((resolve) => (release = resolve));
    const adding = Promise.all(Array.from({ length: 40 }, (_, i) => client.ok('addLog', { trackerId: tracker.id, value: i, at: `2026-11-01T08:${String(i).padStart(2, '0')}:00Z` })));
    // Runs in the profile's queue after the 40 writes: once it answers, all have been appended.
    expect(await client.call('startTimer', { trackerId: tracker.id })).toMatchObject({ ok: false, error: { code: 'TIMER_NOT_SUPPORTED' } });
    hold = null;
    release();
    const added = await adding;
    expect(syncs).toBeGreaterThan(0);
    expect(syncs).toBeLessThanOrEqual(3);
    const { logs } = await client.ok('listLogs', { trackerId: tracker.id, order: 'oldest' });
    expect(logs).toEqual(added.map(({ log }) => log));
  });

  it('a failed batch fails every write computed after it; memory and the reopened profile hold only the acknowledged ones', async () => {
    // One batch fails (the first write of a record once armed); the next ones would not.
    const once = failureOnce();
    const { core, client, tracker } = await withTracker(failingAppends(nodeFs, once.due, 'EIO'));
    const first = (await client.ok('addLog', { trackerId: tracker.id, value: 1, at: '2026-11-01T08:00:00Z' })).log;
    once.arm();
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => client.call('addLog', { trackerId: tracker.id, value: i + 2, at: `2026-11-02T08:0${String(i)}:00Z` })));
    expect(results[0]).toMatchObject({ ok: false, error: { code: 'WRITE_FAILED' } });
    const acknowledged = results.flatMap((result) => (result.ok ? [result.value.log] : []));
    for (const result of results) if (!result.ok) expect(result.error.code).toBe('WRITE_FAILED');

    // Memory holds what the journal holds: the refused entries are nowhere.
    expect(await client.ok('listLogs', { trackerId: tracker.id, order: 'oldest' })).toEqual({ logs: [first, ...acknowledged], total: 1 + acknowledged.length });
    const after = (await client.ok('addLog', { trackerId: tracker.id, value: 20, at: '2026-11-03T08:00:00Z' })).log;
    expect((await client.ok('dashboard', {})).cards[0]).toMatchObject({ lastLog: after });
    await core.close();

    const again = new Client(await startCore({ dataDir: core.dataDir, now: () => NOW }));
    await again.ok('logIn', LOG_IN);
    expect(await again.ok('listLogs', { trackerId: tracker.id, order: 'oldest' })).toEqual({ logs: [first, ...acknowledged, after], total: 2 + acknowledged.length });
  });

  it('a checkpoint writes the shards and leaves one empty segment; the entries read the same after a reopen', async () => {
    const { core, client, profile, tracker } = await withTracker();
    const logs = [];
    for (let i = 0; i < 5; i += 1) logs.push((await client.ok('addLog', { trackerId: tracker.id, value: i, at: `2026-1${String(i % 2)}-0${String(i + 1)}T08:00:00Z` })).log);
    const moved = (await client.ok('updateLog', { trackerId: tracker.id, logId: logs[0]?.id ?? '', at: '2026-11-20T08:00:00Z' })).log;
    await client.ok('deleteLog', { trackerId: tracker.id, logId: logs[1]?.id ?? '' });
    await core.checkpoint();

    const layout = dataLayout(core.dataDir);
    const journal = join(layout.profileDir(profile.id), 'journal');
    const segments = (await readdir(journal)).filter((name) => name.endsWith('.qsj'));
    expect(segments).toHaveLength(1);
    expect((await stat(join(journal, segments[0] ?? ''))).size).toBe(JOURNAL_HEADER_BYTES);
    expect((await readdir(layout.trackerLogsDir(profile.id, tracker.id))).sort()).toEqual(['2026-10.json', '2026-11.json']);
    const before = await client.ok('listLogs', { trackerId: tracker.id, order: 'oldest' });
    expect(before.logs.map((log) => log.id)).toEqual([logs[2], logs[4], logs[3], moved].map((log) => log?.id));
    await core.close();

    const again = new Client(await startCore({ dataDir: core.dataDir, now: () => NOW }));
    await again.ok('logIn', LOG_IN);
    expect(await again.ok('listLogs', { trackerId: tracker.id, order: 'oldest' })).toEqual(before);
  });

  /**
   * Where a checkpoint is made to fail: each of its steps, in order, and its answer. Once
   * checkpoint.json is written the files hold everything: the covered segments are deleted
   * by the next checkpoint or open, so failing to delete them fails nothing.
   */
  const STEPS: readonly [string, (fs: 'rename' | 'unlink', path: string) => boolean, 'WRITE_FAILED' | null][] = [
    ['opening the new segment', (call, path) => call === 'rename' && path.endsWith('.qsj'), 'WRITE_FAILED'],
    ['writing a shard', (call, path) => call === 'rename' && /\/logs\/[^/]+\/\d{4}-\d{2}\.json$/.test(path), 'WRITE_FAILED'],
    ['writing summaries.json', (call, path) => call === 'rename' && path.endsWith('/summaries.json'), 'WRITE_FAILED'],
    ['writing checkpoint.json', (call, path) => call === 'rename' && path.endsWith('/checkpoint.json'), 'WRITE_FAILED'],
    ['deleting the covered segments', (call, path) => call === 'unlink' && path.endsWith('.qsj'), null],
  ];

  it.each(STEPS)('a checkpoint that fails at %s loses no acknowledged entry and shows none twice, now and after a reopen', async (_step, failsAt, code) => {
    let armed = false;
    const injected = () => Promise.reject(Object.assign(new Error('I/O error'), { code: 'EIO' }));
    const fs: FsPort = {
      ...nodeFs,
      rename: (from, to) => (armed && failsAt('rename', to) ? injected() : nodeFs.rename(from, to)),
      unlink: (path) => (armed && failsAt('unlink', path) ? injected() : nodeFs.unlink(path)),
    };
    const { core, client, tracker } = await withTracker(fs);
    const kept = (await client.ok('addLog', { trackerId: tracker.id, value: 1, at: '2026-10-01T08:00:00Z' })).log;
    const moving = (await client.ok('addLog', { trackerId: tracker.id, value: 2, at: '2026-10-02T08:00:00Z' })).log;
    const gone = (await client.ok('addLog', { trackerId: tracker.id, value: 3, at: '2026-11-03T08:00:00Z' })).log;
    await client.ok('dashboard', {});
    const moved = (await client.ok('updateLog', { trackerId: tracker.id, logId: moving.id, at: '2026-11-20T08:00:00Z' })).log;
    await client.ok('deleteLog', { trackerId: tracker.id, logId: gone.id });
    const expected = { logs: [kept, moved], total: 2 };

    armed = true;
    if (code === null) await core.checkpoint();
    else await expect(core.checkpoint()).rejects.toMatchObject({ code });
    armed = false;
    expect(await client.ok('listLogs', { trackerId: tracker.id, order: 'oldest' })).toEqual(expected);
    const later = (await client.ok('addLog', { trackerId: tracker.id, value: 4, at: '2026-11-25T08:00:00Z' })).log;
    expect((await client.ok('dashboard', {})).cards[0]).toMatchObject({ lastLog: later });
    await core.close();

    const again = new Client(await startCore({ dataDir: core.dataDir, now: () => NOW }));
    await again.ok('logIn', LOG_IN);
    expect(await again.ok('listLogs', { trackerId: tracker.id, order: 'oldest' })).toEqual({ logs: [kept, moved, later], total: 3 });
    expect((await again.ok('trackerStats', { trackerId: tracker.id, range: { preset: 'all' } })).stats).toMatchObject({ count: 3 });
  });
});

/**
 * The data folder as a kill would leave it now: the journal synced, the files as the last
 * checkpoint wrote them (the quiet checkpoint is set far off). The lock file stays behind.
 */
async function killedCopy(dataDir: string): Promise<string> {
  const copy = await tempDir();
  await cp(dataDir, copy, { recursive: true });
  await rm(dataLayout(copy).lockFile, { force: true });
  return copy;
}

describe('tracker and timer writes through the journal', () => {
  const QUIET = { journalQuietMs: 3_600_000, encryptAtRest: false } as const;

  it('trackers created, renamed, trashed, restored and reordered, and a timer started, come back after a kill as acknowledged', async () => {
    const core = await startCore({ now: () => NOW, ...QUIET });
    const client = new Client(core);
    const { profile } = await client.ok('signUp', SIGN_UP);
    await core.checkpoint();
    const { tracker: water } = await client.ok('createTracker', { name: 'Water', settings: { type: 'numerical', unit: 'glass' } });
    const { tracker: run } = await client.ok('createTracker', { name: 'Run', settings: { type: 'duration' } });
    const { tracker: gone } = await client.ok('createTracker', { name: 'Gone', settings: { type: 'boolean' } });
    const { tracker: back } = await client.ok('createTracker', { name: 'Back', settings: { type: 'boolean' } });
    await client.ok('updateTracker', { trackerId: water.id, name: 'Water (glasses)' });
    await client.ok('deleteTracker', { trackerId: gone.id });
    await client.ok('deleteTracker', { trackerId: back.id });
    await client.ok('restoreTracker', { trackerId: back.id });
    await client.ok('reorderTrackers', { trackerIds: [back.id, run.id, water.id] });
    const { timer } = await client.ok('startTimer', { trackerId: run.id });
    const trackers = await client.ok('listTrackers', {});
    const deleted = await client.ok('listDeletedTrackers', {});
    expect(trackers.trackers.map((tracker) => tracker.name)).toEqual(['Back', 'Run', 'Water (glasses)']);
    // None of it is in the files yet: only the journal holds it.
    const profileDir = dataLayout(core.dataDir).profileDir(profile.id);
    expect(await readFile(dataLayout(core.dataDir).trackersFile(profile.id), 'utf8').catch(() => '')).not.toContain('Water');
    await expect(stat(join(profileDir, 'timers.json'))).rejects.toMatchObject({ code: 'ENOENT' });

    const again = new Client(await startCore({ dataDir: await killedCopy(core.dataDir), now: () => NOW, ...QUIET }));
    await again.ok('logIn', LOG_IN);
    expect(await again.ok('listTrackers', {})).toEqual(trackers);
    expect(await again.ok('listDeletedTrackers', {})).toEqual(deleted);
    expect(await again.ok('listTimers', {})).toEqual({ timers: [timer] });
  });

  it('a stopped timer is one record: its entry and its end come back after a kill; a checkpoint writes trackers.json and timers.json', async () => {
    let now = NOW;
    const core = await startCore({ now: () => now, ...QUIET });
    const client = new Client(core);
    const { profile } = await client.ok('signUp', SIGN_UP);
    const { tracker: run } = await client.ok('createTracker', { name: 'Run', settings: { type: 'duration' } });
    const { tracker: read } = await client.ok('createTracker', { name: 'Read', settings: { type: 'duration' } });
    await client.ok('startTimer', { trackerId: run.id });
    const { timer } = await client.ok('startTimer', { trackerId: read.id });
    now = new Date(NOW.getTime() + 90_000);
    const { log } = await client.ok('stopTimer', { trackerId: run.id, note: 'park' });
    expect(log).toMatchObject({ value: 90, note: 'park' });

    const again = new Client(await startCore({ dataDir: await killedCopy(core.dataDir), now: () => now, ...QUIET }));
    await again.ok('logIn', LOG_IN);
    expect(await again.ok('listTimers', {})).toEqual({ timers: [timer] });
    expect(await again.ok('listLogs', { trackerId: run.id, order: 'oldest' })).toEqual({ logs: [log], total: 1 });

    await client.ok('cancelTimer', { trackerId: read.id });
    await core.checkpoint();
    const profileDir = dataLayout(core.dataDir).profileDir(profile.id);
    expect(JSON.parse(await readFile(join(profileDir, 'timers.json'), 'utf8'))).toMatchObject({ timers: [] });
    expect(await readFile(dataLayout(core.dataDir).trackersFile(profile.id), 'utf8')).toContain('Read');
  });

  it('a purge is one record: the logs folder goes at the checkpoint, and the tracker does not come back after a kill', async () => {
    const core = await startCore({ now: () => NOW, ...QUIET });
    const client = new Client(core);
    const { profile } = await client.ok('signUp', SIGN_UP);
    const { tracker } = await client.ok('createTracker', { name: 'Water', settings: { type: 'numerical', unit: 'glass' } });
    await client.ok('startTimer', { trackerId: (await client.ok('createTracker', { name: 'Run', settings: { type: 'duration' } })).tracker.id });
    await client.ok('addLog', { trackerId: tracker.id, value: 1, at: '2026-11-01T08:00:00Z' });
    await core.checkpoint();
    const logsDir = dataLayout(core.dataDir).trackerLogsDir(profile.id, tracker.id);
    expect(await readdir(logsDir)).toEqual(['2026-11.json']);
    await client.ok('addLog', { trackerId: tracker.id, value: 2, at: '2026-10-01T08:00:00Z' });
    await client.ok('deleteTracker', { trackerId: tracker.id });
    await client.ok('purgeTracker', { trackerId: tracker.id });
    // No checkpoint came before the purge: its logs are still on disk until the next one.
    expect(await readdir(logsDir)).toEqual(['2026-11.json']);

    const again = new Client(await startCore({ dataDir: await killedCopy(core.dataDir), now: () => NOW, ...QUIET }));
    await again.ok('logIn', LOG_IN);
    expect((await again.ok('listTrackers', {})).trackers.map((each) => each.name)).toEqual(['Run']);
    expect(await again.ok('listDeletedTrackers', {})).toEqual({ trackers: [] });

    await core.checkpoint();
    await expect(stat(logsDir)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await readFile(dataLayout(core.dataDir).trackersFile(profile.id), 'utf8')).not.toContain('Water');
  });

  it('a failed batch of tracker writes leaves memory and the reopened profile with only the acknowledged ones', async () => {
    const once = failureOnce();
    const core = await startCore({ now: () => NOW, fs: failingAppends(nodeFs, once.due, 'EIO') });
    const client = new Client(core);
    await client.ok('signUp', SIGN_UP);
    const { tracker: first } = await client.ok('createTracker', { name: 'First', settings: { type: 'boolean' } });
    once.arm();
    const results = await Promise.all([
      client.call('updateTracker', { trackerId: first.id, name: 'Renamed' }),
      ...Array.from({ length: 6 }, (_, i) => client.call('createTracker', { name: `T${String(i)}`, settings: { type: 'boolean' } })),
    ]);
    expect(results[0]).toMatchObject({ ok: false, error: { code: 'WRITE_FAILED' } });
    for (const result of results) if (!result.ok) expect(result.error.code).toBe('WRITE_FAILED');
    const created = results.slice(1).flatMap((result) => (result.ok && 'tracker' in result.value ? [result.value.tracker.name] : []));

    expect((await client.ok('listTrackers', {})).trackers.map((tracker) => tracker.name)).toEqual(['First', ...created]);
    await client.ok('createTracker', { name: 'Later', settings: { type: 'boolean' } });
    await core.close();

    const again = new Client(await startCore({ dataDir: core.dataDir, now: () => NOW }));
    await again.ok('logIn', LOG_IN);
    expect((await again.ok('listTrackers', {})).trackers.map((tracker) => tracker.name)).toEqual(['First', ...created, 'Later']);
  });
});
