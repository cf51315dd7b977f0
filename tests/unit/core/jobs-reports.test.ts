import { describe, it, expect } from 'vitest';
import type { AppFailure } from '../../../src-main/core/errors';
import { dueReport, MISSED_REPORT_MONTHS } from '../../../src-main/core/jobs/reports';
import { DEFAULT_REPORTS } from '../../../src-preload/contract/jobs';
import { at, FakeRunner } from './jobs-fixtures';

const BERLIN = 'Europe/Berlin';
const reporting = (options: { timeZone?: string; profileCreatedAt?: string; time?: string } = {}): FakeRunner =>
  new FakeRunner({ timeZone: options.timeZone ?? BERLIN, trackers: [], reports: { enabled: true, time: options.time ?? '09:00' }, profileCreatedAt: options.profileCreatedAt ?? '2025-06-01T00:00:00.000Z' });

describe('the monthly report', () => {
  it('is due for the previous month on the 1st at the set time in the profile’s zone', () => {
    // A profile made in March, so no earlier report is owed.
    const runner = reporting({ profileCreatedAt: '2026-03-05T12:00:00.000Z' });
    expect(runner.check(at('2026-04-01T06:59:59.000Z')).report).toEqual({ make: null, missed: [] }); // 08:59 in Berlin
    expect(runner.check(at('2026-04-01T07:00:00.000Z')).report).toEqual({
      make: { month: '2026-03', key: 'report:2026-03', dueAt: at('2026-04-01T07:00:00.000Z') },
      missed: [],
    });
    const newYork = reporting({ timeZone: 'America/New_York', profileCreatedAt: '2026-03-05T12:00:00.000Z' });
    expect(newYork.check(at('2026-04-01T12:59:00.000Z')).report.make).toBeNull();
    expect(newYork.check(at('2026-04-01T13:00:00.000Z')).report.make?.month).toBe('2026-03');
  });

  it('reports December on the 1st of January', () => {
    expect(reporting().check(at('2027-01-01T08:00:00.000Z')).report.make?.key).toBe('report:2026-12');
  });

  it('is made once: later looks, restarts and the rest of the month bring nothing', () => {
    const runner = reporting();
    expect(runner.check(at('2026-04-01T07:00:00.000Z')).report.make?.month).toBe('2026-03');
    for (const later of ['2026-04-01T07:00:00.000Z', '2026-04-01T12:00:00.000Z', '2026-04-15T12:00:00.000Z', '2026-04-30T21:59:00.000Z']) {
      expect(runner.check(at(later)).report).toEqual({ make: null, missed: [] });
    }
    expect(runner.check(at('2026-05-01T07:00:00.000Z')).report.make?.month).toBe('2026-04');
    expect(runner.history.map((run) => [run.key, run.outcome, run.day])).toEqual([
      ['report:2026-03', 'done', '2026-03-01'],
      ['report:2026-04', 'done', '2026-04-01'],
    ]);
  });

  it('catches up at the next start when the app was closed on the 1st, once', () => {
    const runner = reporting();
    runner.lastCheck = { at: at('2026-03-31T20:00:00.000Z'), timeZone: BERLIN };
    expect(runner.check(at('2026-04-20T10:00:00.000Z')).report).toEqual({
      make: { month: '2026-03', key: 'report:2026-03', dueAt: at('2026-04-01T07:00:00.000Z') },
      missed: [],
    });
    expect(runner.check(at('2026-04-20T10:00:01.000Z')).report).toEqual({ make: null, missed: [] });
  });

  it('after a long absence makes only the newest missed month and records the older ones missed', () => {
    const runner = reporting();
    runner.lastCheck = { at: at('2026-01-15T10:00:00.000Z'), timeZone: BERLIN };
    const { make, missed } = runner.check(at('2026-04-20T10:00:00.000Z')).report;
    expect(make?.month).toBe('2026-03');
    expect(missed.map((report) => [report.month, report.dueAt.toISOString()])).toEqual([
      ['2026-02', '2026-03-01T08:00:00.000Z'],
      ['2026-01', '2026-02-01T08:00:00.000Z'],
    ]);
    expect(runner.history.map((run) => [run.key, run.outcome])).toEqual([
      ['report:2026-03', 'done'],
      ['report:2026-02', 'missed'],
      ['report:2026-01', 'missed'],
    ]);
    expect(runner.check(at('2026-04-21T10:00:00.000Z')).report).toEqual({ make: null, missed: [] });
  });

  it('repeats nothing when the runner stopped after recording but before saving its last look', () => {
    const runner = reporting();
    const closed = { at: at('2026-01-15T10:00:00.000Z'), timeZone: BERLIN };
    runner.lastCheck = closed;
    runner.check(at('2026-04-20T10:00:00.000Z'));
    runner.lastCheck = closed; // the save of the last look was lost
    expect(runner.check(at('2026-04-20T10:05:00.000Z')).report).toEqual({ make: null, missed: [] });
    expect(runner.history).toHaveLength(3);
  });

  it('records at most a year of older months missed', () => {
    const runner = reporting({ profileCreatedAt: '2020-01-01T00:00:00.000Z' });
    runner.lastCheck = { at: at('2023-01-15T10:00:00.000Z'), timeZone: BERLIN };
    const { make, missed } = runner.check(at('2026-04-20T10:00:00.000Z')).report;
    expect(make?.month).toBe('2026-03');
    expect(missed).toHaveLength(MISSED_REPORT_MONTHS);
    expect(missed.at(-1)?.month).toBe('2025-03');
  });

  it('at the first look ever, makes the newest month owed and records no older one missed', () => {
    expect(reporting().check(at('2026-04-20T10:00:00.000Z')).report).toEqual({
      make: { month: '2026-03', key: 'report:2026-03', dueAt: at('2026-04-01T07:00:00.000Z') },
      missed: [],
    });
    expect(reporting().check(at('2026-04-01T06:00:00.000Z')).report.make?.month).toBe('2026-02');
  });

  it('is never made for a month before the profile existed', () => {
    // Made on the 1st after the report time: March was before it, so nothing this month.
    const fresh = reporting({ profileCreatedAt: '2026-04-01T08:00:00.000Z' });
    expect(fresh.check(at('2026-04-20T10:00:00.000Z')).report).toEqual({ make: null, missed: [] });
    expect(fresh.check(at('2026-05-01T07:00:00.000Z')).report.make?.month).toBe('2026-04');
    // Made during March: March is reported; with a long absence, months before it are not missed.
    const march = reporting({ profileCreatedAt: '2026-02-10T12:00:00.000Z' });
    march.lastCheck = { at: at('2026-02-10T12:00:00.000Z'), timeZone: BERLIN };
    const { make, missed } = march.check(at('2026-04-20T10:00:00.000Z')).report;
    expect(make?.month).toBe('2026-03');
    expect(missed.map((report) => report.month)).toEqual(['2026-02']);
    // Made at 23:30 on 31 March in Berlin (21:30Z): it existed in March, so March is reported.
    expect(reporting({ profileCreatedAt: '2026-03-31T21:30:00.000Z' }).check(at('2026-04-01T07:00:00.000Z')).report.make?.month).toBe('2026-03');
  });

  it('is not made, nor missed, while reports are off', () => {
    const runner = new FakeRunner({ timeZone: BERLIN, trackers: [], reports: { enabled: false }, profileCreatedAt: '2025-06-01T00:00:00.000Z' });
    runner.lastCheck = { at: at('2026-01-15T10:00:00.000Z'), timeZone: BERLIN };
    expect(runner.check(at('2026-04-20T10:00:00.000Z')).report).toEqual({ make: null, missed: [] });
  });

  it('a locked profile: the report whose time came while locked is made at unlock, once', () => {
    const runner = reporting();
    runner.check(at('2026-03-31T12:00:00.000Z')); // the last look before the profile locked
    expect(runner.check(at('2026-04-02T08:00:00.000Z')).report.make?.month).toBe('2026-03'); // unlocked
    expect(runner.check(at('2026-04-02T08:01:00.000Z')).report.make).toBeNull();
  });

  it('refuses bad input with a typed error', () => {
    const base = { now: at('2026-04-01T07:00:00.000Z'), timeZone: BERLIN, reports: DEFAULT_REPORTS, profileCreatedAt: '2025-01-01T00:00:00.000Z', runs: [], lastCheck: null };
    expect(() => dueReport({ ...base, timeZone: 'Berlin' })).toThrow(expect.objectContaining({ code: 'TIME_ZONE_INVALID', field: 'timeZone' }) as AppFailure);
    expect(() => dueReport({ ...base, reports: { ...DEFAULT_REPORTS, time: '9:00' } })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', field: 'reports.time' }) as AppFailure);
    expect(() => dueReport({ ...base, profileCreatedAt: '' })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', field: 'profileCreatedAt' }) as AppFailure);
    expect(() => dueReport({ ...base, now: new Date('nope') })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', field: 'now' }) as AppFailure);
  });
});
