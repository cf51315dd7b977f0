/**
 * One IPC handler per contract operation, registered in one loop: check the sender, then
 * `dispatch` (schema parse, session rule, core call). The desktop app has one person at a
 * time, so it keeps a single session. Every outcome is a `Result` value: Electron would
 * pass only the message of a thrown error across IPC.
 */
import { ipcMain } from 'electron';
import type { Result } from '../../src-preload/contract';
import { API_METHODS, channelOf } from '../../src-preload/operations';
import { dispatch, type Handlers, type Session } from '../core/dispatch';
import { isTrustedSender, type AppLocation } from './security';

const FORBIDDEN_SENDER: Result<never> = {
  ok: false,
  error: { code: 'FORBIDDEN_SENDER', message: 'This request did not come from the app’s own page.' },
};

export function registerIpcHandlers(handlers: Handlers, location: AppLocation, onUnexpected?: (error: unknown) => void): void {
  let session: Session | null = null;
  for (const method of API_METHODS) {
    ipcMain.handle(channelOf(method), async (event, input: unknown): Promise<Result<unknown>> => {
      if (!isTrustedSender(event.senderFrame?.url, location)) return FORBIDDEN_SENDER;
      const dispatched = await dispatch(handlers, method, input, session, onUnexpected);
      session = dispatched.session;
      return dispatched.result;
    });
  }
}
