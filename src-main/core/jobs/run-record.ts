/**
 * The run record's upkeep: a `JobRun` for each outcome the runner reaches, and trimming
 * that keeps the record small without forgetting a key a later decision still reads (a
 * forgotten key would be decided again: a second nudge, a second report).
 */
import type { JobOutcome, JobRun } from '../../../src-preload/contract/jobs';
import { jobRunSchema } from '../../../src-preload/contract/jobs';
import { addDays, dayFromNumber, type Day } from '../insights/days';
import { fail } from '../errors';
import { checked, epochOf } from './job-input';
import { MISSED_NUDGE_DAYS, type Nudge } from './nudges';
import { MISSED_REPORT_MONTHS, type DueReport } from './reports';
import { previousMonthStart } from './wall-clock';

const MS_PER_DAY = 86_400_000;
const MAX_TEXT = 1000;

/** Runs older than this many days are dropped (unless still needed)… */
export const KEEP_RUN_DAYS = 90;
/** …and so is every run past the newest this many (unless still needed). */
export const KEEP_RUNS = 1000;

export interface RunResult {
  readonly outcome: JobOutcome;
  readonly ranAt: Date;
  /** Why it failed, for the person: required with `failed`, refused otherwise. */
  readonly error?: string | null;
}

const clip = (text: string): string => (text.length <= MAX_TEXT ? text : `${text.slice(0, MAX_TEXT - 1)}…`);

function run(fields: Omit<JobRun, 'ranAt' | 'outcome' | 'error'>, result: RunResult): JobRun {
  const ranAt = new Date(epochOf(result.ranAt, 'ranAt')).toISOString();
  const error = result.error ?? null;
  if (result.outcome === 'failed' && (error === null || error.trim() === '')) fail('INVALID_INPUT', 'A failed run needs the reason it failed.', 'error');
  if (result.outcome !== 'failed' && error !== null) fail('INVALID_INPUT', `A run that ${result.outcome === 'done' ? 'succeeded' : `was ${result.outcome}`} has no error.`, 'error');
  // Checked against the reader's schema, so the store never writes a run it would refuse.
  return checked(jobRunSchema, { ...fields, ranAt, outcome: result.outcome, summary: clip(fields.summary), error: error === null ? null : clip(error) }, 'run');
}

function nudgeSummary(nudge: Nudge, name: string, outcome: JobOutcome): string {
  switch (outcome) {
    case 'done':
      return `Nudged at ${nudge.time}: ${name}`;
    case 'failed':
      return `The ${nudge.time} nudge for ${name} could not be shown`;
    case 'missed':
      return `${name} had no entry on ${nudge.day}; the ${nudge.time} nudge came while the app was closed or the profile locked`;
    case 'skipped':
      return `Not nudged at ${nudge.time}: ${name}`;
  }
}

/**
 * The runs that record a nudge's outcome: one per tracker, under its own key, so a tracker
 * is settled for the day whichever notification carried it. They share `dueAt` and `ranAt`
 * (the Activity view may show them as one).
 *
 * @throws AppFailure INVALID_INPUT (bad `ranAt` or id, an error with an outcome other than `failed` or none with it).
 */
export function nudgeRuns(nudge: Nudge, result: RunResult, newId: () => string): JobRun[] {
  return nudge.trackers.map((item) =>
    run({ id: newId(), kind: 'nudge', key: item.key, dueAt: nudge.dueAt.toISOString(), summary: nudgeSummary(nudge, item.trackerName, result.outcome), day: nudge.day }, result),
  );
}

function reportSummary(month: string, outcome: JobOutcome): string {
  switch (outcome) {
    case 'done':
      return `Report for ${month} made`;
    case 'failed':
      return `Report for ${month} could not be made`;
    case 'missed':
      return `Report for ${month} not made: its time came while the app was closed or the profile locked (it can be made from Reports)`;
    case 'skipped':
      return `Report for ${month} not made`;
  }
}

/**
 * The run that records a monthly report's outcome.
 * @throws AppFailure INVALID_INPUT as for {@link nudgeRuns}.
 */
export function reportRun(report: DueReport, result: RunResult, id: string): JobRun {
  return run({ id, kind: 'report', key: report.key, dueAt: report.dueAt.toISOString(), summary: reportSummary(report.month, result.outcome), day: `${report.month}-01` }, result);
}

/**
 * The run that records a day's backup: `done` with where it went and how large it is, or
 * `failed` with why (a full disk, a folder that went away).
 * @throws AppFailure INVALID_INPUT as for {@link nudgeRuns}.
 */
