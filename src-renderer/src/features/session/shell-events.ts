/**
 * Events the desktop shell sends on its own, beyond the contract's request/answer
 * operations (`src-preload/events.ts`). Browser mode has none: its sessions end by
 * answers (`SESSION_LOCKED`), which the session already watches.
 */
import type { Api } from '../../../../src-preload/contract';
import type { ShellEvents } from '../../../../src-preload/events';

/** `window.qs` is typed as the contract; the desktop bridge adds the events. */
type MaybeDesktop = Api & Partial<ShellEvents>;

/** Hear the desktop shell lock the session, when the shell can say so; the result unsubscribes. */
export function onShellLocked(listener: () => void, shell: MaybeDesktop | undefined = window.qs): () => void {
  const subscribe = shell?.onSessionLocked;
  if (typeof subscribe !== 'function') return () => {};
  const off: unknown = subscribe(listener);
  return typeof off === 'function' ? () => void off() : () => {};
}
