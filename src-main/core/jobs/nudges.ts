/**
 * Which daily nudges are due for one profile, and which can no longer be shown. Pure: the
 * runner passes the clock, the zone, the settings, the entries it knows of and the run
 * record, then shows `show`, records both lists, and saves `now` as its last check.
 */
import type { ClockTime, NudgeSettings, TrackerReminder } from '../../../src-preload/contract/jobs';
import { nudgeSettingsSchema, trackerReminderSchema } from '../../../src-preload/contract/jobs';
import { id as idSchema } from '../../../src-preload/contract/shared';
import type { DayCalendar } from '../insights/day-calendar';
import { addDays, type Day } from '../insights/days';
import { fail } from '../errors';
import { calendarFor, checked, epochOf, epochOfText, lastCheckOf, recordedKeys, type LastCheck, type RunKeys } from './job-input';
import { nudgeKey } from '../../../src-preload/jobs/run-keys';
import { clockTimeAt, isoWeekday, wallClockMoment } from './wall-clock';

/**
 * How many past days a catch-up looks back: after a longer absence the older days are
 * neither shown nor recorded (a month of "missed" rows per tracker would bury the Activity view).
 */
export const MISSED_NUDGE_DAYS = 7;

/** What the nudge decision needs of a tracker (a stored tracker, with `deleted` for one in the trash). */
export interface NudgeTracker {
  readonly id: string;
  readonly name: string;
  readonly archived: boolean;
  /** In the trash. */
  readonly deleted: boolean;
  /** UTC ISO. A day's nudge needs the tracker to exist at its due moment, so one made at 21:00 is not nudged at once for a 20:00 reminder. */
  readonly createdAt: string;
  readonly reminder: TrackerReminder;
}

export interface NudgeInput {
  readonly now: Date;
  /** The profile's IANA zone now. */
  readonly timeZone: string;
  readonly nudges: NudgeSettings;
  /** All of the profile's trackers, archived and trashed ones too (they are left out here), in the person's order. */
  readonly trackers: readonly NudgeTracker[];
  /** Whether the tracker has an entry on that day (days in `timeZone`). Asked only for days the decision looks at. */
  readonly hasEntryOn: (trackerId: string, day: Day) => boolean;
  readonly runs: RunKeys;
  /** Null before the first look: then no past day is judged (nothing can be said about them). */
  readonly lastCheck: LastCheck | null;
}

/** One tracker in a nudge, with the key its run is recorded under. */
export interface NudgeItem {
  readonly key: string;
  readonly trackerId: string;
  readonly trackerName: string;
}

/** One notification: the trackers of one day that fall due at the same moment. */
export interface Nudge {
  readonly day: Day;
  readonly dueAt: Date;
  /** The clock time of `dueAt` in the zone it was due in (03:30 for a 02:30 reminder on a spring-forward day). */
  readonly time: ClockTime;
  readonly trackers: readonly NudgeItem[];
}

export interface NudgeDecision {
  /** Due today and not yet shown: show each (one notification per element), record `done`. Oldest first. */
  readonly show: readonly Nudge[];
  /** Of a day that is over, never shown: record `missed`, do not show. Oldest first. */
  readonly missed: readonly Nudge[];
}

const NOTHING: NudgeDecision = { show: [], missed: [] };

/** A tracker whose reminder is on and that is in use, its input checked. */
export interface Candidate {
  readonly tracker: NudgeTracker;
  readonly createdAt: number;
  readonly reminder: TrackerReminder;
}

/** The moment `candidate` is due on `day` in `calendar`'s zone, or null when it is not nudged that day. */
export function dueOn(candidate: Candidate, day: Day, calendar: DayCalendar, profileTime: ClockTime): number | null {
  if (!candidate.reminder.days.includes(isoWeekday(day))) return null;
  const dueAt = wallClockMoment(calendar, day, candidate.reminder.time ?? profileTime);
  return candidate.createdAt <= dueAt ? dueAt : null;
}

/**
 * The trackers that can be nudged at all: reminder on, not archived, not trashed.
 * @throws AppFailure INVALID_INPUT for a bad or repeated id, reminder or creation time.
 */
