/**
 * Entries on a tracker: add (any time, back-dated too), edit, delete and restore (undo),
 * and read them back a page at a time. Every write updates the tracker's summary.
 */
import type { Log, LogValue, ParsedInput } from '../../../src-preload/contract';
import { fail } from '../errors';
import { parseLogTime } from '../domain/log-time';
import { logValue } from '../domain/tracker-types';
import { valueRulesOf } from '../../../src-preload/tracker-values/value-rules';
import { emptyLogShard, logShardFormat, type LogShard, type StoredTracker } from '../store/formats';
import type { JsonDocument } from '../store/json-document';
import type { KeyedQueue } from '../store/keyed-queue';
import { monthOf } from '../store/layout';
import type { ProfileDirectory } from '../store/profile-directory';
import type { ProfileStore } from '../store/profile-store';
import { checkStorable } from '../store/versioned-json-adapter';
import type { JournalOp } from '../store/journal/operations';
import { mergeLogs, readShards } from './log-shards';
import { sessionStore } from './profile-access';
import type { LogsChange, Summaries } from './summaries';
import { acknowledged, type Durable } from './durable-write';
import { findTracker } from './tracker-lookup';

export interface LogDeps {
  readonly directory: ProfileDirectory;
  /** The same per-profile queue as the tracker service's, so a delete cannot race a log. */
  readonly queue: KeyedQueue;
  readonly now: () => Date;
  readonly localOffsetMinutes: (moment: Date) => number;
  readonly newId: () => string;
  readonly summaries: Summaries;
  /** The profile's IANA time zone, in which days and streaks are counted. */
  readonly timeZoneOf: (profileId: string) => string | Promise<string>;
}

export type NewLog = ParsedInput<'addLog'>;
export type LogChange = ParsedInput<'updateLog'>;
export type LogQuery = ParsedInput<'listLogs'>;

const MAX_OFFSET_MINUTES = 14 * 60;

/** A shard and the content it is to be saved with. */
interface ShardSave {
  readonly shard: JsonDocument<LogShard>;
  readonly month: string;
  readonly data: LogShard;
}

export class LogService {
  constructor(private readonly deps: LogDeps) {}

  async add(profileId: string, input: NewLog): Promise<Log> {
    const store = await sessionStore(this.deps.directory, profileId);
    return acknowledged(
      this.deps.queue.run(profileId, async () => {
        const tracker = findTracker(store, input.trackerId);
        const value = logValue(input.value, tracker.settings);
        const time = parseLogTime(input.at, this.deps.now(), this.deps.localOffsetMinutes);
        const log: Log = { id: this.deps.newId(), trackerId: tracker.id, at: time.at, offsetMinutes: time.offsetMinutes, value, note: input.note.trim() };
        return { value: log, ...await this.insert(store, tracker, log, { type: 'log-added', log }) };
      }),
    );
  }

  /**
   * Write a new log into its shard and update the summary, `op` being its journal record.
   * Runs inside the profile's queue (the timer service calls it from there too); answers
   * the promise of the record on disk (see `Durable`).
   */
  async insert(store: ProfileStore, tracker: StoredTracker, log: Log, op: JournalOp): Promise<Durable> {
    const month = monthOf(log.at);
    const shard = await store.shard(tracker.id, month);
    return this.write(store, tracker, { removed: [], added: [log] }, [month], [{ shard, month, data: { ...shard.data, logs: insertByTime(shard.data.logs, log) } }], op);
  }

  async update(profileId: string, input: LogChange): Promise<Log> {
    const store = await sessionStore(this.deps.directory, profileId);
    return acknowledged(this.deps.queue.run(profileId, async () => {
      const tracker = findTracker(store, input.trackerId);
      const { log: old, month: oldMonth } = await findLog(store, tracker.id, input.logId);
      const value: LogValue = input.value === undefined ? old.value : logValue(input.value, tracker.settings);
      const time = input.at === undefined ? { at: old.at, offsetMinutes: old.offsetMinutes } : parseLogTime(input.at, this.deps.now(), this.deps.localOffsetMinutes);
      const log: Log = { ...old, at: time.at, offsetMinutes: time.offsetMinutes, value, note: input.note === undefined ? old.note : input.note.trim() };
      const newMonth = monthOf(log.at);
      const target = await store.shard(tracker.id, newMonth);
      const saves: ShardSave[] = [{ shard: target, month: newMonth, data: { ...target.data, logs: insertByTime(withoutLog(target.data.logs, log.id), log) } }];
      if (newMonth !== oldMonth) {
        const source = await store.shard(tracker.id, oldMonth);
        saves.push({ shard: source, month: oldMonth, data: { ...source.data, logs: withoutLog(source.data.logs, log.id) } });
      }
      const op: JournalOp = newMonth === oldMonth ? { type: 'log-edited', log } : { type: 'log-moved', log, from: { trackerId: tracker.id, month: oldMonth } };
      return { value: log, ...await this.write(store, tracker, { removed: [old], added: [log] }, [oldMonth, newMonth], saves, op) };
    }));
  }

