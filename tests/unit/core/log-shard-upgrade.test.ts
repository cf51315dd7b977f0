/**
 * The strict stored form of log shards (store/log-shard-rules.ts) and the one-time upgrade
 * of older files to it (store/log-shard-upgrade.ts):
 * - the rules, refused when read (DATA_FILE_DAMAGED, file kept) and when written
 *   (WRITE_REFUSED, nothing changed);
 * - the version 2 → 3 migration of one file (times made canonical, order, repeated ids);
 * - a profile of older files (a crash copy across months, an unsorted month, a time not in
 *   canonical form, a version-1 month) opened: each log once, the copy kept the one older
 *   reads showed, every shard rewritten at version 3, the marker written;
 * - run twice equals run once, a stop at every rename then a new run equals one run, and
 *   once done an open reads no shard.
 */
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Log } from '../../../src-preload/contract';
import { openProfileCodec, type StoredLog } from '../../../src-main/core/index';
import { mergeLogs, readAllShards } from '../../../src-main/core/services/log-shards';
import { createAtomicWriter } from '../../../src-main/core/store/atomic-writer';
import { nodeFs, type FsPort } from '../../../src-main/core/store/fs-port';
import { dataLayout, type DataLayout } from '../../../src-main/core/store/layout';
import { shardColumns } from '../../../src-main/core/store/log-shard-columns';
import { logShardV2toV3, shardRuleBreach } from '../../../src-main/core/store/log-shard-rules';
import { LOG_SHARDS_MARKER, upgradeLogShards } from '../../../src-main/core/store/log-shard-upgrade';
import { ProfileStore } from '../../../src-main/core/store/profile-store';
import { Client, closedProfileWithWeight, filesOf, SIGN_UP, startCore, tempDir } from './helpers';

const TRACKER = 'weight';
const logOf = (id: string, at: string, value: number): StoredLog => ({ id, trackerId: TRACKER, at, offsetMinutes: 60, value, note: '' });

/** A version-2 file of `logs`, as the versions before the strict form wrote them (any order, any text in `at`). */
const version2 = (logs: readonly StoredLog[]): string => JSON.stringify({ ...shardColumns(logs), version: 2 });
const version1 = (logs: readonly StoredLog[]): string => JSON.stringify({ version: 1, logs });

/**
 * An older profile's months: a log `m` moved from January to March by a version before the
 * journal (the new copy written in March, a crash before January lost it), February out of
 * order with a time not in `toISOString()` form, March holding an id twice, April of format 1.
 */
const OLDER: Record<string, string> = {
  '2026-01': version2([logOf('a1', '2026-01-05T07:00:00.000Z', 1), logOf('m', '2026-01-20T07:00:00.000Z', 2), logOf('a2', '2026-01-25T07:00:00.000Z', 3)]),
  '2026-02': version2([logOf('b1', '2026-02-03T08:00:00+01:00', 4), logOf('b2', '2026-02-01T07:00:00.000Z', 5)]),
  '2026-03': version2([logOf('m', '2026-03-10T07:00:00.000Z', 20), logOf('c1', '2026-03-11T07:00:00.000Z', 6), logOf('c1', '2026-03-12T07:00:00.000Z', 60)]),
  '2026-04': version1([logOf('d1', '2026-04-01T07:00:00.000Z', 7)]),
};

/** What reads showed before this version (each id once, the first met: months oldest first, file order), times made canonical, each month oldest first. */
const SHOWN: StoredLog[] = [
  logOf('a1', '2026-01-05T07:00:00.000Z', 1),
  logOf('m', '2026-01-20T07:00:00.000Z', 2),
  logOf('a2', '2026-01-25T07:00:00.000Z', 3),
  logOf('b2', '2026-02-01T07:00:00.000Z', 5),
  logOf('b1', '2026-02-03T07:00:00.000Z', 4),
  logOf('c1', '2026-03-11T07:00:00.000Z', 6),
  logOf('d1', '2026-04-01T07:00:00.000Z', 7),
];

