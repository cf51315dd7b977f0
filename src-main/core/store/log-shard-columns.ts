/**
 * How a log shard is stored since format version 2: by column, not one object per log.
 *
 *   { "version": 3, "ids": […], "at": […], "offsetMinutes": […], "values": […], "notes": […] }
 *
 * Version 1 was `{ "version": 1, "logs": [{ id, trackerId, at, offsetMinutes, value, note }] }`:
 * every log repeated its tracker's id and six key names, so a file was twice the size, and
 * reading one built an object per log from text twice as long. Columns of strings and
 * numbers read two to three times faster (bench/csv.ts, "read only"), which is what an
 * export, a first dashboard and an all-time chart spend their time on. The tracker's id
 * comes from the shard's place (its folder, which the envelope's authenticated path binds).
 *
 * In memory a shard is `{ version: 3, logs }` with whole logs, so nothing above the store
 * knows — except a pass over a whole history (an export), which may read the columns as
 * they are (`LogColumns`, formats.ts's `logColumnsFormat`). Version 3 has the same
 * columns as version 2 and the strict rules of log-shard-rules.ts; older files are read
 * through `logShardV1toV2` and `logShardV2toV3`, and rewritten once by log-shard-upgrade.ts.
 */
import { isRecord, type JsonRecord } from './migrate';
import type { Opened } from './versioned-json-adapter';

/** A stored log's value: a number, yes/no, or option ids (formats.ts checks which). */
type StoredValue = number | boolean | string[];

interface StoredLogFields {
  readonly id: string;
  readonly at: string;
  readonly offsetMinutes: number;
  readonly value: StoredValue;
  readonly note: string;
}

/**
 * A shard as the file holds it, cell `i` of every column being log `i`. Reading it so (an
 * export) skips making an object per log, which was a tenth of a million-log export.
 */
export type LogColumns = {
  readonly version: typeof LOG_SHARD_VERSION;
  readonly ids: readonly string[];
  readonly at: readonly string[];
  readonly offsetMinutes: readonly number[];
  readonly values: readonly StoredValue[];
  readonly notes: readonly string[];
};

/** The log shard format's version: 3 since the stored form is strict (log-shard-rules.ts). */
export const LOG_SHARD_VERSION = 3;

export const COLUMNS = ['ids', 'at', 'offsetMinutes', 'values', 'notes'] as const;

/** The file's record of a shard. One pass, five arrays: `map` five times walked the logs five times. */
export function shardColumns(logs: readonly StoredLogFields[]): LogColumns {
  const ids: string[] = [];
  const at: string[] = [];
  const offsetMinutes: number[] = [];
  const values: StoredValue[] = [];
  const notes: string[] = [];
  for (const log of logs) {
    ids.push(log.id);
    at.push(log.at);
    offsetMinutes.push(log.offsetMinutes);
    values.push(log.value);
    notes.push(log.note);
  }
  return { version: LOG_SHARD_VERSION, ids, at, offsetMinutes, values, notes };
}

/*
 * The file's text puts each column on a line of its own:
 *
 *   {"version":3,
 *   "ids":[…],
 *   "at":[…],
 *   …
 *   "notes":[…]}
 *
 * which is the same JSON (line breaks between members are white space, and JSON text never
 * holds a raw line break inside a string), so any JSON reader reads it. The reason is
 * V8: a string of 128 KiB or more is made outside the young generation, in fresh memory —
 * decoding a 170 KB shard (2,000 logs) into one string cost fifty times what four smaller
 * strings cost. `parseColumnsText` decodes and parses the file a line at a time.
 */

const LINE_BREAK = 10;
const COMMA = 44;
const CLOSING_BRACE = 125;
const HEAD = `{"version":${LOG_SHARD_VERSION},`;
/** `{"version":` then one digit and `,` and a line break: files of version 2 have the same layout. */
const HEAD_START = Buffer.from('{"version":');
const HEAD_LENGTH = HEAD.length + 1;
const KEY_BYTES = COLUMNS.map((name) => Buffer.from(`${JSON.stringify(name)}:`));

/** The file's text of `columns`: one line per column (see above). */
export function columnsText(columns: LogColumns): string {
  return `${HEAD}\n${COLUMNS.map((name) => `${JSON.stringify(name)}:${JSON.stringify(columns[name])}`).join(',\n')}}`;
}

/**
 * `JSON.parse` of the file's UTF-8 text, the same value and the same refusals: a file laid
 * out by `columnsText` is parsed a column at a time; any other (written compactly before,
 * version 1, changed by hand) is parsed whole.
 */
