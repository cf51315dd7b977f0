import { describe, it, expect } from 'vitest';
import type { Log, LogValue, Target, Tracker } from '../../../src-preload/contract';
import { dashboardCard } from '../../../src-main/core/insights/dashboard-card';
import { DayCalendar } from '../../../src-main/core/insights/day-calendar';
import { valuesByDay } from '../../../src-main/core/insights/day-groups';
import { chartSeries } from '../../../src-main/core/insights/series';
import { trackerStats } from '../../../src-main/core/insights/stats';
import { runsOf } from '../../../src-main/core/insights/streaks';
import { buildSummary, digestChanged, DIGESTED_MONTHS, shardAgrees, shardDigest, summaryKey, withMonthDigest } from '../../../src-main/core/insights/summary';

let next = 0;
const log = (at: string, value: LogValue, note = ''): Log => ({ id: `log-${++next}`, trackerId: 't', at, offsetMinutes: 0, value, note });
const utc = new DayCalendar('UTC');
const numerical = (aggregation: 'average' | 'sum' | 'last' = 'average'): Tracker['settings'] => ({ type: 'numerical', unit: 'kg', min: null, max: null, decimals: 1, aggregation });
const mood: Tracker['settings'] = {
  type: 'multiple_choice',
  options: [
    { id: 'good', label: 'Good', archived: false },
    { id: 'bad', label: 'Bad', archived: false },
    { id: 'old', label: 'Meh', archived: true },
  ],
  multiple: true,
};
const t = (settings: Tracker['settings'], target: Target | null = null) => ({ id: 't', settings, target });

describe('statistics', () => {
  const range = { from: '2026-11-01', to: '2026-11-07' };

  it('numerical: count, average, min, max, total, best streak in the range', () => {
    const logs = [log('2026-11-01T08:00:00Z', 70), log('2026-11-02T08:00:00Z', 72), log('2026-11-03T08:00:00Z', 71), log('2026-11-05T08:00:00Z', 75)];
    const stats = trackerStats({ tracker: t(numerical()), logs, range, today: '2026-11-07', calendar: utc, currentStreak: 0 });
    expect(stats).toEqual({
      range,
      count: 4,
      average: 72,
      min: 70,
      max: 75,
      total: 288,
      yesShare: null,
      optionCounts: null,
      currentStreak: 0,
      bestStreak: 3,
      completion: null,
    });
  });

  it('boolean: the share of yes, completion against a daily target up to today', () => {
    const logs = [log('2026-11-01T08:00:00Z', true), log('2026-11-02T08:00:00Z', false), log('2026-11-03T08:00:00Z', true), log('2026-11-04T08:00:00Z', true)];
    const stats = trackerStats({ tracker: t({ type: 'boolean' }, { period: 'day', comparison: 'at_least', value: 1 }), logs, range, today: '2026-11-05', calendar: utc, currentStreak: 2 });
    expect(stats).toMatchObject({ count: 4, yesShare: 0.75, average: null, total: null, bestStreak: 2, currentStreak: 2 });
    // 3 of the 5 days up to today met it (the 6th and 7th are still to come).
    expect(stats.completion).toBeCloseTo(3 / 5);
  });

  it('duration: completion against a weekly target by ISO week', () => {
    const week = { from: '2026-11-02', to: '2026-11-15' }; // two full weeks, Monday to Sunday
    const logs = [log('2026-11-02T08:00:00Z', 3600), log('2026-11-04T08:00:00Z', 3600), log('2026-11-10T08:00:00Z', 1800)];
    const stats = trackerStats({ tracker: t({ type: 'duration' }, { period: 'week', comparison: 'at_least', value: 7200 }), logs, range: week, today: '2026-11-20', calendar: utc, currentStreak: 0 });
    expect(stats).toMatchObject({ count: 3, total: 9000, average: 3000, min: 1800, max: 3600, completion: 0.5 });
  });

  it('multiple choice: how often each option was chosen, archived ones too', () => {
    const logs = [log('2026-11-01T08:00:00Z', ['good']), log('2026-11-02T08:00:00Z', ['good', 'bad']), log('2026-11-03T08:00:00Z', ['old'])];
    const stats = trackerStats({ tracker: t(mood), logs, range, today: '2026-11-07', calendar: utc, currentStreak: 0 });
    expect(stats.optionCounts).toEqual([
      { optionId: 'good', count: 2 },
      { optionId: 'bad', count: 1 },
      { optionId: 'old', count: 1 },
    ]);
    expect(stats).toMatchObject({ average: null, yesShare: null, completion: null });
  });

  it('has no figures for an empty range', () => {
    const stats = trackerStats({ tracker: t(numerical()), logs: [], range, today: '2026-11-07', calendar: utc, currentStreak: 0 });
    expect(stats).toMatchObject({ count: 0, average: null, min: null, max: null, total: null, bestStreak: 0 });
  });
});

