/**
 * When to try a mail again, as a pure decision from the attempts so far and the clock. The
 * job runner records each attempt (its time, the settings it used, and its failure) and
 * asks this before sending; nothing here sleeps or keeps state.
 *
 * The schedule, counted from the last failed attempt: 1 min, 5 min, 30 min, 2 h, 12 h —
 * six attempts over about 14½ hours, then it gives up. A failure marked `permanent` (a
 * refused login, a recipient the server does not know, settings found wrong) is not retried
 * until the settings change. Attempts with earlier settings do not count: saving new
 * settings starts the schedule over, at once. A mail that went out is never sent again.
 */
import { fail } from '../errors';
import type { MailFailure, MailFailureCode } from './mail-failure';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The wait after the 1st, 2nd, … failed attempt. */
export const MAIL_RETRY_DELAYS_MS: readonly number[] = [1 * MINUTE, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 12 * HOUR];

/** Attempts with the same settings before giving up: the first and one per delay. */
export const MAIL_MAX_ATTEMPTS = MAIL_RETRY_DELAYS_MS.length + 1;

/** One attempt to send a mail, as the job runner records it. */
export interface MailAttempt {
  /** When it was made, UTC ISO-8601 (a job run's `ranAt`). */
  readonly at: string;
  /**
   * Which settings it used: any value that changes whenever the person saves the mail
   * settings (their revision or `updatedAt`), never the settings themselves — the record
   * must not carry the password.
   */
  readonly settingsVersion: string;
  /** null when the mail went out. */
  readonly error: Pick<MailFailure, 'code' | 'permanent'> | null;
}

export type MailRetryDecision =
  /** It went out: nothing more to do. */
  | { readonly kind: 'sent' }
  /** Try now (no attempt yet with these settings, or its wait is over). */
  | { readonly kind: 'send-now' }
  /** Try at `until` (UTC ISO-8601). */
  | { readonly kind: 'wait'; readonly until: string }
  /** The last failure will repeat until the person changes the settings. */
  | { readonly kind: 'wait-for-settings'; readonly code: MailFailureCode }
  /** MAIL_MAX_ATTEMPTS failed with these settings: stop, and say so in Activity. */
  | { readonly kind: 'give-up'; readonly code: MailFailureCode; readonly attempts: number };

function timeOf(attempt: MailAttempt): number {
  const time = Date.parse(attempt.at);
  if (Number.isNaN(time)) fail('INVALID_INPUT', `A mail attempt's time is not a date: “${attempt.at}”.`, 'at');
  return time;
}

/**
 * What to do next about one mail, given every attempt recorded for it (any order), `now`,
 * and the version of the settings as they are now.
 */
export function nextMailAttempt(attempts: readonly MailAttempt[], now: Date, settingsVersion: string): MailRetryDecision {
  if (attempts.some((attempt) => attempt.error === null)) return { kind: 'sent' };
  const timed = attempts.map((attempt) => ({ attempt, time: timeOf(attempt) })).sort((a, b) => a.time - b.time);
  // The attempts since the settings last changed: after the last one made with other settings.
  const lastOther = timed.findLastIndex(({ attempt }) => attempt.settingsVersion !== settingsVersion);
  const current = timed.slice(lastOther + 1);
  const last = current.at(-1);
  if (last === undefined || last.attempt.error === null) return { kind: 'send-now' };
  const { code, permanent } = last.attempt.error;
  if (permanent) return { kind: 'wait-for-settings', code };
  const delay = MAIL_RETRY_DELAYS_MS[current.length - 1];
  if (delay === undefined) return { kind: 'give-up', code, attempts: current.length };
  const due = last.time + delay;
  return due <= now.getTime() ? { kind: 'send-now' } : { kind: 'wait', until: new Date(due).toISOString() };
}
