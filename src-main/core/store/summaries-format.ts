/**
 * summaries.json: a small summary per tracker so the dashboard never reads all history.
 * It is a derived file: everything in it can be rebuilt from the log shards, and it is
 * rebuilt when missing, unreadable or of another version (see `derivedDocument` in
 * profile-store.ts), when it was computed under other rules (`key`), when an older version
 * marked it `writing`, or when a shard read for the dashboard does not match the digest
 * kept for it.
 */
import { z } from 'zod';
import type { JsonRecord } from './migrate';
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
  /**
   * Digest of each of the newest shards (`YYYY-MM` → digest): a second check, on the shards
   * the dashboard reads anyway, that the summary is not behind them.
   */
  months: z.record(z.string(), z.string()),
  /**
   * Versions before the journal saved it before the tracker's shards were written and
   * dropped it with the summary saved after them: a summary found with it may be behind its
   * shards (a crash came between) and is rebuilt before use. This version never writes it.
   */
  writing: z.literal(true).optional(),
});
export type TrackerSummary = z.infer<typeof trackerSummarySchema>;

export const summariesFileSchema = z.object({
  version: z.literal(2),
  trackers: z.record(z.string(), trackerSummarySchema),
});
export type SummariesFile = z.infer<typeof summariesFileSchema>;

/**
 * Version 1 had no `writing` mark, so a crash between a shard write and the summary's could
 * leave a summary behind with nothing to tell (issue 10): its summaries are dropped, and each
 * is rebuilt from the shards once.
 */
export const summariesV1toV2 = (): JsonRecord => ({ version: 2, trackers: {} });

export const summariesFormat: FileFormat<SummariesFile> = {
  label: 'summaries',
  version: 2,
  schema: summariesFileSchema,
  migrations: { 1: summariesV1toV2 },
};
export const emptySummariesFile = (): SummariesFile => ({ version: 2, trackers: {} });

/** The file's name in the profile folder. */
export const SUMMARIES_FILE = 'summaries.json';
