/**
 * What a backup holds, read with its password: the account (plain text, as in the profile),
 * then the profile's name, its trackers and how many entries they have, decrypted in memory
 * only. Nothing is written: a backup may sit in a synced folder, and reading it must not
 * leave `.corrupt` copies there.
 */
import { join } from 'node:path';
import { fail } from '../errors';
import { unwrapKey } from '../crypto/key-slots';
import { normalizeSecret } from '../domain/profile-rules';
import { accountFormat, profileDetailsFormat, type AccountFile, type ProfileDetailsFile } from '../store/account-formats';
import type { AtomicWriter } from '../store/atomic-writer';
import { codecFs, encryptedCodec, plainCodec } from '../store/file-codec';
import { logColumnsFormat, trackersFormat, type TrackersFile } from '../store/formats';
import { errorCode, nodeFs, type FsPort } from '../store/fs-port';
import { isSafeId, shardMonth } from '../store/layout';
import { VersionedJsonAdapter, type FileFormat } from '../store/versioned-json-adapter';
import { PROFILE_COPY } from './manifest';

/** A port that reads and never writes (the adapter would copy a damaged file to `.corrupt`). */
const readOnlyFs: FsPort = {
  ...nodeFs,
  copyFile: () => Promise.reject(new Error('A backup is only read.')),
};
const noWriter: AtomicWriter = {
  write: () => Promise.reject(new Error('A backup is only read.')),
  writeBatch: () => Promise.reject(new Error('A backup is only read.')),
  idle: () => Promise.resolve(),
  removeOrphanedTemps: () => Promise.resolve(0),
};

export interface BackupContents {
  readonly account: AccountFile;
  readonly details: ProfileDetailsFile;
  /** Names of the trackers not in the trash, in the person's order. */
  readonly trackers: readonly string[];
  /** Entries of those trackers. */
  readonly entries: number;
}

async function readDocument<T extends { readonly version: number }>(fs: FsPort, profileCopy: string, name: string, format: FileFormat<T>): Promise<T | null> {
  try {
    return await new VersionedJsonAdapter(join(profileCopy, ...name.split('/')), format, fs, noWriter, profileCopy).read();
  } catch (error) {
    // Checked against the manifest already, so this is a file that was damaged when it was backed up.
    if (error instanceof Error && 'code' in error && (error as { code: unknown }).code === 'DATA_FILE_DAMAGED') {
      return fail('BACKUP_DAMAGED', `This backup holds a damaged file (${name}); it cannot be restored. Nothing was changed.`);
    }
    throw error;
  }
}

/** The backup's account file (not encrypted); BACKUP_DAMAGED when it has none or it names another profile. */
export async function backupAccount(path: string, profileId: string): Promise<AccountFile> {
  const account = await readDocument(readOnlyFs, join(path, PROFILE_COPY), 'account.json', accountFormat);
  if (account === null || account.id !== profileId) fail('BACKUP_DAMAGED', 'This backup has no account file of its profile; it cannot be restored. Nothing was changed.');
  return account as AccountFile;
}

/** The data key the password opens in the backup's account; BACKUP_PASSWORD_WRONG otherwise. */
export async function backupKey(account: AccountFile, password: string): Promise<Buffer> {
  const dataKey = await unwrapKey(account.slots.password, normalizeSecret(password), account.id, 'password');
  if (dataKey === null) fail('BACKUP_PASSWORD_WRONG', 'That is not the password of this backup’s profile (the password it had when the backup was made).', 'password');
  return dataKey as Buffer;
}

/** Read what the backup holds with its data key. */
export async function backupContents(path: string, account: AccountFile, dataKey: Buffer, encrypted = true): Promise<BackupContents> {
  const profileCopy = join(path, PROFILE_COPY);
  const fs = codecFs(readOnlyFs, encrypted ? encryptedCodec(dataKey, profileCopy) : plainCodec);
  const details = await readDocument(fs, profileCopy, 'profile.json', profileDetailsFormat);
  if (details === null) fail('BACKUP_DAMAGED', 'This backup has no profile file; it cannot be restored. Nothing was changed.');
  const trackersFile: TrackersFile = (await readDocument(fs, profileCopy, 'trackers.json', trackersFormat)) ?? { version: 4, trackers: [] };
  const kept = trackersFile.trackers.filter((tracker) => tracker.deletedAt === null);
  let entries = 0;
  for (const tracker of kept) {
    if (!isSafeId(tracker.id)) continue;
    let names: string[];
    try {
      names = await readOnlyFs.readdir(join(profileCopy, 'logs', tracker.id));
    } catch (error) {
      if (errorCode(error) === 'ENOENT') continue;
      throw error;
    }
    for (const name of names) {
      const month = shardMonth(name);
      if (month === null) continue;
      const columns = await readDocument(fs, profileCopy, `logs/${tracker.id}/${name}`, logColumnsFormat(month));
      entries += columns?.ids.length ?? 0;
    }
  }
  return { account, details: details as ProfileDetailsFile, trackers: kept.map((tracker) => tracker.name), entries };
}
