/**
 * Events the desktop shell sends on its own, beyond the contract's request/answer
 * operations (`src-preload/events.ts`). Browser mode has none: its sessions end by
 * answers (`SESSION_LOCKED`), which the session already watches, and it has no tray or
 * second window to change data behind the page's back.
 */
import type { Api } from '../../../../src-preload/contract';
import type { ShellEvents } from '../../../../src-preload/events';

/** `window.qs` is typed as the contract; the desktop bridge adds the events. */
type MaybeDesktop = Api & Partial<ShellEvents>;

/** Hear a shell event, when the shell can send it; the result unsubscribes. */
function onShellEvent(name: keyof ShellEvents, listener: () => void, shell: MaybeDesktop | undefined): () => void {
  const subscribe = shell?.[name];
  if (typeof subscribe !== 'function') return () => {};
  const off: unknown = subscribe(listener);
  return typeof off === 'function' ? () => void off() : () => {};
}

/** Hear the desktop shell lock the session. */
export const onShellLocked = (listener: () => void, shell: MaybeDesktop | undefined = window.qs): (() => void) => onShellEvent('onSessionLocked', listener, shell);

/** Hear the desktop shell restart the core (every profile is locked again). */
export const onCoreRestarted = (listener: () => void, shell: MaybeDesktop | undefined = window.qs): (() => void) => onShellEvent('onCoreRestarted', listener, shell);

/**
 * Hear that entries, trackers or settings changed outside this window (the tray, the
 * quick-log window), so what the page shows is read again; the result unsubscribes.
 */
export const onEntriesChangedElsewhere = (listener: () => void, shell: MaybeDesktop | undefined = window.qs): (() => void) => onShellEvent('onEntriesChanged', listener, shell);
