/**
 * Every expected failure has a stable code (tests assert it) and a human message (the UI
 * shows it). Core code throws `AppFailure`; the dispatcher turns it into a `Result`.
 */
import type { AppError, ErrorCode } from '../../src-preload/contract';

export type { ErrorCode } from '../../src-preload/contract';

export class AppFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'AppFailure';
  }

  toAppError(): AppError {
    return this.field === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, field: this.field };
  }
}

export const fail = (code: ErrorCode, message: string, field?: string): never => {
  throw new AppFailure(code, message, field);
};
