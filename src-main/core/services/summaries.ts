/**
 * Keeps summaries.json in step with the log shards: after every write to a tracker's logs
 * its summary is updated for the days that write touched (never by re-reading history),
 * and a summary that is missing, computed under other rules, marked `writing`, or caught
 * disagreeing with a shard is rebuilt from all the tracker's shards.
 *
 * **Consistent after a crash at any instant.** What holds at every instant: a summary on
 * disk that looks usable (current `key`, no `writing` mark) agrees with its tracker's
 * shards on disk. Why:
 * - a file on disk changes only by the rename of a fully synced temp file (atomic-writer.ts),
 *   so at any instant summaries.json and each shard hold one of the versions saved;
 * - a tracker's shards are written only inside `write` (and by an import, below; a purge
 *   removes them after the tracker has left trackers.json, so its summary is never read
 *   again): first its summary is saved marked `writing` (or it has no usable summary, on
 *   disk either, see `markWriting`); if that save fails, the write is refused before any
 *   shard is touched;
 * - the summary without the mark is saved only after the shard writes have ended, and is
 *   computed from the shards as they then are; so is a summary a read rebuilds. Writes and
 *   reads that compute summaries run one at a time in the profile's queue, so no save can
 *   carry a summary computed before a shard write that has begun since;
 * - an import renames summaries.json, without the trackers it adds to, before any shard
 *   (`replaceMany`).
 * So a crash leaves, for each tracker, the old shards with the old summary, or a marked or
 * missing summary (rebuilt when next used), or the new shards with the new summary: a
 * summary is never behind its shards unnoticed. Opening costs nothing more when nothing
 * crashed: the mark is read with the summary. The digests of the newest shards
 * (`shardAgrees`) stay as a second check on the shards the dashboard reads anyway.
 *
 * **With the profile's journal** (every unlocked profile of a core; profile-journal.ts) the
 * above is the fallback of a store opened without one: a log write changes the shards and
 * the summary in memory only (`applied`), summaries.json is written at checkpoints after the
 * shards, and opening drops the summaries of the trackers the replayed records touch, so a
 * summary on disk is never trusted behind its shards, nor ahead of a refused write.
 *
 * **Saving is best-effort.** A read answers from what it computed even when summaries.json
 * cannot be saved (a full disk): memory keeps it and it is saved again with the next read
 * of the dashboard or the next write. Memory is then ahead of the disk, never behind it:
 * what the disk lacks is a summary missing, marked or under an old key, which is rebuilt.
 */
import type { Log, LogValue, Tracker } from '../../../src-preload/contract';
import { DayCalendar } from '../insights/day-calendar';
import { dayQualifies } from '../insights/day-groups';
import { addDays, type Day } from '../insights/days';
import { withDay } from '../insights/streaks';
import { buildSummary, digestChanged, keepNewestRuns, shardAgrees, summaryKey, withDigestOf, withMonthDigest } from '../insights/summary';
import { monthOf } from '../store/layout';
import type { JsonDocument } from '../store/json-document';
import { KeyedQueue } from '../store/keyed-queue';
import type { ProfileStore } from '../store/profile-store';
import { emptySummariesFile, summariesFormat, SUMMARIES_FILE, type SummariesFile, type TrackerSummary } from '../store/summaries-format';
import { monthsOfSpan, newestLog, readAllShards, readShards, type MonthLogs } from './log-shards';
import { readInOrder, shardsOf, type ShardRef } from './shard-stream';

export { SUMMARIES_FILE } from '../store/summaries-format';

type SummaryTracker = Pick<Tracker, 'id' | 'settings' | 'target'>;

/** A write to a tracker's logs: the versions that left the shards and those that entered them. */
export interface LogsChange {
  readonly removed: readonly Log[];
  readonly added: readonly Log[];
}

/**
 * The newest log after a change, without reading when possible: only when the newest log
 * itself left does the caller have to look for the one before it (null here).
 */
