/**
 * What every scheduling decision checks first. The store validates settings when they are
 * written, so bad input here is a caller's bug or damaged data: it is refused with a typed
 * error instead of nudging at a wrong hour (the statistics fall back to UTC for an unknown
 * zone; a schedule must not).
 */
import type { z } from 'zod';
import type { JobRun } from '../../../src-preload/contract/jobs';
import { fail } from '../errors';
import { DayCalendar } from '../insights/day-calendar';
import { validTimeZone } from '../services/time-zones';

/**
 * The runner's previous look at this profile (made while it was unlocked), saved after the
 * runs it decided were recorded. Due moments up to `at`, in the zone of that look, were
 * decided then; a past day's nudge due later than that came while nobody could show it.
 */
export interface LastCheck {
  readonly at: Date;
  readonly timeZone: string;
}

/** The run record as the decisions read it: a key recorded under any outcome is settled. */
export type RunKeys = readonly Pick<JobRun, 'key'>[];

export const calendarFor = (timeZone: string, field: string): DayCalendar => new DayCalendar(validTimeZone(String(timeZone), field));

export function epochOf(moment: Date, field: string): number {
  const epoch = moment instanceof Date ? moment.getTime() : Number.NaN;
  return Number.isFinite(epoch) ? epoch : fail('INVALID_INPUT', `${field} must be a valid date.`, field);
}

export function epochOfText(text: string, field: string): number {
  const epoch = typeof text === 'string' ? Date.parse(text) : Number.NaN;
  return Number.isFinite(epoch) ? epoch : fail('INVALID_INPUT', `${field} must be an ISO-8601 time.`, field);
}

/** Parses with the contract's schema (the one home of the rule) and names the bad field. */
export function checked<T>(schema: z.ZodType<T>, value: unknown, field: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = [field, ...(issue?.path ?? []).map(String)].join('.');
  return fail('INVALID_INPUT', `${path}: ${issue?.message ?? 'invalid'}`, path);
}

export function lastCheckOf(lastCheck: LastCheck | null): { readonly at: number; readonly calendar: DayCalendar } | null {
  if (lastCheck === null) return null;
  return { at: epochOf(lastCheck.at, 'lastCheck.at'), calendar: calendarFor(lastCheck.timeZone, 'lastCheck.timeZone') };
}

export const recordedKeys = (runs: RunKeys): ReadonlySet<string> => new Set(runs.map((run) => run.key));
