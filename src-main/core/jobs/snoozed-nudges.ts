/**
 * Which snoozed nudges come back: "Snooze 1 hour" holds a nudge back (services/nudge-snoozes.ts),
 * and at the first look at or after its end it is shown again, once, for the trackers that
 * still have no entry that day. Pure: the runner takes the ended snoozes out, asks this,
 * shows and records the answer.
 */
import type { JobRun } from '../../../src-preload/contract/jobs';
import type { DayCalendar } from '../insights/day-calendar';
import type { Day } from '../insights/days';
import { SNOOZE_MS } from '../services/notifier';
import type { EndedSnooze } from '../services/nudge-snoozes';
import type { StoredTracker } from '../store/formats';
import type { Nudge, NudgeItem } from './nudges';
import { snoozedNudgeKey } from '../../../src-preload/jobs/run-keys';
import { clockTimeAt } from './wall-clock';

export interface SnoozedNudgeInput {
  /** The profile's snoozes that have ended, already taken out. */
  readonly ended: readonly EndedSnooze[];
  /** Whether nudges are on: turned off meanwhile, nothing comes back. */
  readonly enabled: boolean;
  readonly calendar: DayCalendar;
  readonly today: Day;
  /** All of the profile's trackers, in the person's order. */
  readonly trackers: readonly Pick<StoredTracker, 'id' | 'name'>[];
  /** Per tracker whose reminder is on and that is in use, the days it has an entry on (the runner's read). */
  readonly entryDays: ReadonlyMap<string, ReadonlySet<Day>>;
  /** The run record so far, for the next free key. */
  readonly runs: readonly Pick<JobRun, 'key'>[];
}

/**
 * One nudge per snooze end (the trackers snoozed together come back together), due at that
 * end. A snooze belongs to the day it began on, SNOOZE_MS before its end: once that day is
 * over in the profile's zone it is dropped, since "no entry yet today" would be about the
 * wrong day. A tracker with an entry that day, or no longer reminded (reminder off,
 * archived, in the trash, deleted), is dropped too.
 */
export function snoozedNudges(input: SnoozedNudgeInput): Nudge[] {
  if (!input.enabled) return [];
  const recorded = new Set(input.runs.map((run) => run.key));
  const order = new Map(input.trackers.map((tracker, index) => [tracker.id, index]));
  const names = new Map(input.trackers.map((tracker) => [tracker.id, tracker.name]));
  const byEnd = new Map<number, { index: number; item: NudgeItem }[]>();
  for (const { trackerId, until } of input.ended) {
    if (input.calendar.dayOf(until - SNOOZE_MS) !== input.today) continue;
    const days = input.entryDays.get(trackerId);
    const name = names.get(trackerId);
    if (days === undefined || name === undefined || days.has(input.today)) continue;
    let n = 1;
    while (recorded.has(snoozedNudgeKey(input.today, trackerId, n))) n += 1;
    const items = byEnd.get(until) ?? [];
    items.push({ index: order.get(trackerId) ?? 0, item: { key: snoozedNudgeKey(input.today, trackerId, n), trackerId, trackerName: name } });
    byEnd.set(until, items);
  }
  return [...byEnd]
    .sort(([a], [b]) => a - b)
    .map(([until, items]) => ({
      day: input.today,
      dueAt: new Date(until),
      time: clockTimeAt(input.calendar, until),
      trackers: items.sort((a, b) => a.index - b.index).map(({ item }) => item),
    }));
}
