/**
 * A clock time on a day in the profile's zone → the one moment it stands for, and back.
 * Daylight-saving days make this ambiguous, so the rule is the one calendars use (RFC 5545
 * §3.3.5, Temporal's `compatible`): a time inside a spring-forward gap is read with the
 * offset before the gap, i.e. pushed forward by the gap's length (02:30 → 03:30 in Berlin
 * on the last Sunday of March); a time that occurs twice on a fall-back day is its first
 * occurrence (02:30 summer time in Berlin, 01:30 EDT in New York). `TZDate` is not used for
 * this: for a repeated hour it picks the first occurrence in New York but the second in
 * Berlin (@date-fns/tz 1.5.0).
 */
import type { ClockTime } from '../../../src-preload/contract/jobs';
import type { DayCalendar } from '../insights/day-calendar';
import { dayFromNumber, dayNumber, type Day } from '../insights/days';

const MS_PER_DAY = 86_400_000;
const MS_PER_MINUTE = 60_000;

/** Minutes after midnight of an `HH:MM` already checked by the contract's `clockTime`. */
export const minutesOf = (time: ClockTime): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** The moment (epoch ms) the clock in `calendar`'s zone shows `time` on `day`, by the rule above. */
export function wallClockMoment(calendar: DayCalendar, day: Day, time: ClockTime): number {
  // The wall time read as if it were UTC; the zone's offset turns it into the real moment.
  const wall = dayNumber(day) * MS_PER_DAY + minutesOf(time) * MS_PER_MINUTE;
  // Zones change their offset at most once in two days, so the offsets a day either side
  // are the only candidates: one fits (a normal time), two fit (a repeated hour) or none (a gap).
  const before = calendar.offsetAt(wall - MS_PER_DAY);
  const after = calendar.offsetAt(wall + MS_PER_DAY);
  const fits = [before, after]
    .map((offset) => wall - offset * MS_PER_MINUTE)
    .filter((moment) => calendar.offsetAt(moment) * MS_PER_MINUTE === wall - moment);
  return fits.length > 0 ? Math.min(...fits) : wall - before * MS_PER_MINUTE;
}

/** The clock time (`HH:MM`) a moment shows in `calendar`'s zone. */
export function clockTimeAt(calendar: DayCalendar, moment: number): ClockTime {
  const minutes = Math.floor((moment + calendar.offsetAt(moment) * MS_PER_MINUTE) / MS_PER_MINUTE);
  const ofDay = ((minutes % 1440) + 1440) % 1440;
  return `${String(Math.floor(ofDay / 60)).padStart(2, '0')}:${String(ofDay % 60).padStart(2, '0')}`;
}

/** ISO weekday of a civil day: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export const isoWeekday = (day: Day): number => ((((dayNumber(day) + 3) % 7) + 7) % 7) + 1;

/** `YYYY-MM` of a day. */
export const monthOf = (day: Day): string => day.slice(0, 7);

/** The first day of the month before the month of `day`. */
export const previousMonthStart = (day: Day): Day => `${dayFromNumber(dayNumber(`${monthOf(day)}-01`) - 1).slice(0, 7)}-01`;
