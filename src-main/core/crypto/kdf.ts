/**
 * Keys from secrets: scrypt with the parameters recorded beside each salt, so stronger
 * parameters later do not break what was written with weaker ones.
 */
import { scrypt, type ScryptOptions } from 'node:crypto';
import { ConcurrencyLimit } from './concurrency-limit';

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

/**
 * Derivations running at once in this process, whatever started them (log-in, reset,
 * change of password, sign-up). Each holds 128 MiB at PRODUCTION_SCRYPT, so scrypt never
 * holds more than 2 × 128 MiB = 256 MiB however many requests arrive together (24 guesses
 * at once took the process to 590 MB before this limit); the others queue, holding only
 * their secret. Two keeps both cores of a small machine busy and leaves two of libuv's
 * four threads free for file reads and writes.
 */
export const MAX_CONCURRENT_DERIVATIONS = 2;

const derivations = new ConcurrencyLimit(MAX_CONCURRENT_DERIVATIONS);

export function deriveKey(secret: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: Math.max(MIN_MAXMEM, 256 * params.N * params.r * params.p) };
  return derivations.run(
    () =>
      new Promise<Buffer>((resolve, reject) => {
        scrypt(secret, salt, KEY_BYTES, options, (error, key) => (error ? reject(error) : resolve(key)));
      }),
  );
}
