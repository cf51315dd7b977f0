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
  signUp: { session: 'opens', route: 'POST /api/profiles' },
  logIn: { session: 'opens', route: 'POST /api/session' },
  logOut: { session: 'closes', route: 'DELETE /api/session' },
  resetPassword: { session: 'public', route: 'POST /api/password-reset' },
  currentProfile: { session: 'public', route: 'GET /api/session' },
  listTrackers: { session: 'session', route: 'GET /api/trackers' },
  createTracker: { session: 'session', route: 'POST /api/trackers' },
  deleteTracker: { session: 'session', route: 'DELETE /api/trackers/:trackerId' },
  addLog: { session: 'session', route: 'POST /api/trackers/:trackerId/logs' },
  listLogs: { session: 'session', route: 'GET /api/trackers/:trackerId/logs' },
} as const satisfies Record<Method, OperationInfo>;

export type Operations = typeof OPERATIONS;

export const API_METHODS = Object.keys(OPERATIONS) as Method[];

/** The IPC channel of an operation. */
export const channelOf = (method: Method) => `api:${method}` as const;
