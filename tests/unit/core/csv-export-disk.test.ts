/**
 * The export's read path from disk: the quick shard and column checks accept only what
 * their schemas accept unchanged, shards come back in order (also after a restart, when nothing is
 * kept in memory), a damaged shard still fails with DATA_FILE_DAMAGED, and the export
 * reports its progress and clears it.
 */
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXPORT_PHASE } from '../../../src-main/core/services/csv';
import { logColumnsSchema, logShardSchema } from '../../../src-main/core/store/formats';
import { nodeFs, type FsPort } from '../../../src-main/core/store/fs-port';
import { isLogColumns, isLogShard } from '../../../src-main/core/store/log-shard-guard';
import type { JobView } from '../../../src-preload/contract';
import { Client, SIGN_UP, startCore } from './helpers';

const log = { id: 'l1', trackerId: 't1', at: '2026-01-02T08:30:00.000Z', offsetMinutes: 60, value: 72.5, note: 'a, "b"' };
const shardWith = (...logs: unknown[]) => ({ version: 3, logs });
const withField = (key: string, value: unknown) => shardWith({ ...log, [key]: value });
const without = (key: string) => shardWith(Object.fromEntries(Object.entries(log).filter(([name]) => name !== key)));

/** [name, input, what the quick check answers]. */
const TABLE: [string, unknown, boolean][] = [
  ['empty shard', shardWith(), true],
  ['a number', shardWith(log), true],
  ['a boolean', withField('value', false), true],
  ['option ids', withField('value', ['a', 'b']), true],
  ['no options', withField('value', []), true],
  ['negative offset', withField('offsetMinutes', -330), true],
  ['-0 offset', withField('offsetMinutes', -0), true],
  ['64-unit id', withField('id', 'x'.repeat(64)), true],
  ['empty note', withField('note', ''), true],
  ['several logs', shardWith(log, { ...log, id: 'l2', value: true }), true],
  // Refused here; the schema decides (it accepts and strips, or counts code points).
  ['extra key on a log', withField('extra', 1), false],
  ['extra key on the shard', { ...shardWith(log), extra: 1 }, false],
  ['65-unit id of 33 emoji', withField('id', '😀'.repeat(33)), false],
  // Refused by both.
  ['not an object', 'text', false],
  ['null', null, false],
  ['an array', [shardWith(log)], false],
  ['version 1', { version: 1, logs: [] }, false],
  ['version 2', { version: 2, logs: [] }, false],
  ['version 4', { version: 4, logs: [] }, false],
  ['version as text', { version: '3', logs: [] }, false],
  ['no logs', { version: 3 }, false],
  ['logs not an array', { version: 3, logs: {} }, false],
  ['a log that is null', shardWith(null), false],
  ['a log that is an array', shardWith([log]), false],
  ['empty id', withField('id', ''), false],
  ['65-char id', withField('id', 'x'.repeat(65)), false],
  ['numeric id', withField('id', 1), false],
  ['empty trackerId', withField('trackerId', ''), false],
  ['at as a number', withField('at', 1), false],
  ['fractional offset', withField('offsetMinutes', 1.5), false],
  ['unsafe integer offset', withField('offsetMinutes', 2 ** 53), false],
  ['offset as text', withField('offsetMinutes', '60'), false],
  ['value as text', withField('value', '72.5'), false],
  ['value null', withField('value', null), false],
  ['value object', withField('value', { a: 1 }), false],
  ['options with a number', withField('value', ['a', 1]), false],
  ['note null', withField('note', null), false],
  ['no note', without('note'), false],
  ['no value', without('value'), false],
  ['undefined value', withField('value', undefined), false],
];

describe('the quick log shard check', () => {
  it.each(TABLE)('%s', (_name, input, quick) => {
    expect(isLogShard(input)).toBe(quick);
    const parsed = logShardSchema.safeParse(input);
    // Whatever it accepts, the schema accepts and returns unchanged.
    if (quick) expect(parsed).toEqual({ success: true, data: input });
  });

  it('refuses only what the schema refuses, strips or counts by code point', () => {
    const differ = TABLE.filter(([, input, quick]) => !quick && logShardSchema.safeParse(input).success).map(([name]) => name);
    expect(differ).toEqual(['extra key on a log', 'extra key on the shard', '65-unit id of 33 emoji']);
  });
});

const columns = { version: 3, ids: ['l1'], at: [log.at], offsetMinutes: [60], values: [72.5], notes: ['a, "b"'] };
const withColumn = (key: string, value: unknown) => ({ ...columns, [key]: value });

/** [name, input, what the quick column check answers]. */
const COLUMNS_TABLE: [string, unknown, boolean][] = [
  ['one log', columns, true],
  ['no logs', { version: 3, ids: [], at: [], offsetMinutes: [], values: [], notes: [] }, true],
  ['every kind of value', withColumn('values', [false]), true],
  ['option ids', withColumn('values', [['a', 'b']]), true],
  ['negative offset', withColumn('offsetMinutes', [-330]), true],
  ['64-unit id', withColumn('ids', ['x'.repeat(64)]), true],
  // Refused here; the schema decides (it strips, or counts code points).
  ['extra column', withColumn('extra', []), false],
  ['65-unit id of 33 emoji', withColumn('ids', ['😀'.repeat(33)]), false],
  // Refused by both.
  ['not an object', 'text', false],
  ['an array', [columns], false],
  ['version 1', { ...columns, version: 1 }, false],
  ['no version', { ...columns, version: undefined }, false],
  ['a column missing', { version: 3, ids: [], at: [], offsetMinutes: [], values: [] }, false],
  ['a column not a list', withColumn('notes', 'a'), false],
  ['empty id', withColumn('ids', ['']), false],
  ['65-char id', withColumn('ids', ['x'.repeat(65)]), false],
  ['numeric id', withColumn('ids', [1]), false],
  ['at as a number', withColumn('at', [1]), false],
  ['fractional offset', withColumn('offsetMinutes', [1.5]), false],
  ['unsafe integer offset', withColumn('offsetMinutes', [2 ** 53]), false],
  ['offset as text', withColumn('offsetMinutes', ['60']), false],
  ['value as text', withColumn('values', ['72.5']), false],
  ['value null', withColumn('values', [null]), false],
  ['options with a number', withColumn('values', [['a', 1]]), false],
  ['note null', withColumn('notes', [null]), false],
  ['a hole', withColumn('notes', new Array(1)), false],
];

