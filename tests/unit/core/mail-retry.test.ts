import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../../src-main/core/errors';
import { MAIL_MAX_ATTEMPTS, MAIL_RETRY_DELAYS_MS, nextMailAttempt, type MailAttempt } from '../../../src-main/core/mail/mail-retry';

const unreachable = { code: 'MAIL_HOST_UNREACHABLE', permanent: false } as const;
const start = Date.parse('2026-11-01T09:00:00.000Z');
const MINUTE = 60_000;

const failedAt = (minutesAfterStart: number, settingsVersion = 'v1', error: MailAttempt['error'] = unreachable): MailAttempt => ({
  at: new Date(start + minutesAfterStart * MINUTE).toISOString(),
  settingsVersion,
  error,
});
const at = (minutesAfterStart: number): Date => new Date(start + minutesAfterStart * MINUTE);

describe('nextMailAttempt', () => {
  it('sends at once when nothing was tried yet', () => {
    expect(nextMailAttempt([], at(0), 'v1')).toEqual({ kind: 'send-now' });
  });

  it('waits 1 min, 5 min, 30 min, 2 h, then 12 h after each failure, then gives up after 6 attempts', () => {
    expect(MAIL_RETRY_DELAYS_MS).toEqual([1, 5, 30, 120, 720].map((minutes) => minutes * MINUTE));
    expect(MAIL_MAX_ATTEMPTS).toBe(6);
    const attempts: MailAttempt[] = [];
    let now = 0;
    const waits: number[] = [];
    for (;;) {
      attempts.push(failedAt(now));
      const decision = nextMailAttempt(attempts, at(now), 'v1');
      if (decision.kind !== 'wait') {
        expect(decision).toEqual({ kind: 'give-up', code: 'MAIL_HOST_UNREACHABLE', attempts: 6 });
        break;
      }
      const next = (Date.parse(decision.until) - start) / MINUTE;
      waits.push(next - now);
      now = next;
    }
    expect(waits).toEqual([1, 5, 30, 120, 720]);
    expect(attempts).toHaveLength(6);
  });

  it('is due exactly at the end of the wait, not a moment before', () => {
    const attempts = [failedAt(0), failedAt(1)];
    expect(nextMailAttempt(attempts, new Date(start + 6 * MINUTE - 1), 'v1')).toEqual({ kind: 'wait', until: at(6).toISOString() });
    expect(nextMailAttempt(attempts, at(6), 'v1')).toEqual({ kind: 'send-now' });
  });

  it('catches up at once when the app was closed past the due time, without skipping a step of the schedule', () => {
    const attempts = [failedAt(0)];
    expect(nextMailAttempt(attempts, at(3 * 24 * 60), 'v1')).toEqual({ kind: 'send-now' });
    // The next failure still waits the schedule's second step from its own time.
    const later = [...attempts, failedAt(3 * 24 * 60)];
    expect(nextMailAttempt(later, at(3 * 24 * 60), 'v1')).toEqual({ kind: 'wait', until: at(3 * 24 * 60 + 5).toISOString() });
  });

  it('reads the attempts in time order, whatever order they are recorded in', () => {
    const attempts = [failedAt(6), failedAt(0), failedAt(1)];
    expect(nextMailAttempt(attempts, at(7), 'v1')).toEqual({ kind: 'wait', until: at(36).toISOString() });
  });

  it.each([
    ['a refused login', { code: 'MAIL_LOGIN_REFUSED', permanent: true }],
    ['settings found wrong', { code: 'MAIL_SETTINGS_INVALID', permanent: true }],
    ['a recipient the server does not know', { code: 'MAIL_REJECTED', permanent: true }],
  ] as const)('does not retry %s until the settings change, then sends at once', (_what, error) => {
    const attempts = [failedAt(0, 'v1', error)];
    expect(nextMailAttempt(attempts, at(60 * 24 * 30), 'v1')).toEqual({ kind: 'wait-for-settings', code: error.code });
    expect(nextMailAttempt(attempts, at(2), 'v2')).toEqual({ kind: 'send-now' });
  });

  it('retries what may pass later: a greylisting 4xx, a timeout', () => {
    expect(nextMailAttempt([failedAt(0, 'v1', { code: 'MAIL_REJECTED', permanent: false })], at(0), 'v1')).toEqual({ kind: 'wait', until: at(1).toISOString() });
    expect(nextMailAttempt([failedAt(0, 'v1', { code: 'MAIL_TIMEOUT', permanent: false })], at(0), 'v1')).toEqual({ kind: 'wait', until: at(1).toISOString() });
  });

  it('starts the schedule over with new settings, even after giving up', () => {
    const gaveUp = [0, 1, 6, 36, 156, 876].map((minutes) => failedAt(minutes));
    expect(nextMailAttempt(gaveUp, at(900), 'v1')).toMatchObject({ kind: 'give-up' });
    expect(nextMailAttempt(gaveUp, at(900), 'v2')).toEqual({ kind: 'send-now' });
    const retried = [...gaveUp, failedAt(900, 'v2')];
    expect(nextMailAttempt(retried, at(900), 'v2')).toEqual({ kind: 'wait', until: at(901).toISOString() });
  });

  it('counts only the attempts since the settings last changed, even if an old version comes back', () => {
    const attempts = [failedAt(0, 'v1'), failedAt(1, 'v1'), failedAt(6, 'v2'), failedAt(7, 'v1')];
    expect(nextMailAttempt(attempts, at(7), 'v1')).toEqual({ kind: 'wait', until: at(8).toISOString() });
  });

  it('never sends a mail twice once it went out, whatever failed before or the settings now', () => {
    const attempts = [failedAt(0), { at: at(1).toISOString(), settingsVersion: 'v1', error: null }];
    expect(nextMailAttempt(attempts, at(2), 'v1')).toEqual({ kind: 'sent' });
    expect(nextMailAttempt(attempts, at(2), 'v9')).toEqual({ kind: 'sent' });
  });

  it('refuses an attempt whose time is not a date', () => {
    const attempt = { at: 'yesterday', settingsVersion: 'v1', error: unreachable };
    expect(() => nextMailAttempt([attempt], at(0), 'v1')).toThrow(AppFailure);
    expect(() => nextMailAttempt([attempt], at(0), 'v1')).toThrow(/not a date: “yesterday”/);
  });
});