export function candidatesOf(trackers: readonly NudgeTracker[]): Candidate[] {
  const seen = new Set<string>();
  const candidates: Candidate[] = [];
  trackers.forEach((tracker, index) => {
    const field = `trackers.${index}`;
    checked(idSchema, tracker.id, `${field}.id`);
    if (seen.has(tracker.id)) fail('INVALID_INPUT', `Tracker ${tracker.id} is listed twice.`, `${field}.id`);
    seen.add(tracker.id);
    const reminder = checked(trackerReminderSchema, tracker.reminder, `${field}.reminder`);
    const createdAt = epochOfText(tracker.createdAt, `${field}.createdAt`);
    if (reminder.enabled && !tracker.archived && !tracker.deleted) candidates.push({ tracker, createdAt, reminder });
  });
  return candidates;
}

/** Groups a day's due trackers into notifications, one per due moment, in the person's order. */
function group(day: Day, due: readonly { readonly at: number; readonly candidate: Candidate }[], calendar: DayCalendar): Nudge[] {
  const byMoment = new Map<number, NudgeItem[]>();
  for (const { at, candidate } of due) {
    const items = byMoment.get(at) ?? [];
    items.push({ key: nudgeKey(day, candidate.tracker.id), trackerId: candidate.tracker.id, trackerName: candidate.tracker.name });
    byMoment.set(at, items);
  }
  return [...byMoment]
    .sort(([a], [b]) => a - b)
    .map(([at, trackers]) => ({ day, dueAt: new Date(at), time: clockTimeAt(calendar, at), trackers }));
}

/**
 * The nudges due for one profile at `now`.
 *
 * A tracker is nudged on a day when its reminder is on, the day's weekday is among its
 * days, it is neither archived nor trashed, it existed at the due moment, it has no entry
 * that day, and its time (its own, else the profile's) has come on that day in the
 * profile's zone. Never twice: a tracker and day whose key is recorded is settled. Today's
 * due nudges are shown however late the app started; a past day's is `missed` — judged only
 * when it fell due after the last check (in the zone of that check), so a change of zone
 * neither repeats a day already nudged nor drops one that was still to come.
 *
 * @throws AppFailure INVALID_INPUT (bad date, settings, tracker) or TIME_ZONE_INVALID.
 */
export function dueNudges(input: NudgeInput): NudgeDecision {
  const now = epochOf(input.now, 'now');
  const calendar = calendarFor(input.timeZone, 'timeZone');
  const nudges = checked(nudgeSettingsSchema, input.nudges, 'nudges');
  const lastCheck = lastCheckOf(input.lastCheck);
  const candidates = candidatesOf(input.trackers);
  if (!nudges.enabled || candidates.length === 0) return NOTHING;

  const recorded = recordedKeys(input.runs);
  const open = (day: Day, candidate: Candidate): boolean => !recorded.has(nudgeKey(day, candidate.tracker.id)) && !input.hasEntryOn(candidate.tracker.id, day);
  const today = calendar.dayOf(now);

  const dueToday = candidates.flatMap((candidate) => {
    const at = dueOn(candidate, today, calendar, nudges.time);
    return at !== null && at <= now && open(today, candidate) ? [{ at, candidate }] : [];
  });

  const missed: Nudge[] = [];
  if (lastCheck !== null) {
    for (let back = MISSED_NUDGE_DAYS; back >= 1; back -= 1) {
      const day = addDays(today, -back);
      const due = candidates.flatMap((candidate) => {
        // Judged as the last check's zone saw it: due after that check means nobody decided
        // it, even when in that zone it is still to come (the day is over in the new zone,
        // where an entry made now would land on today). Listed at its moment in the new zone.
        const then = dueOn(candidate, day, lastCheck.calendar, nudges.time);
        const at = dueOn(candidate, day, calendar, nudges.time);
        return then !== null && then > lastCheck.at && at !== null && open(day, candidate) ? [{ at, candidate }] : [];
      });
      missed.push(...group(day, due, calendar));
    }
  }
  return { show: group(today, dueToday, calendar), missed };
}