describe('the quick log column check', () => {
  it.each(COLUMNS_TABLE)('%s', (_name, input, quick) => {
    expect(isLogColumns(input)).toBe(quick);
    // Whatever it accepts, the schema accepts and returns unchanged.
    if (quick) expect(logColumnsSchema.safeParse(input)).toEqual({ success: true, data: input });
  });

  it('refuses only what the schema refuses, strips or counts by code point', () => {
    const differ = COLUMNS_TABLE.filter(([, input, quick]) => !quick && logColumnsSchema.safeParse(input).success).map(([name]) => name);
    expect(differ).toEqual(['extra column', '65-unit id of 33 emoji']);
  });
});

async function profileWithMonths(months: number, fs?: FsPort) {
  const core = await startCore(fs === undefined ? {} : { fs });
  const client = new Client(core);
  await client.ok('signUp', SIGN_UP);
  const a = await client.ok('createTracker', { name: 'Steps', settings: { type: 'numerical' } });
  const b = await client.ok('createTracker', { name: 'Walked', settings: { type: 'boolean' } });
  for (let month = 0; month < months; month++) {
    const at = `20${String(20 + Math.floor(month / 12))}-${String((month % 12) + 1).padStart(2, '0')}-15T10:00:00+00:00`;
    await client.ok('addLog', { trackerId: a.tracker.id, at, value: month, note: `n${month}` });
    await client.ok('addLog', { trackerId: b.tracker.id, at, value: month % 2 === 0 });
  }
  return { core, client, ids: [a.tracker.id, b.tracker.id] };
}

describe('exportLogsCsv from disk', () => {
  it('gives the same file after a restart (shards read from disk, not kept) as from memory', async () => {
    const { core, client } = await profileWithMonths(20);
    const warm = (await client.ok('exportLogsCsv', {})).csv;
    const lines = warm.split('\r\n');
    expect(lines).toHaveLength(1 + 40 + 1);
    expect(lines[1]).toBe('Steps,2020-01-15T10:00:00+00:00,0,0,n0');
    expect(lines[21]).toBe('Walked,2020-01-15T10:00:00+00:00,yes,true,');
    await core.close();
    const again = new Client(await startCore({ dataDir: core.dataDir }));
    await again.ok('logIn', { email: SIGN_UP.email, password: SIGN_UP.password });
    expect((await again.ok('exportLogsCsv', {})).csv).toBe(warm);
  });

  it('fails with DATA_FILE_DAMAGED when one shard is damaged, and reports nothing after', async () => {
    const { core, ids } = await profileWithMonths(12);
    await core.close();
    const shardDir = join(core.dataDir, 'profiles');
    const profile = (await readdir(shardDir))[0] as string;
    const logsDir = join(shardDir, profile, 'logs', ids[0] as string);
    await writeFile(join(logsDir, (await readdir(logsDir)).sort()[3] as string), 'not a sealed file');
    const client = new Client(await startCore({ dataDir: core.dataDir }));
    await client.ok('logIn', { email: SIGN_UP.email, password: SIGN_UP.password });
    const result = await client.call('exportLogsCsv', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'DATA_FILE_DAMAGED' } });
    expect(await client.ok('jobProgress', {})).toEqual({ job: null });
  });

  it('reports its progress in months read, never going back, and clears it when done', async () => {
    const seen: (JobView | null)[] = [];
    let watcher: Client | null = null;
    // Each shard read asks for the progress, as the renderer's polling would.
    const fs: FsPort = {
      ...nodeFs,
      readBytes: async (path) => {
        if (watcher !== null && path.includes('/logs/')) seen.push((await watcher.ok('jobProgress', {})).job);
        return nodeFs.readBytes(path);
      },
    };
    const { core } = await profileWithMonths(15, fs);
    await core.close();
    const client = new Client(await startCore({ dataDir: core.dataDir, fs }));
    await client.ok('logIn', { email: SIGN_UP.email, password: SIGN_UP.password });
    watcher = client;
    expect(await client.ok('jobProgress', {})).toEqual({ job: null });
    await client.ok('exportLogsCsv', {});
    watcher = null;
    expect(seen.length).toBe(30);
    expect(seen.every((job) => job?.kind === 'export' && job.phase === EXPORT_PHASE && job.total === 30)).toBe(true);
    const done = seen.map((job) => job?.done ?? -1);
    expect(done).toEqual([...done].sort((x, y) => x - y));
    expect(done.at(-1)).toBeGreaterThan(0);
    expect(await client.ok('jobProgress', {})).toEqual({ job: null });
  });
});