function lastLogAfter(previous: Log | null, change: LogsChange): Log | null | undefined {
  if (previous !== null && change.removed.some((log) => log.id === previous.id)) return undefined;
  let last = previous;
  // A new log at the same moment sorts after the old ones, so it is the newer.
  for (const log of change.added) if (last === null || log.at >= last.at) last = log;
  return last;
}

export class Summaries {
  private readonly calendars = new Map<string, DayCalendar>();
  /** Stores whose summaries in memory are newer than summaries.json (a save failed). */
  private readonly unsaved = new WeakSet<ProfileStore>();
  private readonly saving = new KeyedQueue();

  /** One calendar per zone, so its offset cache is shared by every call. */
  calendar(timeZone: string): DayCalendar {
    let calendar = this.calendars.get(timeZone);
    if (calendar === undefined) {
      calendar = new DayCalendar(timeZone);
      this.calendars.set(timeZone, calendar);
    }
    return calendar;
  }

  /** summaries.json; a damaged, unreadable or newer one opens empty (see `derivedDocument`). */
  file(store: ProfileStore): Promise<JsonDocument<SummariesFile>> {
    return store.derivedDocument<SummariesFile>(SUMMARIES_FILE, summariesFormat, emptySummariesFile);
  }

  /** The tracker's summary, rebuilt first when it cannot be used as it is. */
  async current(store: ProfileStore, tracker: SummaryTracker, calendar: DayCalendar): Promise<TrackerSummary> {
    const summary = (await this.file(store)).data.trackers[tracker.id];
    return usable(tracker, calendar, summary) ? summary : this.rebuild(store, tracker, calendar);
  }

  /**
   * Bring the summaries of several trackers up to date at once (the dashboard, before its
   * cards). Those that cannot be used are rebuilt from every shard, read one after another
   * and not kept in memory — the first dashboard over a history written without summaries
   * reads ten years of every tracker — and saved in one write, not one write of the whole
   * file per tracker. When nothing needs rebuilding, a save that failed earlier is tried again.
   */
  async ensureCurrent(store: ProfileStore, trackers: readonly SummaryTracker[], calendar: DayCalendar): Promise<void> {
    const file = await this.file(store);
    const outdated = trackers.filter((tracker) => !usable(tracker, calendar, file.data.trackers[tracker.id]));
    if (outdated.length === 0) {
      if (this.unsaved.has(store)) await this.saving.run(store.profileId, () => this.saveOrHold(store, file, file.data));
      return;
    }
    const refs = await shardsOf(store, outdated.map((tracker) => tracker.id));
    // The refs come tracker by tracker: each summary is built once its last shard is in,
    // so only one tracker's history is in memory at a time.
    const shards = new Map<string, MonthLogs[]>(outdated.map((tracker) => [tracker.id, []]));
    const rebuilt: Record<string, TrackerSummary> = {};
    const build = (tracker: SummaryTracker) => {
      rebuilt[tracker.id] = buildSummary(tracker, shards.get(tracker.id) ?? [], calendar);
      shards.delete(tracker.id);
    };
    let index = 0;
    let pending = 0;
    for await (const shard of readInOrder(store, refs)) {
      const ref = refs[index++] as ShardRef;
      while (outdated[pending] !== undefined && outdated[pending]?.id !== ref.trackerId) build(outdated[pending++] as SummaryTracker);
      shards.get(ref.trackerId)?.push({ month: ref.month, logs: shard.logs });
    }
    while (outdated[pending] !== undefined) build(outdated[pending++] as SummaryTracker);
    await this.keep(store, rebuilt);
  }

  /** Check a summary against shards just read; rebuild it when they disagree. */
  async verified(store: ProfileStore, tracker: SummaryTracker, calendar: DayCalendar, summary: TrackerSummary, shards: readonly MonthLogs[]): Promise<TrackerSummary> {
    const agrees = shards.every((shard) => shardAgrees(summary, shard.month, shard.logs));
    return agrees ? summary : this.rebuild(store, tracker, calendar);
  }

