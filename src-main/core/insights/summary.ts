/**
 * The per-tracker summary kept in summaries.json (see store/summaries-format.ts): pure
 * functions to build it from shards and to tell whether it still fits.
 */
import type { Log, Tracker } from '../../../src-preload/contract';
import type { TrackerSummary } from '../store/summaries-format';
import type { DayCalendar } from './day-calendar';
import { qualifyingDays, valuesByDay } from './day-groups';
import { runsOf } from './streaks';

/** How many of the newest shards keep a digest: the dashboard reads at most the last two. */
export const DIGESTED_MONTHS = 3;

/**
 * Runs a summary keeps: the current streak reads only the newest, and summaries.json is
 * rewritten on every entry, so it must not grow with years of sparse history.
 */
export const KEPT_RUNS = 32;

/** The newest `KEPT_RUNS` runs, and the day before which runs were dropped (null: none were). */
export function keepNewestRuns(runs: readonly (readonly [string, string])[], since: string | null = null): Pick<TrackerSummary, 'runs' | 'since'> {
  const kept = runs.slice(-KEPT_RUNS).map(([first, last]): [string, string] => [first, last]);
  const dropped = runs.length > kept.length;
  return { runs: kept, since: dropped ? (kept[0]?.[0] ?? since) : since };
}

/**
 * Which version of the rule "what makes a day qualify" the runs were built with; raised when
 * that rule changes, so summaries saved under the old one are rebuilt. 2: a yes/no day is
 * its newest answer (it was: any yes).
 */
const DAY_RULES_VERSION = 2;

/**
 * How month digests are made; raised with `shardDigest`, so digests of another kind are
 * never compared. 2: a sum of per-log hashes (it was one hash over the shard in order).
 */
const DIGEST_VERSION = 2;

/** The rules the runs and digests depend on; a summary under another key is rebuilt. */
export const summaryKey = (tracker: Pick<Tracker, 'settings' | 'target'>, timeZone: string): string =>
  JSON.stringify([timeZone, tracker.settings.type, tracker.settings.type === 'numerical' ? tracker.settings.aggregation : null, tracker.target, DAY_RULES_VERSION, DIGEST_VERSION]);

/** FNV-1a over one log's fields. */
function logHash(log: Log): number {
  const text = `${log.id}\u0000${log.at}\u0000${log.offsetMinutes}\u0000${JSON.stringify(log.value)}\u0000${log.note}`;
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * A short fingerprint of a shard's logs, to notice a summary that missed a write: their
 * count and the sum of their hashes. A sum, so a write updates it by the logs it adds and
 * removes (`digestChanged`) instead of hashing the whole month again: with thousands of
 * entries in a month, that was most of a logged entry's time.
 */
export function shardDigest(logs: readonly Log[]): string {
  let sum = 0;
  for (const log of logs) sum = (sum + logHash(log)) >>> 0;
  return digestText(logs.length, sum);
}

const digestText = (count: number, sum: number) => `${count}:${sum.toString(36)}`;

/** A digest after `removed` left its shard and `added` entered it; null for text that is no digest. */
export function digestChanged(digest: string, removed: readonly Log[], added: readonly Log[]): string | null {
  const [countText = '', sumText = ''] = digest.split(':');
  const count = Number(countText);
  const sum = parseInt(sumText, 36);
  if (!Number.isSafeInteger(count) || !Number.isSafeInteger(sum)) return null;
  let next = sum;
  for (const log of removed) next = (next - logHash(log)) >>> 0;
  for (const log of added) next = (next + logHash(log)) >>> 0;
  return digestText(count - removed.length + added.length, next);
}

/** `months` with `month`'s digest set (or dropped when the shard is empty), keeping the newest few. */
export function withMonthDigest(months: Readonly<Record<string, string>>, month: string, logs: readonly Log[]): Record<string, string> {
  return withDigestOf(months, month, logs.length === 0 ? null : shardDigest(logs));
}

/** `months` with `month`'s digest set to `digest` (dropped when null), keeping the newest few. */
export function withDigestOf(months: Readonly<Record<string, string>>, month: string, digest: string | null): Record<string, string> {
  const next: Record<string, string> = { ...months };
  if (digest === null || digest.startsWith('0:')) delete next[month];
  else next[month] = digest;
  const kept = Object.keys(next).sort().slice(-DIGESTED_MONTHS);
  return Object.fromEntries(kept.map((key) => [key, next[key] ?? '']));
}

/**
 * Whether a shard read now agrees with the summary: a digested month must match; a month
 * newer than every digested one must be empty (else the summary missed it).
 */
export function shardAgrees(summary: TrackerSummary, month: string, logs: readonly Log[]): boolean {
  const digest = summary.months[month];
  if (digest !== undefined) return digest === shardDigest(logs);
  const oldest = Object.keys(summary.months).sort()[0];
  if (logs.length === 0) return true;
  // Older than every digested month: not checkable here (and not what the dashboard reads).
  return oldest !== undefined && month < oldest && Object.keys(summary.months).length >= DIGESTED_MONTHS;
}

/** The summary of a tracker from all its shards (oldest month first, logs oldest first). */
export function buildSummary(tracker: Pick<Tracker, 'settings' | 'target'>, shards: readonly { month: string; logs: readonly Log[] }[], calendar: DayCalendar): TrackerSummary {
  const logs = shards.flatMap((shard) => shard.logs);
  let months: Record<string, string> = {};
  // Only the newest few shards with logs keep a digest: hashing ten years to keep three is waste.
  for (const shard of shards.filter((each) => each.logs.length > 0).slice(-DIGESTED_MONTHS)) months = withMonthDigest(months, shard.month, shard.logs);
  return {
    key: summaryKey(tracker, calendar.timeZone),
    lastLog: logs.at(-1) ?? null,
    ...keepNewestRuns(runsOf(qualifyingDays(tracker, valuesByDay(logs, calendar)))),
    months,
  };
}
