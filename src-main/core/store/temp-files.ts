/**
 * How our writers name temp files, and how those left by a crash are found again.
 *
 * A temp lives beside its target (a rename within one folder is atomic) and is named
 * `.<target name>.<random UUID v4>.tmp`: the atomic writer's temps, the data-folder lock's
 * (`.lock.<uuid>.tmp`) and the keychain's. A crash between creating one and renaming or
 * removing it leaves it behind; only a name of exactly this form is ever removed as an
 * orphan, so a file a person put in the folder is never touched.
 */
import { randomUUID } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { errorCode, type FsPort } from './fs-port';

/** A new temp path for `file`. */
export const tempFileFor = (file: string): string => join(dirname(file), `.${basename(file)}.${randomUUID()}.tmp`);

const UUID_V4 = '[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}';
const TEMP_NAME = new RegExp(`^\\..+\\.${UUID_V4}\\.tmp$`);

/** Whether a file name is one `tempFileFor` (or the lock, or the keychain) makes. */
export const isTempName = (name: string): boolean => TEMP_NAME.test(name);

/**
 * Remove the temp files in `folder` (not below it) that no write of this process is using
 * (`inUse`); answers how many were removed. Best effort: a file that cannot be removed stays
 * for the next time. The caller holds the data-folder lock, so no other process writes here.
 */
export async function removeOrphanedTemps(fs: FsPort, folder: string, inUse: (path: string) => boolean): Promise<number> {
  let names: string[];
  try {
    names = await fs.readdir(folder);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return 0;
    throw error;
  }
  let removed = 0;
  for (const name of names.filter(isTempName)) {
    const path = join(folder, name);
    if (inUse(path)) continue;
    try {
      await fs.unlink(path);
      removed += 1;
    } catch {
      // Gone already (its write finished), a folder of that name, or not ours to remove.
    }
  }
  return removed;
}
