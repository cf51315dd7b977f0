/**
 * Put a verified backup in place of a profile's folder (or as a new one), atomically:
 * the backup's files are copied into a hidden staging folder beside the profiles — every
 * file checked against the manifest as it is copied, and fsynced — then the current folder
 * is renamed aside, the staging folder renamed into place, the parent fsynced, and the old
 * folder removed. The caller has already saved the current folder as a safety backup.
 *
 * A crash between the two renames leaves no profile folder but the one set aside:
 * `recoverRestores` (run when the core opens) puts it back, so the profile is never lost.
 */
import { randomUUID } from 'node:crypto';
import { readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { errorCode } from '../store/fs-port';
import { isSafeId } from '../store/layout';
import { copyFiles, syncFolder } from './backup-folder';
import { PROFILE_COPY, type Manifest } from './manifest';

const ASIDE = /^\.replaced-([A-Za-z0-9_-]{1,64})-[0-9a-f-]{36}\.partial$/;
const STAGING = /^\.(?:restore|snapshot)-[A-Za-z0-9_-]{1,64}-[0-9a-f-]{36}\.partial$/;

async function isFolder(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return false;
    throw error;
  }
}

/** Replace (or add) the profile folder of `manifest.profileId` under `profilesDir` with the backup at `backupPath`. */
export async function installBackup(backupPath: string, manifest: Manifest, profilesDir: string): Promise<'replaced' | 'added'> {
  const profileId = manifest.profileId;
  if (!isSafeId(profileId)) throw new Error(`Unsafe profile id: ${JSON.stringify(profileId)}`);
  const target = join(profilesDir, profileId);
  const staging = join(profilesDir, `.restore-${profileId}-${randomUUID()}.partial`);
  try {
    const expected = new Map(manifest.files.map((file) => [file.path, file]));
    await copyFiles(join(backupPath, PROFILE_COPY), staging, [...expected.keys()], expected);
  } catch (error) {
    await rm(staging, { recursive: true, force: true }).catch(() => undefined);
    throw error;
  }
  if (!(await isFolder(target))) {
    await rename(staging, target);
    await syncFolder(profilesDir);
    return 'added';
  }
  const aside = join(profilesDir, `.replaced-${profileId}-${randomUUID()}.partial`);
  await rename(target, aside);
  try {
    await rename(staging, target);
  } catch (error) {
    await rename(aside, target);
    await rm(staging, { recursive: true, force: true }).catch(() => undefined);
    throw error;
  }
  await syncFolder(profilesDir);
  await rm(aside, { recursive: true, force: true });
  return 'replaced';
}

/**
 * What a restore or a backup interrupted by a crash left among the profiles: a staging
 * folder (a restore's copy, a backup's frozen view) is removed; a folder set aside is put back when its profile has no folder (the crash came
 * between the renames), else removed (the restore had finished).
 */
export async function recoverRestores(profilesDir: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(profilesDir);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return;
    throw error;
  }
  let changed = false;
  for (const name of names) {
    if (STAGING.test(name)) {
      await rm(join(profilesDir, name), { recursive: true, force: true });
      changed = true;
      continue;
    }
    const profileId = ASIDE.exec(name)?.[1];
    if (profileId === undefined) continue;
    if (await isFolder(join(profilesDir, profileId))) await rm(join(profilesDir, name), { recursive: true, force: true });
    else await rename(join(profilesDir, name), join(profilesDir, profileId));
    changed = true;
  }
  // Only what was moved or removed needs the folder synced: a sync on every open cost up to a few ms.
  if (changed) await syncFolder(profilesDir);
}
