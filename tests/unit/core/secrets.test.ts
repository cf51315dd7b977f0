import { describe, it, expect } from 'vitest';
import { PRODUCTION_SCRYPT, hashSecret, verifySecret } from '../../../src-main/core/services/secrets';
import { TEST_SCRYPT } from './helpers';

describe('secret hashes', () => {
  it('verifies the right secret only, with a fresh salt each time', async () => {
    const first = await hashSecret('correct horse', TEST_SCRYPT);
    const second = await hashSecret('correct horse', TEST_SCRYPT);
    expect(first.salt).not.toBe(second.salt);
    expect(first.hash).not.toBe(second.hash);
    expect(await verifySecret('correct horse', first)).toBe(true);
    expect(await verifySecret('correct horse ', first)).toBe(false);
    expect(await verifySecret('', first)).toBe(false);
  });

  it('verifies with the parameters recorded next to the hash', async () => {
    const old = await hashSecret('secret-code', { N: 2 ** 9, r: 4, p: 1 });
    expect(old).toMatchObject({ algo: 'scrypt', N: 512, r: 4, p: 1 });
    expect(await verifySecret('secret-code', old)).toBe(true);
  });

  it('defaults to production-grade parameters that run within maxmem', async () => {
    expect(PRODUCTION_SCRYPT).toEqual({ N: 131072, r: 8, p: 1 });
    const hash = await hashSecret('correct horse', PRODUCTION_SCRYPT);
    expect(await verifySecret('correct horse', hash)).toBe(true);
  });
});
