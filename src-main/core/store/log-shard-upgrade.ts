/**
 * Bringing a profile's log shards to the strict stored form (format 3, log-shard-rules.ts)
 * once. Before the journal, moving a log to another month wrote its new shard, then the
 * old one, so a crash between left the log in both months; reads kept the first copy met,
 * months oldest first, and dropped the others. One file's migration (`logShardV2toV3`)
 * cannot see the other months, so this pass does that part, tracker by tracker, when the
 * profile's store opens (before its journal is replayed onto it):
 *
 * - `log-shards.json` in the profile folder names the shard version every shard has been
 *   brought to. When it is the current one nothing else is read: an open costs one small
 *   file, not the history.
 * - Otherwise every tracker's shards are read, oldest month first (each through its own
 *   migration), the ids met in an earlier month are dropped from the later ones, and each
 *   shard that changes or was of an older version is written at version 3 (atomically, as
 *   any save). Then `log-shards.json` is written (if it cannot be, the profile still opens:
 *   the next open checks again).
 *
 * It can stop at any instant and run again: files are replaced whole, and the pass only
 * drops later copies and writes each first copy as it was read, so whichever files were
 * rewritten before a stop, the first copy met stays the same one; a second run rewrites
 * the files still old and writes the marker. A shard that cannot be read (damaged) is left
 * as it is, to be reported when it is read, as before.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { AppFailure } from '../errors';
import { LOG_SHARD_VERSION, logShardFormat, type LogShard } from './formats';
import { errorCode } from './fs-port';
import { isSafeId, shardMonth } from './layout';
import type { StoreDeps } from './profile-store';
import { VersionedJsonAdapter, type FileFormat } from './versioned-json-adapter';

export const LOG_SHARDS_MARKER = 'log-shards.json';

export const logShardsMarkerSchema = z.object({
  version: z.literal(1),
  /** The format version every log shard of the profile has been brought to. */
  logShards: z.number().int().positive(),
});
type Marker = z.infer<typeof logShardsMarkerSchema>;
export const logShardsMarkerFormat: FileFormat<Marker> = { label: 'log shards', version: 1, schema: logShardsMarkerSchema, migrations: {} };

export interface LogShardUpgrade {
  /** Whether the pass ran (false: the marker said it was done). */
  readonly ran: boolean;
  /** Shard files written. */
  readonly written: number;
  /** Copies of logs dropped from later months (a month's own repeats go in its file's migration). */
  readonly dropped: number;
}

/** Run the pass on `profileId`'s shards unless its marker says they are already of this version. */
export async function upgradeLogShards(deps: StoreDeps, profileId: string): Promise<LogShardUpgrade> {
  const { layout } = deps;
  const marker = markerOf(deps, profileId);
  if (await isDone(marker)) return { ran: false, written: 0, dropped: 0 };
  let written = 0;
  let dropped = 0;
  for (const trackerId of await listed(deps, layout.logsDir(profileId), (name) => (isSafeId(name) ? name : null))) {
    const done = await upgradeTracker(deps, profileId, trackerId);
    written += done.written;
    dropped += done.dropped;
  }
  try {
    await marker.write({ version: 1, logShards: LOG_SHARD_VERSION });
  } catch (error) {
    // The shards are done; without the marker the next open checks them again (and writes
    // nothing but it). A full disk must not keep the profile from opening for that.
    if (!(error instanceof AppFailure && error.code === 'WRITE_FAILED')) throw error;
  }
  return { ran: true, written, dropped };
}

/** Record that `profileId`'s shards are of this version: a new profile's, so that its first open writes nothing. */
export async function markLogShardsCurrent(deps: StoreDeps, profileId: string): Promise<void> {
  await markerOf(deps, profileId).write({ version: 1, logShards: LOG_SHARD_VERSION });
}

const markerOf = (deps: StoreDeps, profileId: string): VersionedJsonAdapter<Marker> =>
  new VersionedJsonAdapter(join(deps.layout.profileDir(profileId), LOG_SHARDS_MARKER), logShardsMarkerFormat, deps.fs, deps.writer, deps.layout.dataDir);

async function isDone(marker: VersionedJsonAdapter<Marker>): Promise<boolean> {
  try {
    return ((await marker.read())?.logShards ?? 0) >= LOG_SHARD_VERSION;
  } catch (error) {
    // A newer app wrote it: its shards are newer still, and not this version's to rewrite.
    if (error instanceof AppFailure && error.code === 'DATA_FILE_TOO_NEW') return true;
    // Damaged (kept as `.corrupt` by the adapter): the pass runs and writes it again.
    if (error instanceof AppFailure && error.code === 'DATA_FILE_DAMAGED') return false;
    throw error;
  }
}

async function upgradeTracker(deps: StoreDeps, profileId: string, trackerId: string): Promise<{ written: number; dropped: number }> {
  const { layout } = deps;
  const months = (await listed(deps, layout.trackerLogsDir(profileId, trackerId), shardMonth)).sort();
  const met = new Set<string>();
  let written = 0;
  let dropped = 0;
  for (const month of months) {
    const adapter = new VersionedJsonAdapter(layout.logShardFile(profileId, trackerId, month), logShardFormat(trackerId, month), deps.fs, deps.writer, layout.dataDir);
    const stored = await readOrSkip(adapter);
    if (stored === null) continue;
    const logs = stored.data.logs.filter((log) => !met.has(log.id));
    for (const log of logs) met.add(log.id);
    dropped += stored.data.logs.length - logs.length;
    if (stored.version === LOG_SHARD_VERSION && logs.length === stored.data.logs.length) continue;
    await adapter.write({ version: LOG_SHARD_VERSION, logs } satisfies LogShard);
    written += 1;
  }
  return { written, dropped };
}

/** The shard and its stored version; null when it is gone or damaged (then left for reads to report). */
async function readOrSkip(adapter: VersionedJsonAdapter<LogShard>): Promise<{ readonly data: LogShard; readonly version: number } | null> {
  try {
    return await adapter.readStored();
  } catch (error) {
    if (error instanceof AppFailure && (error.code === 'DATA_FILE_DAMAGED' || error.code === 'DATA_FILE_TOO_NEW')) return null;
    throw error;
  }
}

/** The names in `dir` that `pick` keeps, as it gives them; none when the folder does not exist. */
async function listed(deps: StoreDeps, dir: string, pick: (name: string) => string | null): Promise<string[]> {
  let names: string[];
  try {
    names = await deps.fs.readdir(dir);
  } catch (error) {
    if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return [];
    throw error;
  }
  return names.map(pick).filter((name): name is string => name !== null);
}