  async rebuild(store: ProfileStore, tracker: SummaryTracker, calendar: DayCalendar): Promise<TrackerSummary> {
    const summary = await this.built(store, tracker, calendar);
    await this.keep(store, { [tracker.id]: summary });
    return summary;
  }

  /**
   * Write a tracker's logs (`writeShards`, which changes the shards of `months` by `change`)
   * with its summary kept consistent through a crash at any instant (see the top of this
   * file). Runs in the profile's queue. Fails, having changed nothing, when the summary's
   * mark cannot be saved; once the shards are written it reports no failure of the summary.
   */
  async write(store: ProfileStore, tracker: SummaryTracker, calendar: DayCalendar, change: LogsChange, months: readonly string[], writeShards: () => Promise<void>): Promise<void> {
    const before = await this.markWriting(store, tracker, calendar);
    await writeShards();
    let after: TrackerSummary;
    try {
      after = (before === null ? null : await this.updated(store, tracker, calendar, before, change, months)) ?? (await this.built(store, tracker, calendar));
    } catch {
      // The logs are saved: a summary that cannot be computed now stays marked, and is
      // rebuilt when next used.
      return;
    }
    await this.keep(store, { [tracker.id]: after });
  }

  /**
   * With the profile's journal: `applyShards` changes the tracker's shards in memory (their
   * record is appended next), and the summary follows in memory only. summaries.json is
   * written at checkpoints alone, after the shards (profile-journal.ts), and opening a
   * profile drops the summaries of the trackers its replayed records touch: a summary on
   * disk is then never ahead of a write the journal refused, nor behind the shards.
   */
  async applied(store: ProfileStore, tracker: SummaryTracker, calendar: DayCalendar, change: LogsChange, months: readonly string[], applyShards: () => void): Promise<void> {
    const file = await this.file(store);
    const summary = file.data.trackers[tracker.id];
    const before = usable(tracker, calendar, summary) ? summary : null;
    applyShards();
    try {
      const after = (before === null ? null : await this.updated(store, tracker, calendar, before, change, months)) ?? (await this.built(store, tracker, calendar));
      await this.keep(store, { [tracker.id]: after });
    } catch {
      // Not computable now (a shard unreadable): dropped, so it is rebuilt when next used.
      await this.forget(store, tracker.id);
    }
  }

  /**
   * Save the tracker's summary marked `writing` and answer it as it was, to be updated
   * once the shards are written; null when it has no usable summary, which is then built
   * afresh. No mark is needed then: memory is never behind the disk (see the top of this
   * file), so the disk holds no usable summary of it either. A mark that cannot be saved
   * fails the write (WRITE_FAILED): shards written past an unmarked summary could be
   * missed after a crash. The disk that cannot take this small file would not take the
   * shard either.
   */
  private async markWriting(store: ProfileStore, tracker: SummaryTracker, calendar: DayCalendar): Promise<TrackerSummary | null> {
    const file = await this.file(store);
    return this.saving.run(store.profileId, async () => {
      const summary = file.data.trackers[tracker.id];
      if (!usable(tracker, calendar, summary)) return null;
      await file.save({ ...file.data, trackers: { ...file.data.trackers, [tracker.id]: { ...summary, writing: true } } });
      this.unsaved.delete(store);
      return summary;
    });
  }

  /** `before` updated for the days the change touched; null when only a rebuild can tell. */
  private async updated(store: ProfileStore, tracker: SummaryTracker, calendar: DayCalendar, before: TrackerSummary, change: LogsChange, months: readonly string[]): Promise<TrackerSummary | null> {
    let monthDigests = before.months;
    for (const month of new Set(months)) {
      const kept = monthDigests[month];
      // A digest kept is moved by the logs that left and entered its month; a month without
      // one (its first entry, or one older than the digested) is digested whole.
      const digest = kept === undefined ? null : digestChanged(kept, change.removed.filter((log) => monthOf(log.at) === month), change.added.filter((log) => monthOf(log.at) === month));
      if (digest !== null) monthDigests = withDigestOf(monthDigests, month, digest);
      else monthDigests = withMonthDigest(monthDigests, month, (await readShards(store, tracker.id, [month]))[0]?.logs ?? []);
    }

    let runs = before.runs.map(([first, last]) => [first, last] as const);
    const days = [...new Set([...change.removed, ...change.added].map((log) => calendar.dayOf(log.at)))];
    // A day before the kept runs could join or split runs the summary no longer has.
    const since = before.since ?? null;
    if (since !== null && days.some((day) => day < since)) return null;
    for (const day of days) runs = withDay(runs, day, dayQualifies(tracker, await this.valuesOfDay(store, tracker.id, calendar, day)));
    // A daily target or yes/no is judged per day; a weekly target does not change what a day is.
    const lastLog = lastLogAfter(before.lastLog, change) ?? (await newestLog(store, tracker.id));
    return { key: before.key, lastLog, ...keepNewestRuns(runs, since), months: monthDigests };
  }

