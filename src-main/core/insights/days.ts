/**
 * Calendar days as `YYYY-MM-DD` text and their arithmetic. A day here is a civil date (no
 * zone): the zone only matters when a moment becomes a day (see `DayCalendar`). Days are
 * turned into whole numbers (days since 1970-01-01) for arithmetic, which is exact in UTC.
 */
export type Day = string;

const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01. */
export const dayNumber = (day: Day): number => Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / MS_PER_DAY;

const dayTexts = new Map<number, Day>();
export function dayFromNumber(n: number): Day {
  let text = dayTexts.get(n);
  if (text === undefined) {
    text = new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
    // Bounded: a cache of the days actually used, a few thousand at most in practice.
    if (dayTexts.size < 100_000) dayTexts.set(n, text);
  }
  return text;
}

export const addDays = (day: Day, days: number): Day => dayFromNumber(dayNumber(day) + days);
/** Days from `from` to `to`, both inclusive (1 when equal). */
export const daysInclusive = (from: Day, to: Day): number => dayNumber(to) - dayNumber(from) + 1;

/** The Monday of the ISO week of `day` (1970-01-01 was a Thursday). */
export const weekStart = (day: Day): Day => {
  const n = dayNumber(day);
  return dayFromNumber(n - ((n + 3) % 7 + 7) % 7);
};
export const monthStart = (day: Day): Day => `${day.slice(0, 8)}01`;
export const nextMonthStart = (day: Day): Day => {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  return month === 12 ? `${year + 1}-01-01` : `${day.slice(0, 4)}-${String(month + 1).padStart(2, '0')}-01`;
};

/** Whether `text` is a real calendar day (not 2026-02-30). */
export const isRealDay = (text: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(text) && dayFromNumber(dayNumber(text)) === text;

/** Every day from `from` to `to` inclusive. */
export function eachDay(from: Day, to: Day): Day[] {
  const days: Day[] = [];
  for (let n = dayNumber(from), end = dayNumber(to); n <= end; n += 1) days.push(dayFromNumber(n));
  return days;
}
