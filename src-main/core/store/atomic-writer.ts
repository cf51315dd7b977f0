/**
 * Replaces a file so that a crash or a full disk at any instant leaves either the old
 * content or the new one, never a mix or an empty file:
 * temp file in the same folder → write → fsync → close → keep the old version as `.bak`
 * → rename over the target → fsync the folder (so the rename itself survives a power cut;
 * lowdb's own steno writer skips both fsyncs).
 */
import { randomUUID } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { errorCode, ignoreMissing, nodeFs, type FileHandlePort, type FsPort } from './fs-port';
import { KeyedQueue } from './keyed-queue';

export interface AtomicWriter {
  /** Replace `file` with `data`; writes to one path are serialized in call order. */
  write(file: string, data: string | Uint8Array): Promise<void>;
  /** Resolves once every write queued so far has settled. */
  idle(): Promise<void>;
}

/** Temp files start with a dot and end in `.tmp`, so folder listings can skip them. */
export const isTempFile = (name: string): boolean => name.startsWith('.') && name.endsWith('.tmp');

export function createAtomicWriter(fs: FsPort = nodeFs, platform: NodeJS.Platform = process.platform): AtomicWriter {
  const queue = new KeyedQueue();
  return {
    write: (file, data) => queue.run(file, () => replaceFile(fs, platform, file, data)),
    idle: () => queue.idle(),
  };
}

async function replaceFile(fs: FsPort, platform: NodeJS.Platform, file: string, data: string | Uint8Array): Promise<void> {
  const folder = dirname(file);
  await ensureFolder(fs, platform, folder);
  const temp = join(folder, `.${basename(file)}.${randomUUID()}.tmp`);
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

/**
 * The previous version becomes `<file>.bak` by a hard link: no copy, and the rename that
 * follows leaves the link pointing at the old content.
 */
async function keepBackup(fs: FsPort, file: string): Promise<void> {
  const backup = `${file}.bak`;
  await ignoreMissing(fs.unlink(backup));
  try {
    await fs.link(file, backup);
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT') return; // first write: nothing to keep
    // Some file systems (FAT, some network shares) have no hard links; copy instead.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw error;
    await ignoreMissing(fs.copyFile(file, backup));
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