  /** Drop a purged tracker's summary (best-effort: its id is never used again). */
  async forget(store: ProfileStore, trackerId: string): Promise<void> {
    const file = await this.file(store);
    await this.saving.run(store.profileId, async () => {
      if (file.data.trackers[trackerId] === undefined) return;
      const trackers = { ...file.data.trackers };
      delete trackers[trackerId];
      await this.saveOrHold(store, file, { ...file.data, trackers });
    });
  }

  /** The values logged on `day` (in the calendar's zone), in time order. */
  async valuesOfDay(store: ProfileStore, trackerId: string, calendar: DayCalendar, day: Day): Promise<LogValue[]> {
    const from = calendar.startOf(day);
    const to = calendar.startOf(addDays(day, 1));
    // Stored times are canonical UTC `toISOString()` text in time order: the day is a slice
    // of each shard found by its bounds, not a pass over the month.
    const fromAt = new Date(from).toISOString();
    const toAt = new Date(to).toISOString();
    const values: LogValue[] = [];
    for (const { logs } of await readShards(store, trackerId, monthsOfSpan(from, to))) {
      for (let i = firstAtOrAfter(logs, fromAt); i < logs.length && (logs[i]?.at ?? toAt) < toAt; i += 1) values.push((logs[i] as Log).value);
    }
    return values;
  }

  private async built(store: ProfileStore, tracker: SummaryTracker, calendar: DayCalendar): Promise<TrackerSummary> {
    return buildSummary(tracker, await readAllShards(store, tracker.id), calendar);
  }

  /** Put `changed` summaries in the file, saved when it can be (best-effort). */
  private async keep(store: ProfileStore, changed: Readonly<Record<string, TrackerSummary>>): Promise<void> {
    const file = await this.file(store);
    // The dashboard rebuilds several trackers' summaries at once: each change must start
    // from the file as the previous one left it, or the last save would drop the others.
    await this.saving.run(store.profileId, () => this.saveOrHold(store, file, { ...file.data, trackers: { ...file.data.trackers, ...changed } }));
  }

  /** Save `next`; when that fails, memory takes it anyway and it is saved later. */
  private async saveOrHold(store: ProfileStore, file: JsonDocument<SummariesFile>, next: SummariesFile): Promise<void> {
    if (store.journal !== null) {
      // Written at the next checkpoint, after the shards it summarises (see `applied`).
      store.adoptDocument(SUMMARIES_FILE, file, next);
      return;
    }
    try {
      await file.save(next);
      this.unsaved.delete(store);
    } catch {
      file.adopt(next);
      this.unsaved.add(store);
    }
  }
}

/** The index of the first of `logs` (in time order) at or after `at`. */
function firstAtOrAfter(logs: readonly Log[], at: string): number {
  let low = 0;
  let high = logs.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((logs[middle]?.at ?? at) < at) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Whether a summary can be used as it is: there, computed under the tracker's current rules, and not marked `writing`. */
function usable(tracker: SummaryTracker, calendar: DayCalendar, summary: TrackerSummary | undefined): summary is TrackerSummary {
  return summary !== undefined && summary.writing !== true && summary.key === summaryKey(tracker, calendar.timeZone);
}
