/**
 * Chart series per tracker type, computed here and only drawn by the renderer:
 * numerical → a line of the aggregated value per bucket with the target;
 * boolean → yes-days (a day's newest answer) per bucket and a heat map of the range's days
 *   (at most its last year);
 * multiple choice → the distribution of options and counts per bucket (stacked);
 * duration → total seconds per bucket and their average.
 */
import type { ChartSeries, Granularity, Log, LogValue, Tracker } from '../../../src-preload/contract';
import { aggregate, roundTo } from '../domain/numbers';
import { trackerTypes } from '../domain/tracker-types';
import type { DayCalendar } from './day-calendar';
import { valuesByDay } from './day-groups';
import { addDays, eachDay, weekStart, type Day } from './days';
import { bucketOf, bucketsOf, type DayRange } from './range';

export interface SeriesInput {
  readonly tracker: Pick<Tracker, 'settings' | 'target'>;
  /** The logs of the range, oldest first. */
  readonly logs: readonly Log[];
  readonly range: DayRange;
  readonly granularity: Granularity;
  readonly calendar: DayCalendar;
}

/** Bucket start → the values of its logs, in time order. */
function valuesByBucket(byDay: ReadonlyMap<Day, readonly LogValue[]>, granularity: Granularity): Map<Day, LogValue[]> {
  const buckets = new Map<Day, LogValue[]>();
  for (const [day, values] of byDay) {
    const key = bucketOf(day, granularity);
    const bucket = buckets.get(key);
    if (bucket === undefined) buckets.set(key, [...values]);
    else bucket.push(...values);
  }
  return buckets;
}

/** Weeks a heat map shows at most: a year's grid, as the renderer draws it (weeks as columns). */
const HEATMAP_WEEKS = 53;

/** The heat map's first day: the range's, or the Monday 52 weeks before its last day's week. */
function heatmapFrom(range: DayRange): Day {
  const earliest = addDays(weekStart(range.to), -7 * (HEATMAP_WEEKS - 1));
  return range.from > earliest ? range.from : earliest;
}

export function chartSeries({ tracker, logs, range, granularity, calendar }: SeriesInput): ChartSeries {
  const settings = tracker.settings;
  const byDay = valuesByDay(logs, calendar);
  const buckets = bucketsOf(range, granularity);
  const byBucket = valuesByBucket(byDay, granularity);
  const numbersIn = (start: Day): number[] => (byBucket.get(start) ?? []).filter((value): value is number => typeof value === 'number');

  switch (settings.type) {
    case 'numerical': {
      const points: { t: Day; y: number }[] = [];
      for (const { start } of buckets) {
        const y = aggregate(numbersIn(start), settings.aggregation);
        if (y !== null) points.push({ t: start, y: roundTo(y, settings.decimals) });
      }
      return { kind: 'line', granularity, points, target: tracker.target?.value ?? null, unit: settings.unit };
    }
    case 'boolean': {
      const doneDays = new Set([...byDay].filter(([, values]) => trackerTypes.boolean.dayValue(values, settings) === true).map(([day]) => day));
      const doneIn = new Map<Day, number>();
      for (const day of doneDays) doneIn.set(bucketOf(day, granularity), (doneIn.get(bucketOf(day, granularity)) ?? 0) + 1);
      return {
        kind: 'done',
        granularity,
        bars: buckets.map(({ start, days }) => ({ t: start, done: doneIn.get(start) ?? 0, days })),
        answeredDays: byDay.size,
        heatmap: eachDay(heatmapFrom(range), range.to).map((day) => ({ day, done: doneDays.has(day), answered: byDay.has(day) })),
      };
    }
    case 'multiple_choice': {
      const totals = new Map<string, number>(settings.options.map((option) => [option.id, 0]));
      const stacked = buckets.map(({ start }) => {
        const counts: Record<string, number> = {};
        for (const value of byBucket.get(start) ?? []) {
          if (!Array.isArray(value)) continue;
          for (const optionId of value) {
            counts[optionId] = (counts[optionId] ?? 0) + 1;
            totals.set(optionId, (totals.get(optionId) ?? 0) + 1);
          }
        }
        return { t: start, counts };
      });
      const labels = new Map(settings.options.map((option) => [option.id, option.label]));
      return {
        kind: 'choice',
        granularity,
        distribution: [...totals].map(([optionId, count]) => ({ optionId, label: labels.get(optionId) ?? 'Unknown option', count })),
        stacked,
      };
    }
    case 'duration': {
      const bars = buckets.map(({ start }) => ({ t: start, seconds: numbersIn(start).reduce((sum, value) => sum + value, 0) }));
      const total = bars.reduce((sum, bar) => sum + bar.seconds, 0);
      return { kind: 'duration', granularity, bars, averageSeconds: bars.length > 0 && logs.length > 0 ? total / bars.length : null };
    }
  }
}
