/**
 * The scheduler's promises under generated histories: a runner that looks at random moments
 * (gaps of minutes to days are the app being closed or the profile locked), with the record
 * trimmed hard after every look. Never twice; in one zone, never lost either: every day a
 * tracker was owed a nudge ends with exactly one run, `done` when the app looked that day
 * after the due moment, else `missed`.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { DayCalendar } from '../../../src-main/core/insights/day-calendar';
import { eachDay } from '../../../src-main/core/insights/days';
import { isoWeekday, wallClockMoment } from '../../../src-main/core/jobs/wall-clock';
import type { NudgeTracker } from '../../../src-main/core/jobs/nudges';
import { FakeRunner, tracker } from './jobs-fixtures';

const ZONES = ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'UTC'];
const START = Date.parse('2026-03-20T00:00:00Z'); // around the spring switches; autumn ones below
const MINUTE = 60_000;

const clockTime = fc
  .oneof(fc.constantFrom('02:30', '01:30', '00:00', '23:59', '20:00'), fc.integer({ min: 0, max: 1439 }).map((m) => m))
  .map((m) => (typeof m === 'string' ? m : `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`));
const reminder = fc.record({ enabled: fc.constant(true), days: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }), time: fc.option(clockTime, { nil: null }) });
const trackers = fc.array(reminder, { minLength: 1, maxLength: 3 }).map((reminders) => reminders.map((r, index) => tracker(`t${index}`, { reminder: r })));
/** Gaps between looks: minutes (the app running), hours, up to three days (closed, locked). */
const gaps = fc.array(fc.oneof(fc.integer({ min: 1, max: 90 }), fc.integer({ min: 60, max: 24 * 60 }), fc.integer({ min: 24 * 60, max: 3 * 24 * 60 })), { minLength: 1, maxLength: 25 });
const base = fc.constantFrom(START, Date.parse('2026-10-20T00:00:00Z'));

function looks(start: number, minutes: number[]): number[] {
  let moment = start;
  return minutes.map((gap) => (moment += gap * MINUTE));
}

function keysAreUnique(runner: FakeRunner): void {
  const keys = runner.history.map((run) => run.key);
  expect(new Set(keys).size).toBe(keys.length);
}

describe('scheduler properties', () => {
  it('in one zone: never twice, never lost, done exactly when the app looked that day after the due moment', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), base, trackers, gaps, fc.nat({ max: 2 ** 31 }), (timeZone, start, list, minutes, seed) => {
        const calendar = new DayCalendar(timeZone);
        const entries = new Set<string>();
        const moments = looks(start, minutes);
        const days = eachDay(calendar.dayOf(start), calendar.dayOf(moments.at(-1) ?? start));
        // Some entries, picked by the seed: those days are owed nothing.
        days.forEach((day, index) => list.forEach((t, j) => (seed >> ((index + j) % 31)) & 1 && entries.add(`${t.id}@${day}`)));
        const runner = new FakeRunner({ timeZone, trackers: list, entries, trim: { keepDays: 0, keepRuns: 2 } });
        runner.check(new Date(start));
        for (const moment of moments) {
          runner.check(new Date(moment));
          // Looking again at once changes nothing.
          expect(runner.decideNudges(new Date(moment))).toEqual({ show: [], missed: [] });
        }
        keysAreUnique(runner);

        const last = moments.at(-1) ?? start;
        const outcomes = new Map(runner.history.map((run) => [run.key, run.outcome]));
        for (const day of days.slice(1, -1)) {
          for (const t of list as NudgeTracker[]) {
            const key = `nudge:${day}:${t.id}`;
            const owed = t.reminder.days.includes(isoWeekday(day)) && !entries.has(`${t.id}@${day}`);
            if (!owed) {
              expect(outcomes.get(key)).toBeUndefined();
              continue;
            }
            const due = wallClockMoment(calendar, day, t.reminder.time ?? runner.nudges.time);
            if (due > last) continue;
            const lookedInTime = [start, ...moments].some((moment) => moment >= due && calendar.dayOf(moment) === day);
            expect(outcomes.get(key)).toBe(lookedInTime ? 'done' : 'missed');
          }
        }
      }),
    );
  });

  it('with the zone changing between looks: never twice', () => {
    fc.assert(
      fc.property(base, trackers, fc.array(fc.tuple(fc.integer({ min: 1, max: 36 * 60 }), fc.constantFrom(...ZONES, 'Asia/Tokyo', 'Pacific/Kiritimati', 'Pacific/Pago_Pago')), { minLength: 1, maxLength: 25 }), (start, list, steps) => {
        const runner = new FakeRunner({ timeZone: 'Europe/Berlin', trackers: list, trim: { keepDays: 0, keepRuns: 2 } });
        let moment = start;
        runner.check(new Date(moment));
        for (const [gap, zone] of steps) {
          moment += gap * MINUTE;
          runner.timeZone = zone;
          runner.check(new Date(moment));
          expect(runner.decideNudges(new Date(moment))).toEqual({ show: [], missed: [] });
        }
        keysAreUnique(runner);
      }),
    );
  });

  it('reports: never twice, and every month since the first look is made or recorded missed', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        clockTime,
        fc.array(fc.integer({ min: 60, max: 75 * 24 * 60 }), { minLength: 1, maxLength: 15 }),
        (timeZone, time, minutes) => {
          const runner = new FakeRunner({ timeZone, trackers: [], reports: { enabled: true, time }, profileCreatedAt: '2025-12-15T00:00:00.000Z', trim: { keepDays: 0, keepRuns: 1 } });
          const start = Date.parse('2026-01-10T00:00:00Z');
          const moments = looks(start, minutes);
          runner.check(new Date(start));
          for (const moment of moments) runner.check(new Date(moment));
          keysAreUnique(runner);
          const calendar = new DayCalendar(timeZone);
          const months = new Set(runner.history.map((run) => run.key));
          // Every month from December 2025 whose report time has come by the last look.
          for (let month = '2025-12-01', next = '2026-01-01'; wallClockMoment(calendar, next, time) <= (moments.at(-1) ?? start); month = next, next = nextMonth(next)) {
            expect(months.has(`report:${month.slice(0, 7)}`)).toBe(true);
          }
        },
      ),
    );
  });
});

const nextMonth = (day: string): string => {
  const [year, month] = [Number(day.slice(0, 4)), Number(day.slice(5, 7))];
  return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
};
