import { describe, expect, it } from 'vitest';
import { delayAfterFailures, LoginThrottle, MAX_DELAY_SECONDS } from '../../../src-main/core/services/login-throttle';
import { idleLimitMinutes, isIdleExpired } from '../../../src-main/core/services/session-idle';
import { Client, SIGN_UP, startCore } from './helpers';

describe('delayAfterFailures', () => {
  it.each([
    [0, 0],
    [2, 0],
    [3, 1],
    [4, 2],
    [5, 4],
    [8, 32],
    [9, 60],
    [50, 60],
  ])('%i failures → wait %i s', (failures, seconds) => {
    expect(delayAfterFailures(failures)).toBe(seconds);
  });

  it('never exceeds the cap', () => {
    expect(delayAfterFailures(1000)).toBe(MAX_DELAY_SECONDS);
  });
});

describe('LoginThrottle', () => {
  it('refuses attempts during the delay, per e-mail, and lets them through after it', () => {
    let now = 1_000_000;
    const throttle = new LoginThrottle(() => now);
    for (let i = 0; i < 2; i++) throttle.failed('ada@example.com');
    expect(throttle.check('ada@example.com')).toEqual({ allowed: true });
    throttle.failed('ada@example.com');
    expect(throttle.check('ada@example.com')).toEqual({ allowed: false, waitSeconds: 1 });
    expect(throttle.check('grace@example.com')).toEqual({ allowed: true });
    now += 1000;
    expect(throttle.check('ada@example.com')).toEqual({ allowed: true });
    throttle.failed('ada@example.com');
    expect(throttle.check('ada@example.com')).toEqual({ allowed: false, waitSeconds: 2 });
    now += 2000;
    throttle.succeeded('ada@example.com');
    throttle.failed('ada@example.com');
    expect(throttle.check('ada@example.com')).toEqual({ allowed: true });
  });

  it('slows guessing spread over many e-mails with a process-wide counter that fades', () => {
    let now = 0;
    const throttle = new LoginThrottle(() => now);
    for (let i = 0; i < 10; i++) throttle.failed(`person${i}@example.com`);
    expect(throttle.check('someone-new@example.com')).toEqual({ allowed: false, waitSeconds: 1 });
    now += 15 * 60 * 1000;
    expect(throttle.check('someone-new@example.com')).toEqual({ allowed: true });
  });
});

describe('failed log-ins through the core', () => {
  it('after the third failure even the right password waits, with TOO_MANY_ATTEMPTS saying how long', async () => {
    let now = new Date('2026-11-25T10:00:00Z').getTime();
    const core = await startCore({ now: () => new Date(now) });
    await new Client(core).ok('signUp', SIGN_UP);
    const client = new Client(core);
    for (let i = 0; i < 3; i++) {
      expect(await client.call('logIn', { email: SIGN_UP.email, password: `guess number ${i}` })).toMatchObject({ ok: false, error: { code: 'LOGIN_FAILED' } });
    }
    expect(await client.call('logIn', { email: SIGN_UP.email, password: SIGN_UP.password })).toMatchObject({
      ok: false,
      error: { code: 'TOO_MANY_ATTEMPTS', message: 'Too many failed attempts. Wait 1 second before trying again.' },
    });
    // Backup-code guessing on the same e-mail waits too.
    expect(await client.call('resetPassword', { email: SIGN_UP.email, backupCode: SIGN_UP.backupCode, newPassword: 'whatever password' })).toMatchObject({
      ok: false,
      error: { code: 'TOO_MANY_ATTEMPTS' },
    });
    now += 1000;
    expect(await client.call('logIn', { email: SIGN_UP.email, password: SIGN_UP.password })).toMatchObject({ ok: true });
  });
});

describe('idle expiry', () => {
  it.each([
    [0, 14 * 60_000, 15, false],
    [0, 15 * 60_000, 15, true],
    [0, 10 ** 12, 0, false],
  ])('last used %i, now %i, limit %i min → expired %s', (lastUsed, now, minutes, expired) => {
    expect(isIdleExpired(lastUsed, now, minutes)).toBe(expired);
  });

  it.each([
    [15, 30, 15],
    [60, 30, 30],
    [0, 30, 30],
    [5, 0, 5],
    [null, 30, 30],
    [0, 0, 0],
  ])('profile %s min and shell %s min → limit %s', (profile, shell, limit) => {
    expect(idleLimitMinutes(profile, shell)).toBe(limit);
  });
});
