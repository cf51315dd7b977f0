/**
 * Failed log-ins slow down: after the third failure for one e-mail the next attempt must
 * wait 1 s, then 2, 4, 8… up to 60 s. A second, looser counter over the whole process
 * slows down guessing spread over many e-mails. Success clears the e-mail's counter; the
 * process-wide one fades once no failure happened for a quarter of an hour.
 * Pure arithmetic plus a small in-memory table; the clock is injected.
 */
export const FREE_FAILURES = 3;
export const GLOBAL_FREE_FAILURES = 10;
export const MAX_DELAY_SECONDS = 60;
const GLOBAL_FORGET_MS = 15 * 60 * 1000;

/** Seconds to wait after `failures` consecutive failures (0 while still free). */
export function delayAfterFailures(failures: number, free: number = FREE_FAILURES): number {
  if (failures < free) return 0;
  return Math.min(MAX_DELAY_SECONDS, 2 ** (failures - free));
}

interface Counter {
  failures: number;
  lastFailureMs: number;
  blockedUntilMs: number;
}

export type ThrottleVerdict = { readonly allowed: true } | { readonly allowed: false; readonly waitSeconds: number };

const GLOBAL = '\u0000all';

export class LoginThrottle {
  private readonly counters = new Map<string, Counter>();

  constructor(private readonly nowMs: () => number) {}

  /** May an attempt for `key` (a normalized e-mail) run now? */
  check(key: string): ThrottleVerdict {
    const now = this.nowMs();
    this.fadeGlobal(now);
    const until = Math.max(this.counters.get(key)?.blockedUntilMs ?? 0, this.counters.get(GLOBAL)?.blockedUntilMs ?? 0);
    return until > now ? { allowed: false, waitSeconds: Math.ceil((until - now) / 1000) } : { allowed: true };
  }

  failed(key: string): void {
    const now = this.nowMs();
    this.bump(key, now, FREE_FAILURES);
    this.bump(GLOBAL, now, GLOBAL_FREE_FAILURES);
  }

  succeeded(key: string): void {
    this.counters.delete(key);
  }

  private bump(key: string, now: number, free: number): void {
    const counter = this.counters.get(key) ?? { failures: 0, lastFailureMs: now, blockedUntilMs: 0 };
    counter.failures += 1;
    counter.lastFailureMs = now;
    counter.blockedUntilMs = now + delayAfterFailures(counter.failures, free) * 1000;
    this.counters.set(key, counter);
  }

  private fadeGlobal(now: number): void {
    const global = this.counters.get(GLOBAL);
    if (global !== undefined && now - global.lastFailureMs >= GLOBAL_FORGET_MS) this.counters.delete(GLOBAL);
  }
}

export const tooManyAttemptsMessage = (waitSeconds: number): string =>
  `Too many failed attempts. Wait ${waitSeconds} second${waitSeconds === 1 ? '' : 's'} before trying again.`;
