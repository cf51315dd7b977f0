/**
 * The keys runs are recorded under. A key names what a run was for, not when it ran, so a
 * restart that decides the same thing again finds it recorded and does nothing.
 */
import type { Day } from '../insights/days';

/** One tracker's nudge on one day: never twice, whichever notification carried it. */
export const nudgeKey = (day: Day, trackerId: string): string => `nudge:${day}:${trackerId}`;

/** The report of a month (`YYYY-MM`). */
export const reportKey = (month: string): string => `report:${month}`;