describe('the strict stored form', () => {
  const AT = '2026-11-20T08:00:00.000Z';
  it.each<[string, string[], string[], RegExp | null]>([
    ['a shard that keeps the rules', ['a', 'b', 'c'], [AT, AT, '2026-11-30T23:59:59.999Z'], null],
    ['an empty shard', [], [], null],
    ['a time without milliseconds', ['a'], ['2026-11-20T08:00:00Z'], /log 0's time .* is not a UTC time of 2026-11/],
    ['a time with an offset', ['a'], ['2026-11-20T08:00:00.000+00:00'], /not a UTC time/],
    ['a time of another month', ['a'], ['2026-10-20T08:00:00.000Z'], /not a UTC time of 2026-11/],
    ['a day the month does not have', ['a'], ['2026-11-31T08:00:00.000Z'], /not a UTC time/],
    ['an hour past 23', ['a'], ['2026-11-20T24:00:00.000Z'], /not a UTC time/],
    ['a letter for a digit', ['a'], ['2026-11-20T08:00:0a.000Z'], /not a UTC time/],
    ['logs out of order', ['a', 'b'], ['2026-11-21T08:00:00.000Z', AT], /log 1 is earlier than the log before it/],
    ['an id twice', ['a', 'b', 'a'], [AT, AT, AT], /log 2 repeats the id "a"/],
    // The table hashes an id's last eight characters: ids alike there are still told apart.
    ['ids alike but for their start', ['x-12345678', 'y-12345678', 'z-12345678'], [AT, AT, AT], null],
    ['one of them twice', ['x-12345678', 'y-12345678', 'x-12345678'], [AT, AT, AT], /log 2 repeats the id "x-12345678"/],
    ['a UUID twice among many', [...Array.from({ length: 5000 }, () => crypto.randomUUID()), 'x'].flatMap((id, index, all) => (index === 4000 ? [id, all[10] as string] : [id])), Array.from({ length: 5002 }, () => AT), /log 4001 repeats the id/],
  ])('%s', (_name, ids, at, breach) => {
    const found = shardRuleBreach('2026-11', ids, at);
    if (breach === null) expect(found).toBeNull();
    else expect(found).toMatch(breach);
  });

  it('knows leap years: 29 February 2028, not 2026', () => {
    expect(shardRuleBreach('2028-02', ['a'], ['2028-02-29T00:00:00.000Z'])).toBeNull();
    expect(shardRuleBreach('2026-02', ['a'], ['2026-02-29T00:00:00.000Z'])).toMatch(/not a UTC time/);
  });

  it('accepts exactly what toISOString writes, moments all through a year', () => {
    const times = Array.from({ length: 2000 }, (_, i) => new Date(Date.UTC(2024, 0, 1) + i * 15_780_001).toISOString());
    for (const time of times) expect(shardRuleBreach(time.slice(0, 7), ['a'], [time])).toBeNull();
  });

  it('refuses to write a shard that breaks them (WRITE_REFUSED, nothing changed), alone or in a batch', async () => {
    const layout = dataLayout(await tempDir());
    const store = await ProfileStore.open({ layout, fs: nodeFs, writer: createAtomicWriter() }, 'p1');
    const log = logOf('l1', AT, 70);
    const shard = await store.shard(TRACKER, '2026-11');
    await shard.save({ version: 3, logs: [log] });
    const file = layout.logShardFile('p1', TRACKER, '2026-11');
    const before = await readFile(file);
    for (const logs of [
      [log, { ...log, id: 'l2', at: '2026-11-19T08:00:00.000Z' }],
      [{ ...log, at: '2026-12-01T08:00:00.000Z' }],
      [{ ...log, at: '2026-11-20T08:00:00Z' }],
      [log, { ...log, value: 71 }],
      [{ ...log, trackerId: 'another' }],
    ]) {
      await expect(shard.save({ version: 3, logs })).rejects.toMatchObject({ code: 'WRITE_REFUSED' });
      await expect(store.replaceMany({ shards: [{ trackerId: TRACKER, month: '2026-11', data: () => ({ version: 3, logs }) }] })).rejects.toMatchObject({ code: 'WRITE_REFUSED' });
    }
    expect(await readFile(file)).toEqual(before);
    expect(shard.data.logs).toEqual([log]);
  });

  it.each<[string, StoredLog[], RegExp]>([
    ['out of order', [logOf('a', '2026-01-02T07:00:00.000Z', 1), logOf('b', '2026-01-01T07:00:00.000Z', 2)], /log 1 is earlier/],
    ['a time not in canonical form', [logOf('a', '2026-01-02T07:00:00Z', 1)], /not a UTC time of 2026-01/],
    ['a time of another month', [logOf('a', '2026-02-02T07:00:00.000Z', 1)], /not a UTC time of 2026-01/],
    ['an id twice', [logOf('a', '2026-01-02T07:00:00.000Z', 1), logOf('a', '2026-01-03T07:00:00.000Z', 2)], /repeats the id "a"/],
  ])('refuses a version-3 shard %s when it is listed or exported: DATA_FILE_DAMAGED, the file kept', async (_name, logs, reason) => {
    const { dataDir, profile, tracker, layout } = await closedProfileWithWeight();
    const codec = await openProfileCodec(dataDir, profile.id, SIGN_UP.password);
    const file = layout.logShardFile(profile.id, tracker.id, '2026-01');
    await mkdir(dirname(file), { recursive: true });
    const text = JSON.stringify({ ...shardColumns(logs.map((log) => ({ ...log, trackerId: tracker.id }))), version: 3 });
    await writeFile(file, codec.encode(file, text));
    const before = await readFile(file);
    const client = new Client(await startCore({ dataDir }));
    await client.ok('logIn', { email: SIGN_UP.email, password: SIGN_UP.password });
    for (const result of [await client.call('listLogs', { trackerId: tracker.id }), await client.call('exportLogsCsv', {})]) {
      expect(result).toMatchObject({ ok: false, error: { code: 'DATA_FILE_DAMAGED' } });
      expect(!result.ok && result.error.message).toMatch(reason);
    }
    expect(await readFile(file)).toEqual(before);
  });
});

describe('the version 2 → 3 migration of one file', () => {
  it('makes times canonical, drops an id met again (the first kept) and sorts, equal times keeping their order', () => {
    const logs = [
      logOf('x', '2026-01-03T08:00:00+01:00', 1),
      logOf('y', '2026-01-02T07:00:00.000Z', 2),
      logOf('x', '2026-01-01T07:00:00.000Z', 3),
      logOf('z', '2026-01-03T07:00:00.000Z', 4),
      logOf('w', '2026-01-02T07:00:00.000Z', 5),
    ];
    expect(logShardV2toV3({ ...shardColumns(logs), version: 2 })).toEqual({
      ...shardColumns([logOf('y', '2026-01-02T07:00:00.000Z', 2), logOf('w', '2026-01-02T07:00:00.000Z', 5), logOf('x', '2026-01-03T07:00:00.000Z', 1), logOf('z', '2026-01-03T07:00:00.000Z', 4)]),
      version: 3,
    });
  });

  it('leaves a file that keeps the rules as it was, and what was malformed malformed', () => {
    const kept = shardColumns([logOf('a', '2026-01-01T07:00:00.000Z', 1), logOf('b', '2026-01-01T07:00:00.000Z', 2)]);
    expect(logShardV2toV3({ ...kept, version: 2 })).toEqual(kept);
    expect(logShardV2toV3({ version: 2 })).toEqual({ version: 3 });
    expect(logShardV2toV3({ ...kept, version: 2, at: [5, 6] })).toEqual({ ...kept, at: [5, 6] });
    expect(logShardV2toV3({ ...kept, version: 2, notes: [''] })).toEqual({ ...kept, notes: [''] });
    // Text that is no ISO time stays as it is, for the rules to refuse.
    expect(logShardV2toV3({ ...kept, version: 2, at: ['soon', '2026-01-01T07:00:00.000Z'] })['at']).toEqual(['2026-01-01T07:00:00.000Z', 'soon']);
  });
});

/** A data folder holding an older profile's shards (plain files) for `TRACKER`, without the marker. */
async function olderFolder(): Promise<{ layout: DataLayout; dataDir: string }> {
  const dataDir = await tempDir();
  const layout = dataLayout(dataDir);
  for (const [month, text] of Object.entries(OLDER)) {
    const file = layout.logShardFile('p1', TRACKER, month);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, text);
  }
  return { layout, dataDir };
}

