/**
 * A lock file so two processes (the server shell and the desktop app) never write one data
 * folder at once: lowdb assumes a single writer. The file holds the owner's pid; a lock
 * whose pid is no longer alive is stale and taken over.
 */
import * as fsp from 'node:fs/promises';
import { dirname } from 'node:path';
import { AppFailure } from '../errors';
import { errorCode } from './fs-port';
import { dataFolderPath } from './layout';
import { tempFileFor } from './temp-files';

export interface DataFolderLock {
  release(): Promise<void>;
}

export interface LockOptions {
  readonly pid?: number;
  readonly isAlive?: (pid: number) => boolean;
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return errorCode(error) === 'EPERM';
  }
}

export async function acquireDataFolderLock(lockFile: string, options: LockOptions = {}): Promise<DataFolderLock> {
  const pid = options.pid ?? process.pid;
  const isAlive = options.isAlive ?? isProcessAlive;
  const content = `${pid}\n`;
  // A few rounds: another process may take over the same stale lock between our steps.
  for (let attempt = 0; attempt < 5; attempt += 1) {
    if (await tryCreate(lockFile, content)) return { release: () => releaseLock(lockFile, content) };
    const holder = await readHolder(lockFile);
    if (holder === 'gone') continue;
    if (holder !== null && isAlive(holder)) {
      throw new AppFailure(
        'DATA_FOLDER_LOCKED',
        `The data folder is in use by another Quantified Self process (pid ${holder}${holder === pid ? ', this one' : ''}). Close it first; if no such process runs, delete the file ${shown(lockFile)} in the data folder.`,
      );
    }
    // Dead owner or unreadable content: the lock is stale.
    await fsp.unlink(lockFile).catch((error: unknown) => {
      if (errorCode(error) !== 'ENOENT') throw error;
    });
  }
  throw new AppFailure('DATA_FOLDER_LOCKED', `Could not take the data-folder lock (${shown(lockFile)} in the data folder); another process keeps taking it.`);
}

/** The lock file is in the data folder it locks. */
const shown = (lockFile: string): string => dataFolderPath(dirname(lockFile), lockFile);

/**
 * The lock appears with its full content in one step (written aside, then hard-linked into
 * place, which fails if it exists), so nobody ever reads a half-written lock as stale.
 */
async function tryCreate(lockFile: string, content: string): Promise<boolean> {
  const aside = tempFileFor(lockFile);
  await fsp.writeFile(aside, content, { flag: 'wx', mode: 0o600 });
  try {
    await fsp.link(aside, lockFile);
    return true;
  } catch (error) {
    // ENOENT: the process holding the lock removed our aside as a crash's leftover.
    if (errorCode(error) === 'EEXIST' || errorCode(error) === 'ENOENT') return false;
    throw error;
  } finally {
    await fsp.unlink(aside).catch(() => undefined);
  }
}

async function readHolder(lockFile: string): Promise<number | null | 'gone'> {
  let text: string;
  try {
    text = await fsp.readFile(lockFile, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return 'gone';
    throw error;
  }
  const pid = Number(text.trim());
  return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
}

async function releaseLock(lockFile: string, content: string): Promise<void> {
  // Only remove the lock if it is still ours (it may have been taken over as stale).
  try {
    if ((await fsp.readFile(lockFile, 'utf8')) === content) await fsp.unlink(lockFile);
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw error;
  }
}
