/**
 * Hand-written checks of a log shard's shape (whole logs, or the file's columns): an
 * export reads every shard of a profile, and zod rebuilding each of a million log objects
 * (and the garbage that leaves) was a third of its time. The adapter runs this first and,
 * only when it refuses, the zod schema — so whatever the schema accepts is still accepted
 * and every refusal still carries zod's message. It must therefore never accept anything
 * the schema refuses or would return changed (a test holds it to `logShardSchema`):
 * objects with keys the schema does not name are refused here (zod strips them). The rules
 * over a whole shard (times, order, ids) are log-shard-rules.ts's, applied after either.
 */
import type { LogShard } from './formats';
import { LOG_SHARD_VERSION, type LogColumns } from './log-shard-columns';

/** `id` in formats.ts: 1 to 64 characters. Longer texts may still be 64 code points: zod decides. */
const isId = (value: unknown): value is string => typeof value === 'string' && value.length >= 1 && value.length <= 64;

const isValue = (value: unknown): boolean => {
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value === 'boolean') return true;
  if (!Array.isArray(value)) return false;
  for (const item of value) if (typeof item !== 'string') return false;
  return true;
};

const LOG_KEYS = 6;

function isStoredLog(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const log = value as Record<string, unknown>;
  let keys = 0;
  // for…in counts own keys without building an array per log; JSON.parse objects have no inherited enumerable keys.
  for (const key in log) {
    if (!Object.hasOwn(log, key)) return false;
    keys++;
  }
  return (
    keys === LOG_KEYS &&
    isId(log['id']) &&
    isId(log['trackerId']) &&
    typeof log['at'] === 'string' &&
    Number.isSafeInteger(log['offsetMinutes']) &&
    isValue(log['value']) &&
    typeof log['note'] === 'string'
  );
}

/** True only for a shard `logShardSchema` accepts unchanged. */
export function isLogShard(raw: unknown): raw is LogShard {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return false;
  const shard = raw as Record<string, unknown>;
  if (Object.keys(shard).length !== 2 || shard['version'] !== LOG_SHARD_VERSION) return false;
  const logs = shard['logs'];
  if (!Array.isArray(logs)) return false;
  for (const log of logs) if (!isStoredLog(log)) return false;
  return true;
}

const COLUMN_KEYS = 6;

function every(column: unknown, holds: (cell: unknown) => boolean): boolean {
  if (!Array.isArray(column)) return false;
  for (const cell of column) if (!holds(cell)) return false;
  return true;
}

const isText = (value: unknown): boolean => typeof value === 'string';

/** True only for columns `logColumnsSchema` accepts unchanged (of one length: `openColumns` checked that first). */
export function isLogColumns(raw: unknown): raw is LogColumns {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return false;
  const shard = raw as Record<string, unknown>;
  return (
    Object.keys(shard).length === COLUMN_KEYS &&
    shard['version'] === LOG_SHARD_VERSION &&
    every(shard['ids'], isId) &&
    every(shard['at'], isText) &&
    every(shard['offsetMinutes'], Number.isSafeInteger) &&
    every(shard['values'], isValue) &&
    every(shard['notes'], isText)
  );
}
