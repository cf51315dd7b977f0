/**
 * Every expected failure has a stable code (tests assert it) and a human message (the UI
 * shows it). Core code throws `AppFailure`; the dispatcher turns it into a `Result`.
 */
import type { AppError, ErrorCode, FieldIssue } from '../../src-preload/contract';

export type { ErrorCode } from '../../src-preload/contract';

export class AppFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    /** Every field found wrong, this failure first (see `checkEach`); empty when it is the only one. */
    readonly issues: readonly FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'AppFailure';
  }

  toAppError(): AppError {
    const error: AppError = this.field === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, field: this.field };
    return this.issues.length > 1 ? { ...error, issues: this.issues } : error;
  }
}

type Checks<T extends readonly unknown[]> = { readonly [K in keyof T]: () => T[K] };

/**
 * Run every check of a form's fields, not only up to the first that fails: a person then
 * sees all that is wrong at once. Their values when all pass; else one failure, the first,
 * carrying every field failure as `issues`. Other errors pass through untouched.
 */
export function checkEach<T extends readonly unknown[]>(...checks: Checks<T>): T {
  const values: unknown[] = [];
  const failures: AppFailure[] = [];
  for (const check of checks) {
    try {
      values.push(check());
    } catch (error) {
      if (!(error instanceof AppFailure) || error.field === undefined) throw error;
      failures.push(error);
    }
  }
  const first = failures[0];
  if (first === undefined) return values as unknown as T;
  const issues = failures.map((failure) => ({ code: failure.code, message: failure.message, field: failure.field ?? '' }));
  throw new AppFailure(first.code, first.message, first.field, issues);
}

export const fail = (code: ErrorCode, message: string, field?: string): never => {
  throw new AppFailure(code, message, field);
};
