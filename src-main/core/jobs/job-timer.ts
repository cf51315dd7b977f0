/**
 * When the runner looks: one timer per open core, set to the earliest `nextCheckAt` of the
 * unlocked profiles (never more than an hour away, so a clock that jumped is noticed), and a
 * look at a profile as soon as it unlocks (its catch-up) or its schedule changes. The timer is unref'd: it never
 * keeps a process alive on its own, and `close` clears it and waits for looks under way.
 */
import { MAX_CHECK_INTERVAL_MS } from './next-check';
import type { JobRunner, LookResult } from './runner';

export interface JobTimerDeps {
  readonly runner: Pick<JobRunner, 'look' | 'idle'>;
  /** The profiles the core holds unlocked now. */
  readonly unlockedIds: () => readonly string[];
  readonly now: () => Date;
}

export class JobTimer {
  #timer: ReturnType<typeof setTimeout> | null = null;
  /** When the timer fires (ms since the epoch), or null when none is set. */
  #wakeAt: number | null = null;
  #closed = false;

  constructor(private readonly deps: JobTimerDeps) {}

  /** Look at every unlocked profile now, then sleep until the earliest next check. */
  async lookAll(): Promise<void> {
    if (this.#closed) return;
    const results = await Promise.all(this.deps.unlockedIds().map((profileId) => this.deps.runner.look(profileId)));
    this.#clear();
    this.#wakeBy(results);
  }

  /** Look at one profile now (it just unlocked), and wake for it in time. */
  async lookAt(profileId: string): Promise<void> {
    if (this.#closed) return;
    this.#wakeBy([await this.deps.runner.look(profileId)]);
  }

  /** Stop: no further look starts; the ones under way finish. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#clear();
    await this.deps.runner.idle();
  }

  #clear(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.#wakeAt = null;
  }

  /** Set the timer to the earliest of the results' next checks and the one set already, at most an hour away. */
  #wakeBy(results: readonly LookResult[]): void {
    if (this.#closed) return;
    const now = this.deps.now().getTime();
    const moments = [now + MAX_CHECK_INTERVAL_MS, ...results.flatMap((result) => (result.nextCheckAt === null ? [] : [result.nextCheckAt.getTime()]))];
    if (this.#wakeAt !== null) moments.push(this.#wakeAt);
    const at = Math.min(...moments);
    if (this.#timer !== null && this.#wakeAt === at) return;
    this.#clear();
    this.#wakeAt = at;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#wakeAt = null;
      void this.lookAll();
    }, Math.max(0, at - now));
    this.#timer.unref?.();
  }
}
