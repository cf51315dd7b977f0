/**
 * Log shards stored by column (since format version 2, store/log-shard-columns.ts): the columns
 * give back exactly the logs written; a version-1 shard (one object per log) is read as
 * before and written by column when its month next changes; a shard whose columns are
 * damaged is refused with DATA_FILE_DAMAGED naming the problem, left as it is and copied
 * to `.corrupt`; a newer version is refused untouched.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { encodeLogShard, openProfileCodec, type FileCodec, type StoredLog } from '../../../src-main/core/index';
import { COLUMNS as COLUMN_NAMES, columnsText, logShardV1toV2, parseColumnsText, shardColumns, shardFromColumns } from '../../../src-main/core/store/log-shard-columns';
import type { JsonRecord } from '../../../src-main/core/store/migrate';
import { Client, closedProfileWithWeight, SIGN_UP, startCore } from './helpers';

const TRACKER = 'tracker-1';
const logOf = (id: string, at: string, value: StoredLog['value'], note = '', offsetMinutes = 60): StoredLog => ({ id, trackerId: TRACKER, at, offsetMinutes, value, note });
const LOGS: StoredLog[] = [
  logOf('a', '2026-01-01T07:00:00.000Z', 72.5, 'a, "quoted" note'),
  logOf('b', '2026-01-02T07:00:00.000Z', true, 'two\nlines', -330),
  logOf('c', '2026-01-03T07:00:00.000Z', ['opt-1', 'opt-2'], '😀'),
  logOf('d', '2026-01-04T07:00:00.250Z', 5400, '', 0),
  logOf('e', '2026-01-05T07:00:00.000Z', [], ''),
];

describe('columns', () => {
  it('give back exactly the logs written, each with the shard’s tracker', () => {
    const record = JSON.parse(encodeLogShard(LOGS)) as JsonRecord;
    expect(Object.keys(record)).toEqual(['version', 'ids', 'at', 'offsetMinutes', 'values', 'notes']);
    expect(shardFromColumns(record, TRACKER)).toEqual({ ok: true, data: { version: 3, logs: LOGS } });
    expect(shardFromColumns(shardColumns([]), TRACKER)).toEqual({ ok: true, data: { version: 3, logs: [] } });
  });

  it('take about half the bytes of one object per log', () => {
    const many = Array.from({ length: 500 }, (_, i) => ({ ...LOGS[i % LOGS.length], id: crypto.randomUUID(), trackerId: crypto.randomUUID() }) as StoredLog);
    const columns = encodeLogShard(many).length;
    const objects = JSON.stringify({ version: 1, logs: many }).length;
    expect(columns / objects).toBeLessThan(0.6);
  });

  it.each<[string, JsonRecord, string]>([
    ['an unknown column', { ...shardColumns(LOGS), extra: [] }, 'it has an unknown column "extra"'],
    ['a missing column', { version: 2, ids: [], at: [], offsetMinutes: [], values: [] }, 'its column "notes" is missing or not a list'],
    ['a column that is not a list', { ...shardColumns(LOGS), at: 'x' }, 'its column "at" is missing or not a list'],
    ['columns of different lengths', { ...shardColumns(LOGS), notes: ['only one'] }, 'its columns have different lengths'],
  ])('refuse %s', (_name, record, reason) => {
    expect(shardFromColumns(record, TRACKER)).toEqual({ ok: false, reason });
  });
});

describe('the file text, a column a line', () => {
  const text = encodeLogShard(LOGS);
  const bytes = (value: string) => Buffer.from(value, 'utf8');
  /** What parseColumnsText answers: the value, or that it threw. */
  const parsed = (value: string): unknown => {
    try {
      return { value: parseColumnsText(bytes(value)) };
    } catch (error) {
      return { threw: error instanceof SyntaxError };
    }
  };
  const byJson = (value: string): unknown => {
    try {
      return { value: JSON.parse(value) as unknown };
    } catch (error) {
      return { threw: error instanceof SyntaxError };
    }
  };

  it('is JSON of the columns, one line each, and reads back as JSON.parse reads it', () => {
    expect(text.split('\n')).toHaveLength(6);
    expect(JSON.parse(text)).toEqual(shardColumns(LOGS));
    expect(parseColumnsText(bytes(text))).toEqual(shardColumns(LOGS));
    expect(text).toBe(columnsText(shardColumns(LOGS)));
  });

  it('is parsed a column at a time, never as one string of the whole file', () => {
    const parse = vi.spyOn(JSON, 'parse');
    try {
      parseColumnsText(bytes(text));
      expect(parse.mock.calls.map(([argument]) => argument)).toEqual(COLUMN_NAMES.map((name) => JSON.stringify(shardColumns(LOGS)[name])));
      parse.mockClear();
      parseColumnsText(bytes(JSON.stringify(shardColumns(LOGS))));
      expect(parse.mock.calls.map(([argument]) => argument)).toEqual([JSON.stringify(shardColumns(LOGS))]);
    } finally {
      parse.mockRestore();
    }
  });

  it.each<[string, string]>([
    ['ours', text],
    ['ours, empty', encodeLogShard([])],
    ['notes with line breaks, quotes, backslashes and emoji', encodeLogShard(LOGS.map((log) => ({ ...log, note: 'a\nb\r\n"c" \\ 😀\u2028' })))],
    ['compact (written before)', JSON.stringify(shardColumns(LOGS))],
    ['pretty-printed', JSON.stringify(shardColumns(LOGS), null, 2)],
    ['version 2, a column a line', text.replace('{"version":3,', '{"version":2,')],
    ['version 1', JSON.stringify({ version: 1, logs: LOGS })],
    ['columns in another order', text.replace('"ids":', '"idz":').replace('"at":', '"ids":').replace('"idz":', '"at":')],
    ['a line break inside a column', text.replace('"ids":[', '"ids":[\n')],
    ['white space around a column', text.replace('"ids":[', '"ids": [')],
    ['a trailing line break', `${text}\n`],
    ['a trailing brace', `${text}}`],
    ['the last line break missing', text.replace(',\n"notes"', ',"notes"')],
    ['a column that is not JSON', text.replace('"at":[', '"at":[,')],
    ['two values on a line', text.replace('"at":[', '"at":[], "extra":[')],
    ['a column cut short', text.slice(0, text.indexOf('\n"values"') - 3) + text.slice(text.indexOf('\n"values"'))],
    ['no closing brace', text.slice(0, -1)],
    ['a comma missing at a line end', text.replace('],\n"notes"', ']\n"notes"')],
    ['an empty line', text.replace('\n"at"', '\n\n"at"')],
    ['a byte-order mark', `\uFEFF${text}`],
    ['empty', ''],
  ])('%s: the same value or refusal as JSON.parse', (_name, value) => {
    expect(parsed(value)).toEqual(byJson(value));
  });
});

