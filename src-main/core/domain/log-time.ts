/**
 * The moment of a log entry. Input is ISO-8601 with an offset or `Z`
 * (`2026-11-25T08:30:00+01:00`); it is stored as UTC plus the entry's own offset in
 * minutes, so days can later be computed where the person was. Text without an offset is
 * refused: guessing a time zone would silently shift entries.
 */
import { fail } from '../errors';

export interface LogTime {
  /** UTC, `toISOString()` form. */
  readonly at: string;
  readonly offsetMinutes: number;
}

const ISO_WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:(Z)|([+-])(\d{2}):?(\d{2}))$/i;
const MAX_OFFSET_MINUTES = 14 * 60;

const invalid = (): never =>
  fail('LOG_TIME_INVALID', 'Give the time as ISO-8601 with an offset, such as 2026-11-25T08:30:00+01:00 or 2026-11-25T07:30:00Z.', 'at');

/**
 * @param localOffsetMinutes the machine's UTC offset at a moment (east positive), used when
 *   `at` is missing.
 */
export function parseLogTime(at: string | undefined, now: Date, localOffsetMinutes: (moment: Date) => number): LogTime {
  if (at === undefined) return { at: now.toISOString(), offsetMinutes: localOffsetMinutes(now) };
  const match = ISO_WITH_OFFSET.exec(at.trim());
  if (!match) return invalid();
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(match[i] ?? 0)) as [number, number, number, number, number, number];
  const millis = Number((match[7] ?? '').padEnd(3, '0').slice(0, 3));
  const offsetMinutes = match[8] ? 0 : (match[9] === '-' ? -1 : 1) * (Number(match[10]) * 60 + Number(match[11]));
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return invalid();
  if (Math.abs(offsetMinutes) > MAX_OFFSET_MINUTES || Number(match[11]) > 59) return invalid();

  // setUTCFullYear, unlike Date.UTC, does not turn years 0–99 into 1900–1999.
  const local = new Date(0);
  local.setUTCFullYear(year, month - 1, day);
  if (local.getUTCMonth() !== month - 1 || local.getUTCDate() !== day) return invalid(); // 31 April, 29 Feb 2027
  local.setUTCHours(hour, minute, second, millis);
  const utc = new Date(local.getTime() - offsetMinutes * 60_000);
  // Four-digit UTC years keep stored times sortable as text and shard months `YYYY-MM`.
  if (utc.getUTCFullYear() < 1000 || utc.getUTCFullYear() > 9999) return invalid();
  return { at: utc.toISOString(), offsetMinutes: offsetMinutes === 0 ? 0 : offsetMinutes };
}

/** The machine's offset at a moment, east positive (+60 for Paris in winter). */
export const machineOffsetMinutes = (moment: Date): number => {
  const offset = -moment.getTimezoneOffset();
  return offset === 0 ? 0 : offset; // no -0 in stored files
};
