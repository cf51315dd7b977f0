import { readFile } from 'node:fs/promises';
import { describe, it, expect } from 'vitest';
import { dataLayout } from '../../../src-main/core/store/layout';
import type { Input } from '../../../src-preload/contract';
import { Client, SIGN_UP, startCore } from './helpers';

describe('sign-up validation', () => {
  it.each<[string, Partial<Input<'signUp'>>, string, string]>([
    ['an e-mail without @', { email: 'ada.example.com' }, 'EMAIL_INVALID', 'email'],
    ['an e-mail with a space', { email: 'ada lovelace@example.com' }, 'EMAIL_INVALID', 'email'],
    ['an e-mail without a dotted domain', { email: 'ada@example' }, 'EMAIL_INVALID', 'email'],
    ['an empty e-mail', { email: '  ' }, 'EMAIL_INVALID', 'email'],
    ['a 7-character password', { password: '1234567' }, 'PASSWORD_TOO_SHORT', 'password'],
    ['an empty name', { name: '   ' }, 'NAME_REQUIRED', 'name'],
    ['age 0', { age: 0 }, 'AGE_INVALID', 'age'],
    ['age 131', { age: 131 }, 'AGE_INVALID', 'age'],
    ['a fractional age', { age: 30.5 }, 'AGE_INVALID', 'age'],
    ['a negative age', { age: -4 }, 'AGE_INVALID', 'age'],
    ['a 7-character backup code', { backupCode: 'abcdefg' }, 'BACKUP_CODE_TOO_SHORT', 'backupCode'],
  ])('refuses %s', async (_name, change, code, field) => {
    const client = new Client(await startCore());
    const result = await client.call('signUp', { ...SIGN_UP, ...change });
    expect(result).toEqual({ ok: false, error: { code, field, message: expect.any(String) } });
    expect(client.session).toBeNull();
  });

  it('names every field that is wrong at once, and creates nothing', async () => {
    const core = await startCore();
    const client = new Client(core);
    const result = await client.call('signUp', { email: '', password: '', name: ' ', age: null, gender: 'prefer_not_to_say', backupCode: '' });
    const issue = (code: string, field: string) => ({ code, field, message: expect.any(String) });
    expect(result).toEqual({
      ok: false,
      error: {
        ...issue('EMAIL_INVALID', 'email'),
        issues: [
          issue('EMAIL_INVALID', 'email'),
          issue('PASSWORD_TOO_SHORT', 'password'),
          issue('NAME_REQUIRED', 'name'),
          issue('AGE_INVALID', 'age'),
          issue('BACKUP_CODE_TOO_SHORT', 'backupCode'),
        ],
      },
    });
    expect(result.ok === false && result.error.issues?.find((each) => each.field === 'age')?.message).toBe('Enter your age in years.');
    expect(client.session).toBeNull();
    expect(await client.ok('listProfiles', {})).toEqual({ profiles: [] });
  });

  it.each([1, 130])('accepts age %i', async (age) => {
    const client = new Client(await startCore());
    expect((await client.ok('signUp', { ...SIGN_UP, age })).profile.age).toBe(age);
  });

  it('answers bad input shapes with INVALID_INPUT from the contract', async () => {
    const client = new Client(await startCore());
    const result = await client.call('signUp', { ...SIGN_UP, age: 'old' as unknown as number });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'age' } });
  });

  it('refuses an e-mail already used, in any case and with spaces', async () => {
    const core = await startCore();
    await new Client(core).ok('signUp', SIGN_UP);
    const result = await new Client(core).call('signUp', { ...SIGN_UP, email: '  ADA@example.COM ' });
    expect(result).toMatchObject({ ok: false, error: { code: 'EMAIL_TAKEN', field: 'email' } });
  });

  it('lets only one of two simultaneous sign-ups with one e-mail through', async () => {
    const core = await startCore();
    const results = await Promise.all([new Client(core).call('signUp', SIGN_UP), new Client(core).call('signUp', { ...SIGN_UP, email: 'ADA@example.com' })]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.find((result) => !result.ok)).toMatchObject({ error: { code: 'EMAIL_TAKEN' } });
  });
});