describe('the version 1 → 2 migration', () => {
  it('turns logs into columns and drops their tracker id (the shard’s place gives it)', () => {
    expect(logShardV1toV2({ version: 1, logs: LOGS.map((log) => ({ ...log, trackerId: 'anything' })) })).toEqual({ ...shardColumns(LOGS), version: 2 });
    expect(logShardV1toV2({ version: 1, logs: [] })).toEqual({ ...shardColumns([]), version: 2 });
  });

  it('leaves what was malformed malformed', () => {
    expect(logShardV1toV2({ version: 1 })).toEqual({ version: 2 });
    expect(logShardV1toV2({ version: 1, logs: {} })).toEqual({ version: 2 });
    const fromNull = logShardV1toV2({ version: 1, logs: [null] });
    expect(fromNull['ids']).toEqual([undefined]);
    const opened = shardFromColumns(fromNull, TRACKER);
    expect(opened.ok && (opened.data as { logs: StoredLog[] }).logs[0]?.id).toBeUndefined();
  });
});

/** A profile with one tracker and the codec of its files (they are encrypted, as always). */
async function profileWithTracker() {
  const { dataDir, profile, tracker, layout } = await closedProfileWithWeight();
  const codec = await openProfileCodec(dataDir, profile.id, SIGN_UP.password);
  const shardFile = (month: string) => layout.logShardFile(profile.id, tracker.id, month);
  const reopen = async () => {
    const again = new Client(await startCore({ dataDir }));
    await again.ok('logIn', { email: SIGN_UP.email, password: SIGN_UP.password });
    return again;
  };
  return { tracker, codec, shardFile, reopen };
}

const mkdirFor = (file: string) => mkdir(dirname(file), { recursive: true });
const write = async (codec: FileCodec, file: string, text: string) => writeFile(file, codec.encode(file, text));
const read = async (codec: FileCodec, file: string) => codec.decode(file, await readFile(file));

