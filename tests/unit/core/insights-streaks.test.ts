import { describe, it, expect } from 'vitest';
import type { Log, LogValue, Target, Tracker } from '../../../src-preload/contract';
import { DayCalendar } from '../../../src-main/core/insights/day-calendar';
import { qualifyingDays, valuesByDay } from '../../../src-main/core/insights/day-groups';
import { eachDay } from '../../../src-main/core/insights/days';
import { bestStreak, currentStreak, runsOf, withDay } from '../../../src-main/core/insights/streaks';

let next = 0;
const log = (at: string, value: LogValue, offsetMinutes = 0): Log => ({ id: `log-${++next}`, trackerId: 't', at, offsetMinutes, value, note: '' });
const tracker = (settings: Tracker['settings'], target: Target | null = null): Pick<Tracker, 'settings' | 'target'> => ({ settings, target });
const numerical: Tracker['settings'] = { type: 'numerical', unit: 'h', min: null, max: null, decimals: 1, aggregation: 'sum' };

/** The streak as of `today` from logs, as the dashboard computes it. */
function streakOf(t: Pick<Tracker, 'settings' | 'target'>, logs: Log[], zone: string, today: string): { current: number; best: number } {
  const runs = runsOf(qualifyingDays(t, valuesByDay(logs, new DayCalendar(zone))));
  return { current: currentStreak(runs, today), best: bestStreak(runs) };
}

describe('runs of days', () => {
  it('groups consecutive days, across month and year ends', () => {
    expect(runsOf(['2026-01-01', '2025-12-31', '2025-12-30', '2026-01-03', '2026-01-03'])).toEqual([
      ['2025-12-30', '2026-01-01'],
      ['2026-01-03', '2026-01-03'],
    ]);
    expect(runsOf([])).toEqual([]);
  });

  it('counts the current streak up to today, or up to yesterday while today is open', () => {
    const runs = runsOf(eachDay('2026-11-20', '2026-11-24'));
    expect(currentStreak(runs, '2026-11-24')).toBe(5);
    expect(currentStreak(runs, '2026-11-25')).toBe(5);
    expect(currentStreak(runs, '2026-11-26')).toBe(0);
    expect(currentStreak([], '2026-11-26')).toBe(0);
    expect(bestStreak([...runsOf(['2026-01-01']), ...runs])).toBe(5);
  });

  it('adds and removes a day: extend, bridge, split, insert', () => {
    const runs = runsOf(['2026-11-01', '2026-11-02', '2026-11-04', '2026-11-10']);
    expect(withDay(runs, '2026-11-03', true)).toEqual([['2026-11-01', '2026-11-04'], ['2026-11-10', '2026-11-10']]);
    expect(withDay(runs, '2026-10-31', true)).toEqual([['2026-10-31', '2026-11-02'], ['2026-11-04', '2026-11-04'], ['2026-11-10', '2026-11-10']]);
    expect(withDay(runs, '2026-11-07', true)).toEqual([['2026-11-01', '2026-11-02'], ['2026-11-04', '2026-11-04'], ['2026-11-07', '2026-11-07'], ['2026-11-10', '2026-11-10']]);
    expect(withDay(runs, '2026-11-20', true)).toEqual([...runs, ['2026-11-20', '2026-11-20']]);
    expect(withDay(runs, '2026-11-01', false)).toEqual([['2026-11-02', '2026-11-02'], ['2026-11-04', '2026-11-04'], ['2026-11-10', '2026-11-10']]);
    expect(withDay(runsOf(eachDay('2026-11-01', '2026-11-05')), '2026-11-03', false)).toEqual([['2026-11-01', '2026-11-02'], ['2026-11-04', '2026-11-05']]);
    expect(withDay(runs, '2026-11-05', false)).toEqual(runs);
    expect(withDay(runs, '2026-11-02', true)).toEqual(runs);
  });

  it('agrees with rebuilding from scratch after any sequence of changes', () => {
    const days = eachDay('2026-10-20', '2026-11-10');
    let runs = runsOf([]);
    const truth = new Set<string>();
    let seed = 7;
    for (let step = 0; step < 400; step += 1) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const day = days[seed % days.length] ?? '2026-10-20';
      const qualifies = seed % 3 !== 0;
      runs = withDay(runs, day, qualifies);
      if (qualifies) truth.add(day);
      else truth.delete(day);
    }
    expect(runs).toEqual(runsOf(truth));
  });
});

