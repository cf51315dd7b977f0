/**
 * The on-disk formats: one schema, version and migration table per kind of file. Where a
 * file holds what the contract describes (a tracker's settings, a log's value) it uses the
 * contract's schema; tests/unit/core/stored-formats.test.ts freezes every format's shape,
 * so a change that would alter the files fails there and needs a new version and migration.
 */
import { z } from 'zod';
import { GENDERS, logSchema, logValueSchema, trackerSchema } from '../../../src-preload/contract';
import { columnsText, logShardV1toV2, openColumns, parseColumnsText, shardColumns, shardFromColumns, type LogColumns } from './log-shard-columns';
import { isLogColumns, isLogShard } from './log-shard-guard';
import { trackersV1toV2, trackersV2toV3, trackersV3toV4 } from './trackers-migration';
import type { FileFormat } from './versioned-json-adapter';

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
 * file holds the same by column (log-shard-columns.ts).
 */
export const logShardSchema = z.object({
  version: z.literal(2),
  logs: z.array(storedLogSchema),
});
export type LogShard = z.infer<typeof logShardSchema>;

/** A shard as its file holds it (log-shard-columns.ts); the same cells `storedLogSchema` checks. */
export const logColumnsSchema = z.object({
  version: z.literal(2),
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
/**
 * The format of `trackerId`'s shards: the tracker's id is not in the file but in its place.
 * Shards are read by the thousand (an export reads them all), so they get the quick check.
 */
export const logShardFormat = (trackerId: string): FileFormat<LogShard> => ({
  label: 'log',
  version: 2,
  schema: logShardSchema,
  migrations: { 1: logShardV1toV2 },
  quickCheck: isLogShard,
  stored: { toText: (shard) => encodeLogShard(shard.logs), parse: parseColumnsText, fromStored: (record) => shardFromColumns(record, trackerId) },
});

/**
 * The same files read as their columns, for one pass over a whole history (an export): no
 * object per log, and no tracker id needed. Refuses exactly what `logShardFormat` refuses.
 */
export const logColumnsFormat: FileFormat<LogColumns> = {
  label: 'log',
  version: 2,
  schema: logColumnsSchema,
  migrations: { 1: logShardV1toV2 },
  quickCheck: isLogColumns,
  stored: { toText: columnsText, parse: parseColumnsText, fromStored: openColumns },
};

export const emptyTrackersFile = (): TrackersFile => ({ version: 4, trackers: [] });
export const emptyLogShard = (): LogShard => ({ version: 2, logs: [] });

/**
 * The exact bytes of a log shard file. Benchmarks use it to lay down years of history
 * directly on disk; logs must belong to the shard's tracker and month, oldest first.
 */
export const encodeLogShard = (logs: readonly StoredLog[]): string => columnsText(shardColumns(logs));
/** The exact bytes of a trackers file (see `encodeLogShard`). */
export const encodeTrackersFile = (trackers: TrackersFile['trackers']): string => JSON.stringify({ version: 4, trackers } satisfies TrackersFile);

