/**
 * Events the desktop shell sends on its own, beyond the contract's request/answer
 * operations. Browser mode has none: its sessions end by answers (`SESSION_LOCKED`).
 */
import type { Api } from '../../../../src-preload/contract';

interface ShellEvents {
  /** The main process locked the session (its own idle timer, the tray). Returns an unsubscribe. */
  readonly onSessionLocked?: (listener: () => void) => unknown;
}

/** Hear the desktop shell lock the session, when the shell can say so; the result unsubscribes. */
export function onShellLocked(listener: () => void, shell: (Api & ShellEvents) | undefined = window.qs): () => void {
  const subscribe = shell?.onSessionLocked;
  if (typeof subscribe !== 'function') return () => {};
  const off = subscribe(listener);
  return typeof off === 'function' ? () => void off() : () => {};
}