describe('sessions', () => {
  it('signs up, logs out, logs in with any e-mail case and finds the same data', async () => {
    const core = await startCore();
    const client = new Client(core);
    const { profile } = await client.ok('signUp', SIGN_UP);
    expect(profile).toEqual({ id: expect.any(String), email: 'ada@example.com', name: 'Ada', age: 36, gender: 'female', createdAt: expect.any(String) });
    expect(profile).not.toHaveProperty('password');
    expect(client.session).toEqual({ profileId: profile.id });
    const { tracker } = await client.ok('createTracker', { name: 'Mood', settings: { type: 'numerical', unit: '' } });

    await client.ok('logOut', {});
    expect(client.session).toBeNull();
    expect(await client.ok('currentProfile', {})).toEqual({ profile: null });
    expect(await client.call('listTrackers', {})).toMatchObject({ ok: false, error: { code: 'NOT_LOGGED_IN' } });

    const loggedIn = await client.ok('logIn', { email: ' ADA@EXAMPLE.COM', password: SIGN_UP.password });
    expect(loggedIn.profile).toEqual(profile);
    expect(await client.ok('currentProfile', {})).toEqual({ profile });
    expect(await client.ok('listTrackers', {})).toEqual({ trackers: [tracker] });
  });

  it.each([
    ['an unknown e-mail', { email: 'nobody@example.com', password: SIGN_UP.password }],
    ['a wrong password', { email: SIGN_UP.email, password: 'wrong password' }],
  ])('refuses %s with LOGIN_FAILED and the same message', async (_name, attempt) => {
    const core = await startCore();
    await new Client(core).ok('signUp', SIGN_UP);
    const client = new Client(core);
    const result = await client.call('logIn', attempt);
    expect(result).toEqual({ ok: false, error: { code: 'LOGIN_FAILED', message: 'That e-mail and password do not match a profile on this computer.' } });
    expect(client.session).toBeNull();
  });

  it('keeps two profiles apart', async () => {
    const core = await startCore();
    const ada = new Client(core);
    const bob = new Client(core);
    await ada.ok('signUp', SIGN_UP);
    await bob.ok('signUp', { ...SIGN_UP, email: 'bob@example.com', name: 'Bob' });
    await ada.ok('createTracker', { name: 'Sleep', settings: { type: 'duration' } });
    expect(await bob.ok('listTrackers', {})).toEqual({ trackers: [] });
    const { profile } = await new Client(core).ok('logIn', { email: 'bob@example.com', password: SIGN_UP.password });
    expect(profile.name).toBe('Bob');
  });

  it('keeps only key slots in the plaintext account file, and the details encrypted', async () => {
    const core = await startCore();
    const { profile } = await new Client(core).ok('signUp', SIGN_UP);
    const layout = dataLayout(core.dataDir);
    const text = await readFile(layout.accountFile(profile.id), 'utf8');
    expect(text).not.toContain(SIGN_UP.password);
    expect(text).not.toContain(SIGN_UP.backupCode);
    expect(text).not.toContain(SIGN_UP.name);
    const stored = JSON.parse(text) as { version: number; id: string; email: string; slots: { password: object; backupCode: { salt: string } } };
    expect(stored).toMatchObject({ version: 2, id: profile.id, email: 'ada@example.com', tokens: [] });
    expect(stored.slots.password).toEqual({ kdf: 'scrypt', N: 1024, r: 8, p: 1, salt: expect.any(String), iv: expect.any(String), tag: expect.any(String), wrapped: expect.any(String) });
    expect(Buffer.from(stored.slots.backupCode.salt, 'base64')).toHaveLength(16);
    expect((await readFile(layout.profileFile(profile.id))).subarray(0, 4).toString('latin1')).toBe('QSEF');
  });
});

describe('password reset', () => {
  it('sets a new password with the backup code; the old one stops working', async () => {
    const core = await startCore();
    await new Client(core).ok('signUp', SIGN_UP);
    const client = new Client(core);
    expect(await client.ok('resetPassword', { email: 'ada@EXAMPLE.com', backupCode: SIGN_UP.backupCode, newPassword: 'a new password' })).toEqual({ backupCode: expect.stringMatching(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/) });
    expect(client.session).toBeNull();
    expect(await client.call('logIn', { email: SIGN_UP.email, password: SIGN_UP.password })).toMatchObject({ ok: false, error: { code: 'LOGIN_FAILED' } });
    expect(await client.call('logIn', { email: SIGN_UP.email, password: 'a new password' })).toMatchObject({ ok: true });
  });

  it.each([
    ['a wrong backup code', { email: SIGN_UP.email, backupCode: 'not-the-code' }],
    ['an unknown e-mail', { email: 'nobody@example.com', backupCode: SIGN_UP.backupCode }],
  ])('refuses %s with BACKUP_CODE_WRONG and keeps the old password', async (_name, attempt) => {
    const core = await startCore();
    await new Client(core).ok('signUp', SIGN_UP);
    const client = new Client(core);
    const result = await client.call('resetPassword', { ...attempt, newPassword: 'a new password' });
    expect(result).toEqual({
      ok: false,
      error: { code: 'BACKUP_CODE_WRONG', field: 'backupCode', message: 'That e-mail and backup code do not match a profile on this computer.' },
    });
    expect(await client.call('logIn', { email: SIGN_UP.email, password: SIGN_UP.password })).toMatchObject({ ok: true });
  });

  it('refuses a short new password with PASSWORD_TOO_SHORT on newPassword', async () => {
    const core = await startCore();
    await new Client(core).ok('signUp', SIGN_UP);
    const result = await new Client(core).call('resetPassword', { email: SIGN_UP.email, backupCode: SIGN_UP.backupCode, newPassword: 'short' });
    expect(result).toMatchObject({ ok: false, error: { code: 'PASSWORD_TOO_SHORT', field: 'newPassword' } });
  });

  it('survives a restart', async () => {
    const first = await startCore();
    await new Client(first).ok('signUp', SIGN_UP);
    await new Client(first).ok('resetPassword', { email: SIGN_UP.email, backupCode: SIGN_UP.backupCode, newPassword: 'a new password' });
    await first.close();
    const second = await startCore({ dataDir: first.dataDir });
    expect(await new Client(second).call('logIn', { email: SIGN_UP.email, password: 'a new password' })).toMatchObject({ ok: true });
  });
});
