/**
 * Encrypting a profile written in the skeleton's plaintext format, file by file. Each file
 * is replaced atomically by its envelope, so the job can stop at any instant and be run
 * again: files that already start with the envelope's magic are left alone. The plaintext
 * previous versions the atomic writer keeps (`.bak`) and temp files of an interrupted
 * write are removed, so no plaintext copy of the data remains in the folder.
 * (`.corrupt` copies of files that were already damaged are kept: they may be all that is
 * left of someone's data.)
 */
import { basename, join } from 'node:path';
import { isEnvelope } from '../crypto/envelope';
import { AppFailure } from '../errors';
import { profileDetailsFormat } from './account-formats';
import { isTempFile, type AtomicWriter } from './atomic-writer';
import type { FileCodec } from './file-codec';
import { errorCode, ignoreMissing, type FsPort } from './fs-port';
import { dataFolderPath } from './layout';
import { migrate } from './migrate';

export interface UpgradeDeps {
  readonly fs: FsPort;
  /** The plain writer: this module encodes with `codec` itself. */
  readonly writer: AtomicWriter;
  readonly codec: FileCodec;
  /** The data folder, from which messages name files. */
  readonly dataDir: string;
}

/** Files of the profile folder that are not encrypted data: the account file and the leftovers. */
const ACCOUNT_FILE = 'account.json';

/** Encrypt every plaintext data file under `profileDir`; returns how many were encrypted. */
export async function encryptProfileFolder(profileDir: string, deps: UpgradeDeps): Promise<number> {
  let encrypted = 0;
  for (const file of await listFiles(deps.fs, profileDir)) {
    const name = basename(file);
    if (file === join(profileDir, ACCOUNT_FILE) || name.endsWith('.corrupt')) continue;
    const bytes = await readBytesIfPresent(deps.fs, file);
    if (bytes === null || isEnvelope(bytes)) continue;
    if (isTempFile(name) || name.endsWith('.bak')) {
      await ignoreMissing(deps.fs.unlink(file));
      continue;
    }
    if (!name.endsWith('.json')) continue;
    const text = file === join(profileDir, 'profile.json') ? upgradeProfileDetails(bytes.toString('utf8')) : bytes.toString('utf8');
    try {
      await deps.writer.write(file, deps.codec.encode(file, text));
    } catch (error) {
      const reason = errorCode(error) ?? (error instanceof Error ? error.message : 'unknown error');
      throw new AppFailure('WRITE_FAILED', `Could not encrypt ${dataFolderPath(deps.dataDir, file)} (${reason}). It was left as it was; the upgrade continues at the next log-in.`);
    }
    // The writer kept the plaintext version as `.bak`.
    await ignoreMissing(deps.fs.unlink(`${file}.bak`));
    encrypted += 1;
  }
  return encrypted;
}

/**
 * profile.json v1 held the secret hashes beside the details; v2 keeps only the details.
 * A file that does not parse is encrypted as it is, and reported damaged when it is read.
 */
function upgradeProfileDetails(text: string): string {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return text;
  }
  const migrated = migrate(raw, profileDetailsFormat.version, profileDetailsFormat.migrations);
  return migrated.ok ? JSON.stringify(migrated.record) : text;
}

async function readBytesIfPresent(fs: FsPort, file: string): Promise<Buffer | null> {
  try {
    return await fs.readBytes(file);
  } catch (error) {
    if (errorCode(error) === 'ENOENT' || errorCode(error) === 'EISDIR') return null;
    throw error;
  }
}

/** Every file under `dir`, depth first. Folders are told apart by trying to list them. */
async function listFiles(fs: FsPort, dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const name of await fs.readdir(dir)) {
    const path = join(dir, name);
    try {
      files.push(...(await listFiles(fs, path)));
    } catch (error) {
      if (errorCode(error) !== 'ENOTDIR') throw error;
      files.push(path);
    }
  }
  return files;
}
