/**
 * The contract's operations without their schemas: name, session rule and REST route.
 * It is zod-free so the sandboxed preload and the renderer can import it without
 * bundling the schemas; the `satisfies` clause makes the compiler reject a table that
 * misses or adds an operation of `contract.ts`.
 */
import type { Method } from './contract';

/**
 * How an operation relates to the person's session: `public` needs none,
 * `opens` starts one on success (its output carries the profile), `closes` ends it,
 * `session` refuses to run without one.
 */
export type SessionRule = 'public' | 'opens' | 'closes' | 'session';

/** The rules under which an operation runs only for a logged-in person. */
export type SessionBound = Extract<SessionRule, 'session' | 'closes'>;

/** Whether `method` needs a session: the one statement of the rule, read by the core and both shells. */
export const needsSession = (method: Method): boolean => {
  const rule: SessionRule = OPERATIONS[method].session;
  return rule === 'session' || rule === 'closes';
};

/**
 * The REST route of an operation in the browser shell. `:name` segments are taken from
 * (and put into) the input's field of that name; the other fields travel as the JSON body.
 */
export type Route = `${'GET' | 'POST' | 'PATCH' | 'DELETE'} /api/${string}`;

export interface OperationInfo {
  readonly session: SessionRule;
  readonly route: Route;
}

export const OPERATIONS = {
  // accounts
  listProfiles: { session: 'public', route: 'GET /api/profiles' },
  signUp: { session: 'opens', route: 'POST /api/profiles' },
  logIn: { session: 'opens', route: 'POST /api/session' },
  logOut: { session: 'closes', route: 'DELETE /api/session' },
  lock: { session: 'closes', route: 'POST /api/session/lock' },
  currentProfile: { session: 'public', route: 'GET /api/session' },
  resetPassword: { session: 'public', route: 'POST /api/password-reset' },
  changePassword: { session: 'session', route: 'POST /api/profile/password' },
  updateProfile: { session: 'session', route: 'PATCH /api/profile' },
  deleteProfile: { session: 'closes', route: 'POST /api/profile/deletion' },
  getSettings: { session: 'session', route: 'GET /api/settings' },
  updateSettings: { session: 'session', route: 'PATCH /api/settings' },
  setStayUnlocked: { session: 'session', route: 'POST /api/settings/stay-unlocked' },
  // trackers
  listTrackers: { session: 'session', route: 'GET /api/trackers' },
  createTracker: { session: 'session', route: 'POST /api/trackers' },
  updateTracker: { session: 'session', route: 'PATCH /api/trackers/:trackerId' },
  reorderTrackers: { session: 'session', route: 'POST /api/trackers/order' },
  deleteTracker: { session: 'session', route: 'DELETE /api/trackers/:trackerId' },
  listDeletedTrackers: { session: 'session', route: 'GET /api/trash' },
  restoreTracker: { session: 'session', route: 'POST /api/trash/:trackerId/restore' },
  purgeTracker: { session: 'session', route: 'DELETE /api/trash/:trackerId' },
  // logs
  addLog: { session: 'session', route: 'POST /api/trackers/:trackerId/logs' },
  updateLog: { session: 'session', route: 'PATCH /api/trackers/:trackerId/logs/:logId' },
  deleteLog: { session: 'session', route: 'DELETE /api/trackers/:trackerId/logs/:logId' },
  restoreLog: { session: 'session', route: 'POST /api/logs/restore' },
  listLogs: { session: 'session', route: 'POST /api/trackers/:trackerId/logs/query' },
  listTimers: { session: 'session', route: 'GET /api/timers' },
  startTimer: { session: 'session', route: 'POST /api/trackers/:trackerId/timer' },
  stopTimer: { session: 'session', route: 'POST /api/trackers/:trackerId/timer/stop' },
  cancelTimer: { session: 'session', route: 'DELETE /api/trackers/:trackerId/timer' },
  // insights
  dashboard: { session: 'session', route: 'GET /api/dashboard' },
  trackerStats: { session: 'session', route: 'POST /api/trackers/:trackerId/stats' },
  chartSeries: { session: 'session', route: 'POST /api/trackers/:trackerId/chart' },
  // CSV
  exportTrackersCsv: { session: 'session', route: 'GET /api/export/trackers' },
  exportLogsCsv: { session: 'session', route: 'POST /api/export/logs' },
  exportLogsCsvChunk: { session: 'session', route: 'POST /api/export/logs/chunk' },
  previewImport: { session: 'session', route: 'POST /api/import/preview' },
  commitImport: { session: 'session', route: 'POST /api/import' },
  jobProgress: { session: 'session', route: 'GET /api/progress' },
  // jobs: mail settings and the record of runs
  getMailSettings: { session: 'session', route: 'GET /api/settings/mail' },
  updateMailSettings: { session: 'session', route: 'POST /api/settings/mail' },
  sendTestMail: { session: 'session', route: 'POST /api/settings/mail/test' },
  listActivity: { session: 'session', route: 'POST /api/activity/query' },
  listReports: { session: 'session', route: 'GET /api/reports' },
  getReport: { session: 'session', route: 'GET /api/reports/:month' },
  makeReport: { session: 'session', route: 'POST /api/reports/:month' },
  reportPage: { session: 'session', route: 'GET /api/reports/:month/page' },
  // personal access tokens: the person's own (see PERSON_ONLY)
  createAccessToken: { session: 'session', route: 'POST /api/tokens' },
  listAccessTokens: { session: 'session', route: 'GET /api/tokens' },
  revokeAccessToken: { session: 'session', route: 'DELETE /api/tokens/:tokenId' },
  // backups: the profile's own, and restoring one from the picker (public, proven by the backup's password)
  backupNow: { session: 'session', route: 'POST /api/backups' },
  listBackups: { session: 'session', route: 'GET /api/backups' },
  updateBackupSettings: { session: 'session', route: 'PATCH /api/backups/settings' },
  findBackups: { session: 'public', route: 'GET /api/restore/backups' },
  previewBackup: { session: 'public', route: 'POST /api/restore/preview' },
  restoreBackup: { session: 'public', route: 'POST /api/restore' },
} as const satisfies Record<Method, OperationInfo>;

