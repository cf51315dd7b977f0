/**
 * The file-system operations the store uses, as a small port. The real one is
 * node:fs/promises (but for `readBytes`, see there); tests wrap it to make a chosen step
 * fail (ENOSPC at write, EIO at fsync…), which permissions cannot simulate when the tests
 * run as root.
 */
import { readFileSync } from 'node:fs';
import * as fsp from 'node:fs/promises';

export interface FileHandlePort {
  /** `encoding` applies to strings; bytes (encrypted files) are written as they are. */
  writeFile(data: string | Uint8Array, encoding: 'utf8'): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A file that records are appended to (the journal): writes at a given place, cutting back,
 * and fdatasync. Apart from FileHandlePort so the many test wrappers of that one stay as they are.
 */
export interface AppendHandlePort {
  /** Writes every byte of `data` at `position` (a short write is carried on, not returned). */
  writeAt(data: Uint8Array, position: number): Promise<void>;
  /** Cuts the file to `length` bytes. */
  truncate(length: number): Promise<void>;
  /** fdatasync: the bytes and the size reach the disk, without the times a read never needs. */
  datasync(): Promise<void>;
  close(): Promise<void>;
}

export interface FsPort {
  open(path: string, flags: string, mode?: number): Promise<FileHandlePort>;
  /** An existing file, opened to read and write without cutting it (`r+`). */
  openAppend(path: string): Promise<AppendHandlePort>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  link(existing: string, newPath: string): Promise<void>;
  copyFile(from: string, to: string): Promise<void>;
  /**
   * Resolves to the first folder it created, or undefined when all existed. Every folder
   * it creates is private (FOLDER_MODE), as every data file is (0600).
   */
  mkdir(path: string, options: { recursive: true }): Promise<string | undefined>;
  chmod(path: string, mode: number): Promise<void>;
  readFile(path: string, encoding: 'utf8'): Promise<string>;
  /** The file's bytes (encrypted files are binary; a codec's port gives them decoded, see file-codec.ts). */
  readBytes(path: string): Promise<Buffer>;
  readdir(path: string): Promise<string[]>;
  rm(path: string, options: { recursive: true; force: true }): Promise<void>;
}

/**
 * Owner only: a profile's folders name its trackers' ids and months, and the files' sizes
 * tell how much a person logs. The umask can only narrow this, never widen it.
 */
export const FOLDER_MODE = 0o700;

export const nodeFs: FsPort = {
  open: (path, flags, mode) => fsp.open(path, flags, mode),
  openAppend: async (path) => {
    const handle = await fsp.open(path, 'r+');
    return {
      writeAt: async (data, position) => {
        for (let done = 0; done < data.length; ) {
          const { bytesWritten } = await handle.write(data, done, data.length - done, position + done);
          done += bytesWritten;
        }
      },
      truncate: (length) => handle.truncate(length),
      datasync: () => handle.datasync(),
      close: () => handle.close(),
    };
  },
  rename: (from, to) => fsp.rename(from, to),
  unlink: (path) => fsp.unlink(path),
  link: (existing, newPath) => fsp.link(existing, newPath),
  copyFile: (from, to) => fsp.copyFile(from, to),
  mkdir: (path, options) => fsp.mkdir(path, { ...options, mode: FOLDER_MODE }),
  chmod: (path, mode) => fsp.chmod(path, mode),
  readFile: (path, encoding) => fsp.readFile(path, encoding),
  // Read at once: a data file is one tracker's month (kilobytes) on a local disk, and an
  // asynchronous read is four thread-pool round trips (open, stat, read, close) whose
  // dispatch and callbacks on this thread cost more than the read itself — for an export of
  // 6,000 shards, ~570 ms against ~300 ms. The core runs in its own worker
  // (host/core-host.ts), so a long pass over many files blocks no window or connection.
  readBytes: (path) => {
    try {
      return Promise.resolve(readFileSync(path));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  },
  readdir: (path) => fsp.readdir(path),
  rm: (path, options) => fsp.rm(path, options),
};

/** The `code` of a Node system error (`ENOENT`, `ENOSPC`…), if it has one. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') return error.code;
  return undefined;
}

/** A failed call's reason as a message gives it: "the disk is full" for ENOSPC, else its code (or message). */
export function failureReason(error: unknown): string {
  const code = errorCode(error);
  if (code === 'ENOSPC') return 'the disk is full';
  return code ?? (error instanceof Error ? error.message : 'unknown error');
}

export async function ignoreMissing(task: Promise<void>): Promise<void> {
  try {
    await task;
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw error;
  }
}