describe('chart series', () => {
  it('numerical: aggregated per bucket, empty buckets left out, with the target and unit', () => {
    const logs = [log('2026-11-02T08:00:00Z', 70), log('2026-11-03T08:00:00Z', 71), log('2026-11-10T08:00:00Z', 72), log('2026-11-10T20:00:00Z', 73)];
    const series = chartSeries({ tracker: t(numerical(), { period: 'day', comparison: 'at_most', value: 71 }), logs, range: { from: '2026-11-01', to: '2026-11-30' }, granularity: 'week', calendar: utc });
    expect(series).toEqual({
      kind: 'line',
      granularity: 'week',
      points: [
        { t: '2026-11-02', y: 70.5 },
        { t: '2026-11-09', y: 72.5 },
      ],
      target: 71,
      unit: 'kg',
    });
    const daily = chartSeries({ tracker: t(numerical('last')), logs, range: { from: '2026-11-01', to: '2026-11-30' }, granularity: 'day', calendar: utc });
    expect(daily.kind === 'line' && daily.points.find((point) => point.t === '2026-11-10')).toEqual({ t: '2026-11-10', y: 73 });
  });

  it('boolean: done-days per bucket out of its days in range, and a heat map of every day', () => {
    const logs = [log('2026-11-01T08:00:00Z', true), log('2026-11-01T09:00:00Z', true), log('2026-11-02T08:00:00Z', false), log('2026-12-01T08:00:00Z', true)];
    const series = chartSeries({ tracker: t({ type: 'boolean' }), logs, range: { from: '2026-10-30', to: '2026-12-02' }, granularity: 'month', calendar: utc });
    expect(series.kind).toBe('done');
    if (series.kind !== 'done') return;
    expect(series.bars).toEqual([
      { t: '2026-10-01', done: 0, days: 2 },
      { t: '2026-11-01', done: 1, days: 30 },
      { t: '2026-12-01', done: 1, days: 2 },
    ]);
    expect(series.heatmap).toHaveLength(34);
    expect(series.heatmap.filter((day) => day.done).map((day) => day.day)).toEqual(['2026-11-01', '2026-12-01']);
  });

  it('boolean: the heat map covers the range, at most its last 53 weeks (the grid of a year)', () => {
    const logs = [log('2024-01-10T08:00:00Z', true), log('2026-11-25T08:00:00Z', true)];
    const month = chartSeries({ tracker: t({ type: 'boolean' }), logs, range: { from: '2026-10-27', to: '2026-11-25' }, granularity: 'day', calendar: utc });
    if (month.kind !== 'done') throw new Error(month.kind);
    expect([month.heatmap[0]?.day, month.heatmap.at(-1)?.day, month.heatmap.length]).toEqual(['2026-10-27', '2026-11-25', 30]);

    const years = chartSeries({ tracker: t({ type: 'boolean' }), logs, range: { from: '2024-01-01', to: '2026-11-25' }, granularity: 'month', calendar: utc });
    if (years.kind !== 'done') throw new Error(years.kind);
    // Wednesday 25 November 2026: its week began Monday the 23rd; 52 weeks before that.
    expect(years.heatmap[0]?.day).toBe('2025-11-24');
    expect(years.heatmap.at(-1)?.day).toBe('2026-11-25');
    expect(years.heatmap.filter((day) => day.done).map((day) => day.day)).toEqual(['2026-11-25']);
    // The bars still cover the whole range.
    expect(years.bars.reduce((sum, bar) => sum + bar.done, 0)).toBe(2);
  });

  it('multiple choice: distribution with labels, and counts per option per bucket', () => {
    const logs = [log('2026-11-01T08:00:00Z', ['good']), log('2026-11-01T09:00:00Z', ['good', 'bad']), log('2026-11-03T08:00:00Z', ['old'])];
    const series = chartSeries({ tracker: t(mood), logs, range: { from: '2026-11-01', to: '2026-11-03' }, granularity: 'day', calendar: utc });
    expect(series).toEqual({
      kind: 'choice',
      granularity: 'day',
      distribution: [
        { optionId: 'good', label: 'Good', count: 2 },
        { optionId: 'bad', label: 'Bad', count: 1 },
        { optionId: 'old', label: 'Meh', count: 1 },
      ],
      stacked: [
        { t: '2026-11-01', counts: { good: 2, bad: 1 } },
        { t: '2026-11-02', counts: {} },
        { t: '2026-11-03', counts: { old: 1 } },
      ],
    });
  });

  it('duration: total seconds per bucket, and the average over the buckets', () => {
    const logs = [log('2026-11-01T08:00:00Z', 600), log('2026-11-01T20:00:00Z', 1200), log('2026-11-03T08:00:00Z', 900)];
    const series = chartSeries({ tracker: t({ type: 'duration' }), logs, range: { from: '2026-11-01', to: '2026-11-03' }, granularity: 'day', calendar: utc });
    expect(series).toEqual({
      kind: 'duration',
      granularity: 'day',
      bars: [
        { t: '2026-11-01', seconds: 1800 },
        { t: '2026-11-02', seconds: 0 },
        { t: '2026-11-03', seconds: 900 },
      ],
      averageSeconds: 900,
    });
    const empty = chartSeries({ tracker: t({ type: 'duration' }), logs: [], range: { from: '2026-11-01', to: '2026-11-03' }, granularity: 'day', calendar: utc });
    expect(empty).toMatchObject({ averageSeconds: null });
  });

  it('buckets by the day in the profile zone', () => {
    // 23:30 in Paris on 1 November is 22:30 UTC: that day's bar, not the 2nd's.
    const logs = [log('2026-11-01T22:30:00Z', 600)];
    const series = chartSeries({ tracker: t({ type: 'duration' }), logs, range: { from: '2026-11-01', to: '2026-11-02' }, granularity: 'day', calendar: new DayCalendar('Europe/Paris') });
    expect(series.kind === 'duration' && series.bars).toEqual([
      { t: '2026-11-01', seconds: 600 },
      { t: '2026-11-02', seconds: 0 },
    ]);
  });
});

