import { describe, expect, it } from 'vitest';
import { statusOf } from '../../../src-main/server/http-status';
import type { ErrorCode } from '../../../src-preload/contract';

const failed = (code: ErrorCode) => ({ ok: false as const, error: { code, message: 'm' } });

describe('statusOf', () => {
  it.each<[ErrorCode, number]>([
    ['INVALID_INPUT', 400],
    ['EMAIL_TAKEN', 400],
    ['LOGIN_FAILED', 400],
    ['TRACKER_NOT_FOUND', 400],
    ['LOG_VALUE_INVALID', 400],
    ['NOT_LOGGED_IN', 401],
    ['FORBIDDEN_HOST', 403],
    ['FORBIDDEN_ORIGIN', 403],
    ['NOT_FOUND', 404],
    ['UNKNOWN_OPERATION', 404],
    ['REQUEST_TIMEOUT', 408],
    ['PAYLOAD_TOO_LARGE', 413],
    ['INTERNAL', 500],
    ['WRITE_FAILED', 500],
    ['DATA_FILE_DAMAGED', 500],
    ['CORE_CLOSED', 503],
    ['CORE_RESTARTED', 503],
    ['CORE_STOPPED', 503],
    ['MAIL_SETTINGS_INVALID', 400],
    ['MAIL_LOGIN_REFUSED', 502],
    ['MAIL_HOST_UNREACHABLE', 502],
    ['MAIL_TLS_FAILED', 502],
    ['MAIL_REJECTED', 502],
    ['MAIL_TIMEOUT', 504],
    ['TOKEN_INVALID', 401],
    ['TOKEN_EXPIRED', 401],
    ['TOKEN_READ_ONLY', 403],
    ['TOKEN_NOT_ALLOWED', 403],
    ['ACCESS_TOKEN_NAME_TAKEN', 400],
    ['ACCESS_TOKEN_LIMIT', 400],
    ['ACCESS_TOKEN_EXPIRY_INVALID', 400],
  ])('maps %s to %i', (code, status) => {
    expect(statusOf(failed(code))).toBe(status);
  });

  it('maps success to 200', () => {
    expect(statusOf({ ok: true, value: {} })).toBe(200);
  });
});
