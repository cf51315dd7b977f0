/**
 * The dashboard, a tracker's statistics and its chart series. The pure computations are in
 * `insights/`; this service picks the logs they need: the dashboard reads each tracker's
 * summary and only the shards of its current day or week, never all history.
 */
import type { ChartSeries, DashboardCard, Granularity, Log, Range, TrackerStats } from '../../../src-preload/contract';
import { dashboardCard } from '../insights/dashboard-card';
import type { DayCalendar } from '../insights/day-calendar';
import { valuesByDay } from '../insights/day-groups';
import { addDays, weekStart, type Day } from '../insights/days';
import { defaultGranularity, resolveRange, type DayRange } from '../insights/range';
import { chartSeries } from '../insights/series';
import { trackerStats } from '../insights/stats';
import { currentStreak } from '../insights/streaks';
import type { StoredTracker } from '../store/formats';
import type { KeyedQueue } from '../store/keyed-queue';
import type { ProfileDirectory } from '../store/profile-directory';
import type { ProfileStore } from '../store/profile-store';
import { mergeLogs, monthsOfSpan, oldestLog, readShards } from './log-shards';
import { sessionStore } from './profile-access';
import type { Summaries } from './summaries';
import { findTracker } from './tracker-lookup';

export interface InsightDeps {
  readonly directory: ProfileDirectory;
  readonly queue: KeyedQueue;
  readonly now: () => Date;
  readonly summaries: Summaries;
  readonly timeZoneOf: (profileId: string) => string | Promise<string>;
}

export class InsightService {
  constructor(private readonly deps: InsightDeps) {}

  /** One card per tracker in use, in the person's order. */
  async dashboard(profileId: string): Promise<DashboardCard[]> {
    const store = await sessionStore(this.deps.directory, profileId);
    const calendar = await this.calendar(profileId);
    // In the queue: a summary found stale is rebuilt and saved, which must not race a write.
    return this.deps.queue.run(profileId, async () => {
      const today = calendar.dayOf(this.deps.now().getTime());
      const trackers = store.trackers.data.trackers.filter((tracker) => tracker.deletedAt === null);
      await this.deps.summaries.ensureCurrent(store, trackers, calendar);
      return Promise.all(trackers.map((tracker) => this.card(store, tracker, calendar, today)));
    });
  }

  async stats(profileId: string, trackerId: string, range: Range): Promise<TrackerStats> {
    const store = await sessionStore(this.deps.directory, profileId);
    const calendar = await this.calendar(profileId);
    return this.deps.queue.run(profileId, async () => {
      const tracker = findTracker(store, trackerId);
      const today = calendar.dayOf(this.deps.now().getTime());
      const days = await this.resolve(store, tracker, calendar, range, today);
      const logs = await this.logsOf(store, tracker.id, calendar, days);
      const summary = await this.deps.summaries.current(store, tracker, calendar);
      return trackerStats({ tracker, logs, range: days, today, calendar, currentStreak: currentStreak(summary.runs, today) });
    });
  }

  async chart(profileId: string, trackerId: string, range: Range, granularity: Granularity | undefined): Promise<ChartSeries> {
    const store = await sessionStore(this.deps.directory, profileId);
    const calendar = await this.calendar(profileId);
    const tracker = findTracker(store, trackerId);
    const today = calendar.dayOf(this.deps.now().getTime());
    const days = await this.resolve(store, tracker, calendar, range, today);
    const logs = await this.logsOf(store, tracker.id, calendar, days);
    return chartSeries({ tracker, logs, range: days, granularity: granularity ?? defaultGranularity(days), calendar });
  }

  private async card(store: ProfileStore, tracker: StoredTracker, calendar: DayCalendar, today: Day): Promise<DashboardCard> {
    const first = tracker.target?.period === 'week' ? weekStart(today) : today;
    const from = calendar.startOf(first);
    const to = calendar.startOf(addDays(today, 1));
    const shards = await readShards(store, tracker.id, monthsOfSpan(from, to));
    const summary = await this.deps.summaries.verified(store, tracker, calendar, await this.deps.summaries.current(store, tracker, calendar), shards);
    const recent = mergeLogs(shards).filter((log) => inSpan(log, from, to));
    const todayLog = recent.findLast((log) => Date.parse(log.at) >= calendar.startOf(today)) ?? null;
    return dashboardCard({ tracker, today, recent: valuesByDay(recent, calendar), todayLog, lastLog: summary.lastLog, runs: summary.runs });
  }

  private async resolve(store: ProfileStore, tracker: StoredTracker, calendar: DayCalendar, range: Range, today: Day): Promise<DayRange> {
    const first = 'preset' in range && range.preset === 'all' ? await oldestLog(store, tracker.id) : null;
    return resolveRange(range, today, first === null ? null : calendar.dayOf(first.at));
  }

  private async logsOf(store: ProfileStore, trackerId: string, calendar: DayCalendar, days: DayRange): Promise<Log[]> {
    const from = calendar.startOf(days.from);
    const to = calendar.startOf(addDays(days.to, 1));
    return mergeLogs(await readShards(store, trackerId, monthsOfSpan(from, to))).filter((log) => inSpan(log, from, to));
  }

  private async calendar(profileId: string): Promise<DayCalendar> {
    return this.deps.summaries.calendar(await this.deps.timeZoneOf(profileId));
  }
}

const inSpan = (log: Log, from: number, to: number): boolean => {
  const at = Date.parse(log.at);
  return at >= from && at < to;
};
