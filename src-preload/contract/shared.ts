/** Building blocks shared by the contract's feature files. */
import { z } from 'zod';
import type { ErrorCode } from './errors';

export const id = z.string().min(1).max(64);
export const text = (max: number) => z.string().max(max);
/** A calendar day in the person's time zone, `YYYY-MM-DD`. */
export const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Expected a day as YYYY-MM-DD.');
export const empty = z.object({}).strict();
export const nothing = z.object({});

/** An operation's schemas; its session rule and route are in `operations.ts`. */
export interface Operation<I extends z.ZodType, O extends z.ZodType> {
  readonly input: I;
  readonly output: O;
}
export const op = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O): Operation<I, O> => ({ input, output });

/**
 * Expected failures travel as values: Electron passes only an error's `message` across
 * IPC, so a thrown error would lose its code.
 */
export interface AppError {
  readonly code: ErrorCode;
  readonly message: string;
  /** The input field the error is about, when there is one (for forms). */
  readonly field?: string;
  /**
   * When several fields are wrong at once (sign-up checks them all): every one of them, this
   * error's own first, so a form can show each message next to its field in one go.
   */
  readonly issues?: readonly FieldIssue[];
}

/** One field's problem within an error that names several. */
export interface FieldIssue {
  readonly code: ErrorCode;
  readonly message: string;
  readonly field: string;
}
export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: AppError };
