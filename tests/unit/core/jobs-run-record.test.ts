import { describe, it, expect } from 'vitest';
import type { AppFailure } from '../../../src-main/core/errors';
import type { Nudge } from '../../../src-main/core/jobs/nudges';
import type { DueReport } from '../../../src-main/core/jobs/reports';
import { KEEP_RUN_DAYS, KEEP_RUNS, nudgeRuns, reportRun, stillNeeded, trimRuns } from '../../../src-main/core/jobs/run-record';
import { jobRunSchema, type JobRun } from '../../../src-preload/contract/jobs';
import { at } from './jobs-fixtures';

const nudge: Nudge = {
  day: '2026-06-10',
  dueAt: at('2026-06-10T18:00:00.000Z'),
  time: '20:00',
  trackers: [
    { key: 'nudge:2026-06-10:sleep', trackerId: 'sleep', trackerName: 'Sleep' },
    { key: 'nudge:2026-06-10:water', trackerId: 'water', trackerName: 'Water' },
  ],
};
const report: DueReport = { month: '2026-03', key: 'report:2026-03', dueAt: at('2026-04-01T07:00:00.000Z') };
const ids = (): (() => string) => {
  let n = 0;
  return () => `id-${++n}`;
};

describe('a run for each outcome', () => {
  it('records a nudge as one run per tracker, under its key, valid for the store', () => {
    const runs = nudgeRuns(nudge, { outcome: 'done', ranAt: at('2026-06-10T18:00:02.000Z') }, ids());
    expect(runs).toEqual([
      { id: 'id-1', kind: 'nudge', key: 'nudge:2026-06-10:sleep', dueAt: '2026-06-10T18:00:00.000Z', ranAt: '2026-06-10T18:00:02.000Z', outcome: 'done', summary: 'Nudged at 20:00: Sleep', error: null, day: '2026-06-10' },
      { id: 'id-2', kind: 'nudge', key: 'nudge:2026-06-10:water', dueAt: '2026-06-10T18:00:00.000Z', ranAt: '2026-06-10T18:00:02.000Z', outcome: 'done', summary: 'Nudged at 20:00: Water', error: null, day: '2026-06-10' },
    ]);
    for (const run of runs) expect(jobRunSchema.parse(run)).toEqual(run);
  });

  it('says what happened for each outcome', () => {
    const summary = (outcome: JobRun['outcome'], error?: string): string => nudgeRuns(nudge, { outcome, ranAt: at('2026-06-11T06:00:00.000Z'), error }, ids())[0]?.summary ?? '';
    expect(summary('missed')).toBe('Sleep had no entry on 2026-06-10; the 20:00 nudge came while the app was closed or the profile locked');
    expect(summary('failed', 'Notifications are turned off for this app.')).toBe('The 20:00 nudge for Sleep could not be shown');
    expect(summary('skipped')).toBe('Not nudged at 20:00: Sleep');
    expect(reportRun(report, { outcome: 'done', ranAt: at('2026-04-01T07:00:05.000Z') }, 'r1')).toEqual({
      id: 'r1',
      kind: 'report',
      key: 'report:2026-03',
      dueAt: '2026-04-01T07:00:00.000Z',
      ranAt: '2026-04-01T07:00:05.000Z',
      outcome: 'done',
      summary: 'Report for 2026-03 made',
      error: null,
      day: '2026-03-01',
    });
    expect(reportRun(report, { outcome: 'missed', ranAt: at('2026-05-20T07:00:00.000Z') }, 'r2').summary).toMatch(/^Report for 2026-03 not made: its time came while/);
  });

  it('keeps why a run failed, clipped to what the record holds', () => {
    const failed = reportRun(report, { outcome: 'failed', ranAt: at('2026-04-01T07:00:05.000Z'), error: 'x'.repeat(5000) }, 'r1');
    expect(failed.error).toHaveLength(1000);
    expect(failed.summary).toBe('Report for 2026-03 could not be made');
  });

  it('refuses a failure without a reason, a reason without a failure, a bad time or id', () => {
    const ranAt = at('2026-04-01T07:00:05.000Z');
    expect(() => reportRun(report, { outcome: 'failed', ranAt }, 'r')).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', field: 'error' }) as AppFailure);
    expect(() => reportRun(report, { outcome: 'failed', ranAt, error: '  ' }, 'r')).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', field: 'error' }) as AppFailure);
    expect(() => reportRun(report, { outcome: 'done', ranAt, error: 'boom' }, 'r')).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', field: 'error' }) as AppFailure);
    expect(() => reportRun(report, { outcome: 'done', ranAt: new Date(Number.NaN) }, 'r')).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', field: 'ranAt' }) as AppFailure);
    expect(() => reportRun(report, { outcome: 'done', ranAt }, '')).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', field: 'run.id' }) as AppFailure);
  });
});

