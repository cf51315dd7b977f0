/**
 * Where everything lives in the data folder:
 *
 *   <dataDir>/.lock                                       the data-folder lock (pid)
 *   <dataDir>/profiles/<profileId>/account.json           id, e-mail and key slots (not encrypted:
 *                                                         the log-in screen needs them)
 *   <dataDir>/profiles/<profileId>/profile.json           name, age, gender (encrypted)
 *   <dataDir>/profiles/<profileId>/settings.json          the profile's settings (encrypted)
 *   <dataDir>/profiles/<profileId>/trackers.json          every tracker of the profile
 *   <dataDir>/profiles/<profileId>/logs/<trackerId>/<YYYY-MM>.json
 *                                                         one tracker's logs of one UTC month
 *   <dataDir>/profiles/<profileId>/log-shards.json        the shard format every shard was brought
 *                                                         to (log-shard-upgrade.ts)
 *
 * Sharding logs per tracker and month keeps one log entry's write small however many
 * years of history exist.
 */
import { basename, isAbsolute, join, relative, sep } from 'node:path';

export interface DataLayout {
  readonly dataDir: string;
  readonly lockFile: string;
  readonly profilesDir: string;
  profileDir(profileId: string): string;
  accountFile(profileId: string): string;
  profileFile(profileId: string): string;
  settingsFile(profileId: string): string;
  trackersFile(profileId: string): string;
  /** The folder of every tracker's logs folder. */
  logsDir(profileId: string): string;
  trackerLogsDir(profileId: string, trackerId: string): string;
  /** `month` is `YYYY-MM` (see `monthOf`). */
  logShardFile(profileId: string, trackerId: string, month: string): string;
}

export function dataLayout(dataDir: string): DataLayout {
  const profilesDir = join(dataDir, 'profiles');
  const profileDir = (profileId: string) => join(profilesDir, safeSegment(profileId));
  const logsDir = (profileId: string) => join(profileDir(profileId), 'logs');
  const trackerLogsDir = (profileId: string, trackerId: string) => join(logsDir(profileId), safeSegment(trackerId));
  return {
    dataDir,
    lockFile: join(dataDir, '.lock'),
    profilesDir,
    profileDir,
    accountFile: (profileId) => join(profileDir(profileId), 'account.json'),
    profileFile: (profileId) => join(profileDir(profileId), 'profile.json'),
    settingsFile: (profileId) => join(profileDir(profileId), 'settings.json'),
    trackersFile: (profileId) => join(profileDir(profileId), 'trackers.json'),
    logsDir,
    trackerLogsDir,
    logShardFile: (profileId, trackerId, month) => join(trackerLogsDir(profileId, trackerId), `${safeMonth(month)}.json`),
  };
}

/**
 * `file` as messages name it: its place in the data folder, with `/` on every system
 * (`profiles/<id>/trackers.json`). Never the absolute path, which would show the person's
 * user name and folders to whoever reads the message (the UI, an API client, a log); a file
 * outside the data folder is named by its own name only.
 */
export function dataFolderPath(dataDir: string, file: string): string {
  const inside = relative(dataDir, file);
  if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) return basename(file);
  return inside.split(sep).join('/');
}

/** The shard month of a stored UTC time (`2026-11-25T07:30:00.000Z` → `2026-11`). */
export const monthOf = (utcIso: string): string => utcIso.slice(0, 7);

const SHARD_NAME = /^(\d{4}-\d{2})\.json$/;
/** The month of a shard file name, or null for anything else (temp files, backups). */
export const shardMonth = (fileName: string): string | null => SHARD_NAME.exec(fileName)?.[1] ?? null;

// Ids become folder names: refuse anything that could climb out of the data folder.
const SAFE_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** Whether `value` can be an id the core made (and so a folder name under the data folder). */
export const isSafeId = (value: string): boolean => SAFE_ID.test(value);
function safeSegment(value: string): string {
  if (!isSafeId(value)) throw new Error(`Unsafe id for a path: ${JSON.stringify(value)}`);
  return value;
}
function safeMonth(month: string): string {
  if (!/^\d{4}-\d{2}$/.test(month)) throw new Error(`Not a shard month: ${JSON.stringify(month)}`);
  return month;
}
