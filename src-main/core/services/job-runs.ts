/**
 * The record of a profile's job runs (jobs.json): the runner records each run and its last
 * check here, the scheduler (core/jobs) reads them so nothing runs twice, and the Activity
 * view pages through the runs. The file is encrypted like every profile file, so a locked
 * profile can neither be read nor recorded to (SESSION_LOCKED) — which is the policy anyway:
 * a locked profile gets no jobs (jobs/locked-profiles.ts).
 */
import { jobRunSchema, type JobRun } from '../../../src-preload/contract';
import { describeZodError } from '../dispatch';
import { AppFailure } from '../errors';
import type { LastCheck } from '../jobs/job-input';
import { trimRuns } from '../jobs/run-record';
import { emptyJobsFile, jobsFormat, type JobsFile } from '../store/jobs-format';
import type { KeyedQueue } from '../store/keyed-queue';
import type { ProfileDirectory } from '../store/profile-directory';
import type { ProfileStore } from '../store/profile-store';
import { sessionStore } from './profile-access';
import { validTimeZone } from './time-zones';

export const JOBS_FILE = 'jobs.json';

const jobsOf = (store: ProfileStore) => store.document<JobsFile>(JOBS_FILE, jobsFormat, emptyJobsFile);

export interface JobRunDeps {
  readonly directory: ProfileDirectory;
  readonly queue: KeyedQueue;
  /** The clock the record is trimmed by (what is older than 90 days goes). */
  readonly now: () => Date;
}

export interface ActivityPage {
  /** Newest first. */
  readonly runs: JobRun[];
  /** Whether older runs remain after the last of `runs`. */
  readonly more: boolean;
}

/** What the scheduler reads: every run kept, oldest first, and the last check. */
export interface JobRecord {
  readonly runs: readonly JobRun[];
  readonly lastCheck: LastCheck | null;
}

/** A run as stored: checked against the contract, its two moments as UTC ISO (`toISOString`). */
function canonicalRun(run: JobRun, index: number): JobRun {
  const parsed = jobRunSchema.safeParse(run);
  if (!parsed.success) {
    const { message, field } = describeZodError(parsed.error);
    throw new AppFailure('INVALID_INPUT', `Run ${index + 1} cannot be recorded: ${message}`, field === undefined ? `runs.${index}` : `runs.${index}.${field}`);
  }
  const moment = (text: string, field: 'dueAt' | 'ranAt'): string => {
    const time = Date.parse(text);
    if (Number.isNaN(time)) throw new AppFailure('INVALID_INPUT', `Run ${index + 1} cannot be recorded: ${field} is not a time.`, `runs.${index}.${field}`);
    return new Date(time).toISOString();
  };
  return { ...parsed.data, dueAt: moment(parsed.data.dueAt, 'dueAt'), ranAt: moment(parsed.data.ranAt, 'ranAt') };
}

function storedLastCheck(lastCheck: LastCheck): JobsFile['lastCheck'] {
  const at = lastCheck.at instanceof Date ? lastCheck.at.getTime() : Number.NaN;
  if (!Number.isFinite(at)) throw new AppFailure('INVALID_INPUT', 'The last check needs a valid time.', 'lastCheck.at');
  return { at: new Date(at).toISOString(), timeZone: validTimeZone(lastCheck.timeZone, 'lastCheck.timeZone') };
}

/**
 * `current` with `added` merged in: a run whose id is already there replaces it (recording
 * again after an interrupted save changes nothing; a retried mail updates its run), ordered
 * by when each ran (runs of one moment keep the order they were recorded in).
 */
export function mergedRuns(current: readonly JobRun[], added: readonly JobRun[]): JobRun[] {
  const addedIds = new Set(added.map((run) => run.id));
  const merged = [...current.filter((run) => !addedIds.has(run.id)), ...added];
  merged.sort((a, b) => (a.ranAt < b.ranAt ? -1 : a.ranAt > b.ranAt ? 1 : 0));
  return merged;
}

export class JobRunService {
  constructor(private readonly deps: JobRunDeps) {}

  /**
   * Add runs to the profile's record, and the runner's last check when given, in one write
   * (so the check is never saved without the runs it decided). All or none: a run the
   * contract would not accept refuses the whole call (INVALID_INPUT, naming it) and nothing
   * is written. The record is trimmed as it is written (`trimRuns`).
   */
  async record(profileId: string, runs: readonly JobRun[], lastCheck?: LastCheck): Promise<void> {
    const canonical = runs.map(canonicalRun);
    if (new Set(canonical.map((run) => run.id)).size !== canonical.length) throw new AppFailure('INVALID_INPUT', 'The same run is given twice; record each run once.', 'runs');
    const check = lastCheck === undefined ? undefined : storedLastCheck(lastCheck);
    if (canonical.length === 0 && check === undefined) return;
    const store = await sessionStore(this.deps.directory, profileId);
    // Its own turn: a run is recorded without waiting behind a long import of the same profile.
    await this.deps.queue.run(`jobs:${profileId}`, async () => {
      const file = await jobsOf(store);
      const kept = trimRuns(mergedRuns(file.data.runs, canonical), this.deps.now());
      await file.save({ ...file.data, runs: kept, ...(check === undefined ? {} : { lastCheck: check }) });
    });
  }

  /** The record as the scheduler reads it. */
  async read(profileId: string): Promise<JobRecord> {
    const store = await sessionStore(this.deps.directory, profileId);
    const { runs, lastCheck } = (await jobsOf(store)).data;
    return { runs, lastCheck: lastCheck === null ? null : { at: new Date(lastCheck.at), timeZone: lastCheck.timeZone } };
  }

  /**
   * A page of runs, newest first: `limit` of them, after the run `before` (the last one of
   * the previous page). An id no longer in the record (trimmed, as older than what is kept)
   * has nothing older left, so its page is empty.
   */
  async list(profileId: string, page: { readonly limit: number; readonly before?: string | undefined }): Promise<ActivityPage> {
    const store = await sessionStore(this.deps.directory, profileId);
    const { runs } = (await jobsOf(store)).data;
    let end = runs.length;
    if (page.before !== undefined) {
      const at = runs.findIndex((run) => run.id === page.before);
      end = at === -1 ? 0 : at;
    }
    const start = Math.max(0, end - page.limit);
    return { runs: runs.slice(start, end).reverse(), more: start > 0 };
  }
}
