import { describe, it, expect } from 'vitest';
import { DayCalendar, isTimeZone } from '../../../src-main/core/insights/day-calendar';
import { addDays, daysInclusive, eachDay, isRealDay, monthStart, nextMonthStart, weekStart } from '../../../src-main/core/insights/days';
import { bucketOf, bucketsOf, defaultGranularity, resolveRange } from '../../../src-main/core/insights/range';
import { AppFailure } from '../../../src-main/core/errors';

describe('days in a time zone', () => {
  it.each([
    // 23:30 local is that day, not the next, whatever the UTC date says.
    ['Europe/Paris', '2026-01-15T22:30:00.000Z', '2026-01-15'],
    ['Europe/Paris', '2026-01-15T23:00:00.000Z', '2026-01-16'],
    ['Europe/Paris', '2026-07-15T21:30:00.000Z', '2026-07-15'],
    ['Europe/Paris', '2026-07-15T22:00:00.000Z', '2026-07-16'],
    ['America/New_York', '2026-01-16T04:30:00.000Z', '2026-01-15'],
    ['America/New_York', '2026-01-16T05:00:00.000Z', '2026-01-16'],
    ['Asia/Kolkata', '2026-01-15T18:29:00.000Z', '2026-01-15'],
    ['Asia/Kolkata', '2026-01-15T18:30:00.000Z', '2026-01-16'],
    ['UTC', '2026-01-15T23:59:59.999Z', '2026-01-15'],
    // Around the DST changes: Paris springs forward at 01:00 UTC on 2026-03-29, falls back at 01:00 UTC on 2026-10-25.
    ['Europe/Paris', '2026-03-28T22:59:00.000Z', '2026-03-28'],
    ['Europe/Paris', '2026-03-29T21:59:00.000Z', '2026-03-29'],
    ['Europe/Paris', '2026-03-29T22:00:00.000Z', '2026-03-30'],
    ['Europe/Paris', '2026-10-24T21:59:00.000Z', '2026-10-24'],
    ['Europe/Paris', '2026-10-25T22:59:00.000Z', '2026-10-25'],
    ['Europe/Paris', '2026-10-25T23:00:00.000Z', '2026-10-26'],
    // New York: 2026-03-08 (07:00 UTC) and 2026-11-01 (06:00 UTC).
    ['America/New_York', '2026-03-09T03:59:00.000Z', '2026-03-08'],
    ['America/New_York', '2026-03-09T04:00:00.000Z', '2026-03-09'],
    ['America/New_York', '2026-11-02T04:59:00.000Z', '2026-11-01'],
  ])('%s: %s is %s', (zone, moment, day) => {
    expect(new DayCalendar(zone).dayOf(moment)).toBe(day);
  });

  it('knows the moment each day starts, across DST changes', () => {
    const paris = new DayCalendar('Europe/Paris');
    expect(new Date(paris.startOf('2026-03-29')).toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(new Date(paris.startOf('2026-03-30')).toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(new Date(paris.startOf('2026-10-26')).toISOString()).toBe('2026-10-25T23:00:00.000Z');
    const newYork = new DayCalendar('America/New_York');
    expect(new Date(newYork.startOf('2026-11-01')).toISOString()).toBe('2026-11-01T04:00:00.000Z');
    expect(new Date(newYork.startOf('2026-11-02')).toISOString()).toBe('2026-11-02T05:00:00.000Z');
  });

  it('changes the offset inside the day of the change, at the right moment', () => {
    const paris = new DayCalendar('Europe/Paris');
    expect(paris.offsetAt(Date.parse('2026-03-29T00:59:00Z'))).toBe(60);
    expect(paris.offsetAt(Date.parse('2026-03-29T01:00:00Z'))).toBe(120);
    expect(paris.offsetAt(Date.parse('2026-10-25T00:59:00Z'))).toBe(120);
    expect(paris.offsetAt(Date.parse('2026-10-25T01:00:00Z'))).toBe(60);
  });

  it('falls back to UTC for an unknown zone', () => {
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(new DayCalendar('Mars/Olympus').timeZone).toBe('UTC');
  });
});

describe('calendar arithmetic', () => {
  it('adds days across month and year ends and leap days', () => {
    expect([addDays('2026-01-31', 1), addDays('2026-12-31', 1), addDays('2028-02-28', 1), addDays('2026-03-01', -1)]).toEqual([
      '2026-02-01',
      '2027-01-01',
      '2028-02-29',
      '2026-02-28',
    ]);
  });

  it('starts weeks on Monday (ISO) and months on the 1st', () => {
    expect([weekStart('2026-11-25'), weekStart('2026-11-23'), weekStart('2026-11-29'), weekStart('2027-01-01')]).toEqual(['2026-11-23', '2026-11-23', '2026-11-23', '2026-12-28']);
    expect([monthStart('2026-11-25'), nextMonthStart('2026-12-05'), nextMonthStart('2026-02-01')]).toEqual(['2026-11-01', '2027-01-01', '2026-03-01']);
  });

  it('counts and lists days', () => {
    expect(daysInclusive('2026-02-27', '2026-03-02')).toBe(4);
    expect(eachDay('2026-02-27', '2026-03-02')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
    expect([isRealDay('2026-02-29'), isRealDay('2028-02-29'), isRealDay('2026-13-01'), isRealDay('26-1-1')]).toEqual([false, true, false, false]);
  });
});

describe('ranges and buckets', () => {
  const today = '2026-11-25';

  it.each([
    ['7d', '2026-11-19'],
    ['30d', '2026-10-27'],
    ['90d', '2026-08-28'],
    ['1y', '2025-11-26'],
  ] as const)('resolves %s to end today', (preset, from) => {
    expect(resolveRange({ preset }, today, null)).toEqual({ from, to: today });
  });

  it("resolves 'all' from the first log's day, or today without logs", () => {
    expect(resolveRange({ preset: 'all' }, today, '2019-03-02')).toEqual({ from: '2019-03-02', to: today });
    expect(resolveRange({ preset: 'all' }, today, null)).toEqual({ from: today, to: today });
  });

  it.each([
    [{ from: '2026-02-30', to: '2026-03-01' }, 'range.from'],
    [{ from: '2026-03-01', to: '2026-13-01' }, 'range.to'],
    [{ from: '2026-03-02', to: '2026-03-01' }, 'range.to'],
  ])('refuses the custom range %j with RANGE_INVALID', (range, field) => {
    let failure: unknown;
    try {
      resolveRange(range, today, null);
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(AppFailure);
    expect(failure).toMatchObject({ code: 'RANGE_INVALID', field });
  });

  it('picks days up to 90 days, weeks up to two years, months beyond', () => {
    expect(defaultGranularity({ from: '2026-08-28', to: today })).toBe('day');
    expect(defaultGranularity({ from: '2026-08-27', to: today })).toBe('week');
    expect(defaultGranularity({ from: '2024-11-25', to: today })).toBe('week');
    expect(defaultGranularity({ from: '2016-11-25', to: today })).toBe('month');
  });

  it('lists every bucket overlapping the range with its days inside it', () => {
    expect(bucketsOf({ from: '2026-11-20', to: '2026-12-02' }, 'week')).toEqual([
      { start: '2026-11-16', days: 3 },
      { start: '2026-11-23', days: 7 },
      { start: '2026-11-30', days: 3 },
    ]);
    expect(bucketsOf({ from: '2026-01-15', to: '2026-03-10' }, 'month')).toEqual([
      { start: '2026-01-01', days: 17 },
      { start: '2026-02-01', days: 28 },
      { start: '2026-03-01', days: 10 },
    ]);
    expect(bucketOf('2026-11-25', 'day')).toBe('2026-11-25');
  });
});
