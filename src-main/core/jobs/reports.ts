/**
 * Whether the monthly report is due: the previous month's, on the 1st at the set time in the
 * profile's zone. Pure, like the nudges: the runner makes `make`, records it and the `missed`
 * ones, then saves `now` as its last check.
 */
import type { ReportSettings } from '../../../src-preload/contract/jobs';
import { reportSettingsSchema } from '../../../src-preload/contract/jobs';
import type { DayCalendar } from '../insights/day-calendar';
import { nextMonthStart, type Day } from '../insights/days';
import { calendarFor, checked, epochOf, epochOfText, lastCheckOf, recordedKeys, type LastCheck, type RunKeys } from './job-input';
import { reportKey } from '../../../src-preload/jobs/run-keys';
import { monthOf, previousMonthStart, wallClockMoment } from './wall-clock';

/**
 * How many months before the one made a catch-up records as `missed`. Only the newest
 * missed month is made: after a long absence one report arrives, not a stack of them (and
 * of mails); older months stay in the Activity view and can be made on demand.
 */
export const MISSED_REPORT_MONTHS = 12;

export interface ReportInput {
  readonly now: Date;
  readonly timeZone: string;
  readonly reports: ReportSettings;
  /** UTC ISO. No report for a month that ended before the profile existed. */
  readonly profileCreatedAt: string;
  readonly runs: RunKeys;
  /** Null before the first look: then no older month is recorded as missed. */
  readonly lastCheck: LastCheck | null;
}

export interface DueReport {
  /** `YYYY-MM`, the month reported on. */
  readonly month: string;
  readonly key: string;
  /** The 1st of the next month at the report time. */
  readonly dueAt: Date;
}

export interface ReportDecision {
  /** The newest month whose report is due and was never made: make it, record `done` (or `failed`). */
  readonly make: DueReport | null;
  /** Older months whose time came while the app was closed or the profile locked: record `missed`. Newest first. */
  readonly missed: readonly DueReport[];
}

const dueOf = (monthStart: Day, calendar: DayCalendar, reports: ReportSettings): number => wallClockMoment(calendar, nextMonthStart(monthStart), reports.time);

/**
 * The report decision for one profile at `now`. The month made is the newest whose due
 * moment has passed, however late (a start on the 20th still makes it); never twice (its
 * key recorded under any outcome settles it); never for a month that ended before the
 * profile was created.
 *
 * @throws AppFailure INVALID_INPUT (bad date or settings) or TIME_ZONE_INVALID.
 */
export function dueReport(input: ReportInput): ReportDecision {
  const now = epochOf(input.now, 'now');
  const calendar = calendarFor(input.timeZone, 'timeZone');
  const reports = checked(reportSettingsSchema, input.reports, 'reports');
  const createdAt = epochOfText(input.profileCreatedAt, 'profileCreatedAt');
  const lastCheck = lastCheckOf(input.lastCheck);
  if (!reports.enabled) return { make: null, missed: [] };

  const recorded = recordedKeys(input.runs);
  const existedIn = (monthStart: Day): boolean => createdAt < calendar.startOf(nextMonthStart(monthStart));
  const report = (monthStart: Day): DueReport => {
    const month = monthOf(monthStart);
    return { month, key: reportKey(month), dueAt: new Date(dueOf(monthStart, calendar, reports)) };
  };

  let newest = previousMonthStart(calendar.dayOf(now));
  if (dueOf(newest, calendar, reports) > now) newest = previousMonthStart(newest);
  if (!existedIn(newest)) return { make: null, missed: [] };

  const missed: DueReport[] = [];
  if (lastCheck !== null) {
    let month = newest;
    for (let back = 1; back <= MISSED_REPORT_MONTHS; back += 1) {
      month = previousMonthStart(month);
      // As for nudges: judged in the zone of the last check; due no later than it, it was decided then (and so was every older month).
      if (!existedIn(month) || dueOf(month, lastCheck.calendar, reports) <= lastCheck.at) break;
      if (!recorded.has(reportKey(monthOf(month)))) missed.push(report(month));
    }
  }
  return { make: recorded.has(reportKey(monthOf(newest))) ? null : report(newest), missed };
}
