/**
 * summaries.json: a small summary per tracker so the dashboard never reads all history.
 * It is a cache: everything in it can be rebuilt from the log shards, and it is rebuilt
 * when missing, when it was computed under other rules (`key`), or when a shard read for
 * the dashboard does not match the digest kept for it.
 */
import { z } from 'zod';
import type { FileFormat } from './versioned-json-adapter';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const storedLogForSummary = z.object({
  id: z.string(),
  trackerId: z.string(),
  at: z.string(),
  offsetMinutes: z.number().int(),
  value: z.union([z.number(), z.boolean(), z.array(z.string())]),
  note: z.string(),
});

export const trackerSummarySchema = z.object({
  /** What the runs were computed under (time zone, type, target); another key means stale. */
  key: z.string(),
  /** The newest log by time. */
  lastLog: storedLogForSummary.nullable(),
  /** Runs of consecutive qualifying days (a streak each), oldest first, both ends inclusive. */
  runs: z.array(z.tuple([day, day])),
  /**
   * Runs before this day were dropped (only the newest are kept: the current streak needs the
   * last one, and the file is rewritten on every entry); null when none were. An entry
   * changed before it makes the summary rebuild from the shards. Absent in older files.
   */
  since: day.nullable().optional(),
  /** Digest of each of the newest shards (`YYYY-MM` → digest), to notice a summary left behind by a crash. */
  months: z.record(z.string(), z.string()),
});
export type TrackerSummary = z.infer<typeof trackerSummarySchema>;

export const summariesFileSchema = z.object({
  version: z.literal(1),
  trackers: z.record(z.string(), trackerSummarySchema),
});
export type SummariesFile = z.infer<typeof summariesFileSchema>;

export const summariesFormat: FileFormat<SummariesFile> = { label: 'summaries', version: 1, schema: summariesFileSchema, migrations: {} };
export const emptySummariesFile = (): SummariesFile => ({ version: 1, trackers: {} });
