/**
 * One API request, from route to `Result`: find the operation, check the bearer token
 * against its session rule, read the body, merge the path parameters, and call the core
 * through `dispatch` — the same choke point the desktop shell uses.
 */
import type { IncomingMessage } from 'node:http';
import type { AppError, Result } from '../../src-preload/contract';
import { needsSession, OPERATIONS } from '../../src-preload/operations';
import { dispatch, type Handlers } from '../core/dispatch';
import { statusOf } from './http-status';
import { bodyLimitOf, readJsonBody, type BodyResult, type BodyTiming } from './request-body';
import { matchRoute } from './routes';
import { LOCKED_FOR_INACTIVITY } from '../core/services/session-idle';
import { bearerToken, EXPIRED, type SessionTokens } from './session-tokens';

export interface ApiReply {
  readonly status: number;
  readonly body: Result<unknown> & { readonly token?: string };
}

export const failure = (code: AppError['code'], message: string): Result<never> => ({
  ok: false,
  error: { code, message },
});

const reply = (result: Result<unknown>): ApiReply => ({ status: statusOf(result), body: result });

const BODY_FAILURES = {
  'too-large': (limit: number) => failure('PAYLOAD_TOO_LARGE', `The request body is larger than ${limit / 1024 / 1024} MiB.`),
  malformed: () => failure('INVALID_INPUT', 'The request body is not a JSON object.'),
  timeout: () => failure('REQUEST_TIMEOUT', 'The rest of the request body did not arrive in time; send the request again.'),
} satisfies Record<Exclude<BodyResult, { ok: true }>['reason'], (limit: number) => Result<never>>;

/** What every API request is answered with: the core, the server's tokens and its limits. */
export interface ApiContext {
  readonly handlers: Handlers;
  readonly tokens: SessionTokens;
  readonly onUnexpected: (error: unknown) => void;
  readonly bodyTiming: BodyTiming;
}

export async function answerApiRequest(request: IncomingMessage, pathname: string, { handlers, tokens, onUnexpected, bodyTiming }: ApiContext): Promise<ApiReply> {
  const verb = request.method ?? 'GET';
  const route = matchRoute(verb, pathname);
  if (!route) return reply(failure('NOT_FOUND', `There is no API route ${verb} ${pathname}.`));

  const rule = OPERATIONS[route.method].session;
  const token = bearerToken(request.headers.authorization);
  const found = tokens.lookUp(token);
  const session = found === EXPIRED ? null : found;
  if (needsSession(route.method) && session === null) {
    return found === EXPIRED ? reply(failure('SESSION_LOCKED', LOCKED_FOR_INACTIVITY)) : reply(failure('NOT_LOGGED_IN', 'Please log in first.'));
  }

  let body: Record<string, unknown> = {};
  if (verb !== 'GET' && verb !== 'DELETE') {
    const limit = bodyLimitOf(route.method);
    const read = await readJsonBody(request, limit, bodyTiming);
    if (!read.ok) return reply(BODY_FAILURES[read.reason](limit));
    body = read.value;
  }
  // Path parameters win over body fields, so a body cannot retarget the URL's resource.
  const input = { ...body, ...route.params };

  const { result, session: after } = await dispatch(handlers, route.method, input, session, onUnexpected);
  if (!result.ok) {
    if (result.error.code === 'SESSION_LOCKED') tokens.revoke(token);
    return reply(result);
  }
  // The profile's key is gone: every token of it ends, not only this one.
  if (rule === 'closes' && session !== null) tokens.revokeProfile(session.profileId);
  if (rule === 'opens' && after !== null) {
    // A new log-in replaces whatever session this client held.
    tokens.revoke(token);
    return { status: 200, body: { ...result, token: tokens.issue(after) } };
  }
  return reply(result);
}
