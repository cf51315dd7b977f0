/**
 * Keeps summaries.json in step with the log shards: after every write to a tracker's logs
 * its summary is updated, in memory, for the days that write touched (never by re-reading
 * history), and a summary that is missing, computed under other rules, marked `writing` by
 * an older version, or caught disagreeing with a shard is rebuilt from all the tracker's
 * shards.
 *
 * **Consistent after a crash at any instant.** A write changes the shards and the summary
 * in memory only and appends its journal record (profile-journal.ts); summaries.json is
 * written at checkpoints alone, after the shards it summarises. Opening a profile drops the
 * summaries of the trackers its replayed records touch. So a summary on disk is never
 * trusted behind its shards, nor ahead of a write the journal refused. The digests of the
 * newest shards (`shardAgrees`) stay as a second check on the shards the dashboard reads
 * anyway.
 *
 * **Saving never fails a read.** A summary computed by a read (the dashboard) waits in
 * memory for the next checkpoint like any other; what the disk lacks meanwhile is a summary
 * missing or under an old key, which is rebuilt.
 */
import type { Log, LogValue, Tracker } from '../../../src-preload/contract';
import { DayCalendar } from '../insights/day-calendar';
import { dayQualifies } from '../insights/day-groups';
import { addDays, type Day } from '../insights/days';
import { withDay } from '../insights/streaks';
import { buildSummary, digestChanged, keepNewestRuns, shardAgrees, summaryKey, withDigestOf, withMonthDigest } from '../insights/summary';
import { monthOf } from '../store/layout';
import type { JsonDocument } from '../store/json-document';
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
   * file per tracker.
   */
  async ensureCurrent(store: ProfileStore, trackers: readonly SummaryTracker[], calendar: DayCalendar): Promise<void> {
    const file = await this.file(store);
    const outdated = trackers.filter((tracker) => !usable(tracker, calendar, file.data.trackers[tracker.id]));
    if (outdated.length === 0) return;
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
   * A write to a tracker's logs, its shards already changed in memory (their record on its
   * way to the journal): the summary follows, in memory too (see the top of this file).
   */
  async applied(store: ProfileStore, tracker: SummaryTracker, calendar: DayCalendar, change: LogsChange, months: readonly string[]): Promise<void> {
    const file = await this.file(store);
    const summary = file.data.trackers[tracker.id];
    const before = usable(tracker, calendar, summary) ? summary : null;
    try {
      const after = (before === null ? null : await this.updated(store, tracker, calendar, before, change, months)) ?? (await this.built(store, tracker, calendar));
      await this.keep(store, { [tracker.id]: after });
    } catch {
      // Not computable now (a shard unreadable): dropped, so it is rebuilt when next used.
      await this.forget(store, tracker.id);
    }
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
    if (file.data.trackers[trackerId] === undefined) return;
    const trackers = { ...file.data.trackers };
    delete trackers[trackerId];
    store.adoptDocument(SUMMARIES_FILE, file, { ...file.data, trackers });
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

  /** Put `changed` summaries in the file, in memory: written at the next checkpoint. */
  private async keep(store: ProfileStore, changed: Readonly<Record<string, TrackerSummary>>): Promise<void> {
    const file = await this.file(store);
    // From the file as the last change left it, in one turn: the dashboard rebuilds several at once.
    store.adoptDocument(SUMMARIES_FILE, file, { ...file.data, trackers: { ...file.data.trackers, ...changed } });
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

/** Whether a summary can be used as it is: there, computed under the tracker's current rules, and not marked `writing` (by an older version, before a shard write). */
function usable(tracker: SummaryTracker, calendar: DayCalendar, summary: TrackerSummary | undefined): summary is TrackerSummary {
  return summary !== undefined && summary.writing !== true && summary.key === summaryKey(tracker, calendar.timeZone);
}
