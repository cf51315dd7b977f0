import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { MAX_CHECK_INTERVAL_MS, nextCheckAt, type NextCheckInput } from '../../../src-main/core/jobs/next-check';
import { dueNudges } from '../../../src-main/core/jobs/nudges';
import { dueReport } from '../../../src-main/core/jobs/reports';
import { DEFAULT_NUDGES, DEFAULT_REPORTS, type JobRun } from '../../../src-preload/contract/jobs';
import { at, keysOf, tracker } from './jobs-fixtures';

const BERLIN = 'Europe/Berlin';
const input = (now: string, over: Partial<NextCheckInput> = {}): NextCheckInput => ({
  now: at(now),
  timeZone: BERLIN,
  nudges: DEFAULT_NUDGES,
  reports: DEFAULT_REPORTS,
  trackers: [tracker('a')],
  runs: [],
  ...over,
});
const next = (now: string, over: Partial<NextCheckInput> = {}): string => nextCheckAt(input(now, over)).toISOString();

describe('when to look next', () => {
  it('wakes at the next nudge time when it comes within the hour', () => {
    expect(next('2026-06-10T17:30:00.000Z')).toBe('2026-06-10T18:00:00.000Z');
    expect(next('2026-06-10T17:59:59.999Z')).toBe('2026-06-10T18:00:00.000Z');
    const ownTime = tracker('b', { reminder: { enabled: true, days: [1, 2, 3, 4, 5, 6, 7], time: '19:45' } });
    expect(next('2026-06-10T17:30:00.000Z', { trackers: [tracker('a'), ownTime] })).toBe('2026-06-10T17:45:00.000Z');
  });

  it('is later than now even at a due moment or at midnight exactly (what is due now is decided now)', () => {
    expect(next('2026-06-10T18:00:00.000Z')).toBe('2026-06-10T19:00:00.000Z');
    expect(next('2026-06-10T22:00:00.000Z')).toBe('2026-06-10T23:00:00.000Z');
  });

  it('otherwise looks again within the hour', () => {
    expect(MAX_CHECK_INTERVAL_MS).toBe(3_600_000);
    expect(next('2026-06-10T10:00:00.000Z')).toBe('2026-06-10T11:00:00.000Z');
  });

  it('does not wake for a nudge already recorded, for a tracker not due today, or while nudges are off', () => {
    const recorded = [{ key: 'nudge:2026-06-10:a' }] as JobRun[];
    expect(next('2026-06-10T17:30:00.000Z', { runs: recorded })).toBe('2026-06-10T18:30:00.000Z');
    const weekend = tracker('a', { reminder: { enabled: true, days: [6, 7], time: null } }); // the 10th is a Wednesday
    expect(next('2026-06-10T17:30:00.000Z', { trackers: [weekend] })).toBe('2026-06-10T18:30:00.000Z');
    expect(next('2026-06-10T17:30:00.000Z', { nudges: { ...DEFAULT_NUDGES, enabled: false } })).toBe('2026-06-10T18:30:00.000Z');
    expect(next('2026-06-10T17:30:00.000Z', { trackers: [tracker('a', { archived: true })] })).toBe('2026-06-10T18:30:00.000Z');
  });

  it('wakes at the profile’s midnight, which moves with the zone and daylight saving', () => {
    expect(next('2026-06-10T21:30:00.000Z')).toBe('2026-06-10T22:00:00.000Z');
    expect(next('2026-01-10T22:30:00.000Z')).toBe('2026-01-10T23:00:00.000Z');
    expect(next('2026-06-11T03:30:00.000Z', { timeZone: 'America/New_York' })).toBe('2026-06-11T04:00:00.000Z');
  });

  it('wakes at the report time on the 1st until the report is recorded', () => {
    expect(next('2026-04-01T06:30:00.000Z', { trackers: [] })).toBe('2026-04-01T07:00:00.000Z');
    expect(next('2026-04-01T06:30:00.000Z', { trackers: [], runs: [{ key: 'report:2026-03' }] as JobRun[] })).toBe('2026-04-01T07:30:00.000Z');
    expect(next('2026-04-01T06:30:00.000Z', { trackers: [], reports: { ...DEFAULT_REPORTS, enabled: false } })).toBe('2026-04-01T07:30:00.000Z');
  });

  it('wakes at a nudge inside a daylight-saving gap at its defined moment', () => {
    const gap = tracker('gap', { reminder: { enabled: true, days: [1, 2, 3, 4, 5, 6, 7], time: '02:30' } });
    expect(next('2026-03-29T01:00:00.000Z', { trackers: [gap] })).toBe('2026-03-29T01:30:00.000Z');
  });

  it('is always later than now and within the hour, and nothing falls due before it', () => {
    const zones = ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe'];
    const time = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
    const reminder = fc.record({ enabled: fc.boolean(), days: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }), time: fc.option(time, { nil: null }) });
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2027-01-01T00:00:00Z') }),
        fc.array(reminder, { maxLength: 4 }),
        time,
        time,
        (timeZone, now, reminders, nudgeTime, reportTime) => {
          const trackers = reminders.map((r, index) => tracker(`t${index}`, { reminder: r }));
          const nudges = { ...DEFAULT_NUDGES, time: nudgeTime };
          const reports = { ...DEFAULT_REPORTS, time: reportTime };
          const wake = nextCheckAt({ now: new Date(now), timeZone, nudges, reports, trackers, runs: [] }).getTime();
          expect(wake).toBeGreaterThan(now);
          expect(wake).toBeLessThanOrEqual(now + MAX_CHECK_INTERVAL_MS);
          const decide = (moment: number): unknown[] => [
            keysOf(dueNudges({ now: new Date(moment), timeZone, nudges, trackers, hasEntryOn: () => false, runs: [], lastCheck: null }).show),
            dueReport({ now: new Date(moment), timeZone, reports, profileCreatedAt: '2025-01-01T00:00:00.000Z', runs: [], lastCheck: null }).make?.key,
          ];
          expect(decide(wake - 1)).toEqual(decide(now));
        },
      ),
    );
  });
});
