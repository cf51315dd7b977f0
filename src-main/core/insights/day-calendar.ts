/**
 * Moments → days in the profile's IANA time zone, and days → the moment they start there.
 * The zone rules come from @date-fns/tz (the runtime's Intl data). Looking a zone up costs
 * microseconds, too much for 100,000 logs, so the offset is cached per UTC day: a day whose
 * offset is the same at both ends has no change inside it (zones change at most once a day).
 */
import { TZDate, tzOffset } from '@date-fns/tz';
import { dayFromNumber, type Day } from './days';

const MS_PER_DAY = 86_400_000;
const MS_PER_MINUTE = 60_000;

export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

export class DayCalendar {
  /** UTC day number → its offset in minutes, or null when the offset changes that day. */
  private readonly steadyOffsets = new Map<number, number | null>();
  /** Day → its first moment: asked for twice per logged entry (the day's bounds), tens of microseconds each. */
  private readonly starts = new Map<Day, number>();

  /** An unknown zone falls back to UTC rather than failing every statistic. */
  constructor(timeZone: string) {
    this.timeZone = isTimeZone(timeZone) ? timeZone : 'UTC';
  }

  readonly timeZone: string;

  /** The zone's UTC offset in minutes at a moment (east positive). */
  offsetAt(epochMs: number): number {
    const utcDay = Math.floor(epochMs / MS_PER_DAY);
    let steady = this.steadyOffsets.get(utcDay);
    if (steady === undefined) {
      const start = tzOffset(this.timeZone, new Date(utcDay * MS_PER_DAY));
      const end = tzOffset(this.timeZone, new Date((utcDay + 1) * MS_PER_DAY - 1));
      steady = start === end ? start : null;
      this.steadyOffsets.set(utcDay, steady);
    }
    return steady ?? tzOffset(this.timeZone, new Date(epochMs));
  }

  /** The day of a moment in this zone (a log at 23:30 local is that day, not the next). */
  dayOf(moment: number | string): Day {
    const epochMs = typeof moment === 'number' ? moment : Date.parse(moment);
    return dayFromNumber(Math.floor((epochMs + this.offsetAt(epochMs) * MS_PER_MINUTE) / MS_PER_DAY));
  }

  /** The first moment of `day` in this zone (later than midnight where a DST gap skips it). */
  startOf(day: Day): number {
    let start = this.starts.get(day);
    if (start === undefined) {
      start = new TZDate(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)), this.timeZone).getTime();
      this.starts.set(day, start);
    }
    return start;
  }
}
