/** Logging entries on a tracker and reading them back. */
import type { Log, LogValueInput } from '../../../src-preload/contract';
import { parseLogTime } from '../domain/log-time';
import { logValue } from '../domain/tracker-types';
import type { KeyedQueue } from '../store/keyed-queue';
import { monthOf } from '../store/layout';
import type { ProfileDirectory } from '../store/profile-directory';
import { sessionStore } from './profile-access';
import { findTracker } from './trackers';

export interface LogDeps {
  readonly directory: ProfileDirectory;
  /** The same per-profile queue as the tracker service's, so a delete cannot race a log. */
  readonly queue: KeyedQueue;
  readonly now: () => Date;
  readonly localOffsetMinutes: (moment: Date) => number;
  readonly newId: () => string;
}

export interface NewLog {
  readonly trackerId: string;
  readonly at?: string | undefined;
  readonly value: LogValueInput;
  readonly note: string;
}

export class LogService {
  constructor(private readonly deps: LogDeps) {}

  async add(profileId: string, input: NewLog): Promise<Log> {
    const store = await sessionStore(this.deps.directory, profileId);
    return this.deps.queue.run(profileId, async () => {
      const tracker = findTracker(store, input.trackerId);
      const value = logValue(input.value, tracker.settings);
      const time = parseLogTime(input.at, this.deps.now(), this.deps.localOffsetMinutes);
      const log: Log = { id: this.deps.newId(), trackerId: tracker.id, at: time.at, offsetMinutes: time.offsetMinutes, value, note: input.note.trim() };
      const shard = await store.shard(tracker.id, monthOf(log.at));
      await shard.save({ ...shard.data, logs: insertByTime(shard.data.logs, log) });
      return log;
    });
  }

  /** Newest first; entries at the same moment keep the order they were logged in, reversed. */
  async list(profileId: string, trackerId: string): Promise<Log[]> {
    const store = await sessionStore(this.deps.directory, profileId);
    const tracker = findTracker(store, trackerId);
    const shards = await store.allShards(tracker.id);
    return shards.flatMap((shard) => shard.data.logs).reverse();
  }
}

/** Shards keep logs oldest first; UTC `toISOString()` times sort correctly as text. */
function insertByTime(logs: readonly Log[], log: Log): Log[] {
  let index = logs.length;
  while (index > 0 && (logs[index - 1]?.at ?? '') > log.at) index -= 1;
  return [...logs.slice(0, index), log, ...logs.slice(index)];
}
