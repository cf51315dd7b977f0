/**
 * A fake runner for the scheduling tests: it keeps exactly what the real one persists (the
 * run record and the last check) and calls the pure decisions with a given clock — so a
 * "restart" is just the next call, with whatever gap the test chooses.
 */
import { DEFAULT_NUDGES, DEFAULT_REMINDER, DEFAULT_REPORTS, type JobRun, type NudgeSettings, type ReportSettings } from '../../../src-preload/contract/jobs';
import type { LastCheck } from '../../../src-main/core/jobs/job-input';
import { dueNudges, type NudgeDecision, type NudgeTracker } from '../../../src-main/core/jobs/nudges';
import { dueReport, type ReportDecision } from '../../../src-main/core/jobs/reports';
import { nudgeRuns, reportRun, trimRuns } from '../../../src-main/core/jobs/run-record';

export const at = (iso: string): Date => new Date(iso);

export const tracker = (id: string, over: Partial<NudgeTracker> = {}): NudgeTracker => ({
  id,
  name: `Tracker ${id}`,
  archived: false,
  deleted: false,
  createdAt: '2025-01-01T00:00:00.000Z',
  reminder: { ...DEFAULT_REMINDER },
  ...over,
});

export interface RunnerOptions {
  timeZone: string;
  trackers?: NudgeTracker[];
  nudges?: Partial<NudgeSettings>;
  reports?: Partial<ReportSettings>;
  profileCreatedAt?: string;
  /** `trackerId@day` of entries. */
  entries?: Iterable<string>;
  /** Trim the record after every look, with these limits. */
  trim?: { keepDays: number; keepRuns: number };
}

export class FakeRunner {
  timeZone: string;
  trackers: NudgeTracker[];
  nudges: NudgeSettings;
  reports: ReportSettings;
  readonly entries: Set<string>;
  runs: JobRun[] = [];
  /** Every run ever recorded, untrimmed: what the person would have seen in Activity. */
  readonly history: JobRun[] = [];
  lastCheck: LastCheck | null = null;
  private nextId = 0;

  constructor(private readonly options: RunnerOptions) {
    this.timeZone = options.timeZone;
    this.trackers = options.trackers ?? [tracker('a')];
    this.nudges = { ...DEFAULT_NUDGES, ...options.nudges };
    this.reports = { ...DEFAULT_REPORTS, enabled: false, ...options.reports };
    this.entries = new Set(options.entries ?? []);
  }

  decideNudges(now: Date): NudgeDecision {
    return dueNudges({
      now,
      timeZone: this.timeZone,
      nudges: this.nudges,
      trackers: this.trackers,
      hasEntryOn: (trackerId, day) => this.entries.has(`${trackerId}@${day}`),
      runs: this.runs,
      lastCheck: this.lastCheck,
    });
  }

  decideReport(now: Date): ReportDecision {
    return dueReport({
      now,
      timeZone: this.timeZone,
      reports: this.reports,
      profileCreatedAt: this.options.profileCreatedAt ?? '2025-01-01T00:00:00.000Z',
      runs: this.runs,
      lastCheck: this.lastCheck,
    });
  }

  /** One look as the real runner makes it: decide, show/make, record, save the last check. */
  check(now: Date): { nudges: NudgeDecision; report: ReportDecision } {
    const nudges = this.decideNudges(now);
    const report = this.decideReport(now);
    const newId = (): string => `run-${++this.nextId}`;
    const recorded = [
      ...nudges.show.flatMap((nudge) => nudgeRuns(nudge, { outcome: 'done', ranAt: now }, newId)),
      ...nudges.missed.flatMap((nudge) => nudgeRuns(nudge, { outcome: 'missed', ranAt: now }, newId)),
      ...(report.make === null ? [] : [reportRun(report.make, { outcome: 'done', ranAt: now }, newId())]),
      ...report.missed.map((missed) => reportRun(missed, { outcome: 'missed', ranAt: now }, newId())),
    ];
    this.runs.push(...recorded);
    this.history.push(...recorded);
    if (this.options.trim) this.runs = trimRuns(this.runs, now, this.options.trim);
    this.lastCheck = { at: now, timeZone: this.timeZone };
    return { nudges, report };
  }
}

/** The keys of a decision's nudges, for compact assertions. */
export const keysOf = (nudges: NudgeDecision['show']): string[] => nudges.flatMap((nudge) => nudge.trackers.map((item) => item.key));
