/**
 * Every shard of several trackers, in order, for one pass over a whole history (an export).
 * Reads run a few files ahead of the consumer: decrypting and parsing one shard overlaps
 * the disk reads of the next, which the one-at-a-time loop left idle. Shards are read
 * through `shardOnce`, so they are not kept in memory after they are used.
 */
import type { Log } from '../../../src-preload/contract';
import type { LogShard } from '../store/formats';
import type { ProfileStore } from '../store/profile-store';
import { IdSet } from './id-set';

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
 * The shards' contents in the order of `refs`, a few reads in flight (about LOGS_AHEAD logs,
 * from the size of the shards read so far). A damaged shard fails the iteration when its
 * turn comes (DATA_FILE_DAMAGED, as any read reports it).
 */
export async function* readInOrder(store: ProfileStore, refs: readonly ShardRef[]): AsyncGenerator<LogShard> {
  const inFlight: Promise<LogShard>[] = [];
  let next = 0;
  let ahead = MIN_AHEAD;
  let shardsRead = 0;
  let logsRead = 0;
  const fill = () => {
    while (next < refs.length && inFlight.length < ahead) {
      const ref = refs[next++] as ShardRef;
      const reading = store.shardOnce(ref.trackerId, ref.month);
      // Awaited in turn below; without this a read that fails before its turn (or after the
      // consumer stopped) would be an unhandled rejection, which ends a Node process.
      reading.catch(() => undefined);
      inFlight.push(reading);
    }
  };
  fill();
  while (inFlight.length > 0) {
    const shard = await (inFlight.shift() as Promise<LogShard>);
    shardsRead += 1;
    logsRead += shard.logs.length;
    ahead = Math.min(MAX_AHEAD, Math.max(MIN_AHEAD, Math.floor((LOGS_AHEAD * shardsRead) / Math.max(1, logsRead))));
    fill();
    yield shard;
  }
}

/**
 * A tracker's logs shard by shard, each id once. A log moved to another month is written
 * to its new shard before it leaves the old one (log-shards.ts), so a crash between the two
 * leaves a copy; the first met is kept, as `mergeLogs` does. Copies are rare, so a shard
 * is copied only from its first copy on.
 */
export function uniqueLogs(): (logs: readonly Log[]) => readonly Log[] {
  const seen = new IdSet();
  return (logs) => {
    let fresh: Log[] | null = null;
    for (let index = 0; index < logs.length; index++) {
      const log = logs[index] as Log;
      if (!seen.add(log.id)) {
        fresh ??= logs.slice(0, index);
        continue;
      }
      fresh?.push(log);
    }
    return fresh ?? logs;
  };
}
