/**
 * Guesses sent at once (issue 10, item 6). Every scrypt run is counted through a spy on
 * `node:crypto`, so the test sees each derivation whichever path started it: how many
 * guesses were checked, and how many derivations ran at the same moment — the bound on
 * memory, since each holds 128 MiB at production cost.
 */
import type { BinaryLike, ScryptOptions } from 'node:crypto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_CONCURRENT_DERIVATIONS } from '../../../src-main/core/crypto/kdf';
import { FREE_FAILURES } from '../../../src-main/core/services/login-throttle';
import type { Result } from '../../../src-preload/contract';
import { Client, SIGN_UP, startCore } from './helpers';

const derivations = vi.hoisted(() => ({ started: 0, inFlight: 0, maxInFlight: 0 }));

vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  function countedScrypt(password: BinaryLike, salt: BinaryLike, keylen: number, options: ScryptOptions, callback: (error: Error | null, key: Buffer) => void): void {
    derivations.started += 1;
    derivations.inFlight += 1;
    derivations.maxInFlight = Math.max(derivations.maxInFlight, derivations.inFlight);
    actual.scrypt(password, salt, keylen, options, (error, key) => {
      derivations.inFlight -= 1;
      callback(error, key);
    });
  }
  return { ...actual, default: { ...actual, scrypt: countedScrypt }, scrypt: countedScrypt };
});

const GUESSES = 24;
const GRACE = { ...SIGN_UP, email: 'grace@example.com', password: 'grace password', name: 'Grace', backupCode: 'grace-backup-9876' } as const;

function resetCounts(): void {
  derivations.started = 0;
  derivations.inFlight = 0;
  derivations.maxInFlight = 0;
}

const codesOf = (results: readonly Result<unknown>[]): string[] => results.map((result) => (result.ok ? 'ok' : result.error.code)).sort();

/** Two profiles signed up, with the clock standing still (no wait can pass during the test). */
async function twoProfiles() {
  const now = new Date('2026-11-25T10:00:00Z');
  const core = await startCore({ now: () => now });
  await new Client(core).ok('signUp', SIGN_UP);
  await new Client(core).ok('signUp', GRACE);
  resetCounts();
  return core;
}

const refusedAll = (checked: string, count: number) => [...Array<string>(count).fill(checked), ...Array<string>(GUESSES - count).fill('TOO_MANY_ATTEMPTS')].sort();

/** Of the guesses sent at once, the allowed ones were checked (answered `code`), the rest refused unchecked, and derivations stayed bounded. */
function expectOnlyAllowedChecked(results: readonly Result<unknown>[], code: string, started: number = FREE_FAILURES): void {
  expect(codesOf(results)).toEqual(refusedAll(code, FREE_FAILURES));
  expect(derivations.started).toBe(started);
  expect(derivations.maxInFlight).toBeLessThanOrEqual(MAX_CONCURRENT_DERIVATIONS);
}

describe('guesses sent at once', () => {
  beforeEach(resetCounts);

  it(`${GUESSES} wrong log-ins at once: only the allowed ones are checked, derivations stay bounded, and another profile still logs in`, async () => {
    const core = await twoProfiles();
    const results = await Promise.all(Array.from({ length: GUESSES }, (_, i) => new Client(core).call('logIn', { email: SIGN_UP.email, password: `wrong guess ${i}` })));
    expectOnlyAllowedChecked(results, 'LOGIN_FAILED');
    expect(await new Client(core).call('logIn', { email: GRACE.email, password: GRACE.password })).toMatchObject({ ok: true });
  });

  it('an e-mail without a profile is throttled the same way', async () => {
    const core = await twoProfiles();
    const results = await Promise.all(Array.from({ length: GUESSES }, (_, i) => new Client(core).call('logIn', { email: 'nobody@example.com', password: `wrong guess ${i}` })));
    // One more derivation makes the decoy slot the unknown e-mail's guesses are checked against.
    expectOnlyAllowedChecked(results, 'LOGIN_FAILED', FREE_FAILURES + 1);
    expect(await new Client(core).call('logIn', { email: SIGN_UP.email, password: SIGN_UP.password })).toMatchObject({ ok: true });
  });

  it(`${GUESSES} wrong backup codes at once: only the allowed ones are checked`, async () => {
    const core = await twoProfiles();
    const results = await Promise.all(
      Array.from({ length: GUESSES }, (_, i) => new Client(core).call('resetPassword', { email: SIGN_UP.email, backupCode: `wrong-code-${i}`, newPassword: 'a new password' })),
    );
    expectOnlyAllowedChecked(results, 'BACKUP_CODE_WRONG');
    expect(await new Client(core).call('logIn', { email: GRACE.email, password: GRACE.password })).toMatchObject({ ok: true });
  });

  it(`${GUESSES} wrong current passwords at once in a change of password: only the allowed ones are checked`, async () => {
    const core = await twoProfiles();
    const owner = new Client(core);
    await owner.ok('logIn', { email: SIGN_UP.email, password: SIGN_UP.password });
    resetCounts();
    const results = await Promise.all(Array.from({ length: GUESSES }, (_, i) => owner.call('changePassword', { currentPassword: `wrong guess ${i}`, newPassword: 'a new password' })));
    expectOnlyAllowedChecked(results, 'PASSWORD_WRONG');
    expect(await new Client(core).call('logIn', { email: GRACE.email, password: GRACE.password })).toMatchObject({ ok: true });
  });

  it('log-ins with the right passwords at once (up to the allowance per profile) all succeed, a few derivations at a time', async () => {
    const core = await twoProfiles();
    const people = [SIGN_UP, GRACE].flatMap((person) => Array.from({ length: FREE_FAILURES }, () => person));
    const results = await Promise.all(people.map((person) => new Client(core).call('logIn', { email: person.email, password: person.password })));
    expect(codesOf(results)).toEqual(people.map(() => 'ok'));
    expect(derivations.started).toBe(people.length);
    expect(derivations.maxInFlight).toBeLessThanOrEqual(MAX_CONCURRENT_DERIVATIONS);
  });
});
