/**
 * The strict stored form of a log shard (format version 3), in one place. The zod schemas
 * of formats.ts (and their quick twin, log-shard-guard.ts) say what each cell is; these
 * rules say how the cells of one shard hold together:
 *
 * - every `at` is `Date#toISOString()` text of a moment, 24 characters
 *   (`YYYY-MM-DDTHH:mm:ss.sssZ`), so texts compare as the moments do;
 * - every `at` falls in the shard's month (the month is the shard's file name);
 * - logs are oldest first (equal times allowed);
 * - an id is in the shard once;
 * - in memory, every log's `trackerId` is the shard's tracker (the file does not hold it).
 *
 * formats.ts gives them to the adapter as the log formats' `rules`, which it applies when a
 * shard is read and before one is written (versioned-json-adapter.ts `checkStorable`): the
 * store never writes a shard it would refuse, and whatever reads a shard may rely on them
 * without a second check. That a log is in one shard of its tracker only is not a rule of
 * one file: the journal moves a log across months as one record (profile-journal.ts), and
 * files written before it are brought to this form once (log-shard-upgrade.ts).
 */
import type { JsonRecord } from './migrate';

const ZERO = 48;
const NINE = 57;
const DASH = 45;
const COLON = 58;
const DOT = 46;
const T = 84;
const Z = 90;

const digit = (text: string, at: number): number => {
  const code = text.charCodeAt(at);
  return code >= ZERO && code <= NINE ? code - ZERO : -100;
};
const twoDigits = (text: string, at: number): number => digit(text, at) * 10 + digit(text, at + 1);

const isLeap = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** Days in `month` (`YYYY-MM`); 0 when it is not a month. */
function daysIn(month: string): number {
  if (month.length !== 7 || month.charCodeAt(4) !== DASH) return 0;
  const year = twoDigits(month, 0) * 100 + twoDigits(month, 2);
  const number = twoDigits(month, 5);
  if (year < 0 || number < 1 || number > 12) return 0;
  return number === 2 ? (isLeap(year) ? 29 : 28) : [4, 6, 9, 11].includes(number) ? 30 : 31;
}

/**
 * Whether `at` is the `toISOString()` text of a moment of `month`, given the month's day
 * count (`daysIn`). Character by character: a `Date` per log would be most of a read.
 */
function isTimeOfMonth(at: string, month: string, days: number): boolean {
  if (at.length !== 24 || !at.startsWith(month)) return false;
  if (at.charCodeAt(7) !== DASH || at.charCodeAt(10) !== T || at.charCodeAt(13) !== COLON || at.charCodeAt(16) !== COLON || at.charCodeAt(19) !== DOT || at.charCodeAt(23) !== Z) return false;
  const day = twoDigits(at, 8);
  const hour = twoDigits(at, 11);
  const minute = twoDigits(at, 14);
  const second = twoDigits(at, 17);
  const millis = digit(at, 20) | digit(at, 21) | digit(at, 22);
  return day >= 1 && day <= days && hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59 && millis >= 0;
}

/**
 * Why the shard of `month` whose logs have these `ids` and times `at` (cell `i` of each is
 * log `i`) breaks the rules above; null when it keeps them.
 */
export function shardRuleBreach(month: string, ids: readonly string[], at: readonly string[]): string | null {
  const days = daysIn(month);
  let previous = '';
  for (let index = 0; index < at.length; index++) {
    const time = at[index] as string;
    if (!isTimeOfMonth(time, month, days) || time < previous) return timeBreach(month, index, time);
    previous = time;
  }
  return idsBreach(ids);
}

interface LogCells {
  readonly id: string;
  readonly trackerId: string;
  readonly at: string;
}

/** The same for a shard as whole logs (in memory), which also name their tracker. */
export function logsRuleBreach(trackerId: string, month: string, logs: readonly LogCells[]): string | null {
  const days = daysIn(month);
  const ids = new Array<string>(logs.length);
  let previous = '';
  for (let index = 0; index < logs.length; index++) {
    const log = logs[index] as LogCells;
    if (log.trackerId !== trackerId) return `log ${index} belongs to another tracker`;
    const time = log.at;
    if (!isTimeOfMonth(time, month, days) || time < previous) return timeBreach(month, index, time);
    previous = time;
    ids[index] = log.id;
  }
  return idsBreach(ids);
}

const timeBreach = (month: string, index: number, time: string): string =>
  isTimeOfMonth(time, month, daysIn(month)) ? `log ${index} is earlier than the log before it` : `log ${index}'s time ${JSON.stringify(time)} is not a UTC time of ${month} as the app writes it`;

