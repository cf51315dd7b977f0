/**
 * What one day of a yes/no tracker means: its newest answer. A later "No" corrects an
 * earlier "Yes" (and the other way round) in the dashboard, targets, streaks, statistics
 * and charts alike.
 */
import { writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Log, LogValue, Target, Tracker } from '../../../src-preload/contract';
import { trackerTypes } from '../../../src-main/core/domain/tracker-types';
import { dashboardCard } from '../../../src-main/core/insights/dashboard-card';
import { DayCalendar } from '../../../src-main/core/insights/day-calendar';
import { qualifyingDays, valuesByDay } from '../../../src-main/core/insights/day-groups';
import { chartSeries } from '../../../src-main/core/insights/series';
import { trackerStats } from '../../../src-main/core/insights/stats';
import { bestStreak, runsOf } from '../../../src-main/core/insights/streaks';
import { buildSummary } from '../../../src-main/core/insights/summary';
import { nodeFs } from '../../../src-main/core/store/fs-port';
import { dataLayout } from '../../../src-main/core/store/layout';
import { Client, SIGN_UP, startCore } from './helpers';

let next = 0;
const log = (at: string, value: LogValue): Log => ({ id: `log-${++next}`, trackerId: 't', at, offsetMinutes: 0, value, note: '' });
const utc = new DayCalendar('UTC');
const yesNo = (target: Target | null = null) => ({ id: 't', settings: { type: 'boolean' } as Tracker['settings'], target });
const daily: Target = { period: 'day', comparison: 'at_least', value: 1 };
const rules = trackerTypes.boolean;

// 1 to 3 November: a yes; a yes corrected by a no; a no corrected by a yes.
const logs = [
  log('2026-11-01T08:00:00Z', true),
  log('2026-11-02T08:00:00Z', true),
  log('2026-11-02T21:00:00Z', false),
  log('2026-11-03T08:00:00Z', false),
  log('2026-11-03T21:00:00Z', true),
];

describe('a yes/no day is its newest answer', () => {
  it('in the type table: day value, target measure and streak rule', () => {
    expect(rules.dayValue([true, false], { type: 'boolean' })).toBe(false);
    expect(rules.dayValue([false, true], { type: 'boolean' })).toBe(true);
    expect(rules.dayValue([], { type: 'boolean' })).toBeNull();
    expect(rules.qualifies([true, false])).toBe(false);
    expect(rules.qualifies([false, true])).toBe(true);
    expect(rules.measure([[true], [true, false], [false, true]], { type: 'boolean' })).toBe(2);
  });

  it('in streaks: a day with Yes then No breaks the run, with or without a daily target', () => {
    for (const target of [null, daily]) {
      const days = qualifyingDays(yesNo(target), valuesByDay(logs, utc));
      expect(days).toEqual(['2026-11-01', '2026-11-03']);
      expect(bestStreak(runsOf(days))).toBe(1);
    }
    expect(buildSummary(yesNo(), [{ month: '2026-11', logs }], utc).runs).toEqual([
      ['2026-11-01', '2026-11-01'],
      ['2026-11-03', '2026-11-03'],
    ]);
  });

  it('in statistics: the yes share counts days, and the daily target is judged on the newest answer', () => {
    const stats = trackerStats({ tracker: yesNo(daily), logs, range: { from: '2026-11-01', to: '2026-11-03' }, today: '2026-11-03', calendar: utc, currentStreak: 1 });
    expect(stats).toMatchObject({ count: 5, yesShare: 2 / 3, bestStreak: 1 });
    expect(stats.completion).toBeCloseTo(2 / 3);
  });

  it('in charts: the bars and the heat map colour only days whose newest answer is yes', () => {
    const series = chartSeries({ tracker: yesNo(), logs, range: { from: '2026-11-01', to: '2026-11-03' }, granularity: 'day', calendar: utc });
    if (series.kind !== 'done') throw new Error(`Expected yes/no series, got ${series.kind}`);
    expect(series.heatmap).toEqual([
      { day: '2026-11-01', done: true, answered: true },
      { day: '2026-11-02', done: false, answered: true },
      { day: '2026-11-03', done: true, answered: true },
    ]);
    expect(series.bars.map((bar) => bar.done)).toEqual([1, 0, 1]);
    expect(series.answeredDays).toBe(3);
  });

  it('in charts: a range answered only No is not empty, and a day without an answer is told apart', () => {
    const series = chartSeries({ tracker: yesNo(), logs: [log('2026-11-02T08:00:00Z', false)], range: { from: '2026-11-01', to: '2026-11-02' }, granularity: 'day', calendar: utc });
    if (series.kind !== 'done') throw new Error(`Expected yes/no series, got ${series.kind}`);
    expect(series.heatmap).toEqual([
      { day: '2026-11-01', done: false, answered: false },
      { day: '2026-11-02', done: false, answered: true },
    ]);
    expect(series.answeredDays).toBe(1);
  });

  it('on the dashboard card: today is No after a Yes was corrected, and the daily target is not met', () => {
    const card = dashboardCard({
      tracker: yesNo(daily),
      today: '2026-11-02',
      recent: valuesByDay(logs.slice(1, 3), utc),
      todayLog: logs[2] ?? null,
      lastLog: logs[2] ?? null,
      runs: runsOf(['2026-11-01']),
    });
    expect(card.today).toEqual({ count: 2, value: false, lastLog: logs[2] });
    expect(card.target).toEqual({ period: 'day', current: 0, goal: 1, met: false });
  });
});