/** Every shard file's JSON, by month, and whether the marker is there. */
async function stateOf(layout: DataLayout): Promise<{ shards: Record<string, unknown>; marker: boolean }> {
  const shards: Record<string, unknown> = {};
  for (const month of Object.keys(OLDER)) shards[month] = JSON.parse(await readFile(layout.logShardFile('p1', TRACKER, month), 'utf8'));
  const marker = (await readdir(layout.profileDir('p1'))).includes(LOG_SHARDS_MARKER);
  return { shards, marker };
}

/** The tracker's logs as the store reads them now (the strict reader). */
async function logsRead(layout: DataLayout): Promise<Log[]> {
  const store = await ProfileStore.open({ layout, fs: nodeFs, writer: createAtomicWriter() }, 'p1');
  return mergeLogs(await readAllShards(store, TRACKER));
}

describe('the upgrade of older files', () => {
  it('brings every shard to version 3 once: each log once, the copy older reads showed kept', async () => {
    const { layout } = await olderFolder();
    const deps = { layout, fs: nodeFs, writer: createAtomicWriter() };
    expect(await upgradeLogShards(deps, 'p1')).toEqual({ ran: true, written: 4, dropped: 1 });
    expect(await logsRead(layout)).toEqual(SHOWN);
    const { shards, marker } = await stateOf(layout);
    expect(marker).toBe(true);
    expect(Object.values(shards).map((shard) => (shard as { version: number }).version)).toEqual([3, 3, 3, 3]);
    expect((shards['2026-03'] as { ids: string[] }).ids).toEqual(['c1']);
  });

  it('run twice equals run once; once done, an open reads nothing but the marker', async () => {
    const { layout, dataDir } = await olderFolder();
    const deps = { layout, fs: nodeFs, writer: createAtomicWriter() };
    await upgradeLogShards(deps, 'p1');
    const once = await filesOf(dataDir);
    const reads: string[] = [];
    const counting: FsPort = { ...nodeFs, readdir: (dir) => (reads.push(dir), nodeFs.readdir(dir)), readBytes: (file) => (reads.push(file), nodeFs.readBytes(file)), readFile: (file, encoding) => (reads.push(file), nodeFs.readFile(file, encoding)) };
    expect(await upgradeLogShards({ ...deps, fs: counting }, 'p1')).toEqual({ ran: false, written: 0, dropped: 0 });
    expect(reads).toEqual([join(layout.profileDir('p1'), LOG_SHARDS_MARKER)]);
    // Without the marker it runs again, and finds nothing to rewrite.
    await rm(join(layout.profileDir('p1'), LOG_SHARDS_MARKER));
    expect(await upgradeLogShards(deps, 'p1')).toEqual({ ran: true, written: 0, dropped: 0 });
    expect(await filesOf(dataDir)).toEqual(once);
  });

  it('has nothing to do for a new profile: marked at sign-up, its first open reads no logs folder', async () => {
    const reads: string[] = [];
    const fs: FsPort = { ...nodeFs, readdir: (dir) => (reads.push(dir), nodeFs.readdir(dir)) };
    const core = await startCore({ fs });
    const client = new Client(core);
    const { profile } = await client.ok('signUp', SIGN_UP);
    const layout = dataLayout(core.dataDir);
    expect(await readdir(layout.profileDir(profile.id))).toContain(LOG_SHARDS_MARKER);
    await client.ok('createTracker', { name: 'Weight', settings: { type: 'numerical' } });
    expect(reads.filter((dir) => dir === layout.logsDir(profile.id))).toEqual([]);
  });

  it('stopped at any rename and run again, gives what one run gives', async () => {
    const reference = await olderFolder();
    await upgradeLogShards({ layout: reference.layout, fs: nodeFs, writer: createAtomicWriter() }, 'p1');
    const expected = await stateOf(reference.layout);
    const template = await olderFolder();
    // Four shards and the marker: five renames; each in turn fails (as a stop just before it
    // would leave the files). A shard that cannot be written fails the pass; the marker only
    // leaves the pass to run again at the next open.
    for (let failAt = 1; failAt <= 5; failAt++) {
      const dataDir = await tempDir();
      await cp(template.dataDir, dataDir, { recursive: true });
      const layout = dataLayout(dataDir);
      let renames = 0;
      const failing: FsPort = { ...nodeFs, rename: (from, to) => (++renames === failAt ? Promise.reject(Object.assign(new Error('I/O'), { code: 'EIO' })) : nodeFs.rename(from, to)) };
      const stopped = upgradeLogShards({ layout, fs: failing, writer: createAtomicWriter(failing) }, 'p1');
      if (failAt < 5) await expect(stopped).rejects.toMatchObject({ code: 'WRITE_FAILED' });
      else expect(await stopped).toEqual({ ran: true, written: 4, dropped: 1 });
      expect(renames).toBeGreaterThanOrEqual(failAt);
      expect((await stateOf(layout)).marker).toBe(false);
      await upgradeLogShards({ layout, fs: nodeFs, writer: createAtomicWriter() }, 'p1');
      expect(await stateOf(layout)).toEqual(expected);
      expect(await logsRead(layout)).toEqual(SHOWN);
    }
  });

  it('runs when an older profile is opened through the core: encrypted files rewritten, the log-in failing on a write and working after', async () => {
    const { dataDir, profile, tracker, layout } = await closedProfileWithWeight();
    const codec = await openProfileCodec(dataDir, profile.id, SIGN_UP.password);
    const shardFile = (month: string) => layout.logShardFile(profile.id, tracker.id, month);
    await mkdir(dirname(shardFile('2026-01')), { recursive: true });
    for (const [month, text] of Object.entries(OLDER)) await writeFile(shardFile(month), codec.encode(shardFile(month), text));
    await rm(join(layout.profileDir(profile.id), LOG_SHARDS_MARKER));
    const shown = SHOWN.map((log): Log => ({ ...log, trackerId: tracker.id }));

    let failOn: string | null = shardFile('2026-03');
    const fs: FsPort = { ...nodeFs, rename: (from, to) => (to === failOn ? Promise.reject(Object.assign(new Error('full'), { code: 'ENOSPC' })) : nodeFs.rename(from, to)) };
    const core = await startCore({ dataDir, fs });
    const first = new Client(core);
    await first.ok('logIn', { email: SIGN_UP.email, password: SIGN_UP.password });
    expect(await first.call('listLogs', { trackerId: tracker.id })).toMatchObject({ ok: false, error: { code: 'WRITE_FAILED' } });
    failOn = null;
    expect(await first.ok('listLogs', { trackerId: tracker.id, order: 'oldest' })).toEqual({ logs: shown, total: shown.length });

    const decoded = async (month: string) => JSON.parse(codec.decode(shardFile(month), await readFile(shardFile(month)))) as { version: number; ids: string[] };
    for (const month of Object.keys(OLDER)) expect((await decoded(month)).version).toBe(3);
    expect((await decoded('2026-03')).ids).toEqual(['c1']);
    await core.close();
    const again = new Client(await startCore({ dataDir }));
    await again.ok('logIn', { email: SIGN_UP.email, password: SIGN_UP.password });
    expect(await again.ok('listLogs', { trackerId: tracker.id, order: 'oldest' })).toEqual({ logs: shown, total: shown.length });
  });
});
