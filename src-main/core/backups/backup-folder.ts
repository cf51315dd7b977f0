/**
 * Backups on disk: `<root>/<profileId>/<name>/{manifest.json, profile/…}`, where `<root>` is
 * the backup folder (default `<dataDir>/backups`, or one the person chose, a synced folder
 * included: everything is plain files) and `<name>` the moment it was made
 * (`2026-11-30T05-06-29Z`, see manifest.ts).
 *
 * A backup is written into a hidden `.<name>.<uuid>.partial` folder — every file fsynced,
 * the manifest last, every folder fsynced — and only then renamed to its name and the
 * parent fsynced. So a crash at any instant leaves either no backup or a whole one; a
 * partial folder is never listed, and the next backup of that profile removes it.
 *
 * The files are copied byte for byte: a backup is as encrypted as the profile it copies,
 * and opens only with that profile's password (or backup code).
 */
import { createHash, randomUUID } from 'node:crypto';
import { copyFile, link, mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { fail } from '../errors';
import { errorCode, FOLDER_MODE } from '../store/fs-port';
import { isSafeId } from '../store/layout';
import { isTempName } from '../store/temp-files';
import {
  BACKUP_FORMAT_VERSION,
  isBackupName,
  isBackupPath,
  isPartialName,
  isSafetyCopy,
  MANIFEST_FILE,
  manifestSchema,
  PROFILE_COPY,
  stampOf,
  type BackupReason,
  type Manifest,
  type ManifestFile,
} from './manifest';

/** A finished backup, as lists show it. */
export interface BackupEntry {
  /** The backup's folder (absolute). */
  readonly path: string;
  readonly name: string;
  readonly profileId: string;
  readonly madeAt: string;
  readonly reason: BackupReason;
  /** Bytes of the profile's files it holds. */
  readonly size: number;
}

/**
 * Files of a profile folder that are not the profile: temp files of writes under way, the
 * writer's previous versions (`.bak`), and the copies it keeps of damaged or newer files.
 */
const leftOut = (name: string): boolean => isTempName(name) || name.startsWith('.') || name.endsWith('.bak') || name.endsWith('.corrupt') || name.endsWith('.newer');

/**
 * Every file of `dir` worth backing up, as `/`-separated paths relative to it, sorted. A
 * file the app would never name so (one a person dropped in, "notes copy.txt") is not the
 * profile's and is left out: the manifest could not list it.
 */
async function profileFiles(dir: string, base: string = dir): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (leftOut(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await profileFiles(path, base)));
    else if (entry.isFile()) files.push(relative(base, path).split(sep).join('/'));
  }
  return files.filter(isBackupPath).sort();
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

async function writeSynced(file: string, bytes: Uint8Array): Promise<void> {
  const handle = await open(file, 'wx', 0o600);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** fsync a folder so the names in it survive a power cut; a system that cannot (Windows, some shares) journals them itself. */
export async function syncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') return;
  let handle;
  try {
    handle = await open(folder, 'r');
  } catch {
    return;
  }
  try {
    await handle.sync();
  } catch (error) {
    const code = errorCode(error);
    if (code !== 'EISDIR' && code !== 'EINVAL' && code !== 'ENOTSUP') throw error;
  } finally {
    await handle.close();
  }
}

/**
 * Copy the files named (paths relative to `from`) into `to`, which must not exist yet,
 * fsyncing each file and folder. `expected` (from a manifest) makes every file's bytes be
 * checked as they are copied: a mismatch fails with BACKUP_DAMAGED, having written only
 * into `to` (the caller removes it).
 */
export async function copyFiles(from: string, to: string, paths: readonly string[], expected?: ReadonlyMap<string, ManifestFile>): Promise<ManifestFile[]> {
  const folders = new Set<string>([to]);
  for (const path of paths) {
    for (let current = dirname(join(to, ...path.split('/'))); current.length > to.length && !folders.has(current); current = dirname(current)) folders.add(current);
  }
  // Parents first (shortest paths), so each mkdir finds its parent.
  for (const folder of [...folders].sort((a, b) => a.length - b.length)) await mkdir(folder, { recursive: true, mode: FOLDER_MODE });
  const copied: (ManifestFile | null)[] = new Array<ManifestFile | null>(paths.length).fill(null);
  let next = 0;
  let failure: { readonly error: unknown } | null = null;
  // A few files at once: one fsync per file is what a backup costs, and overlapping them is what makes it fast.
  const copier = async () => {
    while (failure === null && next < paths.length) {
      const index = next++;
      try {
        copied[index] = await copyOne(from, to, paths[index] as string, expected);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(COPY_PARALLEL, paths.length) }, copier));
  if (failure !== null) throw (failure as { readonly error: unknown }).error;
  // Deepest first, so each folder's entry in its parent is synced after the folder itself.
  for (const folder of [...folders].sort((a, b) => b.length - a.length)) await syncFolder(folder);
  return copied.filter((file): file is ManifestFile => file !== null);
}