  /** Answers the deleted log, so the UI can offer undo through `restore`. */
  async delete(profileId: string, trackerId: string, logId: string): Promise<Log> {
    const store = await sessionStore(this.deps.directory, profileId);
    return acknowledged(
      this.deps.queue.run(profileId, async () => {
        const tracker = findTracker(store, trackerId);
        const { log, month } = await findLog(store, tracker.id, logId);
        const shard = await store.shard(tracker.id, month);
        const op: JournalOp = { type: 'log-deleted', logId, from: { trackerId: tracker.id, month } };
        return { value: log, ...await this.write(store, tracker, { removed: [log], added: [] }, [month], [{ shard, month, data: { ...shard.data, logs: withoutLog(shard.data.logs, logId) } }], op) };
      }),
    );
  }

  /**
   * Put back a deleted log with its id (undo). Its value is checked against the tracker as
   * it is now only for its kind (a number, yes/no, known options): an option archived
   * since is still a valid old entry.
   */
  async restore(profileId: string, input: Log): Promise<Log> {
    const store = await sessionStore(this.deps.directory, profileId);
    return acknowledged(this.deps.queue.run(profileId, async () => {
      const tracker = findTracker(store, input.trackerId);
      if (valueRulesOf(tracker.settings).stored(input.value, tracker.settings) === null) fail('LOG_VALUE_INVALID', 'That entry does not fit this tracker any more.', 'log.value');
      const time = parseLogTime(input.at, this.deps.now(), this.deps.localOffsetMinutes);
      if (Math.abs(input.offsetMinutes) > MAX_OFFSET_MINUTES) fail('LOG_TIME_INVALID', 'The entry has an impossible UTC offset.', 'log.offsetMinutes');
      if ((await locateLog(store, tracker.id, input.id)) !== null) fail('LOG_EXISTS', 'That entry is already there.', 'log.id');
      const log: Log = { id: input.id, trackerId: tracker.id, at: time.at, offsetMinutes: input.offsetMinutes, value: input.value, note: input.note };
      return { value: log, ...await this.insert(store, tracker, log, { type: 'log-restored', log }) };
    }));
  }

  /** A page of the tracker's logs in `[from, to)`, newest or oldest first, with the total. */
  async list(profileId: string, query: LogQuery): Promise<{ logs: Log[]; total: number }> {
    const store = await sessionStore(this.deps.directory, profileId);
    const tracker = findTracker(store, query.trackerId);
    const now = this.deps.now();
    const from = query.from === undefined ? null : parseLogTime(query.from, now, this.deps.localOffsetMinutes).at;
    const to = query.to === undefined ? null : parseLogTime(query.to, now, this.deps.localOffsetMinutes).at;
    const months = (await store.months(tracker.id)).filter((month) => (from === null || month >= monthOf(from)) && (to === null || month <= monthOf(to)));
    // Stored times are UTC `toISOString()` text, which sorts as time.
    const inRange = mergeLogs(await readShards(store, tracker.id, months)).filter((log) => (from === null || log.at >= from) && (to === null || log.at < to));
    const ordered = query.order === 'newest' ? inRange.reverse() : inRange;
    return { logs: ordered.slice(query.offset, query.offset + query.limit), total: ordered.length };
  }

  /** Apply the shards and the summary in memory, append `op`, and answer the promise of its record on disk. */
  private async write(store: ProfileStore, tracker: StoredTracker, change: LogsChange, months: string[], saves: readonly ShardSave[], op: JournalOp): Promise<Durable> {
    // Content the store would refuse (WRITE_REFUSED) must change nothing, so it is refused
    // here, before the summary is marked or memory changed; each save checks the whole shard
    // again on its way to disk. Here only the logs the write adds are checked, each as a shard
    // of its month: the rest of each shard was read or written through the same check, and a
    // check of the whole month on every entry made a write's cost grow with its month.
    for (const log of change.added) checkStorable(logShardFormat(tracker.id, monthOf(log.at)), { ...emptyLogShard(), logs: [log] });
    const calendar = this.deps.summaries.calendar(await this.deps.timeZoneOf(store.profileId));
    for (const { shard, month, data } of saves) store.adoptShard(tracker.id, month, shard, data);
    // The record goes to the journal first: the summary is brought up to date while the
    // disk writes it, not before (the queue is held until both are done, so a checkpoint
    // never takes one without the other).
    const durable = store.append(op);
    await this.deps.summaries.applied(store, tracker, calendar, change, months);
    return { durable };
  }
}

/** Where a log is: its shard month, or null. Newest months first: recent entries are edited most. */
async function locateLog(store: ProfileStore, trackerId: string, logId: string): Promise<{ log: Log; month: string } | null> {
  const months = await store.months(trackerId);
  for (let i = months.length - 1; i >= 0; i -= 1) {
    const month = months[i];
    if (month === undefined) continue;
    const log = (await store.shard(trackerId, month)).data.logs.find((candidate) => candidate.id === logId);
    if (log !== undefined) return { log, month };
  }
  return null;
}

async function findLog(store: ProfileStore, trackerId: string, logId: string): Promise<{ log: Log; month: string }> {
  return (await locateLog(store, trackerId, logId)) ?? fail('LOG_NOT_FOUND', 'That entry does not exist (any more).', 'logId');
}

const withoutLog = (logs: readonly Log[], logId: string): Log[] => logs.filter((log) => log.id !== logId);

/** Shards keep logs oldest first; UTC `toISOString()` times sort correctly as text. */
function insertByTime(logs: readonly Log[], log: Log): Log[] {
  let index = logs.length;
  while (index > 0 && (logs[index - 1]?.at ?? '') > log.at) index -= 1;
  const next = logs.slice();
  next.splice(index, 0, log);
  return next;
}
