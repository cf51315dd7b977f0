/**
 * Every shard of several trackers, in order, for one pass over a whole history (an export).
 * Shards are read one after another through `shardOnce` or `columnsOnce`, so they are not
 * kept in memory after they are used. The core runs in its own worker (host/core-host.ts),
 * so a pass may hold its thread from start to end: no turn of the event loop is given, and
 * no read runs ahead (reads complete at once, fs-port.ts, so there is nothing to overlap).
 */
import type { LogShard } from '../store/formats';
import { rowsOf, type LogColumns } from '../store/log-shard-columns';
import type { ProfileStore } from '../store/profile-store';
import type { IdSet } from './id-set';

export interface ShardRef {
  readonly trackerId: string;
  readonly month: string;
}

/** The shards of the trackers, tracker by tracker (in the order given), oldest month first; reads no shard. */
export async function shardsOf(store: ProfileStore, trackerIds: readonly string[]): Promise<ShardRef[]> {
  const refs: ShardRef[] = [];
  for (const trackerId of trackerIds) for (const month of await store.months(trackerId)) refs.push({ trackerId, month });
  return refs;
}

/**
 * What `read` gives for each of `refs`, in their order, each read when the consumer asks
 * for it. A damaged shard fails the iteration when its turn comes (DATA_FILE_DAMAGED, as
 * any read reports it).
 */
async function* inOrder<S>(refs: readonly ShardRef[], read: (ref: ShardRef) => Promise<S>): AsyncGenerator<S> {
  for (const ref of refs) yield await read(ref);
}

/** The shards of `refs` in order, as whole logs. */
export const readInOrder = (store: ProfileStore, refs: readonly ShardRef[]): AsyncGenerator<LogShard> => inOrder(refs, (ref) => store.shardOnce(ref.trackerId, ref.month));

/** The shards of `refs` in order, as their columns: for a pass that needs no log objects (an export). */
export const columnsInOrder = (store: ProfileStore, refs: readonly ShardRef[]): AsyncGenerator<LogColumns> => inOrder(refs, (ref) => store.columnsOnce(ref.trackerId, ref.month));

/**
 * A tracker's shards one after another, each log id once. A log moved to another month is
 * written to its new shard before it leaves the old one (log-shards.ts), so a crash between
 * the two leaves a copy; the first met is kept, as `mergeLogs` does. Copies are rare, so a
 * shard is copied only when it holds one. `seen` is emptied first: one set serves every
 * tracker of an export in turn, so its memory is not made again for each.
 */
export function uniqueColumns(seen: IdSet): (columns: LogColumns) => LogColumns {
  seen.clear();
  return (columns) => {
    const { ids } = columns;
    let kept: number[] | null = null;
    for (let index = 0; index < ids.length; index++) {
      if (!seen.add(ids[index] as string)) {
        kept ??= Array.from({ length: index }, (_, earlier) => earlier);
        continue;
      }
      kept?.push(index);
    }
    return kept === null ? columns : rowsOf(columns, kept);
  };
}
