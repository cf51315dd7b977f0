/**
 * What the journal's records not yet checkpointed amount to: a pending view keyed by id,
 * which reads lay over the shards and a checkpoint writes into them. Pure. Every operation
 * sets or deletes by id, and the shards a log was ever put in or taken from are a set that
 * only grows, so applying the same records again gives the same view: a crash during a
 * checkpoint is repaired by replaying from the checkpoint's start.
 */
import { monthOf } from '../layout';
import type { StoredLog, StoredTracker } from '../formats';
import type { TimersFile } from '../timers-format';
import type { LogPlace } from './operations';
import type { JournalEntry } from './record-format';

export type Timer = TimersFile['timers'][number];

export interface PendingLog {
  /** The log as it now is; null once deleted (or its tracker purged). */
  readonly log: StoredLog | null;
  /**
   * Every shard an operation put it in or took it from (`shardKey`), sorted. A checkpoint
   * takes it out of each and writes `log` into its own; a read hides it in each.
   */
  readonly shards: readonly string[];
}

export interface PendingView {
  readonly logs: ReadonlyMap<string, PendingLog>;
  /** A tracker as it now is (trashed ones with `deletedAt`); null once purged. */
  readonly trackers: ReadonlyMap<string, StoredTracker | null>;
  /** The person's order of the trackers, when a record set it. */
  readonly order: readonly string[] | null;
  /** A tracker's running timer; null once stopped or cancelled. */
  readonly timers: ReadonlyMap<string, Timer | null>;
  /** The highest sequence applied; 0 when none. */
  readonly through: number;
}

export const emptyPendingView = (): PendingView => ({ logs: new Map(), trackers: new Map(), order: null, timers: new Map(), through: 0 });

/** One shard's key: `<trackerId>/<YYYY-MM>`. */
export const shardKey = (place: LogPlace): string => `${place.trackerId}/${place.month}`;
/** The shard a log belongs in. */
export const placeOf = (log: StoredLog): LogPlace => ({ trackerId: log.trackerId, month: monthOf(log.at) });

/** `state` with `entries` applied in order. */
export function replay(entries: readonly JournalEntry[], state: PendingView): PendingView {
  const logs = new Map(state.logs);
  const trackers = new Map(state.trackers);
  const timers = new Map(state.timers);
  let order = state.order;
  let through = state.through;
  const touch = (logId: string, place: LogPlace, log: StoredLog | null): void => {
    const shards = new Set(logs.get(logId)?.shards);
    shards.add(shardKey(place));
    // Re-inserted, so the view lists logs in the order they were last placed: logs at the
    // same instant then read in the same order whether their records are pending or were
    // checkpointed (a placed log goes after those already there, as the live shard has it).
    logs.delete(logId);
    logs.set(logId, { log, shards: [...shards].sort() });
  };
  const put = (log: StoredLog): void => touch(log.id, placeOf(log), log);
  for (const { seq, record } of entries) {
    through = Math.max(through, seq);
    const op = record.op;
    switch (op.type) {
      case 'log-added':
      case 'log-edited':
      case 'log-restored':
        put(op.log);
        break;
      case 'log-moved':
        touch(op.log.id, op.from, op.log);
        put(op.log);
        break;
      case 'log-deleted':
        touch(op.logId, op.from, null);
        break;
      case 'timer-started':
        timers.set(op.timer.trackerId, op.timer);
        break;
      case 'timer-stopped':
        timers.set(op.trackerId, null);
        put(op.log);
        break;
      case 'timer-cancelled':
        timers.set(op.trackerId, null);
        break;
      case 'tracker-created':
        trackers.set(op.tracker.id, op.tracker);
        order = op.order;
        break;
      case 'tracker-changed':
      case 'tracker-deleted':
      case 'tracker-restored':
        trackers.set(op.tracker.id, op.tracker);
        break;
      case 'tracker-reordered':
        order = op.order;
        break;
      case 'tracker-purged':
        trackers.set(op.trackerId, null);
        timers.set(op.trackerId, null);
        // Its shards go with it (a read and a checkpoint see the tracker purged); pending logs too.
        for (const [logId, pending] of logs) {
          if (pending.log?.trackerId === op.trackerId) logs.set(logId, { log: null, shards: pending.shards });
        }
        break;
    }
  }
  return { logs, trackers, order, timers, through };
}