describe('trimming the run record', () => {
  const NOW = at('2026-06-10T12:00:00.000Z');
  const nudgeRun = (day: string, id: string): JobRun => ({ id, kind: 'nudge', key: `nudge:${day}:t`, dueAt: `${day}T18:00:00.000Z`, ranAt: `${day}T18:00:00.000Z`, outcome: 'done', summary: '', error: null, day });
  const reportOf = (month: string): JobRun => ({ ...nudgeRun(`${month}-01`, month), kind: 'report', key: `report:${month}`, day: `${month}-01` });
  const mail = (day: string): JobRun => ({ ...nudgeRun(day, `mail-${day}`), kind: 'mail', key: `mail:${day}` });

  it('keeps the last 90 days, at most 1,000 runs', () => {
    expect([KEEP_RUN_DAYS, KEEP_RUNS]).toEqual([90, 1000]);
    const old = mail('2026-03-01');
    const recent = mail('2026-05-01');
    expect(trimRuns([old, recent], NOW)).toEqual([recent]);
    const many = Array.from({ length: 1200 }, (_, index) => ({ ...mail('2026-05-01'), id: `m${index}`, ranAt: new Date(Date.parse('2026-05-01T00:00:00Z') + index * 60_000).toISOString() }));
    const kept = trimRuns(many, NOW);
    expect(kept).toHaveLength(1000);
    expect(kept[0]?.id).toBe('m200');
    expect(kept.at(-1)?.id).toBe('m1199');
  });

  it('never drops a run a decision still reads, whatever the limits: the last week’s nudges, the last months’ reports', () => {
    const runs = [reportOf('2024-12'), reportOf('2025-03'), reportOf('2025-04'), reportOf('2026-05'), nudgeRun('2026-05-30', 'n-old'), nudgeRun('2026-06-01', 'n-week'), nudgeRun('2026-06-10', 'n-today'), mail('2026-06-10')];
    expect(trimRuns(runs, NOW, { keepDays: 0, keepRuns: 0 }).map((run) => run.key)).toEqual(['report:2025-03', 'report:2025-04', 'report:2026-05', 'nudge:2026-06-01:t', 'nudge:2026-06-10:t']);
    expect(stillNeeded({ kind: 'nudge', day: '2026-06-01' }, NOW)).toBe(true);
    expect(stillNeeded({ kind: 'nudge', day: '2026-05-31' }, NOW)).toBe(false);
    expect(stillNeeded({ kind: 'report', day: null }, NOW)).toBe(false);
  });

  it('keeps the order and refuses nonsense limits', () => {
    const runs = [nudgeRun('2026-06-09', 'b'), nudgeRun('2026-06-08', 'a')];
    expect(trimRuns(runs, NOW)).toEqual(runs);
    expect(() => trimRuns(runs, NOW, { keepRuns: -1 })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', field: 'keepRuns' }) as AppFailure);
    expect(() => trimRuns(runs, NOW, { keepDays: 1.5 })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', field: 'keepDays' }) as AppFailure);
  });
});