/** Files copied (and fsynced) at once. */
const COPY_PARALLEL = 8;

/** One file: read, checked against `expected` when given, written and fsynced; null when it went away (only without `expected`). */
async function copyOne(from: string, to: string, path: string, expected: ReadonlyMap<string, ManifestFile> | undefined): Promise<ManifestFile | null> {
  let bytes: Buffer;
  try {
    bytes = await readFile(join(from, ...path.split('/')));
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw error;
    if (expected === undefined) return null;
    return fail('BACKUP_DAMAGED', `This backup is damaged: its file ${path} is missing. Nothing was changed.`);
  }
  const file: ManifestFile = { path, size: bytes.length, sha256: sha256(bytes) };
  const want = expected?.get(path);
  if (want !== undefined && (want.size !== file.size || want.sha256 !== file.sha256)) {
    fail('BACKUP_DAMAGED', `This backup is damaged: its file ${path} is not what was backed up. Nothing was changed.`);
  }
  await writeSynced(join(to, ...path.split('/')), bytes);
  return file;
}

/**
 * A frozen view of the profile's folder in `staging` (beside the profiles, so on the same
 * file system): every file hard-linked, which costs one directory entry per file however
 * large it is. It stays what it was when linked because the app never changes a profile
 * file in place — every write is a new file renamed over the old one, which leaves the
 * link on the old content. So the profile's writes need to wait only while the links are
 * made, not while the backup is copied and fsynced (see bench/backup.ts). Where the file
 * system has no hard links, the files are copied instead. Only `.json` files are linked:
 * they are the ones written by rename; anything else (the journal's `.qsj` segments, which
 * are appended in place) is copied into the view.
 */
export async function freezeFolder(profileDir: string, staging: string): Promise<void> {
  const paths = await profileFiles(profileDir);
  const folders = new Set<string>([staging]);
  for (const path of paths) folders.add(dirname(join(staging, ...path.split('/'))));
  for (const folder of [...folders].sort((a, b) => a.length - b.length)) await mkdir(folder, { recursive: true, mode: FOLDER_MODE });
  let next = 0;
  let failure: { readonly error: unknown } | null = null;
  const linker = async () => {
    while (failure === null && next < paths.length) {
      const path = paths[next++] as string;
      try {
        await linkOrCopy(join(profileDir, ...path.split('/')), join(staging, ...path.split('/')));
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  // The writes wait for this: links side by side, as many as the thread pool runs at once.
  await Promise.all(Array.from({ length: Math.min(LINK_PARALLEL, paths.length) }, linker));
  if (failure !== null) throw (failure as { readonly error: unknown }).error;
}

async function linkOrCopy(from: string, to: string): Promise<void> {
  if (!from.endsWith('.json')) return copyFile(from, to);
  try {
    await link(from, to);
  } catch (error) {
    const code = errorCode(error);
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EXDEV') throw error;
    await copyFile(from, to);
  }
}

const LINK_PARALLEL = 4;

export interface WriteBackupInput {
  /** The backup folder (`<root>`). */
  readonly root: string;
  readonly profileId: string;
  /** The profile's folder, consistent for as long as this runs (a frozen view, or the caller holds its writes). */
  readonly profileDir: string;
  readonly now: Date;
  readonly appVersion: string;
  readonly reason: BackupReason;
}

/** Write one backup of the profile's folder; answers it once it is whole and in place. */
export async function writeBackup(input: WriteBackupInput): Promise<BackupEntry> {
  if (!isSafeId(input.profileId)) throw new Error(`Unsafe profile id: ${JSON.stringify(input.profileId)}`);
  const profileRoot = join(input.root, input.profileId);
  await mkdir(profileRoot, { recursive: true, mode: FOLDER_MODE });
  await removePartials(profileRoot);
  const name = await freeName(profileRoot, stampOf(input.now), input.reason === 'before-restore' ? '-before-restore' : '');
  const partial = join(profileRoot, `.${name}.${randomUUID()}.partial`);
  try {
    const files = await copyFiles(input.profileDir, join(partial, PROFILE_COPY), await profileFiles(input.profileDir));
    const manifest: Manifest = { version: BACKUP_FORMAT_VERSION, profileId: input.profileId, madeAt: input.now.toISOString(), appVersion: input.appVersion, reason: input.reason, files };
    await writeSynced(join(partial, MANIFEST_FILE), Buffer.from(JSON.stringify(manifest), 'utf8'));
    await syncFolder(partial);
    await rename(partial, join(profileRoot, name));
    await syncFolder(profileRoot);
    return entryOf(join(profileRoot, name), name, manifest);
  } catch (error) {
    await rm(partial, { recursive: true, force: true }).catch(() => undefined);
    throw error;
  }
}

async function freeName(profileRoot: string, stamp: string, suffix: string): Promise<string> {
  const taken = new Set(await readdir(profileRoot));
  if (!taken.has(`${stamp}${suffix}`)) return `${stamp}${suffix}`;
  for (let n = 1; n < 1000; n++) if (!taken.has(`${stamp}-${n}${suffix}`)) return `${stamp}-${n}${suffix}`;
  return fail('BACKUP_FAILED', 'Too many backups were made within one second; try again in a moment.');
}

/** Remove what backups that never finished left in one profile's backup folder (a crash, a full disk). */
export async function removePartials(profileRoot: string): Promise<number> {
  let names: string[];
  try {
    names = await readdir(profileRoot);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return 0;
    throw error;
  }
  const partials = names.filter(isPartialName);
  await Promise.all(partials.map((name) => rm(join(profileRoot, name), { recursive: true, force: true })));
  return partials.length;
}

/**
 * Keep the newest `keep` backups of a profile (safety copies made before a restore are not
 * counted and not removed); answers the names removed. Called only after a new backup is whole.
 */
export async function rotate(root: string, profileId: string, keep: number): Promise<string[]> {
  const profileRoot = join(root, profileId);
  const names = (await readdir(profileRoot)).filter((name) => isBackupName(name) && !isSafetyCopy(name)).sort().reverse();
  const old = names.slice(keep);
  for (const name of old) await rm(join(profileRoot, name), { recursive: true, force: true });
  if (old.length > 0) await syncFolder(profileRoot);
  return old;
}

const entryOf = (path: string, name: string, manifest: Manifest): BackupEntry => ({
  path,
  name,
  profileId: manifest.profileId,
  madeAt: manifest.madeAt,
  reason: manifest.reason,
  size: manifest.files.reduce((sum, file) => sum + file.size, 0),
});

/** The manifest of the backup at `path`; BACKUP_DAMAGED when it cannot be read, BACKUP_TOO_NEW when a newer app wrote it. */
export async function readManifest(path: string): Promise<Manifest> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(join(path, MANIFEST_FILE), 'utf8'));
  } catch (error) {
    if (errorCode(error) === 'ENOENT' && !(await exists(path))) fail('BACKUP_NOT_FOUND', 'There is no backup there any more.');
    return fail('BACKUP_DAMAGED', 'This backup is damaged: its list of files (manifest.json) is missing or unreadable. Nothing was changed.');
  }
  const version = typeof raw === 'object' && raw !== null ? (raw as { version?: unknown }).version : undefined;
  if (typeof version === 'number' && version > BACKUP_FORMAT_VERSION) fail('BACKUP_TOO_NEW', 'This backup was made by a newer version of Quantified Self; update the app to restore it.');
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) return fail('BACKUP_DAMAGED', 'This backup is damaged: its list of files (manifest.json) is not valid. Nothing was changed.');
  return parsed.data;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Check every file of the backup at `path` against its manifest (size and SHA-256), reading
 * each once; answers the manifest. BACKUP_DAMAGED names the first file that differs or is missing.
 */