describe('dashboard card', () => {
  it("shows today's count and value, last log, streak and weekly target progress", () => {
    const logs = [log('2026-11-23T08:00:00Z', 1800), log('2026-11-25T07:00:00Z', 600), log('2026-11-25T08:00:00Z', 1200)];
    const card = dashboardCard({
      tracker: t({ type: 'duration' }, { period: 'week', comparison: 'at_least', value: 3600 }),
      today: '2026-11-25',
      recent: valuesByDay(logs, utc),
      todayLog: logs[2] ?? null,
      lastLog: logs[2] ?? null,
      runs: runsOf(['2026-11-23', '2026-11-24', '2026-11-25']),
    });
    expect(card).toEqual({
      trackerId: 't',
      today: { count: 2, value: 1800, lastLog: logs[2] },
      lastLog: logs[2],
      currentStreak: 3,
      target: { period: 'week', current: 3600, goal: 3600, met: true },
    });
  });

  it('shows an open day: no value, progress 0, streak up to yesterday', () => {
    const card = dashboardCard({
      tracker: t({ type: 'boolean' }, { period: 'day', comparison: 'at_least', value: 1 }),
      today: '2026-11-25',
      recent: new Map(),
      todayLog: null,
      lastLog: null,
      runs: runsOf(['2026-11-23', '2026-11-24']),
    });
    expect(card).toEqual({ trackerId: 't', today: { count: 0, value: null, lastLog: null }, lastLog: null, currentStreak: 2, target: { period: 'day', current: 0, goal: 1, met: false } });
  });
});

