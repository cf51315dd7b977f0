/**
 * jobs.json: the record of a profile's job runs (nudges, reports, mail), oldest first by
 * when each ran, and the runner's last check. The scheduler (core/jobs) reads both so a
 * restart never repeats or loses a run, and the Activity view lists the runs. It is a
 * person's file, not a derived one: a damaged copy is reported, never replaced by an empty
 * record (that would let every nudge of the day run again).
 */
import { z } from 'zod';
import { jobRunSchema } from '../../../src-preload/contract';
import type { JsonRecord } from './migrate';
import type { FileFormat } from './versioned-json-adapter';

export const jobsFileSchema = z.object({
  version: z.literal(3),
  /**
   * Not bounded here: the record is trimmed when written (jobs/run-record.ts `trimRuns`:
   * 90 days, 1,000 runs), but never of a run a decision still reads, so a bound in the
   * reader could refuse a file the writer had to keep.
   */
  runs: z.array(jobRunSchema),
  /** The runner's previous look (UTC ISO and the profile's zone then); null before the first. */
  lastCheck: z.object({ at: z.string(), timeZone: z.string().min(1) }).nullable(),
});
export type JobsFile = z.infer<typeof jobsFileSchema>;

/**
 * jobs.json version 1 → 2: mail runs carry their attempt (`JobRun.mail`, the retry state).
 * Nothing to add to a version 1 file; the new version is so that an older app refuses the
 * file instead of writing it back without that state (a login refused for good would then
 * look like a passing failure and be tried again).
 */
const jobsV1toV2 = (old: JsonRecord): JsonRecord => ({ ...old, version: 2 });

/**
 * jobs.json version 2 → 3: runs of the `backup` kind. Nothing to add; an older app would call
 * a file with such a run damaged, so the new version makes it say "newer" instead.
 */
const jobsV2toV3 = (old: JsonRecord): JsonRecord => ({ ...old, version: 3 });

export const jobsFormat: FileFormat<JobsFile> = { label: 'jobs', version: 3, schema: jobsFileSchema, migrations: { 1: jobsV1toV2, 2: jobsV2toV3 } };
export const emptyJobsFile = (): JobsFile => ({ version: 3, runs: [], lastCheck: null });
