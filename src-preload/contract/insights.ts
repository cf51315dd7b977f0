/**
 * What the dashboard, statistics and charts show. Computed in the core (pure functions
 * over the logs, days counted in the profile's time zone); the renderer only draws.
 */
import { z } from 'zod';
import { logSchema, logValueSchema } from './logs';
import { day, empty, id, op } from './shared';

export const RANGE_PRESETS = ['7d', '30d', '90d', '1y', 'all'] as const;
export const rangeSchema = z.union([
  z.object({ preset: z.enum(RANGE_PRESETS) }),
  /** Both days inclusive, in the profile's time zone. */
  z.object({ from: day, to: day }),
]);
export type Range = z.infer<typeof rangeSchema>;

export const GRANULARITIES = ['day', 'week', 'month'] as const;
export const granularitySchema = z.enum(GRANULARITIES);
export type Granularity = z.infer<typeof granularitySchema>;

export const targetProgressSchema = z.object({
  period: z.enum(['day', 'week']),
  /** Where the current day/week stands, in the target's terms. */
  current: z.number(),
  goal: z.number(),
  met: z.boolean(),
});

export const dashboardCardSchema = z.object({
  trackerId: id,
  today: z.object({
    count: z.number().int(),
    /** Today's value in the tracker's terms (aggregated number, newest yes/no, total seconds, last choice), or null. */
    value: logValueSchema.nullable(),
    /** Today's newest entry, or null: the answer a yes/no card changes rather than adding a second one. */
    lastLog: logSchema.nullable(),
  }),
  lastLog: logSchema.nullable(),
  /** Consecutive days (up to today, or yesterday when today is still open) with a qualifying entry. */
  currentStreak: z.number().int(),
  target: targetProgressSchema.nullable(),
});
export type DashboardCard = z.infer<typeof dashboardCardSchema>;

export const trackerStatsSchema = z.object({
  range: z.object({ from: day, to: day }),
  count: z.number().int(),
  /** Numerical values, or seconds for durations; null for other types or no logs. */
  average: z.number().nullable(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  total: z.number().nullable(),
  /** Boolean: share of the days with an answer whose answer (the day's newest) is yes; else null. */
  yesShare: z.number().nullable(),
  /** Multiple choice: how often each option was chosen. */
  optionCounts: z.array(z.object({ optionId: id, count: z.number().int() })).nullable(),
  currentStreak: z.number().int(),
  bestStreak: z.number().int(),
  /** Share (0–1) of the range's days or weeks that met the target; null without a target. */
  completion: z.number().nullable(),
});
export type TrackerStats = z.infer<typeof trackerStatsSchema>;

const bucket = z.string(); // the first day of the day/week/month bucket, YYYY-MM-DD
export const chartSeriesSchema = z.discriminatedUnion('kind', [
  /** numerical: aggregated value per bucket, target as a line */
  z.object({ kind: z.literal('line'), granularity: granularitySchema, points: z.array(z.object({ t: bucket, y: z.number() })), target: z.number().nullable(), unit: z.string() }),
  /** boolean: yes-days per bucket, and a calendar heat map of the range's days (at most its last 53 weeks), oldest first */
  z.object({
    kind: z.literal('done'),
    granularity: granularitySchema,
    bars: z.array(z.object({ t: bucket, done: z.number().int(), days: z.number().int() })),
    /** Days of the range with an answer, yes or no. */
    answeredDays: z.number().int(),
    /** `done`: the day's answer is yes; `answered`: it has one (a no, when not done). */
    heatmap: z.array(z.object({ day, done: z.boolean(), answered: z.boolean() })),
  }),
  /** multiple choice: overall distribution, and counts per option per bucket */
  z.object({
    kind: z.literal('choice'),
    granularity: granularitySchema,
    distribution: z.array(z.object({ optionId: id, label: z.string(), count: z.number().int() })),
    stacked: z.array(z.object({ t: bucket, counts: z.record(z.string(), z.number()) })),
  }),
  /** duration: total seconds per bucket, with the average */
  z.object({ kind: z.literal('duration'), granularity: granularitySchema, bars: z.array(z.object({ t: bucket, seconds: z.number() })), averageSeconds: z.number().nullable() }),
]);
export type ChartSeries = z.infer<typeof chartSeriesSchema>;

export const insightOperations = {
  /** One card per tracker: today, last entry, current streak, target progress. */
  dashboard: op(empty, z.object({ cards: z.array(dashboardCardSchema) })),
  /** Statistics of one tracker over a range. */
  trackerStats: op(z.object({ trackerId: id, range: rangeSchema }), z.object({ stats: trackerStatsSchema })),
  /** The chart series of one tracker over a range; granularity defaults by range length. */
  chartSeries: op(z.object({ trackerId: id, range: rangeSchema, granularity: granularitySchema.optional() }), z.object({ series: chartSeriesSchema })),
} as const;
