/**
 * The one place that turns an error code into an HTTP status. The body always carries the
 * typed error as well, so clients branch on `error.code`, never on the status alone.
 */
import type { ErrorCode, Result } from '../../src-preload/contract';

/** Failures of the machine, not of the request: the person did nothing wrong. */
const SERVER_FAULTS = new Set<ErrorCode>(['INTERNAL', 'WRITE_FAILED', 'DATA_FILE_DAMAGED', 'DATA_FOLDER_LOCKED']);

/**
 * The person's mail server failed or refused: this app acted as a gateway to it and is fine.
 * A 4xx would tell the client to change its request, which it cannot (a refused login or
 * recipient is fixed in the stored settings, an unreachable host may come back). Settings
 * found wrong before connecting (MAIL_SETTINGS_INVALID) are the request's fault: 400.
 */
const MAIL_SERVER_ANSWERS = new Set<ErrorCode>(['MAIL_HOST_UNREACHABLE', 'MAIL_TLS_FAILED', 'MAIL_LOGIN_REFUSED', 'MAIL_REJECTED']);

export function statusOf(result: Result<unknown>): number {
  if (result.ok) return 200;
  const { code } = result.error;
  if (code === 'NOT_LOGGED_IN' || code === 'SESSION_LOCKED') return 401;
  // An access token that opens nothing (revoked, never made, garbled) or expired: authenticate again.
  if (code === 'TOKEN_INVALID' || code === 'TOKEN_EXPIRED') return 401;
  // A proven token asking for what its scope, or any token, may not do.
  if (code === 'TOKEN_READ_ONLY' || code === 'TOKEN_NOT_ALLOWED') return 403;
  if (code === 'TOO_MANY_ATTEMPTS') return 429;
  if (code === 'FORBIDDEN_HOST' || code === 'FORBIDDEN_ORIGIN') return 403;
  if (code === 'NOT_FOUND' || code === 'UNKNOWN_OPERATION') return 404;
  if (code === 'REQUEST_TIMEOUT') return 408;
  // The key names an earlier request; this one is well formed but cannot be answered under it.
  if (code === 'IDEMPOTENCY_KEY_REUSED') return 422;
  if (code === 'PAYLOAD_TOO_LARGE') return 413;
  // The core is shutting down with the server, or its worker is starting again: try again shortly.
  if (code === 'CORE_CLOSED' || code === 'CORE_RESTARTED' || code === 'CORE_STOPPED') return 503;
  if (SERVER_FAULTS.has(code)) return 500;
  if (MAIL_SERVER_ANSWERS.has(code)) return 502;
  if (code === 'MAIL_TIMEOUT') return 504;
  // INVALID_INPUT, MAIL_SETTINGS_INVALID and every domain rule (EMAIL_TAKEN, TRACKER_NOT_FOUND, …).
  return 400;
}