export type Operations = typeof OPERATIONS;

export const API_METHODS = Object.keys(OPERATIONS) as Method[];

/**
 * Operations that only read although their route is a POST (their input is too rich for a
 * query string). Running them again changes nothing, and their answers can be large.
 */
const READS_BY_POST: ReadonlySet<Method> = new Set<Method>([
  'listLogs',
  'trackerStats',
  'chartSeries',
  'exportLogsCsv',
  'exportLogsCsvChunk',
  'previewImport',
  'listActivity',
  'previewBackup',
]);

/**
 * Whether an operation only reads: a GET route, or one of the reads sent by POST. Anything
 * else counts as a write (the safe side): a shell refreshes what it shows after one, and the
 * REST API honours an `Idempotency-Key` on it.
 */
export const onlyReads = (method: Method): boolean => OPERATIONS[method].route.startsWith('GET ') || READS_BY_POST.has(method);

/**
 * Operations a personal access token may never call, whatever its scope: they open, end or
 * change the person's account and its secrets, or manage the tokens themselves. A script's
 * token reads and writes the person's trackers and logs; it does not own the profile.
 */
const PERSON_ONLY: ReadonlySet<Method> = new Set<Method>([
  'signUp',
  'logIn',
  'logOut',
  'lock',
  'resetPassword',
  'changePassword',
  'updateProfile',
  'deleteProfile',
  'setStayUnlocked',
  'createAccessToken',
  'listAccessTokens',
  'revokeAccessToken',
  // where backups go, and restoring one over the profile: the person's, like the password
  'updateBackupSettings',
  'findBackups',
  'previewBackup',
  'restoreBackup',
]);

/** What a token needs to call an operation: a `read` scope, the `read-write` scope, or `never`. */
export type TokenAccess = 'read' | 'write' | 'never';

/**
 * The one statement of what a personal access token may call, read by the core (which
 * enforces it: core/access-guard.ts) and by the documentation: the person-only operations
 * never; every other operation that only reads with any token; every other write with a
 * `read-write` token only.
 */
export const tokenAccess = (method: Method): TokenAccess => (PERSON_ONLY.has(method) ? 'never' : onlyReads(method) ? 'read' : 'write');

/** The IPC channel of an operation. */
export const channelOf = (method: Method) => `api:${method}` as const;
