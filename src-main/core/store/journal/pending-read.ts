/**
 * Reads laid over the shards: what the stored files hold, changed by the pending view of
 * the records not yet checkpointed (replay.ts). Pure; the store reads the files, these
 * decide what the person sees. A checkpoint writes exactly these results back.
 */
import type { StoredLog, StoredTracker } from '../formats';
import type { LogPlace } from './operations';
import { placeOf, shardKey, type PendingView, type Timer } from './replay';

const byTime = (a: StoredLog, b: StoredLog): number => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0);

/**
 * One shard's logs as a read sees them, oldest first: the stored ones, less every log a
 * pending record put in or took from this shard, plus the pending logs that now live in it.
 * A purged tracker's shards hold nothing.
 */
export function shardLogsWithPending(view: PendingView, place: LogPlace, stored: readonly StoredLog[]): StoredLog[] {
  if (view.trackers.get(place.trackerId) === null) return [];
  const key = shardKey(place);
  const kept = stored.filter((log) => view.logs.get(log.id)?.shards.includes(key) !== true);
  const pending: StoredLog[] = [];
  for (const { log } of view.logs.values()) if (log !== null && shardKey(placeOf(log)) === key) pending.push(log);
  // A stable sort: logs at the same instant keep the stored order, pending ones after.
  return [...kept, ...pending].sort(byTime);
}

/** Every shard the pending records change: what a checkpoint rewrites (`trackerId/YYYY-MM`). */
export function pendingShards(view: PendingView): string[] {
  const shards = new Set<string>();
  for (const { shards: touched } of view.logs.values()) for (const shard of touched) shards.add(shard);
  return [...shards].sort();
}

/** The trackers as a read sees them, in the person's order; purged ones gone. */
export function trackersWithPending(view: PendingView, stored: readonly StoredTracker[]): StoredTracker[] {
  const byId = new Map(stored.map((tracker) => [tracker.id, tracker] as const));
  for (const [id, tracker] of view.trackers) {
    if (tracker === null) byId.delete(id);
    else byId.set(id, tracker);
  }
  if (view.order === null) return [...byId.values()];
  const ordered: StoredTracker[] = [];
  for (const id of view.order) {
    const tracker = byId.get(id);
    if (tracker === undefined) continue;
    ordered.push(tracker);
    byId.delete(id);
  }
  return [...ordered, ...byId.values()];
}

/** The running timers as a read sees them. */
export function timersWithPending(view: PendingView, stored: readonly Timer[]): Timer[] {
  const byTracker = new Map(stored.map((timer) => [timer.trackerId, timer] as const));
  for (const [trackerId, timer] of view.timers) {
    if (timer === null) byTracker.delete(trackerId);
    else byTracker.set(trackerId, timer);
  }
  return [...byTracker.values()];
}
