/**
 * When the runner should look again: the earliest moment a nudge or the report could fall
 * due. It also wakes at the profile's next midnight (a new day brings new nudges and may
 * bring the 1st) and at least hourly, so a clock that jumps (sleep, a manual change) is
 * noticed within the hour even if the shell misses the resume event. Whatever is due already
 * is for `dueNudges`/`dueReport` to answer now; this answers only the future.
 */
import type { NudgeSettings, ReportSettings } from '../../../src-preload/contract/jobs';
import { nudgeSettingsSchema, reportSettingsSchema } from '../../../src-preload/contract/jobs';
import { addDays } from '../insights/days';
import { calendarFor, checked, epochOf, recordedKeys, type RunKeys } from './job-input';
import { candidatesOf, dueOn, type NudgeTracker } from './nudges';
import { nudgeKey, reportKey } from '../../../src-preload/jobs/run-keys';
import { monthOf, previousMonthStart, wallClockMoment } from './wall-clock';

/** The longest the runner sleeps between looks. */
export const MAX_CHECK_INTERVAL_MS = 3_600_000;

export interface NextCheckInput {
  readonly now: Date;
  readonly timeZone: string;
  readonly nudges: NudgeSettings;
  readonly reports: ReportSettings;
  readonly trackers: readonly NudgeTracker[];
  readonly runs: RunKeys;
}

/**
 * The next moment to look, always later than `now`. Entries are not asked for: a tracker
 * logged today still counts as one that could fall due (its entry may be deleted), and a
 * look that finds nothing costs little.
 *
 * @throws AppFailure INVALID_INPUT (bad date or settings) or TIME_ZONE_INVALID.
 */
export function nextCheckAt(input: NextCheckInput): Date {
  const now = epochOf(input.now, 'now');
  const calendar = calendarFor(input.timeZone, 'timeZone');
  const nudges = checked(nudgeSettingsSchema, input.nudges, 'nudges');
  const reports = checked(reportSettingsSchema, input.reports, 'reports');
  const recorded = recordedKeys(input.runs);
  const today = calendar.dayOf(now);

  const moments = [now + MAX_CHECK_INTERVAL_MS, calendar.startOf(addDays(today, 1))];
  if (nudges.enabled) {
    for (const candidate of candidatesOf(input.trackers)) {
      const at = dueOn(candidate, today, calendar, nudges.time);
      if (at !== null && !recorded.has(nudgeKey(today, candidate.tracker.id))) moments.push(at);
    }
  }
  if (reports.enabled && today.endsWith('-01') && !recorded.has(reportKey(monthOf(previousMonthStart(today))))) {
    moments.push(wallClockMoment(calendar, today, reports.time));
  }
  return new Date(Math.min(...moments.filter((moment) => moment > now)));
}
