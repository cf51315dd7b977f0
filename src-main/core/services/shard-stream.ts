/**
 * Every shard of several trackers, in order, for one pass over a whole history (an export).
 * Shards are read one after another through `shardOnce` or `columnsOnce`, so they are not
 * kept in memory after they are used. The core runs in its own worker (host/core-host.ts),
 * so a pass may hold its thread from start to end: no turn of the event loop is given, and
 * no read runs ahead (reads complete at once, fs-port.ts, so there is nothing to overlap).
 */
import type { LogShard } from '../store/formats';
import type { LogColumns } from '../store/log-shard-columns';
import type { ProfileStore } from '../store/profile-store';

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
