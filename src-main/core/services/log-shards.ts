/**
 * Reading a tracker's logs from its monthly shards. A log is in one shard of its tracker
 * only (a move across months is one journal record, profile-journal.ts; older files were
 * brought to that once, log-shard-upgrade.ts), and each shard is oldest first
 * (log-shard-rules.ts), so the shards read oldest first are the history in order.
 */
import type { Log } from '../../../src-preload/contract';
import { monthOf } from '../store/layout';
import type { ProfileStore } from '../store/profile-store';

export interface MonthLogs {
  readonly month: string;
  readonly logs: readonly Log[];
}

/** Every `YYYY-MM` from `first` to `last`, both included. */
export function monthsBetween(first: string, last: string): string[] {
  const months: string[] = [];
  let year = Number(first.slice(0, 4));
  let month = Number(first.slice(5, 7));
  for (let key = first; key <= last; ) {
    months.push(key);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
    key = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
  }
  return months;
}

/** The UTC months that moments from `fromMs` (inclusive) to `toMs` (exclusive) fall in. */
export const monthsOfSpan = (fromMs: number, toMs: number): string[] =>
  toMs <= fromMs ? [] : monthsBetween(monthOf(new Date(fromMs).toISOString()), monthOf(new Date(toMs - 1).toISOString()));

/** The shards of the given months that exist, oldest first. */
export async function readShards(store: ProfileStore, trackerId: string, months: readonly string[]): Promise<MonthLogs[]> {
  const existing = new Set(await store.months(trackerId));
  const wanted = [...new Set(months)].filter((month) => existing.has(month)).sort();
  const shards = await Promise.all(wanted.map((month) => store.shard(trackerId, month)));
  return shards.map((shard, index) => ({ month: wanted[index] ?? '', logs: shard.data.logs }));
}

/** All shards of a tracker, oldest first. */
export async function readAllShards(store: ProfileStore, trackerId: string): Promise<MonthLogs[]> {
  return readShards(store, trackerId, await store.months(trackerId));
}

/** The logs of the shards (given oldest first), oldest first. */
export const mergeLogs = (shards: readonly MonthLogs[]): Log[] => shards.flatMap((shard) => shard.logs);

/** The newest log of the tracker, reading shards from the newest month back until one has logs. */
export async function newestLog(store: ProfileStore, trackerId: string): Promise<Log | null> {
  const months = await store.months(trackerId);
  for (let i = months.length - 1; i >= 0; i -= 1) {
    const month = months[i];
    if (month === undefined) continue;
    const logs = (await store.shard(trackerId, month)).data.logs;
    const last = logs.at(-1);
    if (last !== undefined) return last;
  }
  return null;
}

/** The oldest log of the tracker, reading shards from the oldest month on until one has logs. */
export async function oldestLog(store: ProfileStore, trackerId: string): Promise<Log | null> {
  for (const month of await store.months(trackerId)) {
    const first = (await store.shard(trackerId, month)).data.logs[0];
    if (first !== undefined) return first;
  }
  return null;
}
