/**
 * Replaces a file so that a crash or a full disk at any instant leaves either the old
 * content or the new one, never a mix or an empty file:
 * temp file in the same folder → write → fsync → close → keep the old version as `.bak`
 * → rename over the target → fsync the folder (so the rename itself survives a power cut;
 * lowdb's own steno writer skips both fsyncs).
 */
import { dirname } from 'node:path';
import { errorCode, ignoreMissing, nodeFs, type FileHandlePort, type FsPort } from './fs-port';
import { KeyedQueue } from './keyed-queue';
import { removeOrphanedTemps, tempFileFor } from './temp-files';

export interface BatchFile {
  readonly file: string;
  /**
   * The content, or a function making it when its turn comes: a large batch then holds
   * only a few files' contents in memory at once.
   */
  readonly data: string | Uint8Array | (() => string | Uint8Array);
}

export interface AtomicWriter {
  /** Replace `file` with `data`; writes to one path are serialized in call order. */
  write(file: string, data: string | Uint8Array): Promise<void>;
  /**
   * Replace several files together (an import): see `replaceFiles` for what survives a
   * failure or a crash. The caller keeps other writes to these files out meanwhile.
   */
  writeBatch(files: readonly BatchFile[]): Promise<void>;
  /** Resolves once every write queued so far has settled. */
  idle(): Promise<void>;
  /**
   * Remove the temp files a crash left in `folder` (see temp-files.ts), never one of a
   * write of this writer still under way; answers how many were removed.
   */
  removeOrphanedTemps(folder: string): Promise<number>;
}

/** Temp files start with a dot and end in `.tmp`, so folder listings can skip them. */
export const isTempFile = (name: string): boolean => name.startsWith('.') && name.endsWith('.tmp');

export function createAtomicWriter(fs: FsPort = nodeFs, platform: NodeJS.Platform = process.platform): AtomicWriter {
  const queue = new KeyedQueue();
  // Every temp path from before its file is created until after it is renamed or removed.
  const inUse = new Set<string>();
  const tracked = async (temps: readonly string[], task: () => Promise<void>): Promise<void> => {
    for (const temp of temps) inUse.add(temp);
    try {
      await task();
    } finally {
      for (const temp of temps) inUse.delete(temp);
    }
  };
  return {
    write: (file, data) =>
      queue.run(file, () => {
        const temp = tempFileFor(file);
        return tracked([temp], () => replaceFile(fs, platform, file, temp, data));
      }),
    writeBatch: (files) =>
      queue.run(BATCH_KEY, () => {
        const temps = files.map((entry) => tempFileFor(entry.file));
        return tracked(temps, () => replaceFiles(fs, platform, files, temps));
      }),
    idle: () => queue.idle(),
    removeOrphanedTemps: (folder) => removeOrphanedTemps(fs, folder, (path) => inUse.has(path)),
  };
}

