/**
 * Every error code any side can answer with, in one typed list: the core's domain rules,
 * the store's, and those only a shell or the renderer's transport produce. Tests assert
 * codes, the UI branches on them and shows the message; a code not listed here does not
 * compile.
 */

/** What sending through the person's SMTP server can answer (src-main/core/mail). */
export const MAIL_ERROR_CODES = ['MAIL_SETTINGS_INVALID', 'MAIL_LOGIN_REFUSED', 'MAIL_HOST_UNREACHABLE', 'MAIL_TLS_FAILED', 'MAIL_REJECTED', 'MAIL_TIMEOUT'] as const;

export const ERROR_CODES = [
  // input shape and session
  'INVALID_INPUT',
  'UNKNOWN_OPERATION',
  'NOT_LOGGED_IN',
  // profiles
  'EMAIL_INVALID',
  'EMAIL_TAKEN',
  'PASSWORD_TOO_SHORT',
  'NAME_REQUIRED',
  'AGE_INVALID',
  'BACKUP_CODE_TOO_SHORT',
  'LOGIN_FAILED',
  'BACKUP_CODE_WRONG',
  'PASSWORD_WRONG',
  'TOO_MANY_ATTEMPTS',
  'SESSION_LOCKED',
  'TIME_ZONE_INVALID',
  'STAY_UNLOCKED_UNAVAILABLE',
  // trackers
  'TRACKER_NAME_REQUIRED',
  'TRACKER_NAME_TAKEN',
  'TRACKER_NOT_FOUND',
  'CHOICE_OPTIONS_INVALID',
  'CHOICE_MULTIPLE_LOCKED',
  'TRACKER_SETTINGS_INVALID',
  'TRACKER_TYPE_LOCKED',
  'TRACKER_COLOR_INVALID',
  'TRACKER_EMOJI_INVALID',
  'TRACKER_ORDER_INVALID',
  'TARGET_INVALID',
  // logs
  'LOG_VALUE_INVALID',
  'LOG_VALUE_OUT_OF_RANGE',
  'CHOICE_OPTION_ARCHIVED',
  'LOG_TIME_INVALID',
  'LOG_NOT_FOUND',
  'LOG_EXISTS',
  'TIMER_NOT_SUPPORTED',
  'TIMER_RUNNING',
  'TIMER_NOT_RUNNING',
  // insights
  'RANGE_INVALID',
  // CSV files and imports (src-main/core/io)
  'CSV_EMPTY',
  'CSV_BINARY',
  'CSV_TOO_LARGE',
  'CSV_COLUMNS_INVALID',
  'IMPORT_FILES_INVALID',
  'IMPORT_INVALID',
  'EXPORT_CURSOR_INVALID',
  // store
  'DATA_FILE_DAMAGED',
  'DATA_FILE_TOO_NEW',
  'DATA_FOLDER_LOCKED',
  'WRITE_FAILED',
  'WRITE_REFUSED',
  'CORE_CLOSED',
  'CORE_RESTARTED',
  'CORE_STOPPED',
  'INTERNAL',
  // shells: the HTTP server, the IPC bridge and the renderer's HTTP client
  'NOT_FOUND',
  'PAYLOAD_TOO_LARGE',
  'REQUEST_TIMEOUT',
  'IDEMPOTENCY_KEY_INVALID',
  'IDEMPOTENCY_KEY_REUSED',
  'FORBIDDEN_HOST',
  'FORBIDDEN_ORIGIN',
  'FORBIDDEN_SENDER',
  'NETWORK',
  'BAD_RESPONSE',
  // the desktop app's own settings (src-main/desktop/desktop-settings-ipc.ts)
  'SHORTCUT_UNAVAILABLE',
  'OPEN_AT_LOGIN_UNAVAILABLE',
  'OPEN_AT_LOGIN_FAILED',
  'SETTINGS_NOT_SAVED',
  ...MAIL_ERROR_CODES,
  // a test mail asked for before any mail settings were saved
  'MAIL_NOT_SET_UP',
  // monthly reports (src-main/core/jobs/runner.ts): no saved report, no way to print one here, a print that failed
  'REPORT_NOT_FOUND',
  'NO_PRINTER',
  'PRINT_FAILED',
  // personal access tokens (src-main/core/services/access-tokens.ts): making them, and a request made with one
  'ACCESS_TOKEN_NAME_INVALID',
  'ACCESS_TOKEN_NAME_TAKEN',
  'ACCESS_TOKEN_EXPIRY_INVALID',
  'ACCESS_TOKEN_LIMIT',
  'ACCESS_TOKEN_NOT_FOUND',
  'TOKEN_INVALID',
  'TOKEN_EXPIRED',
  'TOKEN_READ_ONLY',
  'TOKEN_NOT_ALLOWED',
  // backups (src-main/core/backups): none at that path, files that differ from the manifest, a newer app's, a wrong password,
  // a backup of another profile than the one it would replace, a folder that cannot hold backups, a backup that could not be written
  'BACKUP_NOT_FOUND',
  'BACKUP_DAMAGED',
  'BACKUP_TOO_NEW',
  'BACKUP_PASSWORD_WRONG',
  'BACKUP_OF_ANOTHER_PROFILE',
  'BACKUP_FOLDER_INVALID',
  'BACKUP_FAILED',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];
