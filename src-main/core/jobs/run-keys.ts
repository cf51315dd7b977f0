/**
 * The keys runs are recorded under. A key names what a run was for, not when it ran, so a
 * restart that decides the same thing again finds it recorded and does nothing.
 */
import type { Day } from '../insights/days';

/** One tracker's nudge on one day: never twice, whichever notification carried it. */
export const nudgeKey = (day: Day, trackerId: string): string => `nudge:${day}:${trackerId}`;

/** The `n`th return of a tracker's snoozed nudge on `day` (jobs/snoozed-nudges.ts): its own key, so the day's nudge stays settled. */
export const snoozedNudgeKey = (day: Day, trackerId: string, n: number): string => `${nudgeKey(day, trackerId)}:snoozed:${n}`;

/** The report of a month (`YYYY-MM`). */
export const reportKey = (month: string): string => `report:${month}`;

/** The mail of a month's report: sent once, whatever the retries. */
export const reportMailKey = (month: string): string => `mail:${reportKey(month)}`;

/** The mail of the nudge due at `time` on `day` (one mail however many trackers it names). */
export const nudgeMailKey = (day: Day, time: string): string => `mail:nudge:${day}:${time}`;
