/**
 * The single choke point between a shell and the core: both the desktop shell (IPC) and
 * the server shell (HTTP) call `dispatch`. It refuses unknown operations, parses the
 * input against the contract, enforces the operation's session rule, runs the handler
 * and turns every failure into a `Result` — so bad input never reaches the store.
 */
import { z } from 'zod';
import { contract, type Method, type Output, type ParsedInput, type Result } from '../../src-preload/contract';
import { needsSession, OPERATIONS, type Operations, type SessionBound, type SessionRule } from '../../src-preload/operations';
import { AppFailure } from './errors';

export interface Session {
  readonly profileId: string;
  /**
   * Set when the caller is a script with a personal access token (`qs_pat_…`, as sent),
   * not the person: the core checks it on every call (core/access-guard.ts). The shell
   * knows the profile from the token's prefix and keeps nothing else of it.
   */
  readonly accessToken?: string;
}

/**
 * What a handler knows about the caller: session-bound operations always get a profile;
 * `accessToken` is there when a token, not the person, calls (see `Session`).
 */
export type HandlerContext<M extends Method> = (Operations[M]['session'] extends SessionBound
  ? { readonly profileId: string }
  : { readonly profileId: string | null }) & { readonly accessToken?: string };

export type Handlers = {
  [M in Method]: (input: ParsedInput<M>, ctx: HandlerContext<M>) => Promise<Output<M>>;
};

export interface Dispatched {
  readonly result: Result<unknown>;
  /** The session after the call: opened by a log-in, cleared by a log-out. */
  readonly session: Session | null;
}

export const isMethod = (name: string): name is Method => Object.hasOwn(contract, name);

export function describeZodError(error: z.ZodError): { message: string; field?: string } {
  const issue = error.issues[0];
  const field = issue?.path.map(String).join('.') || undefined;
  const message = issue ? `${field ? `${field}: ` : ''}${issue.message}` : 'The request is malformed.';
  return field === undefined ? { message } : { message, field };
}

/**
 * The input parsed against the operation's schema and its session rule applied: what
 * every call passes before a handler runs (`dispatch`, and the few answers a core's host
 * gives itself).
 */
export function checkCall(method: Method, rawInput: unknown, session: Session | null): { ok: true; input: unknown } | { ok: false; refused: Dispatched } {
  const parsed = contract[method].input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    return { ok: false, refused: { result: { ok: false, error: { code: 'INVALID_INPUT', ...describeZodError(parsed.error) } }, session } };
  }
  if (needsSession(method) && session === null) {
    return { ok: false, refused: { result: { ok: false, error: { code: 'NOT_LOGGED_IN', message: 'Please log in first.' } }, session } };
  }
  return { ok: true, input: parsed.data };
}

export async function dispatch(
  handlers: Handlers,
  method: string,
  rawInput: unknown,
  session: Session | null,
  onUnexpected: (error: unknown) => void = (error) => console.error(error),
): Promise<Dispatched> {
  if (!isMethod(method)) {
    return { result: { ok: false, error: { code: 'UNKNOWN_OPERATION', message: `There is no operation "${method}".` } }, session };
  }
  const checked = checkCall(method, rawInput, session);
  if (!checked.ok) return checked.refused;
  const rule = OPERATIONS[method].session;
  try {
    // The per-method types are checked where `handlers` is built; here the table is
    // indexed by a runtime name, which TypeScript cannot correlate, hence the widening.
    const handler = handlers[method] as (input: unknown, ctx: { profileId: string | null; accessToken?: string }) => Promise<unknown>;
    const value = await handler(checked.input, contextOf(session));
    return { result: { ok: true, value }, session: nextSession(rule, value, session) };
  } catch (error) {
    if (error instanceof AppFailure) {
      // The profile's key was forgotten (locked elsewhere, idle): this session is over too.
      return { result: { ok: false, error: error.toAppError() }, session: error.code === 'SESSION_LOCKED' ? null : session };
    }
    onUnexpected(error);
    return {
      result: { ok: false, error: { code: 'INTERNAL', message: 'Something went wrong; nothing was changed. Details are in the log.' } },
      session,
    };
  }
}

function contextOf(session: Session | null): { profileId: string | null; accessToken?: string } {
  if (session === null) return { profileId: null };
  return session.accessToken === undefined ? { profileId: session.profileId } : { profileId: session.profileId, accessToken: session.accessToken };
}

function nextSession(rule: SessionRule, value: unknown, current: Session | null): Session | null {
  if (rule === 'closes') return null;
  if (rule === 'opens') return { profileId: (value as Output<'logIn'>).profile.id };
  return current;
}
