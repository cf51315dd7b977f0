/**
 * Other apps export days (`2024-03-01`) or wall-clock times without an offset
 * (`2024-03-01`, `10:00 pm`). We store a moment with its offset, so the person's time
 * zone (an injected port: the machine's, or the profile's) decides the offset. A day with
 * no time becomes noon, which stays on the same calendar day in any zone.
 */
import type { LogTime } from '../domain/log-time';

/** The UTC offset in minutes (east positive) in force at a moment. */
export type OffsetAt = (moment: Date) => number;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The moment of a local date and time, or null when the date is not a real day. */
export function localMoment(day: string, hour: number, minute: number, offsetAt: OffsetAt): LogTime | null {
  const match = DAY.exec(day.trim());
  if (!match || hour < 0 || hour > 23 || minute < 0 || minute > 59) return null;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const wall = new Date(0);
  wall.setUTCFullYear(year, month - 1, date);
  if (wall.getUTCMonth() !== month - 1 || wall.getUTCDate() !== date || year < 1000) return null;
  wall.setUTCHours(hour, minute, 0, 0);
  // The offset at the wall-clock time read as UTC is right except within hours of a DST change.
  const offsetMinutes = offsetAt(new Date(wall.getTime())) || 0;
  return { at: new Date(wall.getTime() - offsetMinutes * 60_000).toISOString(), offsetMinutes };
}