describe('through the core', () => {
  it('a No logged after a Yes on the same day ends the streak that the Yes had extended', async () => {
    const now = new Date('2026-11-25T20:00:00.000Z');
    const core = await startCore({ now: () => now });
    const client = new Client(core);
    await client.ok('signUp', { ...SIGN_UP, timeZone: 'UTC' });
    const { tracker } = await client.ok('createTracker', { name: 'Yoga', settings: { type: 'boolean' } });
    await client.ok('addLog', { trackerId: tracker.id, value: true, at: '2026-11-24T08:00:00Z' });
    await client.ok('addLog', { trackerId: tracker.id, value: true, at: '2026-11-25T08:00:00Z' });
    expect((await client.ok('dashboard', {})).cards[0]).toMatchObject({ today: { count: 1, value: true }, currentStreak: 2 });

    const { log: no } = await client.ok('addLog', { trackerId: tracker.id, value: false, at: '2026-11-25T19:00:00Z' });
    // Today's newest entry comes with the card, for the UI to change rather than add to.
    expect((await client.ok('dashboard', {})).cards[0]).toMatchObject({ today: { count: 2, value: false, lastLog: no }, currentStreak: 1 });
    const { stats } = await client.ok('trackerStats', { trackerId: tracker.id, range: { preset: '7d' } });
    expect(stats).toMatchObject({ yesShare: 1 / 2, bestStreak: 1, currentStreak: 1 });
  });

  it('rebuilds a summary saved under the old rule (any yes counted), so an older profile shows the same streak', async () => {
    const now = new Date('2026-11-25T20:00:00.000Z');
    const core = await startCore({ now: () => now, encryptAtRest: false });
    const client = new Client(core);
    const { profile } = await client.ok('signUp', { ...SIGN_UP, timeZone: 'UTC' });
    const { tracker } = await client.ok('createTracker', { name: 'Yoga', settings: { type: 'boolean' } });
    await client.ok('addLog', { trackerId: tracker.id, value: true, at: '2026-11-24T08:00:00Z' });
    await client.ok('addLog', { trackerId: tracker.id, value: true, at: '2026-11-25T08:00:00Z' });
    await client.ok('addLog', { trackerId: tracker.id, value: false, at: '2026-11-25T19:00:00Z' });
    await core.close();

    // What the app saved before this rule: the key it used then, and the 25th still in the run.
    const file = `${dataLayout(core.dataDir).profileDir(profile.id)}/summaries.json`;
    const saved = JSON.parse(await nodeFs.readFile(file, 'utf8')) as { trackers: Record<string, { key: string; runs: [string, string][] }> };
    const summary = saved.trackers[tracker.id];
    if (!summary) throw new Error('no summary saved');
    summary.key = JSON.stringify(['UTC', 'boolean', null, null]);
    summary.runs = [['2026-11-24', '2026-11-25']];
    await writeFile(file, JSON.stringify(saved));

    const again = new Client(await startCore({ dataDir: core.dataDir, now: () => now, encryptAtRest: false }));
    await again.ok('logIn', { email: SIGN_UP.email, password: SIGN_UP.password });
    expect((await again.ok('dashboard', {})).cards[0]).toMatchObject({ today: { value: false }, currentStreak: 1 });
  });
});