describe('shards on disk', () => {
  it('reads a version-1 shard, and writes its month by column when it changes; other months stay as they were', async () => {
    const { tracker, codec, shardFile, reopen } = await profileWithTracker();
    const v1 = (id: string, at: string, value: number) => ({ id, trackerId: tracker.id, at, offsetMinutes: 60, value, note: '' });
    const january = JSON.stringify({ version: 1, logs: [v1('j1', '2026-01-02T07:00:00.000Z', 70)] });
    const february = JSON.stringify({ version: 1, logs: [v1('f1', '2026-02-02T07:00:00.000Z', 71)] });
    await mkdirFor(shardFile('2026-01'));
    await write(codec, shardFile('2026-01'), january);
    await write(codec, shardFile('2026-02'), february);

    const client = await reopen();
    const { logs } = await client.ok('listLogs', { trackerId: tracker.id });
    expect(logs.map((log) => [log.id, log.trackerId, log.value])).toEqual([
      ['f1', tracker.id, 71],
      ['j1', tracker.id, 70],
    ]);
    const { log: added } = await client.ok('addLog', { trackerId: tracker.id, value: 69, at: '2026-01-03T07:00:00Z' });
    // Locking checkpoints the journal: the shard file then holds the entry.
    await client.ok('logOut', {});
    expect(JSON.parse(await read(codec, shardFile('2026-01')))).toEqual({
      version: 3,
      ids: ['j1', added.id],
      at: ['2026-01-02T07:00:00.000Z', '2026-01-03T07:00:00.000Z'],
      offsetMinutes: [60, added.offsetMinutes],
      values: [70, 69],
      notes: ['', ''],
    });
    expect(await read(codec, shardFile('2026-02'))).toBe(february);
  });

  /** [name, file text, the listing's reason, the export's reason (it reads the columns as they are)]. */
  it.each<[string, string, RegExp, RegExp]>([
    ['a column missing', JSON.stringify({ version: 2, ids: ['x'], at: ['2026-01-02T07:00:00.000Z'], offsetMinutes: [60], values: [1] }), /its column "notes" is missing/, /its column "notes" is missing/],
    ['an unknown column', JSON.stringify({ ...shardColumns(LOGS), extra: [] }), /it has an unknown column "extra"/, /it has an unknown column "extra"/],
    ['columns of different lengths', JSON.stringify({ ...shardColumns(LOGS), values: [1] }), /its columns have different lengths/, /its columns have different lengths/],
    ['a cell of the wrong type', JSON.stringify({ ...shardColumns(LOGS), at: LOGS.map(() => 5) }), /unexpected content at logs\.0\.at/, /unexpected content at at\.0/],
    ['an id too long', JSON.stringify({ ...shardColumns(LOGS), ids: LOGS.map((_, i) => `${i}`.repeat(65)) }), /unexpected content at logs\.0\.id/, /unexpected content at ids\.0/],
    ['a fractional offset', JSON.stringify({ ...shardColumns(LOGS), offsetMinutes: LOGS.map(() => 1.5) }), /unexpected content at logs\.0\.offsetMinutes/, /unexpected content at offsetMinutes\.0/],
    ['a version-1 log that is not an object', JSON.stringify({ version: 1, logs: [null] }), /unexpected content at logs\.0\.id/, /unexpected content at ids\.0/],
  ])('refuses a shard with %s, listed or exported: DATA_FILE_DAMAGED, file untouched, a .corrupt copy', async (_name, text, listed, exported) => {
    const { tracker, codec, shardFile, reopen } = await profileWithTracker();
    const file = shardFile('2026-01');
    await mkdirFor(file);
    await write(codec, file, text);
    const before = await readFile(file);
    const client = await reopen();
    for (const [result, reason] of [
      [await client.call('listLogs', { trackerId: tracker.id }), listed],
      [await client.call('exportLogsCsv', {}), exported],
    ] as const) {
      expect(result).toMatchObject({ ok: false, error: { code: 'DATA_FILE_DAMAGED' } });
      expect(!result.ok && result.error.message).toMatch(reason);
    }
    expect(await readFile(file)).toEqual(before);
    expect(await readFile(`${file}.corrupt`)).toEqual(before);
  });

  it('exports a version-1 shard as it lists it, and leaves the file as it was', async () => {
    const { tracker, codec, shardFile, reopen } = await profileWithTracker();
    const v1 = JSON.stringify({ version: 1, logs: LOGS.map((log) => ({ ...log, trackerId: tracker.id })) });
    await mkdirFor(shardFile('2026-01'));
    await write(codec, shardFile('2026-01'), v1);
    const client = await reopen();
    const { csv } = await client.ok('exportLogsCsv', {});
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[1]).toBe('Weight,2026-01-01T08:00:00+01:00,72.5,72.5,"a, ""quoted"" note"');
    expect(lines.at(-1)).toBe('Weight,2026-01-05T08:00:00+01:00,,[],');
    expect(csv.split('\r\nWeight,')).toHaveLength(1 + LOGS.length);
    expect(await read(codec, shardFile('2026-01'))).toBe(v1);
  });

  it('refuses a shard of a newer format version and leaves it untouched', async () => {
    const { tracker, codec, shardFile, reopen } = await profileWithTracker();
    const file = shardFile('2026-01');
    await mkdirFor(file);
    await write(codec, file, JSON.stringify({ ...shardColumns(LOGS), version: 4 }));
    const before = await readFile(file);
    const client = await reopen();
    expect(await client.call('listLogs', { trackerId: tracker.id })).toMatchObject({ ok: false, error: { code: 'DATA_FILE_TOO_NEW' } });
    expect(await client.call('exportLogsCsv', {})).toMatchObject({ ok: false, error: { code: 'DATA_FILE_TOO_NEW' } });
    expect(await readFile(file)).toEqual(before);
  });
});
