/**
 * The keys runs are recorded under. A key names what a run was for, not when it ran, so a
 * restart that decides the same thing again finds it recorded and does nothing. Shared by the
 * core, which records runs, and the page, which reads the tracker of a nudge run.
 */
/** A day as `YYYY-MM-DD`. */
type Day = string;

/** One tracker's nudge on one day: never twice, whichever notification carried it. */
export const nudgeKey = (day: Day, trackerId: string): string => `nudge:${day}:${trackerId}`;

const NUDGE_KEY = /^nudge:(\d{4}-\d{2}-\d{2}):([^:]+)(?::snoozed:\d+)?$/;

/** The day and tracker a nudge run's key names (the day's nudge or a snoozed one's return); null for any other key. */
export function nudgeOfKey(key: string): { readonly day: Day; readonly trackerId: string } | null {
  const match = NUDGE_KEY.exec(key);
  return match?.[1] === undefined || match[2] === undefined ? null : { day: match[1], trackerId: match[2] };
}

/** The `n`th return of a tracker's snoozed nudge on `day` (jobs/snoozed-nudges.ts): its own key, so the day's nudge stays settled. */
export const snoozedNudgeKey = (day: Day, trackerId: string, n: number): string => `${nudgeKey(day, trackerId)}:snoozed:${n}`;

/** The report of a month (`YYYY-MM`). */
export const reportKey = (month: string): string => `report:${month}`;

/** The mail of a month's report: sent once, whatever the retries. */
export const reportMailKey = (month: string): string => `mail:${reportKey(month)}`;

/** The mail of the nudge due at `time` on `day` (one mail however many trackers it names). */
export const nudgeMailKey = (day: Day, time: string): string => `mail:nudge:${day}:${time}`;

/** The day's backup (`YYYY-MM-DD` in the profile's zone): made once, by the schedule or by hand. */
export const backupKey = (day: Day): string => `backup:${day}`;
