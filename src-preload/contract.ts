/**
 * The contract: every operation the UI may ask of the app, with the schema of its input
 * and output (`operations.ts` adds each one's session rule and REST route). It is the
 * single source for the preload bridge, the IPC handlers, the REST routes and the
 * renderer's `api` type; `tests/desktop/contract-sides.test.ts` fails when any side
 * misses or adds an operation. The schemas live by feature in `contract/`.
 *
 * Schemas here check *shape* (a string is a string). Domain rules (a valid e-mail, an age
 * from 1 to 130, a password long enough) live in the core, which answers with a specific
 * error code the UI can explain; see `src-main/core/errors.ts`.
 */
import type { z } from 'zod';
import { accessTokenOperations } from './contract/access-tokens';
import { accountOperations } from './contract/accounts';
import { backupOperations } from './contract/backups';
import { csvOperations } from './contract/csv';
import { insightOperations } from './contract/insights';
import { jobOperations } from './contract/jobs';
import { logOperations } from './contract/logs';
import type { Result } from './contract/shared';
import { trackerOperations } from './contract/trackers';

export * from './contract/access-tokens';
export * from './contract/accounts';
export * from './contract/backups';
export * from './contract/csv';
export * from './contract/errors';
export * from './contract/insights';
export * from './contract/jobs';
export * from './contract/logs';
export * from './contract/shared';
export * from './contract/trackers';

export const contract = { ...accountOperations, ...trackerOperations, ...logOperations, ...insightOperations, ...csvOperations, ...jobOperations, ...accessTokenOperations, ...backupOperations } as const;

export type Contract = typeof contract;
export type Method = keyof Contract;
export type Input<M extends Method> = z.input<Contract[M]['input']>;
export type ParsedInput<M extends Method> = z.output<Contract[M]['input']>;
export type Output<M extends Method> = z.output<Contract[M]['output']>;

/** What the renderer sees: one async function per operation. */
export type Api = { [M in Method]: (input: Input<M>) => Promise<Result<Output<M>>> };
