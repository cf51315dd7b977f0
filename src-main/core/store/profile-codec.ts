/**
 * The codec of one profile's files, opened with its password, for tools that lay files
 * down directly (benchmarks writing years of log shards, tests writing a damaged file).
 * The app itself never needs it: its store encrypts through the profile's store deps.
 */
import { readFile } from 'node:fs/promises';
import { unwrapKey } from '../crypto/key-slots';
import { accountFileSchema } from './account-formats';
import { encryptedCodec, plainCodec, type FileCodec } from './file-codec';
import { dataLayout } from './layout';

export async function openProfileCodec(dataDir: string, profileId: string, password: string, encrypt = true): Promise<FileCodec> {
  if (!encrypt) return plainCodec;
  const layout = dataLayout(dataDir);
  const account = accountFileSchema.parse(JSON.parse(await readFile(layout.accountFile(profileId), 'utf8')));
  const dataKey = await unwrapKey(account.slots.password, password.normalize('NFC'), profileId, 'password');
  if (dataKey === null) throw new Error(`The password does not open profile ${profileId}.`);
  return encryptedCodec(dataKey, layout.profileDir(profileId));
}
