/**
 * The domain errors each operation can answer with: the rules of the core it runs into
 * (a taken e-mail, a tracker not found…). What any operation can meet by its shape alone
 * (bad input, no session, a damaged or locked data folder, a full disk, a core shutting
 * down, the HTTP server's own refusals) is derived from its session rule and route where
 * it is needed (src-main/server/openapi/shell-errors.ts), so it is not repeated here.
 *
 * The REST API's document lists these per operation; its conformance test and fuzz
 * (tests/unit/server/openapi-*.test.ts) fail when an answer carries a code not listed.
 * The `satisfies` clause makes the compiler reject a table that misses an operation.
 */
import type { ErrorCode, Method } from './contract';

const PROFILE_FIELDS = ['EMAIL_INVALID', 'NAME_REQUIRED', 'AGE_INVALID'] as const satisfies readonly ErrorCode[];
const TRACKER_FIELDS = [
  'TRACKER_NAME_REQUIRED',
  'TRACKER_NAME_TAKEN',
  'TRACKER_SETTINGS_INVALID',
  'CHOICE_OPTIONS_INVALID',
  'TRACKER_COLOR_INVALID',
  'TRACKER_EMOJI_INVALID',
  'TARGET_INVALID',
  'TIME_ZONE_INVALID',
] as const satisfies readonly ErrorCode[];
const LOG_FIELDS = ['LOG_VALUE_INVALID', 'LOG_VALUE_OUT_OF_RANGE', 'CHOICE_OPTION_ARCHIVED', 'LOG_TIME_INVALID'] as const satisfies readonly ErrorCode[];
const CSV_FILES = ['CSV_EMPTY', 'CSV_BINARY', 'CSV_TOO_LARGE', 'CSV_COLUMNS_INVALID', 'IMPORT_FILES_INVALID'] as const satisfies readonly ErrorCode[];

export const OPERATION_ERRORS = {
  // accounts
  listProfiles: [],
  signUp: [...PROFILE_FIELDS, 'EMAIL_TAKEN', 'PASSWORD_TOO_SHORT', 'BACKUP_CODE_TOO_SHORT', 'TIME_ZONE_INVALID'],
  logIn: ['LOGIN_FAILED', 'TOO_MANY_ATTEMPTS'],
  logOut: [],
  lock: [],
  currentProfile: [],
  resetPassword: ['LOGIN_FAILED', 'BACKUP_CODE_WRONG', 'PASSWORD_TOO_SHORT', 'TOO_MANY_ATTEMPTS'],
  changePassword: ['PASSWORD_WRONG', 'PASSWORD_TOO_SHORT', 'TOO_MANY_ATTEMPTS'],
  updateProfile: [...PROFILE_FIELDS, 'EMAIL_TAKEN'],
  deleteProfile: ['PASSWORD_WRONG', 'TOO_MANY_ATTEMPTS'],
  getSettings: [],
  updateSettings: ['TIME_ZONE_INVALID'],
  setStayUnlocked: ['STAY_UNLOCKED_UNAVAILABLE'],
  // trackers
  listTrackers: [],
  createTracker: TRACKER_FIELDS,
  updateTracker: [...TRACKER_FIELDS, 'TRACKER_NOT_FOUND', 'TRACKER_TYPE_LOCKED', 'CHOICE_MULTIPLE_LOCKED'],
  reorderTrackers: ['TRACKER_ORDER_INVALID'],
  deleteTracker: ['TRACKER_NOT_FOUND'],
  listDeletedTrackers: [],
  restoreTracker: ['TRACKER_NOT_FOUND', 'TRACKER_NAME_TAKEN'],
  purgeTracker: ['TRACKER_NOT_FOUND'],
  // logs
  addLog: ['TRACKER_NOT_FOUND', ...LOG_FIELDS],
  updateLog: ['TRACKER_NOT_FOUND', 'LOG_NOT_FOUND', ...LOG_FIELDS],
  deleteLog: ['TRACKER_NOT_FOUND', 'LOG_NOT_FOUND'],
  restoreLog: ['TRACKER_NOT_FOUND', 'LOG_EXISTS', ...LOG_FIELDS],
  listLogs: ['TRACKER_NOT_FOUND', 'LOG_TIME_INVALID', 'RANGE_INVALID'],
  listTimers: [],
  startTimer: ['TRACKER_NOT_FOUND', 'TIMER_NOT_SUPPORTED', 'TIMER_RUNNING'],
  stopTimer: ['TRACKER_NOT_FOUND', 'TIMER_NOT_RUNNING'],
  cancelTimer: ['TRACKER_NOT_FOUND', 'TIMER_NOT_RUNNING'],
  // insights
  dashboard: [],
  trackerStats: ['TRACKER_NOT_FOUND', 'RANGE_INVALID'],
  chartSeries: ['TRACKER_NOT_FOUND', 'RANGE_INVALID'],
  // CSV
  exportTrackersCsv: [],
  exportLogsCsv: ['TRACKER_NOT_FOUND'],
  exportLogsCsvChunk: ['TRACKER_NOT_FOUND', 'EXPORT_CURSOR_INVALID'],
  previewImport: CSV_FILES,
  commitImport: [...CSV_FILES, 'IMPORT_INVALID'],
  jobProgress: [],
  // jobs
  getMailSettings: [],
  updateMailSettings: ['MAIL_SETTINGS_INVALID'],
  sendTestMail: ['MAIL_NOT_SET_UP', 'MAIL_SETTINGS_INVALID', 'MAIL_LOGIN_REFUSED', 'MAIL_HOST_UNREACHABLE', 'MAIL_TLS_FAILED', 'MAIL_REJECTED', 'MAIL_TIMEOUT'],
  listActivity: [],
  listReports: [],
  getReport: ['REPORT_NOT_FOUND'],
  makeReport: ['RANGE_INVALID', 'NO_PRINTER', 'PRINT_FAILED'],
  reportPage: ['RANGE_INVALID'],
  // personal access tokens
  createAccessToken: ['ACCESS_TOKEN_NAME_INVALID', 'ACCESS_TOKEN_NAME_TAKEN', 'ACCESS_TOKEN_EXPIRY_INVALID', 'ACCESS_TOKEN_LIMIT'],
  listAccessTokens: [],
  revokeAccessToken: ['ACCESS_TOKEN_NOT_FOUND'],
  backupNow: ['BACKUP_FAILED', 'BACKUP_FOLDER_INVALID'],
  listBackups: [],
  updateBackupSettings: ['BACKUP_FOLDER_INVALID'],
  findBackups: [],
  previewBackup: ['BACKUP_NOT_FOUND', 'BACKUP_DAMAGED', 'BACKUP_TOO_NEW', 'BACKUP_PASSWORD_WRONG', 'TOO_MANY_ATTEMPTS'],
  restoreBackup: ['BACKUP_NOT_FOUND', 'BACKUP_DAMAGED', 'BACKUP_TOO_NEW', 'BACKUP_PASSWORD_WRONG', 'BACKUP_OF_ANOTHER_PROFILE', 'EMAIL_TAKEN', 'BACKUP_FAILED', 'TOO_MANY_ATTEMPTS'],
} as const satisfies Record<Method, readonly ErrorCode[]>;
