/**
 * Auto-lock arithmetic shared by both shells: a session unused for its idle limit is
 * locked on its next use (and, in the desktop app, by a timer). Pure functions.
 */

/** True when a session last used at `lastUsedMs` has been idle `minutes` by `nowMs`; 0 minutes = never. */
export function isIdleExpired(lastUsedMs: number, nowMs: number, minutes: number): boolean {
  if (!(minutes > 0)) return false;
  return nowMs - lastUsedMs >= minutes * 60_000;
}

/**
 * The idle limit of a session: the shorter of the profile's auto-lock setting and the
 * shell's own limit (the browser shell's `--session-idle-minutes`); 0 means "no limit" for
 * either one.
 */
export function idleLimitMinutes(profileMinutes: number | null, shellMinutes: number | null): number {
  const limits = [profileMinutes, shellMinutes].filter((minutes): minutes is number => minutes !== null && minutes > 0);
  return limits.length === 0 ? 0 : Math.min(...limits);
}

export const LOCKED_FOR_INACTIVITY = 'Locked after a period of inactivity. Enter your password to continue.';
