/**
 * The names of the contract's operations, without its schemas, so the sandboxed preload
 * can be bundled without zod. The `satisfies` clause makes the compiler reject a list
 * that misses or adds a name.
 */
import type { Method } from './contract';

const methods = {
  signUp: true,
  logIn: true,
  logOut: true,
  resetPassword: true,
  currentProfile: true,
  listTrackers: true,
  createTracker: true,
  deleteTracker: true,
  addLog: true,
  listLogs: true,
} as const satisfies Record<Method, true>;

export const API_METHODS = Object.keys(methods) as Method[];

/** The IPC channel of an operation. */
export const channelOf = (method: Method) => `api:${method}` as const;
