import { describe, expect, it } from 'vitest';
import { delayAfterFailures, FORGET_AFTER_MS, LoginThrottle, MAX_DELAY_SECONDS } from '../../../src-main/core/services/login-throttle';
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
    const fail = (key: string) => {
      expect(throttle.reserve(key)).toEqual({ allowed: true });
      throttle.failed(key);
    };
    fail('ada@example.com');
    fail('ada@example.com');
    expect(throttle.check('ada@example.com')).toEqual({ allowed: true });
    fail('ada@example.com');
    expect(throttle.check('ada@example.com')).toEqual({ allowed: false, waitSeconds: 1 });
    expect(throttle.reserve('ada@example.com')).toEqual({ allowed: false, waitSeconds: 1 });
    expect(throttle.check('grace@example.com')).toEqual({ allowed: true });
    now += 1000;
    fail('ada@example.com');
    expect(throttle.check('ada@example.com')).toEqual({ allowed: false, waitSeconds: 2 });
    now += 2000;
    expect(throttle.reserve('ada@example.com')).toEqual({ allowed: true });
    throttle.succeeded('ada@example.com');
    fail('ada@example.com');
    expect(throttle.check('ada@example.com')).toEqual({ allowed: true });
  });

  it('counts an attempt when it is reserved, before its secret is checked, so attempts at once see each other', () => {
    const throttle = new LoginThrottle(() => 0);
    const verdicts = Array.from({ length: 5 }, () => throttle.reserve('ada@example.com'));
    expect(verdicts).toEqual([{ allowed: true }, { allowed: true }, { allowed: true }, { allowed: false, waitSeconds: 1 }, { allowed: false, waitSeconds: 1 }]);
  });

  it('restarts the wait when a reserved attempt turns out wrong (a slow check does not use up the wait)', () => {
    let now = 0;
    const throttle = new LoginThrottle(() => now);
    for (let i = 0; i < 3; i++) throttle.reserve('ada@example.com');
    now += 5000; // the third check took its time
    throttle.failed('ada@example.com');
    expect(throttle.check('ada@example.com')).toEqual({ allowed: false, waitSeconds: 1 });
  });

  it('failures on other e-mails never slow down an e-mail of its own', () => {
    const throttle = new LoginThrottle(() => 0);
    for (let i = 0; i < 100; i++) {
      throttle.reserve(`person${i}@example.com`);
      throttle.failed(`person${i}@example.com`);
    }
    expect(throttle.reserve('someone-new@example.com')).toEqual({ allowed: true });
  });

  it('forgets counters no attempt touched for a while: the table shrinks', () => {
    let now = 0;
    const throttle = new LoginThrottle(() => now);
    for (let i = 0; i < 50; i++) {
      for (let j = 0; j < 10; j++) throttle.reserve(`person${i}@example.com`);
      throttle.failed(`person${i}@example.com`);
    }
    expect(throttle.size).toBe(50);
    now += FORGET_AFTER_MS - 1;
    throttle.reserve('recent@example.com');
    expect(throttle.size).toBe(51);
    now += 60_001;
    expect(throttle.check('recent@example.com')).toEqual({ allowed: true });
    expect(throttle.size).toBe(1);
    now += FORGET_AFTER_MS;
    throttle.check('anyone@example.com');
    expect(throttle.size).toBe(0);
  });

  it('forgets only after the longest wait is over', () => {
    expect(FORGET_AFTER_MS).toBeGreaterThan(MAX_DELAY_SECONDS * 1000);
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