function idsBreach(ids: readonly string[]): string | null {
  const repeated = firstRepeated(ids);
  return repeated === -1 ? null : `log ${repeated} repeats the id ${JSON.stringify(ids[repeated])}`;
}

/*
 * Ids are checked through a table of their indexes kept from shard to shard, not a
 * `Set<string>`: a Set made anew per shard cost as much as the rest of a shard's reading
 * (its hash table grown and dropped for every shard, and every id hashed whole). A slot is
 * empty unless its stamp is the current shard's, so the table is never cleared; the hash
 * reads at most the last 8 characters (32 random bits of a `randomUUID`, and the counter
 * of ids made in sequence), and ids of equal hash are compared whole.
 */
let tableBits = 12;
let stamps = new Uint32Array(1 << tableBits);
let slots = new Int32Array(1 << tableBits);
let stamp = 0;

/** The index of the first id met a second time in `ids`; -1 when each is there once. */
function firstRepeated(ids: readonly string[]): number {
  if (ids.length * 2 > 1 << tableBits || stamp === 0xffffffff) {
    while (ids.length * 2 > 1 << tableBits) tableBits++;
    stamps = new Uint32Array(1 << tableBits);
    slots = new Int32Array(1 << tableBits);
    stamp = 0;
  }
  stamp++;
  const mask = (1 << tableBits) - 1;
  for (let index = 0; index < ids.length; index++) {
    const id = ids[index] as string;
    let slot = Math.imul(idHash(id), 0x9e3779b1) >>> (32 - tableBits);
    while (stamps[slot] === stamp) {
      if (ids[slots[slot] as number] === id) return index;
      slot = (slot + 1) & mask;
    }
    stamps[slot] = stamp;
    slots[slot] = index;
  }
  return -1;
}

/** FNV-1a over the length and the last eight characters of `id` (all of a shorter one). */
function idHash(id: string): number {
  const length = id.length;
  let hash = length ^ 0x811c9dc5;
  for (let index = length > 8 ? length - 8 : 0; index < length; index++) hash = Math.imul(hash ^ id.charCodeAt(index), 0x01000193);
  return hash;
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/**
 * The `toISOString()` text of an ISO-8601 time with a `Z` or an offset (the same moment);
 * null for any other text, which is left for the rules to refuse.
 */
export function canonicalTime(text: string): string | null {
  if (!ISO_TIME.test(text)) return null;
  const moment = Date.parse(text);
  if (Number.isNaN(moment)) return null;
  const date = new Date(moment);
  const year = date.getUTCFullYear();
  return year >= 0 && year <= 9999 ? date.toISOString() : null;
}

/**
 * Version 2 → 3, within one file: what the rules ask that one shard can do alone. Every time
 * becomes its `toISOString()` text (the same moment); an id met again is dropped, the first
 * kept (as reads kept the first copy met); logs are put oldest first, a stable sort (equal
 * times keep their order). A record that is not five lists of one length, or has cells of
 * the wrong kind, is left as it was (but for its version), for the check after it to refuse
 * as it refused the version-2 file. Copies across months are log-shard-upgrade.ts's work.
 */
export function logShardV2toV3(old: JsonRecord): JsonRecord {
  const { ids, at, offsetMinutes, values, notes } = old;
  if (!Array.isArray(ids) || !Array.isArray(at) || !Array.isArray(offsetMinutes) || !Array.isArray(values) || !Array.isArray(notes)) return { ...old, version: 3 };
  const count = ids.length;
  if ([at, offsetMinutes, values, notes].some((column) => column.length !== count)) return { ...old, version: 3 };
  if (!ids.every((id) => typeof id === 'string') || !at.every((time) => typeof time === 'string')) return { ...old, version: 3 };
  const times = (at as string[]).map((time) => canonicalTime(time) ?? time);
  const seen = new Set<string>();
  const kept: number[] = [];
  for (let index = 0; index < count; index++) {
    const id = ids[index] as string;
    if (seen.has(id)) continue;
    seen.add(id);
    kept.push(index);
  }
  // Array#sort is stable: logs at the same time keep the order they had.
  kept.sort((a, b) => ((times[a] as string) < (times[b] as string) ? -1 : (times[a] as string) > (times[b] as string) ? 1 : 0));
  const pick = (column: readonly unknown[]): unknown[] => kept.map((index) => column[index]);
  return { ...old, version: 3, ids: pick(ids), at: pick(times), offsetMinutes: pick(offsetMinutes), values: pick(values), notes: pick(notes) };
}
