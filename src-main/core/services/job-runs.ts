/**
 * The record of a profile's job runs (jobs.json): the runner records each run here, the
 * scheduler reads it so nothing runs twice, and the Activity view pages through it. It is
 * encrypted like every profile file, so a locked profile can neither be read nor recorded
 * to (SESSION_LOCKED): whatever runs while it is locked must keep its runs until it opens.
 */
import { jobRunSchema, type JobRun } from '../../../src-preload/contract';
import { describeZodError } from '../dispatch';
import { AppFailure } from '../errors';
import { emptyJobsFile, jobsFormat, MAX_JOB_RUNS, type JobsFile } from '../store/jobs-format';
import type { KeyedQueue } from '../store/keyed-queue';
import type { ProfileDirectory } from '../store/profile-directory';
import type { ProfileStore } from '../store/profile-store';
import { sessionStore } from './profile-access';

export const JOBS_FILE = 'jobs.json';

const jobsOf = (store: ProfileStore) => store.document<JobsFile>(JOBS_FILE, jobsFormat, emptyJobsFile);

export interface JobRunDeps {
  readonly directory: ProfileDirectory;
  readonly queue: KeyedQueue;
}

export interface ActivityPage {
  /** Newest first. */
  readonly runs: JobRun[];
  /** Whether older runs remain after the last of `runs`. */
  readonly more: boolean;
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

/**
 * `current` with `added` merged in: a run whose id is already there replaces it (recording
 * again after an interrupted save changes nothing; a retried mail updates its run), the
 * whole ordered by when each ran (ties keep the order of recording), the oldest dropped
 * beyond `MAX_JOB_RUNS`.
 */
export function mergedRuns(current: readonly JobRun[], added: readonly JobRun[]): JobRun[] {
  const addedIds = new Set(added.map((run) => run.id));
  const merged = [...current.filter((run) => !addedIds.has(run.id)), ...added];
  // Stable sort: runs of one moment (a nudge naming several trackers) keep their order.
  merged.sort((a, b) => (a.ranAt < b.ranAt ? -1 : a.ranAt > b.ranAt ? 1 : 0));
  return merged.slice(Math.max(0, merged.length - MAX_JOB_RUNS));
}

export class JobRunService {
  constructor(private readonly deps: JobRunDeps) {}

  /**
   * Add runs to the profile's record, all or none: a run the contract would not accept
   * (INVALID_INPUT, naming it) refuses the whole call and nothing is written.
   */
  async record(profileId: string, runs: readonly JobRun[]): Promise<void> {
    const canonical = runs.map(canonicalRun);
    const ids = new Set(canonical.map((run) => run.id));
    if (ids.size !== canonical.length) throw new AppFailure('INVALID_INPUT', 'The same run is given twice; record each run once.', 'runs');
    if (canonical.length === 0) return;
    const store = await sessionStore(this.deps.directory, profileId);
    // Its own turn: a run is recorded without waiting behind a long import of the same profile.
    await this.deps.queue.run(`jobs:${profileId}`, async () => {
      const file = await jobsOf(store);
      await file.save({ ...file.data, runs: mergedRuns(file.data.runs, canonical) });
    });
  }

  /**
   * A page of runs, newest first: `limit` of them, after the run `before` (the last one of
   * the previous page). An id no longer in the record (dropped as older than the newest
   * `MAX_JOB_RUNS`) has nothing older left, so its page is empty.
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
