/**
 * Reading a log time in an import, a million times: the exact form our export writes
 * (`2026-11-25T08:30:00+01:00`, `…T07:30:00.250Z`) is checked with one strict regex and
 * read digit by digit, and when the offset does not move the moment to another UTC day
 * the stored text is built by hand — a Date and its `toISOString()` cost about ten times
 * more. Anything else goes to `parseLogTime`, so what is accepted and how it is stored
 * stay exactly the same (tests/unit/core/csv-log-time.test.ts compares the two).
 */
import { parseLogTime, type LogTime } from '../domain/log-time';

const EXACT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3})?(?:Z|[+-]\d{2}:\d{2})$/;
const MAX_OFFSET_MINUTES = 14 * 60;
const NO_NOW = new Date(0);
const TWO_DIGITS = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, '0'));

const digit = (text: string, at: number): number => text.charCodeAt(at) - 48;
const twoDigits = (text: string, at: number): number => digit(text, at) * 10 + digit(text, at + 1);
const daysIn = (year: number, month: number): number =>
  month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;

/** The stored form of `text`; throws LOG_TIME_INVALID (an AppFailure) as `parseLogTime` does. */
export function readLogTime(text: string): LogTime {
  return (EXACT.test(text) && sameDay(text)) || parseLogTime(text, NO_NOW, () => 0);
}

/** The stored form when `text` is valid and stays on its UTC day; else null (the general parser decides). */
function sameDay(text: string): LogTime | null {
  const year = twoDigits(text, 0) * 100 + twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || minute > 59 || twoDigits(text, 17) > 59) return null;
  const millis = text.charCodeAt(19) === 46 ? text.slice(20, 23) : '000';
  const zone = text.length - 6;
  let offsetMinutes = 0;
  if (text.charCodeAt(text.length - 1) !== 90) {
    const offsetMinutePart = twoDigits(text, zone + 4);
    if (offsetMinutePart > 59) return null;
    offsetMinutes = (text.charCodeAt(zone) === 45 ? -1 : 1) * (twoDigits(text, zone + 1) * 60 + offsetMinutePart);
    if (Math.abs(offsetMinutes) > MAX_OFFSET_MINUTES) return null;
  }
  const minuteOfDay = hour * 60 + minute - offsetMinutes;
  if (minuteOfDay < 0 || minuteOfDay >= 1440) return null;
  const at = `${text.slice(0, 11)}${TWO_DIGITS[Math.floor(minuteOfDay / 60)] as string}:${TWO_DIGITS[minuteOfDay % 60] as string}:${text.slice(17, 19)}.${millis}Z`;
  return { at, offsetMinutes: offsetMinutes === 0 ? 0 : offsetMinutes };
}