export async function verifyBackup(path: string): Promise<Manifest> {
  const manifest = await readManifest(path);
  for (const file of manifest.files) {
    let bytes: Buffer;
    try {
      bytes = await readFile(join(path, PROFILE_COPY, ...file.path.split('/')));
    } catch (error) {
      if (errorCode(error) === 'ENOENT') fail('BACKUP_DAMAGED', `This backup is damaged: its file ${file.path} is missing. Nothing was changed.`);
      throw error;
    }
    if (bytes.length !== file.size || sha256(bytes) !== file.sha256) fail('BACKUP_DAMAGED', `This backup is damaged: its file ${file.path} is not what was backed up. Nothing was changed.`);
  }
  return manifest;
}

/**
 * The finished backups under `root`, newest first: of one profile, or of every profile.
 * A backup whose manifest cannot be read is left out of the list (restore would refuse it).
 */
export async function listBackups(root: string, profileId?: string): Promise<BackupEntry[]> {
  let profileIds: string[];
  try {
    profileIds = profileId === undefined ? (await readdir(root)).filter(isSafeId) : [profileId];
  } catch (error) {
    if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return [];
    throw error;
  }
  const entries: BackupEntry[] = [];
  for (const id of profileIds) {
    let names: string[];
    try {
      names = (await readdir(join(root, id))).filter(isBackupName);
    } catch (error) {
      if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') continue;
      throw error;
    }
    for (const name of names) {
      const path = join(root, id, name);
      try {
        const manifest = await readManifest(path);
        if (manifest.profileId === id) entries.push(entryOf(path, name, manifest));
      } catch {
        // Left out: damaged or newer. Restore reports why if asked for it by path.
      }
    }
  }
  return entries.sort((a, b) => (a.madeAt === b.madeAt ? b.name.localeCompare(a.name) : b.madeAt.localeCompare(a.madeAt)));
}
