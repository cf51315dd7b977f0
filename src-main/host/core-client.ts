/**
 * What a shell asks of the core, wherever the core runs: in its worker (core-host.ts, both
 * shells), or in the same thread (tests of a shell's wiring). A shell keeps its sessions
 * itself and passes the current one with every call; the answer says what it is after.
 */
import type { Input, Method, Output, Result } from '../../src-preload/contract';
import { dispatch, type Dispatched, type Session } from '../core/dispatch';
import type { Core } from '../core/index';

export interface CoreClient {
  /** Run one contract operation: the schema parse, session rule and handler of `dispatch`. */
  dispatch(method: Method, input: unknown, session: Session | null): Promise<Dispatched>;
  /** The profile's auto-lock minutes while it is unlocked (0 = never), else null. */
  autoLockMinutes(profileId: string): number | null;
  /** Forget a profile's data key (a shell's idle lock). */
  lockProfile(profileId: string): void;
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

/** The core in this thread, behind the same interface (tests of the shells' wiring). */
export function inThreadClient(core: Core): CoreClient {
  return {
    dispatch: (method, input, session) => dispatch(core.handlers, method, input, session),
    autoLockMinutes: (profileId) => core.autoLockMinutes(profileId),
    lockProfile: (profileId) => core.lockProfile(profileId),
  };
}