export function parseColumnsText(bytes: Buffer): unknown {
  return byLines(bytes) ?? JSON.parse(bytes.toString('utf8'));
}

/** The record of a file laid out by `columnsText`, each column parsed alone; null for any other layout or a line that does not parse. */
function byLines(bytes: Buffer): JsonRecord | null {
  const version = (bytes[HEAD_START.length] ?? 0) - 48;
  if (!startsWith(bytes, HEAD_START, 0) || version < 2 || version > 9 || bytes[HEAD_LENGTH - 2] !== COMMA || bytes[HEAD_LENGTH - 1] !== LINE_BREAK) return null;
  const record: JsonRecord = { version };
  let start = HEAD_LENGTH;
  for (let column = 0; column < COLUMNS.length; column++) {
    const key = KEY_BYTES[column] as Buffer;
    if (!startsWith(bytes, key, start)) return null;
    const last = column === COLUMNS.length - 1;
    const breakAt = bytes.indexOf(LINE_BREAK, start);
    const end = last ? bytes.length : breakAt;
    // Every line but the last ends in `,` and a line break; the last ends the file in `}`.
    if (last ? breakAt !== -1 : breakAt === -1) return null;
    if (bytes[end - 1] !== (last ? CLOSING_BRACE : COMMA) || end - 1 < start + key.length) return null;
    try {
      record[COLUMNS[column] as string] = JSON.parse(bytes.toString('utf8', start + key.length, end - 1));
    } catch {
      return null;
    }
    start = end + 1;
  }
  return record;
}

const startsWith = (bytes: Buffer, prefix: Buffer, at: number): boolean => bytes.length >= at + prefix.length && bytes.compare(prefix, 0, prefix.length, at, at + prefix.length) === 0;

/**
 * The record itself when it has exactly the five columns, as lists of one length; or why
 * it is not a shard. Cells are checked afterwards (log-shard-guard.ts, then the schema).
 */
export function openColumns(record: JsonRecord): Opened {
  for (const key of Object.keys(record)) {
    if (key !== 'version' && !(COLUMNS as readonly string[]).includes(key)) return { ok: false, reason: `it has an unknown column "${key}"` };
  }
  for (const name of COLUMNS) {
    if (!Array.isArray(record[name])) return { ok: false, reason: `its column "${name}" is missing or not a list` };
  }
  const count = (record['ids'] as unknown[]).length;
  if (COLUMNS.some((name) => (record[name] as unknown[]).length !== count)) return { ok: false, reason: 'its columns have different lengths' };
  return { ok: true, data: record };
}

/**
 * The shard a record of the current version holds, its logs given `trackerId`; or why the record is not
 * one. Only the columns are checked here; each log's fields are checked afterwards as any
 * shard's are (log-shard-guard.ts, then the schema), so a damaged cell is still named.
 */
export function shardFromColumns(record: JsonRecord, trackerId: string): Opened {
  const opened = openColumns(record);
  if (!opened.ok) return opened;
  const [ids, at, offsetMinutes, values, notes] = COLUMNS.map((name) => record[name] as unknown[]) as [unknown[], unknown[], unknown[], unknown[], unknown[]];
  const count = ids.length;
  const logs = new Array<unknown>(count);
  for (let index = 0; index < count; index++) {
    logs[index] = { id: ids[index], trackerId, at: at[index], offsetMinutes: offsetMinutes[index], value: values[index], note: notes[index] };
  }
  return { ok: true, data: { version: LOG_SHARD_VERSION, logs } };
}

/**
 * Version 1 → 2: the logs' fields into columns. Each log's own tracker id is dropped (it was
 * always the shard's). Whatever was malformed stays malformed — a log that is not an object
 * leaves empty cells, missing `logs` leaves no columns — so the check after it refuses the
 * file as it refused the version-1 file.
 */
export function logShardV1toV2(old: JsonRecord): JsonRecord {
  const logs = old['logs'];
  if (!Array.isArray(logs)) return { version: 2 };
  const fields = logs.map((log): JsonRecord => (isRecord(log) ? log : {}));
  return {
    version: 2,
    ids: fields.map((log) => log['id']),
    at: fields.map((log) => log['at']),
    offsetMinutes: fields.map((log) => log['offsetMinutes']),
    values: fields.map((log) => log['value']),
    notes: fields.map((log) => log['note']),
  };
}
