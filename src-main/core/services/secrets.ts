/**
 * scrypt hashes of the skeleton's format (profile.json v1 stored the password and the
 * backup code this way). Still read to verify the password once when a profile of that
 * format is upgraded to encryption at rest; nothing new is written as a hash.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { deriveKey, type ScryptParams } from '../crypto/kdf';
import type { SecretHash } from '../store/formats';

export { PRODUCTION_SCRYPT, type ScryptParams } from '../crypto/kdf';

const SALT_BYTES = 16;

export async function hashSecret(secret: string, params: ScryptParams): Promise<SecretHash> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await deriveKey(secret, salt, params);
  return { algo: 'scrypt', N: params.N, r: params.r, p: params.p, salt: salt.toString('base64'), hash: hash.toString('base64') };
}

export async function verifySecret(secret: string, stored: SecretHash): Promise<boolean> {
  const expected = Buffer.from(stored.hash, 'base64');
  const actual = await deriveKey(secret, Buffer.from(stored.salt, 'base64'), stored);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
