import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { newBackupCode } from '../../../src-main/core/crypto/backup-code';
import { EnvelopeError, isEnvelope, seal, unseal } from '../../../src-main/core/crypto/envelope';
import { newDataKey, unwrapKey, wrapKey } from '../../../src-main/core/crypto/key-slots';
import { TEST_SCRYPT } from './helpers';

const key = randomBytes(32);
const text = Buffer.from('{"version":1,"logs":[]}', 'utf8');

describe('envelope', () => {
  it('round-trips, with a fresh IV each time', () => {
    const a = seal(key, 'logs/t/2026-01.json', text);
    const b = seal(key, 'logs/t/2026-01.json', text);
    expect(a.equals(b)).toBe(false);
    expect(isEnvelope(a)).toBe(true);
    expect(a.subarray(0, 5).toString('latin1')).toBe('QSEF\u0001');
    expect(a.length).toBe(5 + 12 + 16 + text.length);
    expect(unseal(key, 'logs/t/2026-01.json', a)).toEqual(text);
  });

  it.each<[string, (sealed: Buffer) => [Buffer, Buffer, string]]>([
    ['another key', (sealed) => [randomBytes(32), sealed, 'logs/t/2026-01.json']],
    ['another path', (sealed) => [key, sealed, 'logs/t/2026-02.json']],
    ['a flipped ciphertext bit', (sealed) => [key, Buffer.concat([sealed.subarray(0, -1), Buffer.from([(sealed.at(-1) ?? 0) ^ 1])]), 'logs/t/2026-01.json']],
    ['a flipped tag bit', (sealed) => [key, Buffer.concat([sealed.subarray(0, 20), Buffer.from([(sealed[20] ?? 0) ^ 1]), sealed.subarray(21)]), 'logs/t/2026-01.json']],
    ['a truncated file', (sealed) => [key, sealed.subarray(0, 20), 'logs/t/2026-01.json']],
    ['a cut-off ending', (sealed) => [key, sealed.subarray(0, -4), 'logs/t/2026-01.json']],
    ['another format version', (sealed) => [key, Buffer.concat([sealed.subarray(0, 4), Buffer.from([2]), sealed.subarray(5)]), 'logs/t/2026-01.json']],
    ['plain JSON', () => [key, text, 'logs/t/2026-01.json']],
  ])('refuses %s with a reason', (_name, tamper) => {
    const [useKey, bytes, label] = tamper(seal(key, 'logs/t/2026-01.json', text));
    expect(() => unseal(useKey, label, bytes)).toThrow(EnvelopeError);
  });
});

describe('key slots', () => {
  it('unwrap the same data key with the right secret only, bound to profile and slot', async () => {
    const dataKey = newDataKey();
    const slot = await wrapKey(dataKey, 'correct horse', TEST_SCRYPT, 'p1', 'password');
    expect(slot).toMatchObject({ kdf: 'scrypt', N: 1024, r: 8, p: 1 });
    expect(await unwrapKey(slot, 'correct horse', 'p1', 'password')).toEqual(dataKey);
    expect(await unwrapKey(slot, 'correct horsf', 'p1', 'password')).toBeNull();
    expect(await unwrapKey(slot, 'correct horse', 'p2', 'password')).toBeNull();
    expect(await unwrapKey(slot, 'correct horse', 'p1', 'backupCode')).toBeNull();
  });
});

describe('backup codes', () => {
  it('are 5 groups of 4 Crockford base-32 characters, different each time', () => {
    const codes = new Set(Array.from({ length: 50 }, () => newBackupCode()));
    expect(codes.size).toBe(50);
    for (const code of codes) expect(code).toMatch(/^[0-9ABCDEFGHJKMNPQRSTVWXYZ]{4}(-[0-9ABCDEFGHJKMNPQRSTVWXYZ]{4}){4}$/);
  });
});
