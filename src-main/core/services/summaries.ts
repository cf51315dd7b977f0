/**
 * Keeps summaries.json in step with the log shards: after every write to a tracker's logs
 * its summary is updated for the days that write touched (never by re-reading history),
 * and a summary that is missing, computed under other rules, or caught disagreeing with a
 * shard is rebuilt from all the tracker's shards.
 */
import type { Log, Tracker } from '../../../src-preload/contract';
import { DayCalendar } from '../insights/day-calendar';
import { dayQualifies, valuesByDay } from '../insights/day-groups';
import { addDays, type Day } from '../insights/days';
import { withDay } from '../insights/streaks';
import { buildSummary, keepNewestRuns, shardAgrees, summaryKey, withMonthDigest } from '../insights/summary';
import { KeyedQueue } from '../store/keyed-queue';
import type { ProfileStore } from '../store/profile-store';
import { emptySummariesFile, summariesFormat, type SummariesFile, type TrackerSummary } from '../store/summaries-format';
import { mergeLogs, monthsOfSpan, newestLog, readAllShards, readShards, type MonthLogs } from './log-shards';
import { readInOrder, shardsOf, type ShardRef } from './shard-stream';

export const SUMMARIES_FILE = 'summaries.json';

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
  /** Summaries whose update failed after their logs were saved: rebuilt on next use. */
  private readonly stale = new Set<string>();
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

  file(store: ProfileStore) {
    return store.document<SummariesFile>(SUMMARIES_FILE, summariesFormat, emptySummariesFile);
  }

  /** The tracker's summary, rebuilt first when missing or computed under other rules. */
  async current(store: ProfileStore, tracker: SummaryTracker, calendar: DayCalendar): Promise<TrackerSummary> {
    const summary = (await this.file(store)).data.trackers[tracker.id];
    if (summary !== undefined && this.isCurrent(store, tracker, calendar, summary)) return summary;
    return this.rebuild(store, tracker, calendar);
  }

  /**
   * Bring the summaries of several trackers up to date at once (the dashboard, before its
   * cards). Those missing or computed under other rules are rebuilt from every shard, read
   * a few files ahead and not kept in memory — the first dashboard over a history written
   * without summaries reads ten years of every tracker — and saved in one write, not one
   * write of the whole file per tracker.
   */
  async ensureCurrent(store: ProfileStore, trackers: readonly SummaryTracker[], calendar: DayCalendar): Promise<void> {
    const file = await this.file(store);
    const outdated = trackers.filter((tracker) => {
      const summary = file.data.trackers[tracker.id];
      return summary === undefined || !this.isCurrent(store, tracker, calendar, summary);
    });
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
    await this.saving.run(store.profileId, () => file.save({ ...file.data, trackers: { ...file.data.trackers, ...rebuilt } }));
    for (const tracker of outdated) this.stale.delete(this.staleKey(store, tracker.id));
  }

  private isCurrent(store: ProfileStore, tracker: SummaryTracker, calendar: DayCalendar, summary: TrackerSummary): boolean {
    return summary.key === summaryKey(tracker, calendar.timeZone) && !this.stale.has(this.staleKey(store, tracker.id));
  }

  /** Check a summary against shards just read; rebuild it when they disagree. */
  async verified(store: ProfileStore, tracker: SummaryTracker, calendar: DayCalendar, summary: TrackerSummary, shards: readonly MonthLogs[]): Promise<TrackerSummary> {
    const agrees = shards.every((shard) => shardAgrees(summary, shard.month, shard.logs));
    return agrees ? summary : this.rebuild(store, tracker, calendar);
  }

  async rebuild(store: ProfileStore, tracker: SummaryTracker, calendar: DayCalendar): Promise<TrackerSummary> {
    const summary = buildSummary(tracker, await readAllShards(store, tracker.id), calendar);
    await this.save(store, tracker.id, summary);
    this.stale.delete(this.staleKey(store, tracker.id));
    return summary;
  }

  /** After logs of the tracker were written; `months` are the shards that changed. */
  async afterWrite(store: ProfileStore, tracker: SummaryTracker, calendar: DayCalendar, change: LogsChange, months: readonly string[]): Promise<void> {
    // The logs are saved by now; a summary that cannot be updated must not turn that into a
    // reported failure: it is marked stale and rebuilt when next needed.
    try {
      await this.update(store, tracker, calendar, change, months);
    } catch {
      this.stale.add(this.staleKey(store, tracker.id));
    }
  }

  private async update(store: ProfileStore, tracker: SummaryTracker, calendar: DayCalendar, change: LogsChange, months: readonly string[]): Promise<void> {
    if (this.stale.has(this.staleKey(store, tracker.id))) {
      await this.rebuild(store, tracker, calendar);
      return;
    }
    const existing = (await this.file(store)).data.trackers[tracker.id];
    if (existing === undefined || existing.key !== summaryKey(tracker, calendar.timeZone)) {
      await this.rebuild(store, tracker, calendar);
      return;
    }
    let monthDigests = existing.months;
    for (const shard of await readShards(store, tracker.id, months)) monthDigests = withMonthDigest(monthDigests, shard.month, shard.logs);
    for (const month of months) if (!(await store.months(tracker.id)).includes(month)) monthDigests = withMonthDigest(monthDigests, month, []);

    let runs = existing.runs.map(([first, last]) => [first, last] as const);
    const days = [...new Set([...change.removed, ...change.added].map((log) => calendar.dayOf(log.at)))];
    // A day before the kept runs could join or split runs the summary no longer has.
    const since = existing.since ?? null;
    if (since !== null && days.some((day) => day < since)) {
      await this.rebuild(store, tracker, calendar);
      return;
    }
    for (const day of days) runs = withDay(runs, day, dayQualifies(tracker, await this.valuesOfDay(store, tracker.id, calendar, day)));
    // A daily target or yes/no is judged per day; a weekly target does not change what a day is.
    const lastLog = lastLogAfter(existing.lastLog, change) ?? (await newestLog(store, tracker.id));
    const summary: TrackerSummary = { key: existing.key, lastLog, ...keepNewestRuns(runs, since), months: monthDigests };
    await this.save(store, tracker.id, summary);
  }

  /** Drop a purged tracker's summary. */
  async forget(store: ProfileStore, trackerId: string): Promise<void> {
    const file = await this.file(store);
    await this.saving.run(store.profileId, async () => {
      if (file.data.trackers[trackerId] === undefined) return;
      const trackers = { ...file.data.trackers };
      delete trackers[trackerId];
      await file.save({ ...file.data, trackers });
    });
  }

  /** The values logged on `day` (in the calendar's zone), in time order. */
  async valuesOfDay(store: ProfileStore, trackerId: string, calendar: DayCalendar, day: Day) {
    const from = calendar.startOf(day);
    const to = calendar.startOf(addDays(day, 1));
    const logs = mergeLogs(await readShards(store, trackerId, monthsOfSpan(from, to))).filter((log) => {
      const at = Date.parse(log.at);
      return at >= from && at < to;
    });
    return valuesByDay(logs, calendar).get(day) ?? [];
  }

  private staleKey(store: ProfileStore, trackerId: string): string {
    return `${store.profileId}/${trackerId}`;
  }

  private async save(store: ProfileStore, trackerId: string, summary: TrackerSummary): Promise<void> {
    const file = await this.file(store);
    // The dashboard rebuilds several trackers' summaries at once: each change must start
    // from the file as the previous one left it, or the last save would drop the others.
    await this.saving.run(store.profileId, () => file.save({ ...file.data, trackers: { ...file.data.trackers, [trackerId]: summary } }));
  }
}
