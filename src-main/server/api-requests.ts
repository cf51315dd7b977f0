/**
 * One API request, from route to `Result`: find the operation, check the bearer token
 * against its session rule (a log-in's token here; a personal access token in the core,
 * before the body is read), read the body, merge the path parameters, and call the core
 * through `dispatch` — the same choke point the desktop shell uses — once per idempotency
 * key when the client sent one (see idempotency.ts).
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { AppError, Result } from '../../src-preload/contract';
import { needsSession, OPERATIONS, type SessionRule } from '../../src-preload/operations';
import type { Dispatched, Session } from '../core/dispatch';
import type { CoreClient } from '../host/core-client';
import { statusOf } from './http-status';
import { fingerprintOf, honoursIdempotencyKey, IDEMPOTENCY_HEADER, parseIdempotencyKey, REPLAYED_HEADER } from './idempotency';
import type { RememberedAnswers } from './remembered-answers';
import { bodyLimitOf, readBody, type BodyResult } from './request-body';
import { matchRoute } from './routes';
import { looksLikeAccessToken, parseAccessToken } from '../core/crypto/token-slots';
import { LOCKED_FOR_INACTIVITY } from '../core/services/session-idle';
import { bearerToken, EXPIRED, type SessionTokens } from './session-tokens';

export interface ApiReply {
  readonly status: number;
  readonly body: Result<unknown> & { readonly token?: string };
  /** Headers beyond the usual ones (`Idempotent-Replayed`). */
  readonly headers?: Readonly<Record<string, string>>;
}

export const failure = (code: AppError['code'], message: string): Result<never> => ({
  ok: false,
  error: { code, message },
});

const reply = (result: Result<unknown>): ApiReply => ({ status: statusOf(result), body: result });

const BODY_FAILURES = {
  'too-large': (limit: number) => failure('PAYLOAD_TOO_LARGE', `The request body is larger than ${limit / 1024 / 1024} MiB.`),
  malformed: () => failure('INVALID_INPUT', 'The request body did not arrive whole (cut short, or longer than its Content-Length said).'),
  timeout: () => failure('REQUEST_TIMEOUT', 'The rest of the request body did not arrive in time; send the request again.'),
} satisfies Record<Exclude<BodyResult, { ok: true }>['reason'], (limit: number) => Result<never>>;

/** What every API request is answered with: the core, the server's tokens, answers and limits. */
export interface ApiContext {
  readonly client: CoreClient;
  readonly tokens: SessionTokens;
  readonly onUnexpected: (error: unknown) => void;
  /** How long a body may pause (`BodyReading.idleMs`). */
  readonly bodyIdleMs: number;
  /** The answers kept per profile and idempotency key. */
  readonly answers: RememberedAnswers<ApiReply>;
}

export async function answerApiRequest(request: IncomingMessage, pathname: string, context: ApiContext): Promise<ApiReply> {
  const verb = request.method ?? 'GET';
  const route = matchRoute(verb, pathname);
  if (!route) return reply(failure('NOT_FOUND', `There is no API route ${verb} ${pathname}.`));

  const rule = OPERATIONS[route.method].session;
  const token = bearerToken(request.headers.authorization);
  const caller = callerOf(token, context.tokens);
  if (caller.kind === 'refused') return reply(caller.result);
  const { session } = caller;
  if (needsSession(route.method) && session === null) {
    return caller.kind === 'expired' ? reply(failure('SESSION_LOCKED', LOCKED_FOR_INACTIVITY)) : reply(failure('NOT_LOGGED_IN', 'Please log in first.'));
  }
  if (caller.kind === 'access-token') {
    // Proven before the body is read: a token that opens nothing costs no upload.
    const refused = await context.client.checkAccess?.(caller.session, route.method);
    if (refused) return reply({ ok: false, error: refused });
  }
  const parsedKey = honoursIdempotencyKey(route.method, rule) ? parseIdempotencyKey(request.headers[IDEMPOTENCY_HEADER]) : { ok: true as const, key: null };
  if (!parsedKey.ok) return reply(failure('IDEMPOTENCY_KEY_INVALID', parsedKey.message));
  const { key } = parsedKey;

  let body: Buffer | null = null;
  let digest = '';
  if (verb !== 'GET' && verb !== 'DELETE') {
    const limit = bodyLimitOf(route.method);
    const read = await readBody(request, limit, { idleMs: context.bodyIdleMs, digest: key !== null });
    if (!read.ok) return reply(BODY_FAILURES[read.reason](limit));
    body = read.bytes;
    digest = read.digest ?? '';
  }
  // The body is decoded where the core runs (host/json-input.ts), path parameters winning.
  const call = (): Promise<Dispatched> =>
    body === null ? context.client.dispatch(route.method, route.params, session) : context.client.dispatchJson(route.method, body, route.params, session);
  const run = () => runOperation(rule, call, session, caller.kind === 'access-token' ? null : token, context);
  if (key === null || session === null) return run();
  return answerOnce(context.answers, answerScopeOf(session), key, fingerprintOf(verb, pathname, digest), run);
}

