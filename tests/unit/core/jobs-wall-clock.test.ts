import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { DayCalendar } from '../../../src-main/core/insights/day-calendar';
import { addDays } from '../../../src-main/core/insights/days';
import { clockTimeAt, isoWeekday, wallClockMoment } from '../../../src-main/core/jobs/wall-clock';

const moment = (zone: string, day: string, time: string): string => new Date(wallClockMoment(new DayCalendar(zone), day, time)).toISOString();

describe('a clock time on a day in a zone', () => {
  it('is the moment the clock there shows it, summer and winter', () => {
    expect(moment('Europe/Berlin', '2026-06-10', '20:00')).toBe('2026-06-10T18:00:00.000Z');
    expect(moment('Europe/Berlin', '2026-01-10', '20:00')).toBe('2026-01-10T19:00:00.000Z');
    expect(moment('America/New_York', '2026-06-10', '20:00')).toBe('2026-06-11T00:00:00.000Z');
    expect(moment('Asia/Kolkata', '2026-06-10', '20:00')).toBe('2026-06-10T14:30:00.000Z');
    expect(moment('UTC', '2026-06-10', '00:00')).toBe('2026-06-10T00:00:00.000Z');
  });

  it('on a spring-forward day, a time in the gap is pushed forward by the gap (02:30 → 03:30)', () => {
    // Berlin: 02:00 CET → 03:00 CEST on 29 March 2026; New York: 02:00 EST → 03:00 EDT on 8 March.
    expect(moment('Europe/Berlin', '2026-03-29', '02:30')).toBe('2026-03-29T01:30:00.000Z');
    expect(moment('Europe/Berlin', '2026-03-29', '03:30')).toBe('2026-03-29T01:30:00.000Z');
    expect(moment('Europe/Berlin', '2026-03-29', '01:59')).toBe('2026-03-29T00:59:00.000Z');
    expect(moment('America/New_York', '2026-03-08', '02:30')).toBe('2026-03-08T07:30:00.000Z');
    // Lord Howe Island moves by half an hour (02:00 → 02:30 on 4 October 2026).
    expect(moment('Australia/Lord_Howe', '2026-10-04', '02:15')).toBe('2026-10-03T15:45:00.000Z');
    expect(clockTimeAt(new DayCalendar('Australia/Lord_Howe'), Date.parse('2026-10-03T15:45:00.000Z'))).toBe('02:45');
    expect(clockTimeAt(new DayCalendar('Europe/Berlin'), Date.parse('2026-03-29T01:30:00.000Z'))).toBe('03:30');
  });

  it('on a fall-back day, a time that occurs twice is its first occurrence (summer time)', () => {
    // Berlin: 03:00 CEST → 02:00 CET on 25 October 2026; New York: 02:00 EDT → 01:00 EST on 1 November.
    expect(moment('Europe/Berlin', '2026-10-25', '02:30')).toBe('2026-10-25T00:30:00.000Z');
    expect(moment('Europe/Berlin', '2026-10-25', '03:00')).toBe('2026-10-25T02:00:00.000Z');
    expect(moment('America/New_York', '2026-11-01', '01:30')).toBe('2026-11-01T05:30:00.000Z');
    expect(moment('America/New_York', '2026-11-01', '02:00')).toBe('2026-11-01T07:00:00.000Z');
  });

  it('falls on its own day and shows its own time, except inside a gap (any zone, day, time)', () => {
    const zones = ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'America/Santiago', 'Asia/Kolkata', 'Pacific/Apia', 'UTC'];
    const anyDay = fc.integer({ min: 0, max: 3 * 366 }).map((offset) => addDays('2025-01-01', offset));
    // Half the cases are a zone's switch day and half the times near its switch (Santiago
    // switches at midnight, repeating 23:00–24:00 of 4 April), where the rule matters.
    const switchDay = fc.constantFrom(
      ['Europe/Berlin', '2026-03-29'],
      ['Europe/Berlin', '2026-10-25'],
      ['America/New_York', '2026-03-08'],
      ['America/New_York', '2026-11-01'],
      ['Australia/Lord_Howe', '2026-04-05'],
      ['Australia/Lord_Howe', '2026-10-04'],
      ['America/Santiago', '2026-04-04'],
      ['America/Santiago', '2026-09-06'],
    );
    const anyTime = fc.integer({ min: 0, max: 1439 });
    const switchTime = fc.oneof(fc.integer({ min: 60, max: 179 }), fc.integer({ min: 1380, max: 1439 }));
    fc.assert(
      fc.property(fc.oneof(fc.tuple(fc.constantFrom(...zones), anyDay), switchDay), fc.oneof(anyTime, switchTime), ([zone, day], minutes) => {
        const calendar = new DayCalendar(zone);
        const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
        const at = wallClockMoment(calendar, day, time);
        const inGap = calendar.offsetAt(at - 86_400_000) !== calendar.offsetAt(at + 86_400_000) && clockTimeAt(calendar, at) !== time;
        if (inGap) {
          // Pushed forward: the clock shows a later time, and never showed `time` in the hour before.
          expect(clockTimeAt(calendar, at) > time).toBe(true);
          expect(calendar.dayOf(at)).toBe(day);
          for (let back = 1; back <= 60; back += 1) expect(clockTimeAt(calendar, at - back * 60_000)).not.toBe(time);
        } else {
          expect(clockTimeAt(calendar, at)).toBe(time);
          // The first occurrence: an hour earlier the clock did not show it too.
          expect(clockTimeAt(calendar, at - 3_600_000)).not.toBe(time);
          expect(calendar.dayOf(at)).toBe(day);
        }
      }),
    );
  });

  it('numbers ISO weekdays from Monday', () => {
    expect(isoWeekday('2026-03-29')).toBe(7);
    expect(isoWeekday('2026-03-30')).toBe(1);
    expect(isoWeekday('1970-01-01')).toBe(4);
    expect(isoWeekday('1969-12-29')).toBe(1);
  });
});