export function backupRun(backup: { readonly day: Day; readonly key: string }, result: RunResult, id: string, made: { readonly name: string; readonly size: number; readonly manual: boolean } | null): JobRun {
  const how = made?.manual === true ? 'Backed up by hand' : 'Backed up';
  const summary = made === null ? `Backup of ${backup.day} not made` : `${how}: ${made.name} (${made.size.toLocaleString('en')} bytes)`;
  return run({ id, kind: 'backup', key: backup.key, dueAt: result.ranAt.toISOString(), summary, day: backup.day }, result);
}

/** What a mail run was for, in the person's words: "the report for October 2026", "the 20:00 nudge". */
export interface MailJob {
  readonly key: string;
  readonly dueAt: Date;
  readonly day: Day;
  readonly what: string;
}

/** The attempt a mail run records, for the retry schedule (see the contract's `JobRun.mail`). */
export interface MailRunAttempt {
  readonly settings: string;
  readonly code: string | null;
  readonly permanent: boolean;
}

function mailSummary(what: string, outcome: JobOutcome, gaveUp: boolean): string {
  if (gaveUp) return `Gave up mailing ${what}`;
  switch (outcome) {
    case 'done':
      return `Mailed ${what}`;
    case 'failed':
      return `Could not mail ${what}`;
    case 'missed':
    case 'skipped':
      return `Did not mail ${what}`;
  }
}

/**
 * The run that records one attempt to mail (or giving up on it: a `failed` run marked
 * permanent, so nothing is tried again until the settings change).
 * @throws AppFailure INVALID_INPUT as for {@link nudgeRuns}.
 */
export function mailRun(job: MailJob, result: RunResult, attempt: MailRunAttempt, id: string, gaveUp = false): JobRun {
  return run({ id, kind: 'mail', key: job.key, dueAt: job.dueAt.toISOString(), summary: mailSummary(job.what, result.outcome, gaveUp), day: job.day, mail: { ...attempt } }, result);
}

/**
 * Whether a decision at `now` may still read this run's key. `dueNudges` reads today and
 * the {@link MISSED_NUDGE_DAYS} before it, and the profile's today is at most a day from
 * UTC's; `dueReport` reads the newest due month (at most two before the current one) and
 * {@link MISSED_REPORT_MONTHS} before that. A day's margin either way.
 */
export function stillNeeded(run: Pick<JobRun, 'kind' | 'day'>, now: Date): boolean {
  if (run.day === null) return false;
  const utcToday: Day = dayFromNumber(Math.floor(epochOf(now, 'now') / MS_PER_DAY));
  if (run.kind === 'nudge') return run.day >= addDays(utcToday, -(MISSED_NUDGE_DAYS + 2));
  // dueBackup reads today's key only.
  if (run.kind === 'backup') return run.day >= addDays(utcToday, -2);
  if (run.kind === 'report') {
    let oldest = addDays(utcToday, -1);
    for (let back = 0; back < MISSED_REPORT_MONTHS + 3; back += 1) oldest = previousMonthStart(oldest);
    return run.day >= oldest;
  }
  return false;
}

/**
 * The record without what it no longer needs: runs older than `keepDays` or past the
 * newest `keepRuns` go, unless {@link stillNeeded}. Order is kept. Mail runs have no rule of
 * their own here: the mail job decides which of its failures still wait for a retry.
 */
export function trimRuns(runs: readonly JobRun[], now: Date, limits: { readonly keepDays?: number; readonly keepRuns?: number } = {}): JobRun[] {
  const at = epochOf(now, 'now');
  const keepDays = limits.keepDays ?? KEEP_RUN_DAYS;
  const keepRuns = limits.keepRuns ?? KEEP_RUNS;
  if (!Number.isInteger(keepDays) || keepDays < 0) fail('INVALID_INPUT', 'keepDays must be a whole number of days, 0 or more.', 'keepDays');
  if (!Number.isInteger(keepRuns) || keepRuns < 0) fail('INVALID_INPUT', 'keepRuns must be a whole number, 0 or more.', 'keepRuns');
  const cutoff = at - keepDays * MS_PER_DAY;
  const ranAt = runs.map((r) => Date.parse(r.ranAt));
  const newest = runs
    .map((_, index) => index)
    .filter((index) => (ranAt[index] ?? Number.NaN) >= cutoff)
    .sort((a, b) => (ranAt[b] ?? 0) - (ranAt[a] ?? 0))
    .slice(0, keepRuns);
  const kept = new Set(newest);
  return runs.filter((r, index) => kept.has(index) || stillNeeded(r, now));
}