type Caller =
  | { readonly kind: 'session' | 'anonymous'; readonly session: Session | null }
  /** A log-in's token that idled out. */
  | { readonly kind: 'expired'; readonly session: null }
  /** A personal access token: the core proves it on the call (core/access-guard.ts). */
  | { readonly kind: 'access-token'; readonly session: Session }
  | { readonly kind: 'refused'; readonly result: Result<never> };

/**
 * Who sends the request. A personal access token (`qs_pat_…`) is not looked up here: the
 * server cannot check it (only its key slot can, in the core), so its profile is read from
 * its prefix and the token goes with the call. One that is not even well formed is refused.
 */
function callerOf(token: string | null, tokens: SessionTokens): Caller {
  if (token !== null && looksLikeAccessToken(token)) {
    const parsed = parseAccessToken(token);
    if (parsed === null) return { kind: 'refused', result: failure('TOKEN_INVALID', 'This access token is not valid: it is not a whole token as the app made it.') };
    parsed.secret.fill(0);
    return { kind: 'access-token', session: { profileId: parsed.profileId, accessToken: token } };
  }
  const found = tokens.lookUp(token);
  if (found === EXPIRED) return { kind: 'expired', session: null };
  return found === null ? { kind: 'anonymous', session: null } : { kind: 'session', session: found };
}

/**
 * Whose remembered answers a request may be given: the person's (per profile), or one
 * access token's — keyed by a digest of it, so a request with another token (or a forged
 * one for the same profile, which the core has not proven) never gets them, and the token
 * itself is not kept.
 */
const answerScopeOf = (session: Session): string =>
  session.accessToken === undefined ? session.profileId : `${session.profileId}/token/${createHash('sha256').update(session.accessToken).digest('base64url')}`;

async function runOperation(rule: SessionRule, call: () => Promise<Dispatched>, session: Session | null, token: string | null, context: ApiContext): Promise<ApiReply> {
  const { tokens } = context;
  const { result, session: after } = await call();
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

/**
 * Run the request once per profile and key: a repeat gets the first answer (waiting for it
 * while it runs), a different request with the key is refused. Only successes are kept: a
 * failure changed nothing, so its retry runs again.
 */
async function answerOnce(answers: RememberedAnswers<ApiReply>, profileId: string, key: string, fingerprint: string, run: () => Promise<ApiReply>): Promise<ApiReply> {
  const claim = answers.claim(profileId, key, fingerprint);
  if (claim.kind === 'conflict') {
    return reply(failure('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for a different request; use a new key for a new request.'));
  }
  if (claim.kind === 'repeat') return { ...(await claim.answer), headers: { [REPLAYED_HEADER]: 'true' } };
  let answer = reply(failure('INTERNAL', 'Something went wrong; nothing was changed.'));
  try {
    answer = await run();
    return answer;
  } finally {
    claim.settle(answer, answer.body.ok ? { bytes: JSON.stringify(answer.body).length } : null);
  }
}
