/**
 * The on-disk formats: one schema, version and migration table per kind of file. Where a
 * file holds what the contract describes (a tracker's settings, a log's value) it uses the
 * contract's schema; tests/unit/core/stored-formats.test.ts freezes every format's shape,
 * so a change that would alter the files fails there and needs a new version and migration.
 */
import { z } from 'zod';
import { GENDERS, logSchema, logValueSchema, trackerSchema } from '../../../src-preload/contract';
import { columnsText, LOG_SHARD_VERSION, logShardV1toV2, openColumns, parseColumnsText, shardColumns, shardFromColumns, type LogColumns } from './log-shard-columns';
import { isLogColumns, isLogShard } from './log-shard-guard';
import { logShardV2toV3, logsRuleBreach, shardRuleBreach } from './log-shard-rules';
import { trackersV1toV2, trackersV2toV3, trackersV3toV4 } from './trackers-migration';
import type { FileFormat } from './versioned-json-adapter';

export { LOG_SHARD_VERSION } from './log-shard-columns';

const id = z.string().min(1).max(64);

export const secretHashSchema = z.object({
  algo: z.literal('scrypt'),
  N: z.number().int().positive(),
  r: z.number().int().positive(),
  p: z.number().int().positive(),
  /** base64 */
  salt: z.string().min(1),
  /** base64 */
  hash: z.string().min(1),
});
export type SecretHash = z.infer<typeof secretHashSchema>;

const storedProfileSchema = z.object({
  id,
  email: z.string(),
  name: z.string(),
  age: z.number().int(),
  gender: z.enum(GENDERS),
  createdAt: z.string(),
});

export const profileFileSchema = z.object({
  version: z.literal(1),
  profile: storedProfileSchema,
  password: secretHashSchema,
  backupCode: secretHashSchema,
});
export type ProfileFile = z.infer<typeof profileFileSchema>;

const storedTargetSchema = z.object({
  period: z.enum(['day', 'week']),
  comparison: z.enum(['at_least', 'at_most']),
  value: z.number(),
});

/**
 * A tracker as stored: the contract's tracker, with its target taken as any number (files
 * written before targets were checked still open) and the time it went to the trash. The
 * file's array order is the person's order of the trackers.
 */
const storedTrackerSchema = trackerSchema.extend({
  target: storedTargetSchema.nullable(),
  /** Set while the tracker is in the trash (its logs stay on disk until it is purged). */
  deletedAt: z.string().nullable(),
});
export type StoredTracker = z.infer<typeof storedTrackerSchema>;

export const trackersFileSchema = z.object({
  version: z.literal(4),
  trackers: z.array(storedTrackerSchema),
});
export type TrackersFile = z.infer<typeof trackersFileSchema>;

const storedValueSchema = logValueSchema;

/** A log as stored: the contract's log, as it is (its shape is frozen by stored-formats.test.ts). */
const storedLogSchema = logSchema;
export type StoredLog = z.infer<typeof storedLogSchema>;

/**
 * One tracker's logs of one UTC month, oldest first, as the store holds it in memory. The
 * file holds the same by column (log-shard-columns.ts). The schema gives each cell's shape;
 * the rules over a whole shard (times, order, ids) are log-shard-rules.ts's.
 */
export const logShardSchema = z.object({
  version: z.literal(LOG_SHARD_VERSION),
  logs: z.array(storedLogSchema),
});
export type LogShard = z.infer<typeof logShardSchema>;

/** A shard as its file holds it (log-shard-columns.ts); the same cells `storedLogSchema` checks. */
export const logColumnsSchema = z.object({
  version: z.literal(LOG_SHARD_VERSION),
  ids: z.array(id),
  at: z.array(z.string()),
  offsetMinutes: z.array(z.number().int()),
  values: z.array(storedValueSchema),
  notes: z.array(z.string()),
}) satisfies z.ZodType<LogColumns>;

// Each format lists its upgrades; trackers.json went to version 2 with issue 4, to 3 with
// issue 11's pinned flag and to 4 with issue 12's reminders (see trackers-migration.ts).
export const profileFormat: FileFormat<ProfileFile> = { label: 'profile', version: 1, schema: profileFileSchema, migrations: {} };
export const trackersFormat: FileFormat<TrackersFile> = {
  label: 'trackers',
  version: 4,
  schema: trackersFileSchema,
  migrations: { 1: trackersV1toV2, 2: trackersV2toV3, 3: trackersV3toV4 },
};
const logShardMigrations = { 1: logShardV1toV2, 2: logShardV2toV3 };

/**
 * The one owner of the log shard file: the format of `trackerId`'s shard of `month`, whose
 * place (folder and name) gives the tracker's id and the month. Its `rules` are the strict
 * stored form (log-shard-rules.ts), applied by the adapter when the file is read and
 * before it is written. Shards are read by the thousand (an export reads them all), so the
 * shape gets the quick check.
 */
export const logShardFormat = (trackerId: string, month: string): FileFormat<LogShard> => ({
  label: 'log',
  version: LOG_SHARD_VERSION,
  schema: logShardSchema,
  migrations: logShardMigrations,
  quickCheck: isLogShard,
  rules: (shard) => logsRuleBreach(trackerId, month, shard.logs),
  stored: { toText: (shard) => encodeLogShard(shard.logs), parse: parseColumnsText, fromStored: (record) => shardFromColumns(record, trackerId) },
});

/**
 * The same files read as their columns, for one pass over a whole history (an export): no
 * object per log, and no tracker id needed. Refuses exactly what `logShardFormat` refuses.
 */
export const logColumnsFormat = (month: string): FileFormat<LogColumns> => ({
  label: 'log',
  version: LOG_SHARD_VERSION,
  schema: logColumnsSchema,
  migrations: logShardMigrations,
  quickCheck: isLogColumns,
  rules: (columns) => shardRuleBreach(month, columns.ids, columns.at),
  stored: { toText: columnsText, parse: parseColumnsText, fromStored: openColumns },
});

export const emptyTrackersFile = (): TrackersFile => ({ version: 4, trackers: [] });
export const emptyLogShard = (): LogShard => ({ version: LOG_SHARD_VERSION, logs: [] });

/**
 * The exact bytes of a log shard file. Benchmarks use it to lay down years of history
 * directly on disk; the logs must keep the rules of log-shard-rules.ts (the shard's month,
 * oldest first, `toISOString()` times, each id once), or the file will not read.
 */
export const encodeLogShard = (logs: readonly StoredLog[]): string => columnsText(shardColumns(logs));
/** The exact bytes of a trackers file (see `encodeLogShard`). */
export const encodeTrackersFile = (trackers: TrackersFile['trackers']): string => JSON.stringify({ version: 4, trackers } satisfies TrackersFile);

