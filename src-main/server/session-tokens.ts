/**
 * Bearer tokens of the browser shell: random 256-bit values, kept only in memory, each
 * naming one core session. A token ends at log-out and lock (with every other token of
 * that profile: its key is gone), and after an idle time — the shell's
 * `--session-idle-minutes` or the profile's auto-lock setting, whichever is shorter, and a
 * week when neither sets one. Restarting the server logs everybody out, which is what a
 * local app should do.
 *
 * Tokens nobody presents again are pruned too (`prune`: on every issue and look-up, at
 * most once a minute, and by the server's timer), so the table holds only tokens in use
 * and those that ended lately, and a profile whose last token idled out has its key
 * forgotten without waiting for a request.
 */
import { randomBytes } from 'node:crypto';
import type { Session } from '../core/dispatch';
import { idleLimitMinutes, isIdleExpired } from '../core/services/session-idle';

/** The browser shell's own idle limit when none is given. */
export const DEFAULT_SESSION_IDLE_MINUTES = 30;
/**
 * A token unused this long ends even when neither the shell nor the profile sets an idle
 * limit: otherwise every log-in never logged out would stay for the life of the server.
 * Longer than any limit either can set (both stop at a day).
 */
export const UNUSED_TOKEN_LIMIT_MINUTES = 7 * 24 * 60;
/**
 * A token that idled out is remembered this long, so a person who comes back is told the
 * session was locked for inactivity rather than "log in first"; then it is forgotten.
 */
export const EXPIRED_TOKEN_KEPT_MINUTES = 24 * 60;
/** How often tokens are pruned: on use no more often than this, and by the server's timer. */
export const PRUNE_EVERY_MS = 60_000;

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
  /**
   * When it idled out, once pruning has found it so; it then only answers EXPIRED, once
   * (its profile's limit may lengthen once the profile is locked: it must not revive).
   */
  expiredAtMs: number | null;
}

export class SessionTokens {
  readonly #sessions = new Map<string, Entry>();
  readonly #idleMinutes: number;
  readonly #locks: SessionLocks | null;
  readonly #now: () => number;
  #lastPruneMs = Number.NEGATIVE_INFINITY;

  constructor(options: SessionTokenOptions = {}) {
    this.#idleMinutes = options.idleMinutes ?? DEFAULT_SESSION_IDLE_MINUTES;
    this.#locks = options.locks ?? null;
    this.#now = options.now ?? Date.now;
  }

  issue(session: Session): string {
    const now = this.#now();
    this.#pruneEveryMinute(now);
    const token = randomBytes(32).toString('base64url');
    this.#sessions.set(token, { session, lastUsedMs: now, expiredAtMs: null });
    return token;
  }

  /** The token's session (and the token counts as used now), EXPIRED after idling, else null. */
  lookUp(token: string | null): Session | typeof EXPIRED | null {
    const now = this.#now();
    this.#pruneEveryMinute(now);
    const entry = token === null ? undefined : this.#sessions.get(token);
    if (token === null || entry === undefined) return null;
    if (entry.expiredAtMs !== null) {
      // Pruning ended it (and locked its profile if it was the last).
      this.#sessions.delete(token);
      return EXPIRED;
    }
    if (this.#idledOut(entry, now)) {
      this.#sessions.delete(token);
      this.#lockIfLast(entry.session.profileId);
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

  /**
   * End the tokens that idled out (locking a profile once none of its tokens is left in
   * use) and forget those that ended more than EXPIRED_TOKEN_KEPT_MINUTES ago.
   */
  prune(): void {
    const now = this.#now();
    this.#lastPruneMs = now;
    const ended = new Set<string>();
    for (const [token, entry] of this.#sessions) {
      if (entry.expiredAtMs === null) {
        if (!this.#idledOut(entry, now)) continue;
        // When it idled out, not when pruning noticed: a late prune does not keep it longer.
        entry.expiredAtMs = entry.lastUsedMs + this.#limitMinutes(entry) * 60_000;
        ended.add(entry.session.profileId);
      }
      if (now - entry.expiredAtMs >= EXPIRED_TOKEN_KEPT_MINUTES * 60_000) this.#sessions.delete(token);
    }
    for (const profileId of ended) this.#lockIfLast(profileId);
  }

  /** Tokens held, in use or lately ended (for tests of pruning). */
  get size(): number {
    return this.#sessions.size;
  }

  #pruneEveryMinute(now: number): void {
    if (now - this.#lastPruneMs >= PRUNE_EVERY_MS) this.prune();
  }

  #idledOut(entry: Entry, now: number): boolean {
    return isIdleExpired(entry.lastUsedMs, now, this.#limitMinutes(entry));
  }

  #limitMinutes(entry: Entry): number {
    const limit = idleLimitMinutes(this.#locks?.autoLockMinutes(entry.session.profileId) ?? null, this.#idleMinutes);
    return limit > 0 ? limit : UNUSED_TOKEN_LIMIT_MINUTES;
  }

  /** Another tab of the same profile still in use keeps the key; the last one locks it. */
  #lockIfLast(profileId: string): void {
    for (const entry of this.#sessions.values()) if (entry.session.profileId === profileId && entry.expiredAtMs === null) return;
    this.#locks?.lockProfile(profileId);
  }
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer ([A-Za-z0-9_-]{1,256})$/i.exec(header?.trim() ?? '');
  return match?.[1] ?? null;
}
