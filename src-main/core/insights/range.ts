/** A range as the UI picks it (a preset or two days) → two days; buckets by granularity. */
import type { Granularity, Range } from '../../../src-preload/contract';
import { fail } from '../errors';
import { addDays, dayNumber, daysInclusive, isRealDay, monthStart, nextMonthStart, weekStart, type Day } from './days';

export interface DayRange {
  readonly from: Day;
  readonly to: Day;
}

const PRESET_DAYS = { '7d': 7, '30d': 30, '90d': 90, '1y': 365 } as const;

/**
 * @param firstDay the day of the tracker's oldest log, for `all` (today when it has none).
 */
export function resolveRange(range: Range, today: Day, firstDay: Day | null): DayRange {
  if ('preset' in range) {
    if (range.preset === 'all') return { from: firstDay !== null && firstDay < today ? firstDay : today, to: today };
    return { from: addDays(today, 1 - PRESET_DAYS[range.preset]), to: today };
  }
  if (!isRealDay(range.from)) fail('RANGE_INVALID', `${range.from} is not a day of the calendar.`, 'range.from');
  if (!isRealDay(range.to)) fail('RANGE_INVALID', `${range.to} is not a day of the calendar.`, 'range.to');
  if (range.from > range.to) fail('RANGE_INVALID', 'The range starts after it ends.', 'range.to');
  return { from: range.from, to: range.to };
}

/** Up to 90 days → days, up to two years → weeks, longer → months: a readable number of bars. */
export function defaultGranularity(range: DayRange): Granularity {
  const days = daysInclusive(range.from, range.to);
  if (days <= 90) return 'day';
  if (days <= 731) return 'week';
  return 'month';
}

/** The first day of the bucket that holds `day`. */
export function bucketOf(day: Day, granularity: Granularity): Day {
  if (granularity === 'day') return day;
  return granularity === 'week' ? weekStart(day) : monthStart(day);
}

/** Every bucket that overlaps the range, oldest first, with how many of its days are in the range. */
export function bucketsOf(range: DayRange, granularity: Granularity): { start: Day; days: number }[] {
  const buckets: { start: Day; days: number }[] = [];
  let start = bucketOf(range.from, granularity);
  while (start <= range.to) {
    const next = granularity === 'day' ? addDays(start, 1) : granularity === 'week' ? addDays(start, 7) : nextMonthStart(start);
    const first = start > range.from ? start : range.from;
    const last = addDays(next, -1) < range.to ? addDays(next, -1) : range.to;
    buckets.push({ start, days: dayNumber(last) - dayNumber(first) + 1 });
    start = next;
  }
  return buckets;
}
