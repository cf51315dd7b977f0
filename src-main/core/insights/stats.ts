/** A tracker's statistics over a range of days: pure, over the logs of that range. */
import type { Log, LogValue, TrackerStats } from '../../../src-preload/contract';
import { meetsTarget, rulesOf } from '../domain/tracker-types';
import type { DayCalendar } from './day-calendar';
import { dayQualifies, periodMeasure, valuesByDay, type InsightTracker } from './day-groups';
import { eachDay, weekStart, type Day } from './days';
import type { DayRange } from './range';
import { bestStreak, runsOf } from './streaks';

export interface StatsInput {
  readonly tracker: InsightTracker;
  /** The logs of the range, oldest first. */
  readonly logs: readonly Log[];
  readonly range: DayRange;
  readonly today: Day;
  readonly calendar: DayCalendar;
  /** The streak as of today (from the tracker's summary: it may reach before the range). */
  readonly currentStreak: number;
}

export function trackerStats({ tracker, logs, range, today, calendar, currentStreak }: StatsInput): TrackerStats {
  const type = tracker.settings.type;
  const numbers = type === 'numerical' || type === 'duration' ? logs.map((log) => log.value).filter((value): value is number => typeof value === 'number') : [];
  const total = numbers.reduce((sum, value) => sum + value, 0);
  const byDay = valuesByDay(logs, calendar);
  const qualifying = [...byDay].filter(([, values]) => dayQualifies(tracker, values)).map(([day]) => day);
  return {
    range: { from: range.from, to: range.to },
    count: logs.length,
    average: numbers.length > 0 ? total / numbers.length : null,
    min: numbers.length > 0 ? numbers.reduce((low, value) => Math.min(low, value)) : null,
    max: numbers.length > 0 ? numbers.reduce((high, value) => Math.max(high, value)) : null,
    total: numbers.length > 0 ? total : null,
    yesShare: type === 'boolean' && byDay.size > 0 ? [...byDay.values()].filter((values) => rulesOf(type).dayValue(values, tracker.settings) === true).length / byDay.size : null,
    optionCounts: type === 'multiple_choice' ? optionCounts(tracker, logs) : null,
    currentStreak,
    bestStreak: bestStreak(runsOf(qualifying)),
    completion: completion(tracker, byDay, range, today),
  };
}

function optionCounts(tracker: InsightTracker, logs: readonly Log[]): { optionId: string; count: number }[] {
  const counts = new Map<string, number>();
  if (tracker.settings.type === 'multiple_choice') for (const option of tracker.settings.options) counts.set(option.id, 0);
  for (const log of logs) if (Array.isArray(log.value)) for (const optionId of log.value) counts.set(optionId, (counts.get(optionId) ?? 0) + 1);
  return [...counts].map(([optionId, count]) => ({ optionId, count }));
}

/**
 * The share of the range's days (or ISO weeks) up to today that met the target. A week is
 * judged on its days inside the range; a period without entries does not meet a target.
 */
function completion(tracker: InsightTracker, byDay: ReadonlyMap<Day, readonly LogValue[]>, range: DayRange, today: Day): number | null {
  const target = tracker.target;
  if (target === null) return null;
  const last = range.to < today ? range.to : today;
  if (last < range.from) return null;
  const days = eachDay(range.from, last);
  const periods = new Map<Day, (readonly LogValue[])[]>();
  for (const day of days) {
    const key = target.period === 'day' ? day : weekStart(day);
    const values = byDay.get(day);
    const period = periods.get(key) ?? [];
    if (values !== undefined) period.push(values);
    periods.set(key, period);
  }
  let met = 0;
  for (const period of periods.values()) if (meetsTarget(periodMeasure(tracker, period), target)) met += 1;
  return met / periods.size;
}
