/**
 * One IPC handler per contract operation, registered in one loop: check the sender, then
 * `dispatch` (schema parse, session rule, core call). The desktop app has one person at a
 * time, so it keeps a single session (session-lock.ts), locked when it idles past the
 * profile's auto-lock minutes. Every outcome is a `Result` value: Electron would pass only
 * the message of a thrown error across IPC.
 */
import { ipcMain, type WebContents } from 'electron';
import type { Result } from '../../src-preload/contract';
import type { Method } from '../../src-preload/contract';
import { API_METHODS, channelOf, needsSession } from '../../src-preload/operations';
import type { Session } from '../core/dispatch';
import { LOCKED_FOR_INACTIVITY } from '../core/services/session-idle';
import type { CoreClient } from '../host/core-client';
import { isTrustedSender, type AppLocation } from './security';
import { DesktopSession } from './session-lock';

const FORBIDDEN_SENDER: Result<never> = {
  ok: false,
  error: { code: 'FORBIDDEN_SENDER', message: 'This request did not come from the app’s own page.' },
};

const LOCKED: Result<never> = { ok: false, error: { code: 'SESSION_LOCKED', message: LOCKED_FOR_INACTIVITY } };

export interface IpcOptions {
  /** A session opened before any call (a remembered profile, "stay unlocked"). */
  readonly initialSession?: Session | null;
  readonly now?: () => number;
  /**
   * Told after every call a page made, with the page that made it (the tray follows
   * writes; the other windows are told to read again).
   */
  readonly onAnswered?: (method: Method, result: Result<unknown>, sender: WebContents) => void;
}

export function registerIpcHandlers(client: CoreClient, location: AppLocation, options: IpcOptions = {}): DesktopSession {
  const state = new DesktopSession(client, options.now, options.initialSession ?? null);
  for (const method of API_METHODS) {
    ipcMain.handle(channelOf(method), async (event, input: unknown): Promise<Result<unknown>> => {
      if (!isTrustedSender(event.senderFrame?.url, location)) return FORBIDDEN_SENDER;
      if (state.lockIfIdle() && needsSession(method)) {
        // The session just ended: whoever follows the calls must hear it too.
        options.onAnswered?.(method, LOCKED, event.sender);
        return LOCKED;
      }
      const dispatched = await client.dispatch(method, input, state.session);
      state.set(dispatched.session);
      options.onAnswered?.(method, dispatched.result, event.sender);
      return dispatched.result;
    });
  }
  return state;
}