describe('summaries', () => {
  const shards = [
    { month: '2026-09', logs: [log('2026-09-30T08:00:00Z', true)] },
    { month: '2026-10', logs: [log('2026-10-01T08:00:00Z', true), log('2026-10-02T08:00:00Z', false)] },
    { month: '2026-11', logs: [log('2026-11-01T08:00:00Z', true)] },
    { month: '2026-12', logs: [] },
  ];

  it('builds runs, the last log and digests of the newest shards', () => {
    const summary = buildSummary(t({ type: 'boolean' }), shards, utc);
    expect(summary.runs).toEqual([['2026-09-30', '2026-10-01'], ['2026-11-01', '2026-11-01']]);
    expect(summary.lastLog).toEqual(shards[2]?.logs[0]);
    expect(Object.keys(summary.months)).toEqual(['2026-09', '2026-10', '2026-11']);
    expect(summary.key).toBe(summaryKey(t({ type: 'boolean' }), 'UTC'));
  });

  it('is keyed by the zone and the rules the runs depend on', () => {
    expect(summaryKey(t({ type: 'boolean' }), 'UTC')).not.toBe(summaryKey(t({ type: 'boolean' }), 'Europe/Paris'));
    expect(summaryKey(t({ type: 'boolean' }), 'UTC')).not.toBe(summaryKey(t({ type: 'boolean' }, { period: 'day', comparison: 'at_least', value: 1 }), 'UTC'));
  });

  it('notices a shard that changed behind its back', () => {
    const summary = buildSummary(t({ type: 'boolean' }), shards, utc);
    const november = shards[2]?.logs ?? [];
    expect(shardAgrees(summary, '2026-11', november)).toBe(true);
    expect(shardAgrees(summary, '2026-11', [...november, log('2026-11-02T08:00:00Z', true)])).toBe(false);
    expect(shardAgrees(summary, '2026-11', november.map((entry) => ({ ...entry, note: 'edited' })))).toBe(false);
    // A newer month the summary never saw, with logs in it: stale.
    expect(shardAgrees(summary, '2026-12', [log('2026-12-01T08:00:00Z', true)])).toBe(false);
    expect(shardAgrees(summary, '2026-12', [])).toBe(true);
  });

  it('keeps digests of the newest months only', () => {
    let months: Record<string, string> = {};
    for (const month of ['2026-01', '2026-02', '2026-03', '2026-04']) months = withMonthDigest(months, month, [log(`${month}-01T00:00:00Z`, 1)]);
    expect(Object.keys(months)).toHaveLength(DIGESTED_MONTHS);
    expect(Object.keys(months).sort()[0]).toBe('2026-02');
    expect(shardDigest([])).toBe('0:0');
  });

  it('moves a digest by the logs a write removes and adds, to what digesting the new shard gives', () => {
    const logs = Array.from({ length: 6 }, (_, i) => ({ ...log(`2026-11-0${i + 1}T08:00:00Z`, i), id: `log-${i}` }));
    const edited = { ...logs[2], note: 'edited' } as Log;
    const after = [...logs.slice(0, 2), edited, ...logs.slice(4), { ...log('2026-11-09T08:00:00Z', 9), id: 'log-new' }];
    const moved = digestChanged(shardDigest(logs), [logs[2] as Log, logs[3] as Log], [edited, after.at(-1) as Log]);
    expect(moved).toBe(shardDigest(after));
    // Order does not count: the digest is of the month's set of entries.
    expect(shardDigest([...after].reverse())).toBe(moved);
    expect(digestChanged(shardDigest(logs), [logs[0] as Log], [])).not.toBe(shardDigest(logs.slice(1).map((entry) => ({ ...entry, note: 'x' }))));
    expect(digestChanged('not a digest', [], [])).toBeNull();
  });
});
