/**
 * Calls `onIdle` once the person has not touched the pointer or keyboard for `idleMs`.
 * Activity only pushes a deadline forward; one timer checks it, so a stream of mouse
 * moves costs a number assignment each, not a timer reset each.
 */

/** What counts as someone being at the computer. */
export const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart', 'scroll'] as const;

export interface IdleWatchOptions {
  readonly idleMs: number;
  readonly onIdle: () => void;
  /** Where activity is heard; the window in the app. */
  readonly target: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;
  /** Defaults to `Date.now`; tests pass fake timers' clock through it. */
  readonly now?: () => number;
}

/** Start watching; the returned function stops it. */
export function watchIdle({ idleMs, onIdle, target, now = Date.now }: IdleWatchOptions): () => void {
  let deadline = now() + idleMs;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const active = () => {
    deadline = now() + idleMs;
  };

  const check = () => {
    if (stopped) return;
    const left = deadline - now();
    if (left > 0) {
      timer = setTimeout(check, left);
      return;
    }
    stop();
    onIdle();
  };

  function stop() {
    stopped = true;
    clearTimeout(timer);
    for (const type of ACTIVITY_EVENTS) target.removeEventListener(type, active, { capture: true });
  }

  // Capture phase: a component that stops propagation must not hide activity from the lock.
  for (const type of ACTIVITY_EVENTS) target.addEventListener(type, active, { capture: true, passive: true });
  timer = setTimeout(check, idleMs);
  return stop;
}
