/**
 * Every shard of several trackers, in order, for one pass over a whole history (an export).
 * Reads run a few files ahead of the consumer, so that with a file-system port whose reads
 * are asynchronous, parsing one shard overlaps the disk reads of the next. (The real port
 * reads at once — fs-port.ts — and there reading ahead neither helps nor costs much:
 * measured equal within noise.) Shards are read through `shardOnce` or `columnsOnce`, so
 * they are not kept in memory after they are used.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { LogShard } from '../store/formats';
import { rowsOf, type LogColumns } from '../store/log-shard-columns';
import type { ProfileStore } from '../store/profile-store';
import type { IdSet } from './id-set';

/**
 * How many logs may wait in shards read ahead: enough to keep the disk busy while one shard
 * is parsed, few enough that little waits in memory. Counted in logs, not shards, because
 * shards differ a hundredfold: parsed shards that wait outlive young-generation collections
 * and are copied again (four shards of 2,000 logs touched a third less fresh memory than
 * eight), while the reads of many small shards (150 logs) each pay a file's open, stat and
 * close, which only more reads in flight hide (sixteen: a 50-tracker export 15% faster).
 */
const LOGS_AHEAD = 8_000;
const MIN_AHEAD = 2;
const MAX_AHEAD = 16;

/** How long a pass may keep the event loop before giving it a turn. */
const TURN_MS = 15;

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
 * What `read` gives for each of `refs`, in their order, a few reads in flight (about
 * LOGS_AHEAD logs, `size` counting a shard's logs). A damaged shard fails the iteration
 * when its turn comes (DATA_FILE_DAMAGED, as any read reports it).
 */
async function* readAhead<S>(refs: readonly ShardRef[], read: (ref: ShardRef) => Promise<S>, size: (shard: S) => number): AsyncGenerator<S> {
  const inFlight: Promise<S>[] = [];
  let next = 0;
  let ahead = MIN_AHEAD;
  let shardsRead = 0;
  let logsRead = 0;
  const fill = () => {
    while (next < refs.length && inFlight.length < ahead) {
      const reading = read(refs[next++] as ShardRef);
      // Awaited in turn below; without this a read that fails before its turn (or after the
      // consumer stopped) would be an unhandled rejection, which ends a Node process.
      reading.catch(() => undefined);
      inFlight.push(reading);
    }
  };
  fill();
  let turn = performance.now();
  while (inFlight.length > 0) {
    // Reads may complete at once (fs-port.ts): without a turn of the event loop now and
    // then, a pass over a whole history would answer no other request (progress polls
    // among them) until it ends.
    if (performance.now() - turn > TURN_MS) {
      await nextTurn();
      turn = performance.now();
    }
    const shard = await (inFlight.shift() as Promise<S>);
    shardsRead += 1;
    logsRead += size(shard);
    ahead = Math.min(MAX_AHEAD, Math.max(MIN_AHEAD, Math.floor((LOGS_AHEAD * shardsRead) / Math.max(1, logsRead))));
    fill();
    yield shard;
  }
}

/** The shards of `refs` in order, as whole logs (see `readAhead`). */
export const readInOrder = (store: ProfileStore, refs: readonly ShardRef[]): AsyncGenerator<LogShard> =>
  readAhead(refs, (ref) => store.shardOnce(ref.trackerId, ref.month), (shard) => shard.logs.length);

/** The shards of `refs` in order, as their columns: for a pass that needs no log objects (an export). */
export const columnsInOrder = (store: ProfileStore, refs: readonly ShardRef[]): AsyncGenerator<LogColumns> =>
  readAhead(refs, (ref) => store.columnsOnce(ref.trackerId, ref.month), (columns) => columns.ids.length);

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
