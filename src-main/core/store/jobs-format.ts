/**
 * jobs.json: the record of every job run of a profile (nudges, reports, mail), oldest first
 * by when it ran. The scheduler reads it so a restart never repeats or loses a run, and the
 * Activity view lists it. It is a person's file, not a derived one: a damaged copy is
 * reported, never replaced by an empty record (that would let every nudge run again).
 */
import { z } from 'zod';
import { jobRunSchema } from '../../../src-preload/contract';
import type { FileFormat } from './versioned-json-adapter';

/**
 * The newest runs kept: the scheduler needs today's nudges and the last months' reports,
 * and the file is rewritten at every run, so it must not grow with years of history.
 */
export const MAX_JOB_RUNS = 1000;

export const jobsFileSchema = z.object({
  version: z.literal(1),
  runs: z.array(jobRunSchema).max(MAX_JOB_RUNS),
});
export type JobsFile = z.infer<typeof jobsFileSchema>;

export const jobsFormat: FileFormat<JobsFile> = { label: 'jobs', version: 1, schema: jobsFileSchema, migrations: {} };
export const emptyJobsFile = (): JobsFile => ({ version: 1, runs: [] });
