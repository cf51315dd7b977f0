/**
 * Bearer tokens of the browser shell: random 256-bit values, kept only in memory, each
 * naming one core session. A token ends at log-out and lock (with every other token of
 * that profile: its key is gone), and after an idle time — the shell's
 * `--session-idle-minutes` or the profile's auto-lock setting, whichever is shorter.
 * Restarting the server logs everybody out, which is what a local app should do.
 */
import { randomBytes } from 'node:crypto';
import type { Session } from '../core/dispatch';
import { idleLimitMinutes, isIdleExpired } from '../core/services/session-idle';

/** The browser shell's own idle limit when none is given. */
export const DEFAULT_SESSION_IDLE_MINUTES = 30;

/** What the tokens need from the core: the profile's auto-lock setting, and locking it. */
export interface SessionLocks {
  /** Minutes, 0 = never; null when the profile is not unlocked. */
  autoLockMinutes(profileId: string): number | null;
  lockProfile(profileId: string): void;
}

export interface SessionTokenOptions {
  /** The shell's idle limit in minutes; 0 = none. */
  readonly idleMinutes?: number;
  readonly locks?: SessionLocks;
  readonly now?: () => number;
}

/** A token that was valid but sat unused too long; it is gone now. */
export const EXPIRED = 'expired';

interface Entry {
  readonly session: Session;
  lastUsedMs: number;
}

export class SessionTokens {
  readonly #sessions = new Map<string, Entry>();
  readonly #idleMinutes: number;
  readonly #locks: SessionLocks | null;
  readonly #now: () => number;

  constructor(options: SessionTokenOptions = {}) {
    this.#idleMinutes = options.idleMinutes ?? DEFAULT_SESSION_IDLE_MINUTES;
    this.#locks = options.locks ?? null;
    this.#now = options.now ?? Date.now;
  }

  issue(session: Session): string {
    const token = randomBytes(32).toString('base64url');
    this.#sessions.set(token, { session, lastUsedMs: this.#now() });
    return token;
  }

  /** The token's session (and the token counts as used now), EXPIRED after idling, else null. */
  lookUp(token: string | null): Session | typeof EXPIRED | null {
    const entry = token === null ? undefined : this.#sessions.get(token);
    if (token === null || entry === undefined) return null;
    const now = this.#now();
    const { profileId } = entry.session;
    const limit = idleLimitMinutes(this.#locks?.autoLockMinutes(profileId) ?? null, this.#idleMinutes);
    if (isIdleExpired(entry.lastUsedMs, now, limit)) {
      this.#sessions.delete(token);
      // Another tab of the same profile still in use keeps the key; the last one locks it.
      if (!this.hasProfile(profileId)) this.#locks?.lockProfile(profileId);
      return EXPIRED;
    }
    entry.lastUsedMs = now;
    return entry.session;
  }

  revoke(token: string | null): void {
    if (token !== null) this.#sessions.delete(token);
  }

  /** End every token of a profile (its key was forgotten: log-out, lock, deletion). */
  revokeProfile(profileId: string): void {
    for (const [token, entry] of this.#sessions) if (entry.session.profileId === profileId) this.#sessions.delete(token);
  }

  private hasProfile(profileId: string): boolean {
    for (const entry of this.#sessions.values()) if (entry.session.profileId === profileId) return true;
    return false;
  }
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer ([A-Za-z0-9_-]{1,256})$/i.exec(header?.trim() ?? '');
  return match?.[1] ?? null;
}
