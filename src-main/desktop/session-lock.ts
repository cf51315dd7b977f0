/**
 * The desktop app's one session and its auto-lock. A session unused for the profile's
 * auto-lock minutes is locked on its next use, and also by a timer so the window returns
 * to the password prompt while nobody is there (the page hears `session-locked`).
 */
import type { Session } from '../core/dispatch';
import { isIdleExpired } from '../core/services/session-idle';
import type { SessionLocks } from '../host/core-client';

export class DesktopSession {
  private current: Session | null;
  private lastUsedMs: number;

  constructor(
    private readonly locks: SessionLocks,
    private readonly now: () => number = Date.now,
    initial: Session | null = null,
  ) {
    this.current = initial;
    this.lastUsedMs = now();
  }

  get session(): Session | null {
    return this.current;
  }

  /** Replace the session after a call; a call counts as use. */
  set(session: Session | null): void {
    this.current = session;
    this.lastUsedMs = this.now();
  }

  /** Lock the session when it idled past the profile's limit; true when it did just now. */
  lockIfIdle(): boolean {
    const session = this.current;
    if (session === null) return false;
    const minutes = this.locks.autoLockMinutes(session.profileId);
    if (minutes === null || !isIdleExpired(this.lastUsedMs, this.now(), minutes)) return false;
    this.locks.lockProfile(session.profileId);
    this.current = null;
    return true;
  }
}
