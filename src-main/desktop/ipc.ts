/**
 * One IPC handler per contract operation, registered in one loop: check the sender, then
 * `dispatch` (schema parse, session rule, core call). The desktop app has one person at a
 * time, so it keeps a single session (session-lock.ts), locked when it idles past the
 * profile's auto-lock minutes. Every outcome is a `Result` value: Electron would pass only
 * the message of a thrown error across IPC.
 */
import { ipcMain } from 'electron';
import type { Result } from '../../src-preload/contract';
import { API_METHODS, channelOf, needsSession } from '../../src-preload/operations';
import { dispatch, type Handlers, type Session } from '../core/dispatch';
import { LOCKED_FOR_INACTIVITY } from '../core/services/session-idle';
import { isTrustedSender, type AppLocation } from './security';
import { DesktopSession, type SessionLocks } from './session-lock';

const FORBIDDEN_SENDER: Result<never> = {
  ok: false,
  error: { code: 'FORBIDDEN_SENDER', message: 'This request did not come from the app’s own page.' },
};

const LOCKED: Result<never> = { ok: false, error: { code: 'SESSION_LOCKED', message: LOCKED_FOR_INACTIVITY } };

/** Without the core's locks (tests with fake handlers) nothing ever auto-locks. */
const NEVER_LOCKS: SessionLocks = { autoLockMinutes: () => 0, lockProfile: () => undefined };

export interface IpcOptions {
  readonly locks?: SessionLocks;
  /** A session opened before any call (a remembered profile, "stay unlocked"). */
  readonly initialSession?: Session | null;
  readonly now?: () => number;
}

export function registerIpcHandlers(
  handlers: Handlers,
  location: AppLocation,
  onUnexpected?: (error: unknown) => void,
  options: IpcOptions = {},
): DesktopSession {
  const state = new DesktopSession(options.locks ?? NEVER_LOCKS, options.now, options.initialSession ?? null);
  for (const method of API_METHODS) {
    ipcMain.handle(channelOf(method), async (event, input: unknown): Promise<Result<unknown>> => {
      if (!isTrustedSender(event.senderFrame?.url, location)) return FORBIDDEN_SENDER;
      if (state.lockIfIdle() && needsSession(method)) return LOCKED;
      const dispatched = await dispatch(handlers, method, input, state.session, onUnexpected);
      state.set(dispatched.session);
      return dispatched.result;
    });
  }
  return state;
}
