/**
 * What a shell asks of the core, wherever the core runs: in its worker (core-host.ts, both
 * shells), or in the same thread (tests of a shell's wiring). A shell keeps its sessions
 * itself and passes the current one with every call; the answer says what it is after.
 */
import type { AppError, Input, Method, Output, Result } from '../../src-preload/contract';
import { dispatch, type Dispatched, type Handlers, type Session } from '../core/dispatch';
import { jsonInput } from './json-input';

export interface CoreClient {
  /** Run one contract operation: the schema parse, session rule and handler of `dispatch`. */
  dispatch(method: Method, input: unknown, session: Session | null): Promise<Dispatched>;
  /**
   * The same, its input a REST request's JSON body and path parameters (json-input.ts):
   * decoded where the core runs, so a large body never holds the shell's thread.
   */
  dispatchJson(method: Method, body: Uint8Array, params: Readonly<Record<string, string>>, session: Session | null): Promise<Dispatched>;
  /** The profile's auto-lock minutes while it is unlocked (0 = never), else null. */
  autoLockMinutes(profileId: string): number | null;
  /** Forget a profile's data key (a shell's idle lock). */
  lockProfile(profileId: string): void;
  /**
   * What a call with this session's personal access token would be refused with, or null;
   * asked before a request's body is read. Optional: without it the call is refused as
   * surely, only after its body was read.
   */
  checkAccess?(session: Session, method: Method): Promise<AppError | null>;
}

/** One operation with its types: the answer, and the session after it. */
export async function call<M extends Method>(
  client: CoreClient,
  method: M,
  input: Input<M>,
  session: Session | null,
): Promise<{ readonly result: Result<Output<M>>; readonly session: Session | null }> {
  const dispatched = await client.dispatch(method, input, session);
  // `dispatch` parsed the input against this method's schema and the handler returned its output.
  return { result: dispatched.result as Result<Output<M>>, session: dispatched.session };
}

export type SessionLocks = Pick<CoreClient, 'autoLockMinutes' | 'lockProfile'>;

/** Without the core's locks (tests with fake handlers) nothing ever auto-locks. */
export const NEVER_LOCKS: SessionLocks = { autoLockMinutes: () => 0, lockProfile: () => undefined };

/**
 * Handlers in this thread behind the same interface: the core's own (`openCore(…).handlers`
 * with the core as `locks`) or fakes, for tests of the shells' wiring.
 */
export function inThreadClient(handlers: Handlers, locks: SessionLocks = NEVER_LOCKS, onUnexpected?: (error: unknown) => void): CoreClient {
  return {
    dispatch: (method, input, session) => dispatch(handlers, method, input, session, onUnexpected),
    dispatchJson: (method, body, params, session) => dispatchJson(handlers, method, body, params, session, onUnexpected),
    autoLockMinutes: (profileId) => locks.autoLockMinutes(profileId),
    lockProfile: (profileId) => locks.lockProfile(profileId),
  };
}

/** `dispatch` of a JSON body and path parameters; a body that is no JSON object is INVALID_INPUT. */
export function dispatchJson(
  handlers: Handlers,
  method: Method,
  body: Uint8Array,
  params: Readonly<Record<string, string>>,
  session: Session | null,
  onUnexpected?: (error: unknown) => void,
): Promise<Dispatched> {
  const decoded = jsonInput(body, params);
  if (!decoded.ok) return Promise.resolve({ result: { ok: false, error: { code: 'INVALID_INPUT', message: decoded.message } }, session });
  return dispatch(handlers, method, decoded.input, session, onUnexpected);
}
