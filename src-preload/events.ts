/**
 * Events the desktop shell sends to the page on its own (main → renderer), beside the
 * contract's request/answer operations. Zod-free like operations.ts, so the sandboxed
 * preload can import it. The preload exposes each as an `on…(listener)` that returns an
 * unsubscribe function, never the IPC event object or `ipcRenderer` itself.
 */
import type { Api } from './contract';
import type { DesktopSettingsBridge } from './desktop-settings';

export const SHELL_EVENTS = {
  /** The main process locked the session (its idle timer, the tray's Lock): show the password prompt. */
  'session-locked': 'onSessionLocked',
  /** The core's worker stopped and a new one took over, with every profile locked. */
  'core-restarted': 'onCoreRestarted',
  /** Entries, trackers or settings changed elsewhere (the tray, another window): read them again. */
  'entries-changed': 'onEntriesChanged',
} as const;

export type ShellEventName = keyof typeof SHELL_EVENTS;

/** The IPC channel of an event. */
export const eventChannelOf = (name: ShellEventName) => `event:${name}` as const;

/** One subscription per event, named by the table above, so the two cannot drift. */
export type ShellEvents = { readonly [N in ShellEventName as (typeof SHELL_EVENTS)[N]]: (listener: () => void) => () => void };

/** What the desktop preload exposes as `window.qs`. */
export type DesktopBridge = Api & ShellEvents & DesktopSettingsBridge;
