/**
 * Logs grouped by day in the profile's time zone, and what a day or week amounts to for a
 * tracker: whether a day counts for a streak, where a period stands against a target.
 */
import type { Log, LogValue, Target, Tracker } from '../../../src-preload/contract';
import { meetsTarget, rulesOf } from '../domain/tracker-types';
import type { DayCalendar } from './day-calendar';
import { addDays, weekStart, type Day } from './days';

/** A tracker as the insights need it. */
export type InsightTracker = Pick<Tracker, 'settings' | 'target'>;

/** Day → its values in time order. `logs` must be oldest first. */
export function valuesByDay(logs: readonly Log[], calendar: DayCalendar): Map<Day, LogValue[]> {
  const days = new Map<Day, LogValue[]>();
  for (const log of logs) {
    const day = calendar.dayOf(log.at);
    const values = days.get(day);
    if (values === undefined) days.set(day, [log.value]);
    else values.push(log.value);
  }
  return days;
}

/** Where a period's days stand against the tracker's target (see the type table's `measure`). */
export const periodMeasure = (tracker: InsightTracker, days: readonly (readonly LogValue[])[]): number | null =>
  rulesOf(tracker.settings.type).measure(days, tracker.settings);

/**
 * Whether a day counts for a streak: with a daily target, the target is met; otherwise the
 * type's rule (a yes for boolean, any entry for the others).
 */
export function dayQualifies(tracker: InsightTracker, values: readonly LogValue[]): boolean {
  if (values.length === 0) return false;
  if (tracker.target?.period === 'day') return meetsTarget(periodMeasure(tracker, [values]), tracker.target);
  return rulesOf(tracker.settings.type).qualifies(values);
}

/** The days of `byDay` that qualify. */
export function qualifyingDays(tracker: InsightTracker, byDay: ReadonlyMap<Day, readonly LogValue[]>): Day[] {
  return [...byDay].filter(([, values]) => dayQualifies(tracker, values)).map(([day]) => day);
}

/** The days of the target's period that contains `day`, first to last. */
export function periodDays(target: Pick<Target, 'period'>, day: Day): Day[] {
  if (target.period === 'day') return [day];
  const monday = weekStart(day);
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}
