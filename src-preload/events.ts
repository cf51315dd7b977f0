/**
 * Events the desktop shell sends to the page on its own (main → renderer), beside the
 * contract's request/answer operations. Zod-free like operations.ts, so the sandboxed
 * preload can import it. The preload exposes each as an `on…(listener)` that returns an
 * unsubscribe function, never the IPC event object or `ipcRenderer` itself.
 */
import type { Api } from './contract';

export const SHELL_EVENTS = {
  /** The main process locked the session (its idle timer): show the password prompt. */
  'session-locked': 'onSessionLocked',
  /** The core's worker stopped and a new one took over, with every profile locked. */
  'core-restarted': 'onCoreRestarted',
} as const;

export type ShellEventName = keyof typeof SHELL_EVENTS;

/** The IPC channel of an event. */
export const eventChannelOf = (name: ShellEventName) => `event:${name}` as const;

export interface ShellEvents {
  onSessionLocked(listener: () => void): () => void;
  onCoreRestarted(listener: () => void): () => void;
}

/** What the desktop preload exposes as `window.qs`. */
export type DesktopBridge = Api & ShellEvents;