describe('streaks from logs', () => {
  it('counts a daily streak across a month end and the spring DST change (Paris)', () => {
    // 21:30 local every evening from 25 March to 3 April 2026; the clocks change on 29 March.
    const logs = eachDay('2026-03-25', '2026-04-03').map((day) => {
      const offset = day < '2026-03-29' ? 60 : 120;
      return log(new Date(Date.parse(`${day}T21:30:00Z`) - offset * 60_000).toISOString(), true, offset);
    });
    expect(streakOf(tracker({ type: 'boolean' }), logs, 'Europe/Paris', '2026-04-03')).toEqual({ current: 10, best: 10 });
    // The same moments counted in UTC fall on the same days (21:30 local is 19:30–20:30 UTC).
    expect(streakOf(tracker({ type: 'boolean' }), logs, 'UTC', '2026-04-04')).toEqual({ current: 10, best: 10 });
  });

  it('counts late-evening logs on their local day across the autumn DST change (Paris)', () => {
    // 23:30 local on 24, 25 and 26 October 2026: in UTC these are 21:30, 22:30 and 22:30.
    const logs = [log('2026-10-24T21:30:00.000Z', 30, 120), log('2026-10-25T22:30:00.000Z', 30, 60), log('2026-10-26T22:30:00.000Z', 30, 60)];
    const calendar = new DayCalendar('Europe/Paris');
    expect(logs.map((entry) => calendar.dayOf(entry.at))).toEqual(['2026-10-24', '2026-10-25', '2026-10-26']);
    expect(streakOf(tracker({ type: 'duration' }), logs, 'Europe/Paris', '2026-10-26')).toEqual({ current: 3, best: 3 });
  });

  it('counts a late-evening log on the next day in a zone ahead of it (New York vs Paris)', () => {
    // 23:30 in New York on 1 and 2 November 2026 (after its DST change) is the next morning in Paris.
    const logs = [log('2026-11-02T04:30:00.000Z', 1, -300), log('2026-11-03T04:30:00.000Z', 1, -300)];
    expect(valuesByDay(logs, new DayCalendar('America/New_York'))).toEqual(new Map([['2026-11-01', [1]], ['2026-11-02', [1]]]));
    expect(valuesByDay(logs, new DayCalendar('Europe/Paris'))).toEqual(new Map([['2026-11-02', [1]], ['2026-11-03', [1]]]));
    expect(streakOf(tracker(numerical), logs, 'America/New_York', '2026-11-03').current).toBe(2);
    expect(streakOf(tracker(numerical), logs, 'America/New_York', '2026-11-04').current).toBe(0);
  });

  it('needs a yes (the day’s newest answer) for a boolean tracker; any entry for the other types', () => {
    const logs = [log('2026-11-01T12:00:00Z', true), log('2026-11-02T12:00:00Z', false), log('2026-11-03T12:00:00Z', true), log('2026-11-03T13:00:00Z', false)];
    // The 3rd's yes was corrected by a no an hour later: only the 1st counts.
    expect(streakOf(tracker({ type: 'boolean' }), logs, 'UTC', '2026-11-03')).toEqual({ current: 0, best: 1 });
    const choices = [log('2026-11-01T12:00:00Z', ['a']), log('2026-11-02T12:00:00Z', ['b'])];
    const mood: Tracker['settings'] = { type: 'multiple_choice', options: [{ id: 'a', label: 'A', archived: false }, { id: 'b', label: 'B', archived: false }], multiple: false };
    expect(streakOf(tracker(mood), choices, 'UTC', '2026-11-03')).toEqual({ current: 2, best: 2 });
  });

  it('with a daily target, counts the days that met it', () => {
    const sleep = tracker(numerical, { period: 'day', comparison: 'at_least', value: 8 });
    const logs = [
      log('2026-11-01T07:00:00Z', 8),
      log('2026-11-02T07:00:00Z', 5),
      log('2026-11-02T14:00:00Z', 3), // with the nap, 8 h: met (sum)
      log('2026-11-03T07:00:00Z', 6), // not met: breaks the streak
      log('2026-11-04T07:00:00Z', 9),
      log('2026-11-05T07:00:00Z', 8.5),
    ];
    expect(streakOf(sleep, logs, 'UTC', '2026-11-05')).toEqual({ current: 2, best: 2 });
    const atMost = tracker({ type: 'duration' }, { period: 'day', comparison: 'at_most', value: 3600 });
    const screen = [log('2026-11-04T07:00:00Z', 1800), log('2026-11-05T07:00:00Z', 4000)];
    expect(streakOf(atMost, screen, 'UTC', '2026-11-05')).toEqual({ current: 1, best: 1 });
  });

  it('ignores a weekly target when counting days', () => {
    const weekly = tracker({ type: 'boolean' }, { period: 'week', comparison: 'at_least', value: 3 });
    const logs = [log('2026-11-04T07:00:00Z', true), log('2026-11-05T07:00:00Z', true)];
    expect(streakOf(weekly, logs, 'UTC', '2026-11-05').current).toBe(2);
  });
});
