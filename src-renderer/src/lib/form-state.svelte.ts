/**
 * The state every form shares: one request at a time, and the last error, shown next to
 * the field it names or at the top of the form when it names none this form has. An error
 * about several fields (`issues`) shows next to each of them at once.
 */
import type { AppError, Result } from '../../../src-preload/contract';

/** Does the core's `field` (e.g. `settings.options.2`) point at the form field `name`? */
const pointsAt = (field: string | undefined, name: string): boolean => field !== undefined && (field === name || field.split('.').includes(name));

/** Each problem an error names: its issues, or the error itself. */
const issuesOf = (error: AppError): readonly AppError[] => (error.issues && error.issues.length > 0 ? error.issues : [error]);

export class FormState {
  busy = $state(false);
  error = $state.raw<AppError | null>(null);

  /** @param fields the names of this form's fields, as the core names them in `error.field` */
  constructor(private readonly fields: readonly string[]) {}

  /** The message for one field, or undefined. */
  fieldError(name: string): string | undefined {
    if (!this.error) return undefined;
    return issuesOf(this.error).find((issue) => pointsAt(issue.field, name))?.message;
  }

  /** The message no field of this form can show. */
  get topError(): string | undefined {
    if (!this.error) return undefined;
    return issuesOf(this.error).find((issue) => !this.fields.some((name) => pointsAt(issue.field, name)))?.message;
  }

  /**
   * The person changed `field` (as the core names it): an error about it described what is
   * no longer there, so it goes at once rather than staying until the next submit, which
   * checks the field again. Errors about other fields stay.
   */
  edited(field: string): void {
    if (!this.error) return;
    const issues = issuesOf(this.error);
    const left = issues.filter((issue) => !pointsAt(issue.field, field));
    if (left.length === issues.length) return;
    const [first] = left;
    this.error = first === undefined ? null : { ...first, issues: left.map((issue) => ({ code: issue.code, message: issue.message, field: issue.field ?? '' })) };
  }

  /** Show an error found before asking the app (e.g. nothing chosen). */
  reject(message: string, field?: string): void {
    this.error = field === undefined ? { code: 'INVALID_INPUT', message } : { code: 'INVALID_INPUT', message, field };
  }

  /**
   * Run one request; ignored while another is in flight. Returns the value on success,
   * undefined on failure (the error is then shown).
   */
  async submit<T>(request: () => Promise<Result<T>>): Promise<T | undefined> {
    if (this.busy) return undefined;
    this.busy = true;
    this.error = null;
    try {
      const result = await request();
      if (result.ok) return result.value;
      this.error = result.error;
      return undefined;
    } catch (cause) {
      this.error = { code: 'INTERNAL', message: cause instanceof Error ? cause.message : String(cause) };
      return undefined;
    } finally {
      this.busy = false;
    }
  }
}
