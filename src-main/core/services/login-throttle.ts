/**
 * Attempts to prove a secret slow down, per e-mail: after the third attempt that was not a
 * success the next one must wait 1 s, then 2, 4, 8… up to 60 s. Success clears the e-mail's
 * counter. An e-mail without a profile is counted the same way, so probing is not free.
 *
 * An attempt is counted when it is reserved — before its key derivation runs — so guesses
 * sent at once see each other: the fourth of 24 simultaneous guesses is refused instead of
 * checked. There is deliberately no process-wide counter: one would let an attacker of one
 * profile lock out every other. Guessing spread over many e-mails is slowed instead by
 * kdf.ts, which runs only a few derivations at once for the whole process.
 *
 * Counters no attempt touched for FORGET_AFTER_MS are forgotten and pruned, so the table
 * holds at most the e-mails tried in that window (and the derivation limit caps how fast
 * an attacker can add them). Pure arithmetic plus a small in-memory table; the clock is
 * injected.
 */
export const FREE_FAILURES = 3;
export const MAX_DELAY_SECONDS = 60;
/**
 * Longer than the longest wait, so forgetting never shortens one; an attacker who waits this
 * long for a fresh allowance guesses more slowly than one who keeps trying once a minute.
 */
export const FORGET_AFTER_MS = 15 * 60 * 1000;
const PRUNE_EVERY_MS = 60 * 1000;

/** Seconds to wait after `failures` consecutive failures (0 while still free). */
export function delayAfterFailures(failures: number, free: number = FREE_FAILURES): number {
  if (failures < free) return 0;
  return Math.min(MAX_DELAY_SECONDS, 2 ** (failures - free));
}

interface Counter {
  /** Attempts since the last success, including those still being checked. */
  attempts: number;
  lastAttemptMs: number;
  blockedUntilMs: number;
}

export type ThrottleVerdict = { readonly allowed: true } | { readonly allowed: false; readonly waitSeconds: number };

const ALLOWED: ThrottleVerdict = { allowed: true };

export class LoginThrottle {
  private readonly counters = new Map<string, Counter>();
  private lastPruneMs = Number.NEGATIVE_INFINITY;

  constructor(private readonly nowMs: () => number) {}

  /** May an attempt for `key` (a normalized e-mail) run now? Counts nothing: for refusing early. */
  check(key: string): ThrottleVerdict {
    const now = this.nowMs();
    this.pruneNow(now);
    return this.verdict(this.current(key, now), now);
  }

  /**
   * Check and count in one synchronous step, just before the secret is derived: allowed
   * attempts are counted as failures until `succeeded` says otherwise.
   */
  reserve(key: string): ThrottleVerdict {
    const now = this.nowMs();
    this.pruneNow(now);
    const counter = this.current(key, now);
    const verdict = this.verdict(counter, now);
    if (!verdict.allowed) return verdict;
    const attempts = (counter?.attempts ?? 0) + 1;
    this.counters.set(key, { attempts, lastAttemptMs: now, blockedUntilMs: now + delayAfterFailures(attempts) * 1000 });
    return verdict;
  }

  /** A reserved attempt was wrong: its wait runs from now, not from when it was reserved. */
  failed(key: string): void {
    const counter = this.counters.get(key);
    if (counter === undefined) return;
    const now = this.nowMs();
    counter.lastAttemptMs = now;
    counter.blockedUntilMs = Math.max(counter.blockedUntilMs, now + delayAfterFailures(counter.attempts) * 1000);
  }

  succeeded(key: string): void {
    this.counters.delete(key);
  }

  /** Counters held (for tests of pruning). */
  get size(): number {
    return this.counters.size;
  }

  /** The key's counter unless it is due to be forgotten (pruning runs only once a minute). */
  private current(key: string, now: number): Counter | undefined {
    const counter = this.counters.get(key);
    return counter !== undefined && now - counter.lastAttemptMs < FORGET_AFTER_MS ? counter : undefined;
  }

  private verdict(counter: Counter | undefined, now: number): ThrottleVerdict {
    if (counter === undefined || counter.blockedUntilMs <= now) return ALLOWED;
    return { allowed: false, waitSeconds: Math.ceil((counter.blockedUntilMs - now) / 1000) };
  }

  private pruneNow(now: number): void {
    if (now - this.lastPruneMs < PRUNE_EVERY_MS) return;
    this.lastPruneMs = now;
    for (const [key, counter] of this.counters) if (now - counter.lastAttemptMs >= FORGET_AFTER_MS) this.counters.delete(key);
  }
}

export const tooManyAttemptsMessage = (waitSeconds: number): string =>
  `Too many failed attempts. Wait ${waitSeconds} second${waitSeconds === 1 ? '' : 's'} before trying again.`;
