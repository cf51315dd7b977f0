/** One dashboard card from a tracker's summary and the logs of its current day/week. */
import type { DashboardCard, Log, LogValue, Tracker } from '../../../src-preload/contract';
import { meetsTarget, rulesOf } from '../domain/tracker-types';
import { periodDays, periodMeasure } from './day-groups';
import type { Day } from './days';
import { currentStreak, type Run } from './streaks';

export interface CardInput {
  readonly tracker: Pick<Tracker, 'id' | 'settings' | 'target'>;
  readonly today: Day;
  /** Values by day, covering at least today and, for a weekly target, this week. */
  readonly recent: ReadonlyMap<Day, readonly LogValue[]>;
  /** Today's newest log. */
  readonly todayLog: Log | null;
  readonly lastLog: Log | null;
  readonly runs: readonly Run[];
}

export function dashboardCard({ tracker, today, recent, todayLog, lastLog, runs }: CardInput): DashboardCard {
  const todayValues = recent.get(today) ?? [];
  let target: DashboardCard['target'] = null;
  if (tracker.target !== null) {
    const days = periodDays(tracker.target, today)
      .filter((day) => day <= today)
      .map((day) => recent.get(day))
      .filter((values): values is readonly LogValue[] => values !== undefined);
    const measure = periodMeasure(tracker, days);
    target = { period: tracker.target.period, current: measure ?? 0, goal: tracker.target.value, met: meetsTarget(measure, tracker.target) };
  }
  return {
    trackerId: tracker.id,
    today: { count: todayValues.length, value: rulesOf(tracker.settings.type).dayValue(todayValues, tracker.settings), lastLog: todayLog },
    lastLog,
    currentStreak: currentStreak(runs, today),
    target,
  };
}