async function replaceFile(fs: FsPort, platform: NodeJS.Platform, file: string, temp: string, data: string | Uint8Array): Promise<void> {
  const folder = dirname(file);
  await ensureFolder(fs, platform, folder);
  let handle: FileHandlePort | undefined;
  try {
    handle = await fs.open(temp, 'wx', 0o600);
    await handle.writeFile(data, 'utf8');
    await handle.sync();
    const closing = handle;
    handle = undefined;
    await closing.close();
    await keepBackup(fs, file);
    await fs.rename(temp, file);
  } catch (error) {
    if (handle) await handle.close().catch(() => undefined);
    await fs.unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncFolder(fs, platform, folder);
}

/** Batches run one at a time; no file path can be this key. */
const BATCH_KEY = '\u0000batch';
/** Temp files written (and fsynced) at once: overlapping fsyncs is what makes a large batch fast. */
const BATCH_PARALLEL = 8;

/**
 * Several files, all or nothing as far as a failure can be caught: every new content is
 * written to a temp file and fsynced first; any failure then removes the temps (and the
 * folders this batch created) and changes nothing. Only after every temp is durable are
 * they renamed over their targets, in the order given, then the folders fsynced.
 *
 * The window that remains: a crash (power cut, kill) *during the renames* leaves the files
 * renamed so far new and the others old. Callers order the files so that such a state is
 * harmless (an import renames log shards before trackers.json, so the logs of a tracker
 * not yet listed are unreachable, and importing the same file again adds exactly the rest,
 * because duplicates are skipped). A rename that fails without a crash is rolled back from
 * the `.bak` links kept just before each rename (new files are removed).
 */
async function replaceFiles(fs: FsPort, platform: NodeJS.Platform, files: readonly BatchFile[], temps: readonly string[]): Promise<void> {
  const created: string[] = [];
  /** Folders this batch made: a file in one has no earlier version to keep. */
  const newFolders = new Set<string>();
  for (const folder of new Set(files.map((entry) => dirname(entry.file)))) {
    const first = await fs.mkdir(folder, { recursive: true });
    if (first === undefined) continue;
    created.push(first);
    newFolders.add(folder);
  }
  try {
    await writeTemps(fs, files, temps);
  } catch (error) {
    await Promise.all(temps.map((temp) => fs.unlink(temp).catch(() => undefined)));
    for (const folder of created.reverse()) await fs.rm(folder, { recursive: true, force: true }).catch(() => undefined);
    throw error;
  }
  const renamed: { file: string; hadOld: boolean }[] = [];
  try {
    for (const [index, entry] of files.entries()) {
      const hadOld = newFolders.has(dirname(entry.file)) ? false : await keepBackup(fs, entry.file);
      await fs.rename(temps[index] as string, entry.file);
      renamed.push({ file: entry.file, hadOld });
    }
  } catch (error) {
    await Promise.all(temps.slice(renamed.length).map((temp) => fs.unlink(temp).catch(() => undefined)));
    for (const { file, hadOld } of renamed.reverse()) {
      await (hadOld ? fs.rename(`${file}.bak`, file) : fs.unlink(file)).catch(() => undefined);
    }
    throw error;
  }
  const folders = new Set(files.map((entry) => dirname(entry.file)));
  for (const first of created) folders.add(dirname(first));
  for (const folder of folders) await syncFolder(fs, platform, folder);
}

/**
 * Every temp file written and fsynced, BATCH_PARALLEL at a time, each writer taking the
 * next file as soon as its own is done (groups that waited for their slowest fsync left
 * the disk idle). On a failure no new write starts, and this settles only once every write
 * begun has stopped, so the caller can remove the temps.
 */
async function writeTemps(fs: FsPort, files: readonly BatchFile[], temps: readonly string[]): Promise<void> {
  let next = 0;
  let failure: { readonly error: unknown } | null = null;
  const writer = async () => {
    while (failure === null && next < files.length) {
      const index = next++;
      try {
        await writeTemp(fs, temps[index] as string, (files[index] as BatchFile).data);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(BATCH_PARALLEL, files.length) }, writer));
  if (failure !== null) throw (failure as { readonly error: unknown }).error;
}

async function writeTemp(fs: FsPort, temp: string, data: BatchFile['data']): Promise<void> {
  const content = typeof data === 'function' ? data() : data;
  const handle = await fs.open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * The previous version becomes `<file>.bak` by a hard link: no copy, and the rename that
 * follows leaves the link pointing at the old content.
 */
async function keepBackup(fs: FsPort, file: string): Promise<boolean> {
  const backup = `${file}.bak`;
  await ignoreMissing(fs.unlink(backup));
  try {
    await fs.link(file, backup);
    return true;
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT') return false; // first write: nothing to keep
    // Some file systems (FAT, some network shares) have no hard links; copy instead.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw error;
    await ignoreMissing(fs.copyFile(file, backup));
    return true;
  }
}

async function ensureFolder(fs: FsPort, platform: NodeJS.Platform, folder: string): Promise<void> {
  const firstCreated = await fs.mkdir(folder, { recursive: true });
  if (firstCreated === undefined) return;
  // A new folder's own entry lives in its parent: sync each parent from the top one created down.
  const parents: string[] = [];
  for (let current = folder; current !== dirname(firstCreated); current = dirname(current)) parents.unshift(dirname(current));
  for (const parent of parents) await syncFolder(fs, platform, parent);
}

async function syncFolder(fs: FsPort, platform: NodeJS.Platform, folder: string): Promise<void> {
  // Windows cannot open a folder for fsync; NTFS journals the rename itself.
  if (platform === 'win32') return;
  let handle: FileHandlePort;
  try {
    handle = await fs.open(folder, 'r');
  } catch (error) {
    if (isUnsupported(error)) return;
    throw error;
  }
  try {
    await handle.sync();
  } catch (error) {
    if (!isUnsupported(error)) throw error;
  } finally {
    await handle.close();
  }
}

/** File systems that cannot fsync a folder say so with these codes; that is not a failure. */
const isUnsupported = (error: unknown): boolean => {
  const code = errorCode(error);
  return code === 'EISDIR' || code === 'EINVAL' || code === 'ENOTSUP';
};
