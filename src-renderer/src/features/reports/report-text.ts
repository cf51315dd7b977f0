/** How a saved report reads on the Reports page, and which months can have one. Pure, tested in tests/component. */

const monthFormat = new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/**
 * `2026-10` as "October 2026". The month is a calendar month of the profile, not a moment,
 * so it is formatted in UTC (the device's zone could move the 1st into the month before).
 */
export function monthLabel(month: string): string {
  const date = new Date(`${month}-01T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? month : monthFormat.format(date);
}

/** A file size as a person reads it: `812 bytes`, `42 KB`, `1.3 MB`. */
export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * The month before the one `now` falls in, `YYYY-MM`, in `timeZone` (the device's without
 * one): the newest month that is over, so the newest a report can be made for.
 */
export function lastMonth(now: Date, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', timeZone }).formatToParts(now);
  const year = Number(parts.find((part) => part.type === 'year')?.value);
  const month = Number(parts.find((part) => part.type === 'month')?.value);
  const previous = month === 1 ? { year: year - 1, month: 12 } : { year, month: month - 1 };
  return `${String(previous.year).padStart(4, '0')}-${String(previous.month).padStart(2, '0')}`;
}
