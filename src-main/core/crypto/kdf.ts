/**
 * Keys from secrets: scrypt with the parameters recorded beside each salt, so stronger
 * parameters later do not break what was written with weaker ones.
 */
import { scrypt, type ScryptOptions } from 'node:crypto';

export interface ScryptParams {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/** OWASP's minimum for scrypt; ~0.4 s and 128 MiB per derivation on a laptop. */
export const PRODUCTION_SCRYPT: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };

export const KEY_BYTES = 32;
// Node's default maxmem (32 MiB) refuses N=2^17, r=8, which needs 128 MiB.
const MIN_MAXMEM = 256 * 1024 * 1024;

export function deriveKey(secret: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: Math.max(MIN_MAXMEM, 256 * params.N * params.r * params.p) };
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, KEY_BYTES, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}
