/**
 * Whether today's backup is due: one a day, at the first look of the day in the profile's
 * zone (the app may be opened at any hour, so there is no set time to wait for). Pure, like
 * the nudges and the report: the runner makes it, records it under `backup:<YYYY-MM-DD>`,
 * and a key recorded under any outcome (a backup made by hand that day included) settles the
 * day. Days that passed while the app was closed or the profile locked are not made up, nor
 * recorded missed: a backup is a picture of now, so the next look makes one, not a stack.
 */
import { backupKey } from '../../../src-preload/jobs/run-keys';
import type { Day } from '../insights/days';
import { calendarFor, epochOf, lastCheckOf, recordedKeys, type LastCheck, type RunKeys } from './job-input';

/** What the schedule reads of the profile's backup settings. */
export interface BackupSchedule {
  readonly enabled: boolean;
}

export interface DueBackup {
  readonly day: Day;
  readonly key: string;
}

/**
 * The backup to make at `now`, or null (backups off, or today's settled). `lastCheck` is
 * checked like every decision's input but changes nothing: whatever was missed, one backup.
 *
 * @throws AppFailure INVALID_INPUT (bad date) or TIME_ZONE_INVALID.
 */
export function dueBackup(now: Date, timeZone: string, settings: BackupSchedule, runs: RunKeys, lastCheck: LastCheck | null): DueBackup | null {
  const at = epochOf(now, 'now');
  const calendar = calendarFor(timeZone, 'timeZone');
  lastCheckOf(lastCheck);
  if (!settings.enabled) return null;
  const day = calendar.dayOf(at);
  const key = backupKey(day);
  return recordedKeys(runs).has(key) ? null : { day, key };
}
