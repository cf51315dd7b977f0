/**
 * How a log shard is stored since format version 2: by column, not one object per log.
 *
 *   { "version": 2, "ids": […], "at": […], "offsetMinutes": […], "values": […], "notes": […] }
 *
 * Version 1 was `{ "version": 1, "logs": [{ id, trackerId, at, offsetMinutes, value, note }] }`:
 * every log repeated its tracker's id and six key names, so a file was twice the size, and
 * reading one built an object per log from text twice as long. Columns of strings and
 * numbers read two to three times faster (bench/csv.ts, "read only"), which is what an
 * export, a first dashboard and an all-time chart spend their time on. The tracker's id
 * comes from the shard's place (its folder, which the envelope's authenticated path binds).
 *
 * Only the file changes: in memory a shard is `{ version: 2, logs }` with whole logs, so
 * nothing above the store knows. Version-1 files are read through `logShardV1toV2` and
 * written as version 2 the next time their month changes.
 */
import { isRecord, type JsonRecord } from './migrate';
import type { Opened } from './versioned-json-adapter';

interface StoredLogFields {
  readonly id: string;
  readonly at: string;
  readonly offsetMinutes: number;
  readonly value: unknown;
  readonly note: string;
}

const COLUMNS = ['ids', 'at', 'offsetMinutes', 'values', 'notes'] as const;

/** The file's record of a shard. One pass, five arrays: `map` five times walked the logs five times. */
export function shardColumns(logs: readonly StoredLogFields[]): JsonRecord {
  const ids: string[] = [];
  const at: string[] = [];
  const offsetMinutes: number[] = [];
  const values: unknown[] = [];
  const notes: string[] = [];
  for (const log of logs) {
    ids.push(log.id);
    at.push(log.at);
    offsetMinutes.push(log.offsetMinutes);
    values.push(log.value);
    notes.push(log.note);
  }
  return { version: 2, ids, at, offsetMinutes, values, notes };
}

/**
 * The shard a version-2 record holds, its logs given `trackerId`; or why the record is not
 * one. Only the columns are checked here; each log's fields are checked afterwards as any
 * shard's are (log-shard-guard.ts, then the schema), so a damaged cell is still named.
 */
export function shardFromColumns(record: JsonRecord, trackerId: string): Opened {
  for (const key of Object.keys(record)) {
    if (key !== 'version' && !(COLUMNS as readonly string[]).includes(key)) return { ok: false, reason: `it has an unknown column "${key}"` };
  }
  const columns: unknown[][] = [];
  for (const name of COLUMNS) {
    const column = record[name];
    if (!Array.isArray(column)) return { ok: false, reason: `its column "${name}" is missing or not a list` };
    columns.push(column);
  }
  const [ids, at, offsetMinutes, values, notes] = columns as [unknown[], unknown[], unknown[], unknown[], unknown[]];
  const count = ids.length;
  if (columns.some((column) => column.length !== count)) return { ok: false, reason: 'its columns have different lengths' };
  const logs = new Array<unknown>(count);
  for (let index = 0; index < count; index++) {
    logs[index] = { id: ids[index], trackerId, at: at[index], offsetMinutes: offsetMinutes[index], value: values[index], note: notes[index] };
  }
  return { ok: true, data: { version: 2, logs } };
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
