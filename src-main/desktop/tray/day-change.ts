/**
 * When "today" ends for the person: at midnight in their profile's time zone (where the
 * core counts days), which may differ from the computer's.
 */
import { DayCalendar } from '../../core/insights/day-calendar';
import { addDays } from '../../core/insights/days';

/**
 * A timer may fire a moment early by the clock the core reads; waking a little after
 * midnight makes sure the core already sees the new day.
 */
export const DAY_CHANGE_SLACK_MS = 1_000;

/** Milliseconds from `nowMs` to the start of the next day in `timeZone` (an unknown zone counts as UTC). */
export function msUntilNextDay(nowMs: number, timeZone: string): number {
  const calendar = new DayCalendar(timeZone);
  return calendar.startOf(addDays(calendar.dayOf(nowMs), 1)) - nowMs;
}
