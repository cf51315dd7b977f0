/**
 * The REST route of every operation, copied from the contract so the renderer bundle does
 * not carry zod (the contract's runtime object builds its schemas at import time).
 * `tests/component/routes.test.ts` fails when this table and the contract drift apart;
 * the `satisfies` clause rejects a missing or extra operation at compile time.
 */
import type { Method, Route } from '../../../src-preload/contract';

export const ROUTES = {
  signUp: 'POST /api/profiles',
  logIn: 'POST /api/session',
  logOut: 'DELETE /api/session',
  resetPassword: 'POST /api/password-reset',
  currentProfile: 'GET /api/session',
  listTrackers: 'GET /api/trackers',
  createTracker: 'POST /api/trackers',
  deleteTracker: 'DELETE /api/trackers/:trackerId',
  addLog: 'POST /api/trackers/:trackerId/logs',
  listLogs: 'GET /api/trackers/:trackerId/logs',
} as const satisfies Record<Method, Route>;
