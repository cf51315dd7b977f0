/**
 * Every error code an operation's route can answer with, grouped by HTTP status: its domain
 * errors (src-preload/operation-errors.ts) and those it meets by its shape alone, derived
 * here from its session rule and route the way api-requests.ts and http-server.ts answer.
 */
import type { ErrorCode, Method } from '../../../src-preload/contract';
import { OPERATION_ERRORS } from '../../../src-preload/operation-errors';
import { needsSession, onlyReads, OPERATIONS, tokenAccess, type TokenAccess } from '../../../src-preload/operations';
import { statusOf } from '../http-status';
import { honoursIdempotencyKey } from '../idempotency';

/** Any request to the API: the Host/Origin checks, a core shutting down or restarting, a bug. */
const EVERY_REQUEST: readonly ErrorCode[] = ['FORBIDDEN_HOST', 'FORBIDDEN_ORIGIN', 'CORE_CLOSED', 'CORE_RESTARTED', 'CORE_STOPPED', 'INTERNAL'];
/** A request with a body: a malformed one, one too large, one that stalls. */
const WITH_BODY: readonly ErrorCode[] = ['INVALID_INPUT', 'PAYLOAD_TOO_LARGE', 'REQUEST_TIMEOUT'];
/** A path parameter that does not decode leaves the route unmatched; one that decodes is checked like a field. */
const WITH_PATH_PARAMETERS: readonly ErrorCode[] = ['NOT_FOUND', 'INVALID_INPUT'];
/** A profile's data is read: it may be locked by another program, damaged, or newer than this app. */
const IN_SESSION: readonly ErrorCode[] = ['NOT_LOGGED_IN', 'SESSION_LOCKED', 'DATA_FILE_DAMAGED', 'DATA_FILE_TOO_NEW', 'DATA_FOLDER_LOCKED'];
/** A write: the disk may refuse it, or the store refuse what it would write. */
const WRITES: readonly ErrorCode[] = ['WRITE_FAILED', 'WRITE_REFUSED'];
const IDEMPOTENT: readonly ErrorCode[] = ['IDEMPOTENCY_KEY_INVALID', 'IDEMPOTENCY_KEY_REUSED'];
/** Any bearer may be a personal access token: one revoked, garbled or expired is refused on every route. */
const ANY_ACCESS_TOKEN: readonly ErrorCode[] = ['TOKEN_INVALID', 'TOKEN_EXPIRED'];
/** What a token is refused with where its scope, or any token, may not go (`tokenAccess`). */
const BEYOND_TOKEN: Readonly<Record<TokenAccess, readonly ErrorCode[]>> = { read: [], write: ['TOKEN_READ_ONLY'], never: ['TOKEN_NOT_ALLOWED'] };

export const verbOf = (method: Method): string => OPERATIONS[method].route.split(' ')[0] ?? 'GET';
export const pathOf = (method: Method): string => OPERATIONS[method].route.split(' ')[1] ?? '/';
export const pathParametersOf = (method: Method): string[] =>
  pathOf(method)
    .split('/')
    .filter((segment) => segment.startsWith(':'))
    .map((segment) => segment.slice(1));
/** Whether the route reads a JSON body (GET and DELETE take their input from the path only). */
export const takesBody = (method: Method): boolean => !['GET', 'DELETE'].includes(verbOf(method));

/** Every code the operation's route can answer with, each once, in a stable order. */
export function errorCodesOf(method: Method): ErrorCode[] {
  const rule = OPERATIONS[method].session;
  const codes: ErrorCode[] = [
    ...EVERY_REQUEST,
    ...ANY_ACCESS_TOKEN,
    ...BEYOND_TOKEN[tokenAccess(method)],
    ...(takesBody(method) ? WITH_BODY : []),
    ...(pathParametersOf(method).length > 0 ? WITH_PATH_PARAMETERS : []),
    ...(needsSession(method) ? IN_SESSION : []),
    ...(onlyReads(method) ? [] : WRITES),
    ...(honoursIdempotencyKey(method, rule) ? IDEMPOTENT : []),
    ...OPERATION_ERRORS[method],
  ];
  return [...new Set(codes)];
}

/** The operation's codes by the HTTP status they are answered with, statuses ascending. */
export function errorCodesByStatus(method: Method): Map<number, ErrorCode[]> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of errorCodesOf(method)) {
    const status = statusOf({ ok: false, error: { code, message: '' } });
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return new Map([...byStatus].sort(([a], [b]) => a - b));
}
