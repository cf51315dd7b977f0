/**
 * Log writes through the profile's journal (issue 14): concurrent writes share syncs (group
 * commit), a failed batch takes every write computed after it down with it and leaves
 * memory as the disk has it, and a checkpoint leaves the files whole and the journal empty.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeFs, type FsPort } from '../../../src-main/core/store/fs-port';
import { JOURNAL_HEADER_BYTES } from '../../../src-main/core/store/journal/record-format';
import { dataLayout } from '../../../src-main/core/store/layout';
import { Client, failingAppends, SIGN_UP, startCore } from './helpers';

const NOW = new Date('2026-11-25T12:00:00.000Z');
const LOG_IN = { email: SIGN_UP.email, password: SIGN_UP.password } as const;

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
    // One batch fails (the first write of a record after `armed`); the next ones would not.
    let armed = false;
    const { core, client, tracker } = await withTracker(
      failingAppends(
        nodeFs,
        () => {
          const fail = armed;
          armed = false;
          return fail;
        },
        'EIO',
      ),
    );
    const first = (await client.ok('addLog', { trackerId: tracker.id, value: 1, at: '2026-11-01T08:00:00Z' })).log;
    armed = true;
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

  /** Where a checkpoint is made to fail: each of its steps, in order. */
  const STEPS: readonly [string, (fs: 'rename' | 'unlink', path: string) => boolean][] = [
    ['opening the new segment', (call, path) => call === 'rename' && path.endsWith('.qsj')],
    ['writing a shard', (call, path) => call === 'rename' && /\/logs\/[^/]+\/\d{4}-\d{2}\.json$/.test(path)],
    ['writing summaries.json', (call, path) => call === 'rename' && path.endsWith('/summaries.json')],
    ['writing checkpoint.json', (call, path) => call === 'rename' && path.endsWith('/checkpoint.json')],
    ['deleting the covered segments', (call, path) => call === 'unlink' && path.endsWith('.qsj')],
  ];

  it.each(STEPS)('a checkpoint that fails at %s loses no acknowledged entry and shows none twice, now and after a reopen', async (_step, failsAt) => {
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
    await expect(core.checkpoint()).rejects.toBeDefined();
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
