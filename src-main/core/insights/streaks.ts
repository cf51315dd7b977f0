/**
 * Streaks: runs of consecutive days with a qualifying entry (what qualifies is the tracker
 * type's rule, or a met daily target; see `day-groups.ts`). Runs are kept as
 * `[first, last]` day pairs so years of daily logging stay a short list.
 */
import { addDays, dayFromNumber, dayNumber, type Day } from './days';

export type Run = readonly [Day, Day];

/** Runs of the given days (any order, duplicates allowed), oldest first. */
export function runsOf(days: Iterable<Day>): Run[] {
  const numbers = [...new Set([...days].map(dayNumber))].sort((a, b) => a - b);
  const runs: Run[] = [];
  let start: number | undefined;
  let previous = Number.NaN;
  for (const n of numbers) {
    if (start === undefined) start = n;
    else if (n !== previous + 1) {
      runs.push([dayFromNumber(start), dayFromNumber(previous)]);
      start = n;
    }
    previous = n;
  }
  if (start !== undefined) runs.push([dayFromNumber(start), dayFromNumber(previous)]);
  return runs;
}

const runLength = ([first, last]: Run): number => dayNumber(last) - dayNumber(first) + 1;

/**
 * The streak as of `today`: the run that ends today, or else the one that ends yesterday —
 * today is still open, so not having logged yet (or not having met today's target yet)
 * does not break a streak before the day is over.
 */
export function currentStreak(runs: readonly Run[], today: Day): number {
  const last = runs.at(-1);
  if (last === undefined) return 0;
  if (last[1] === today || last[1] === addDays(today, -1)) return runLength(last);
  // A run ending in the future (an entry dated tomorrow) still covers today when it started by then.
  if (last[1] > today && last[0] <= today) return dayNumber(today) - dayNumber(last[0]) + 1;
  return 0;
}

export const bestStreak = (runs: readonly Run[]): number => runs.reduce((best, run) => Math.max(best, runLength(run)), 0);

/** `runs` with `day` added (qualifies) or removed (does not); the input is not changed. */
export function withDay(runs: readonly Run[], day: Day, qualifies: boolean): Run[] {
  const n = dayNumber(day);
  const index = runs.findIndex(([, last]) => dayNumber(last) >= n - 1);
  if (qualifies) {
    const run = runs[index];
    if (run === undefined || dayNumber(run[0]) > n + 1) {
      const at = index === -1 ? runs.length : index;
      return [...runs.slice(0, at), [day, day], ...runs.slice(at)];
    }
    if (dayNumber(run[0]) <= n && n <= dayNumber(run[1])) return [...runs];
    // Adjacent to `run` (just before it or just after it), maybe bridging to the next one.
    const merged: Run = [n < dayNumber(run[0]) ? day : run[0], n > dayNumber(run[1]) ? day : run[1]];
    const next = runs[index + 1];
    if (next !== undefined && dayNumber(next[0]) === n + 1) return [...runs.slice(0, index), [merged[0], next[1]], ...runs.slice(index + 2)];
    return [...runs.slice(0, index), merged, ...runs.slice(index + 1)];
  }
  const run = runs.find(([first, last]) => dayNumber(first) <= n && n <= dayNumber(last));
  if (run === undefined) return [...runs];
  const at = runs.indexOf(run);
  const pieces: Run[] = [];
  if (run[0] !== day) pieces.push([run[0], addDays(day, -1)]);
  if (run[1] !== day) pieces.push([addDays(day, 1), run[1]]);
  return [...runs.slice(0, at), ...pieces, ...runs.slice(at + 1)];
}
