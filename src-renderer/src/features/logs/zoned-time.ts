/**
 * Moments shown and typed in the profile's time zone (Settings → time zone), which may
 * differ from the computer's: days, streaks and targets are counted there by the core, so
 * the times a person reads and types must be too. Without a zone, the device's is used.
 */

const pad = (n: number, width = 2): string => String(Math.trunc(Math.abs(n))).padStart(width, '0');

const partsFormats = new Map<string, Intl.DateTimeFormat>();
function partsFormat(timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? '';
  let format = partsFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormats.set(key, format);
  }
  return format;
}

interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall-clock time of a moment in a zone. */
function wallTime(date: Date, timeZone: string | undefined): WallTime {
  const parts = Object.fromEntries(partsFormat(timeZone).formatToParts(date).map((part) => [part.type, part.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** The zone's UTC offset at a moment, in minutes (+60 for Paris in winter). */
export function offsetMinutesAt(date: Date, timeZone: string | undefined): number {
  const wall = wallTime(date, timeZone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / 60_000);
}

function isoWithOffset(wall: WallTime, offset: number): string {
  const sign = offset >= 0 ? '+' : '-';
  return (
    `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}T${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}` +
    `${sign}${pad(Math.abs(offset) / 60)}:${pad(Math.abs(offset) % 60)}`
  );
}

/**
 * `2026-11-25T07:30` (a datetime-local input's wall time in the zone) → ISO-8601 with the
 * zone's offset at that moment, so the entry keeps the offset it was logged in. Undefined
 * for text that is not such a value.
 */
export function zonedInputToIso(value: string, timeZone: string | undefined): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0)) as [
    number, number, number, number, number, number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return undefined;
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  // Two passes find the offset in force at that wall time, also next to a DST change.
  let offset = offsetMinutesAt(new Date(asUtc), timeZone);
  offset = offsetMinutesAt(new Date(asUtc - offset * 60_000), timeZone);
  return isoWithOffset({ year, month, day, hour, minute, second }, offset);
}

/** A stored moment as a datetime-local input value in the zone (`2026-11-25T07:30`). */
export function isoToZonedInput(iso: string, timeZone: string | undefined): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const wall = wallTime(date, timeZone);
  return `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}T${pad(wall.hour)}:${pad(wall.minute)}`;
}

/** The day (`YYYY-MM-DD`) a moment falls on in the zone. */
export function dayIn(date: Date, timeZone: string | undefined): string {
  const wall = wallTime(date, timeZone);
  return `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}`;
}

/** Midnight at the start of a day (`YYYY-MM-DD`) in the zone, as ISO-8601 with offset. */
export function dayStartIso(day: string, timeZone: string | undefined): string | undefined {
  return zonedInputToIso(`${day}T00:00`, timeZone);
}

/** The day after `YYYY-MM-DD`. */
export function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

const momentFormats = new Map<string, Intl.DateTimeFormat>();
/** A stored moment in the person's locale and the zone: `25 Nov 2026, 07:30`. */
export function formatMoment(iso: string, timeZone: string | undefined): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const key = timeZone ?? '';
  let format = momentFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone });
    momentFormats.set(key, format);
  }
  return format.format(date);
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();
/** A `YYYY-MM-DD` day in the person's locale (`25 Nov 2026`); `short` drops the year. */
export function formatDay(day: string, style: 'short' | 'medium' | 'month' = 'medium'): string {
  let format = dayFormats.get(style);
  if (!format) {
    const options: Intl.DateTimeFormatOptions =
      style === 'short'
        ? { day: 'numeric', month: 'short', timeZone: 'UTC' }
        : style === 'month'
          ? { month: 'short', year: 'numeric', timeZone: 'UTC' }
          : { dateStyle: 'medium', timeZone: 'UTC' };
    format = new Intl.DateTimeFormat(undefined, options);
    dayFormats.set(style, format);
  }
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : format.format(date);
}
