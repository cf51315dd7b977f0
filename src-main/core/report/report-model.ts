/**
 * The monthly report's content: pure, from the profile's name, the month, its time zone,
 * the trackers and their logs, and `now`. No file, no clock, no Electron: the job that
 * makes the report reads the logs and hands them here; `reportHtml` turns the model into
 * a page to print.
 *
 * Decisions:
 * - Trackers come in the person's order; trash is not passed in.
 * - An archived tracker appears only when it has entries in the month (a tracker put away
 *   before the month has nothing to report); archived trackers left out are counted.
 * - A tracker in use without entries in the month is listed as such (with the month
 *   before's count), not given a section of dashes.
 * - Streaks are as of the month's end (as of today while the month runs). The best streak
 *   is the month's longest run; the current one may reach back before the month, as far as
 *   the logs given (at least the month before): when it reaches the oldest day given it is
 *   marked `currentAtLeast` ("61+ days"), since it may go back further.
 * - Days are the profile's time zone's. Logs outside the two months are ignored, so whole
 *   month shards (kept by UTC month) may be passed as they are.
 */
import type { ChartSeries, Log, Tracker, TrackerStats } from '../../../src-preload/contract';
import { valueRulesOf } from '../../../src-preload/tracker-values/value-rules';
import { fail } from '../errors';
import { DayCalendar, isTimeZone } from '../insights/day-calendar';
import { qualifyingDays, valuesByDay } from '../insights/day-groups';
import { addDays, daysInclusive, monthStart, type Day } from '../insights/days';
import { bucketsOf, type DayRange } from '../insights/range';
import { chartSeries } from '../insights/series';
import { trackerStats } from '../insights/stats';
import { currentStreak, runsOf } from '../insights/streaks';
import { comparisonsFor, figuresFor, headlineOf, targetTextFor, typeLabel, type MonthFacts, type ReportComparison, type ReportFigure, type ReportHeadline } from './report-figures';
import { reportMonth } from './report-month';
import { ReportText, signed } from './report-text';

export type { ReportComparison, ReportFigure, ReportHeadline } from './report-figures';

/** A tracker and its logs: those of the month and the month before at least, any order. */
export interface ReportTrackerInput {
  readonly tracker: Tracker;
  readonly logs: readonly Log[];
}

export interface ReportInput {
  /** The profile's name, for the title page. */
  readonly profileName: string;
  /** The month reported, `YYYY-MM`. */
  readonly month: string;
  /** The profile's IANA time zone: days and streaks are counted in it. */
  readonly timeZone: string;
  /** In the person's order; trackers in the trash are not passed. */
  readonly trackers: readonly ReportTrackerInput[];
  /** When the report is made: its date on the title page, and where a running month ends. */
  readonly now: Date;
  /** BCP 47 tag for dates, counts and shares (`en-GB`); the runtime's when left out. */
  readonly locale?: string;
}

/** Notes shown per tracker at most; the rest are counted ("and 7 more"). */
export const MAX_NOTES = 20;
/** A note longer than this many characters is cut (with "…"): a report is not a diary dump. */
export const MAX_NOTE_CHARACTERS = 600;

export interface ReportNote {
  readonly day: Day;
  /** `Tue, 3 Nov` */
  readonly dayText: string;
  /** The entry's value in the tracker's words: `7.5 h`, `Yes`, `Calm`, `1h 30m`. */
  readonly valueText: string;
  readonly text: string;
}

export interface ReportTarget {
  /** `At least 7 h a day` */
  readonly text: string;
  /** Share of the month's days (or weeks) that met it, 0–1. */
  readonly completion: number | null;
  readonly met: number;
  readonly periods: number;
  /** `18 of 30 days (60%)` */
  readonly completionText: string;
  /** The month before's share, and the change in points: `+8 pts`. */
  readonly previous: number | null;
  readonly changeText: string | null;
}

export interface ReportStreaks {
  /** Consecutive qualifying days up to the month's end (today while it runs). */
  readonly current: number;
  /** The current streak reaches the oldest day of the logs given and may be longer. */
  readonly currentAtLeast: boolean;
  /** The month's longest run. */
  readonly best: number;
  /** `12 days`, `61+ days`, `none` */
  readonly currentText: string;
  readonly bestText: string;
}

export interface TrackerReport {
  readonly tracker: Tracker;
  /** `Number`, `Yes / no`, `Multiple choice`, `Duration` */
  readonly typeLabel: string;
  readonly entries: number;
  readonly previousEntries: number;
  /** `+12`, `−3`, `no change` */
  readonly entriesChangeText: string;
  /** The type's main figure, for the overview: `Average` `7.2 h` `+0.4 h`. */
  readonly headline: ReportHeadline;
  /** From `trackerStats`, over the month's days reported and over the month before. */
  readonly stats: TrackerStats;
  readonly previousStats: TrackerStats;
  /** The type's statistics in words, in reading order. */
  readonly figures: readonly ReportFigure[];
  /** The month against the month before; the first is the type's main figure. */
  readonly comparisons: readonly ReportComparison[];
  readonly target: ReportTarget | null;
  readonly streaks: ReportStreaks;
  /** Day by day over the month's days reported, from `chartSeries`: what the chart draws. */
  readonly series: ChartSeries;
  /** The month's notes, oldest first, at most `MAX_NOTES`; `more` counts those left out. */
  readonly notes: { readonly shown: readonly ReportNote[]; readonly more: number };
}

/** A tracker in use with no entry this month. */
export interface QuietTracker {
  readonly tracker: Tracker;
  readonly typeLabel: string;
  readonly previousEntries: number;
}

export interface ReportModel {
  readonly profileName: string;
  readonly month: string;
  /** `November 2026`, and `November` where the year goes without saying. */
  readonly monthText: string;
  readonly monthName: string;
  readonly previousMonth: string;
  readonly previousMonthText: string;
  readonly previousMonthName: string;
  readonly timeZone: string;
  readonly locale: string | undefined;
  /** The days reported: the whole month, or up to today while it runs. */
  readonly days: DayRange;
  /** The last day reported in words: `30 Nov`. */
  readonly lastDayText: string;
  /** Whether the month is over. */
  readonly complete: boolean;
  /** `now`, UTC ISO, and on the profile's clock in words. */
  readonly generatedAt: string;
  readonly generatedText: string;
  /** Entries of all trackers in the month, and in the month before. */
  readonly entries: number;
  readonly previousEntries: number;
  /** Trackers with entries this month, in the person's order. */
  readonly trackers: readonly TrackerReport[];
  /** Trackers in use without entries this month. */
  readonly quiet: readonly QuietTracker[];
  /** Archived trackers left out (no entries this month). */
  readonly archivedLeftOut: number;
}

interface Context {
  readonly calendar: DayCalendar;
  readonly text: ReportText;
  readonly span: DayRange;
  readonly previousSpan: DayRange;
  /** The "today" of the month's streaks and target: the day after it once it is over. */
  readonly asOf: Day;
}

/** The report of `input.month`. RANGE_INVALID for a month that is malformed or has not begun; TIME_ZONE_INVALID; INVALID_INPUT for a log of another tracker. */
export function reportModel(input: ReportInput): ReportModel {
  const month = reportMonth(input.month);
  if (!isTimeZone(input.timeZone)) fail('TIME_ZONE_INVALID', `"${input.timeZone.slice(0, 60)}" is not a time zone this system knows.`, 'timeZone');
  if (!Number.isFinite(input.now.getTime())) fail('INVALID_INPUT', 'The time the report is made is not a valid date.', 'now');
  for (const { tracker, logs } of input.trackers) {
    if (logs.some((log) => log.trackerId !== tracker.id)) fail('INVALID_INPUT', `Logs of another tracker were given for "${tracker.name}".`, 'trackers');
  }
  const calendar = new DayCalendar(input.timeZone);
  const today = calendar.dayOf(input.now.getTime());
  if (month.first > today) fail('RANGE_INVALID', `${input.month} has not begun yet: a report covers a month that has begun.`, 'month');
  const complete = month.last < today;
  const text = new ReportText(input.locale);
  const context: Context = {
    calendar,
    text,
    span: { from: month.first, to: complete ? month.last : today },
    previousSpan: { from: month.previousFirst, to: month.previousLast },
    asOf: complete ? addDays(month.last, 1) : today,
  };

  const trackers: TrackerReport[] = [];
  const quiet: QuietTracker[] = [];
  let archivedLeftOut = 0;
  let previousEntries = 0;
  for (const entry of input.trackers) {
    const report = trackerReport(entry, context);
    previousEntries += report.previousEntries;
    if (report.entries > 0) trackers.push(report);
    else if (entry.tracker.archived) archivedLeftOut += 1;
    else quiet.push({ tracker: entry.tracker, typeLabel: report.typeLabel, previousEntries: report.previousEntries });
  }

  return {
    profileName: input.profileName,
    month: month.month,
    monthText: text.month(month.month),
    monthName: text.monthOnly(month.month),
    previousMonth: month.previous,
    previousMonthText: text.month(month.previous),
    previousMonthName: text.monthOnly(month.previous),
    timeZone: calendar.timeZone,
    locale: input.locale,
    days: context.span,
    lastDayText: text.dayMonth(context.span.to),
    complete,
    generatedAt: input.now.toISOString(),
    generatedText: text.moment(input.now, calendar.timeZone),
    entries: trackers.reduce((sum, report) => sum + report.entries, 0),
    previousEntries,
    trackers,
    quiet,
    archivedLeftOut,
  };
}

const byTime = (a: Log, b: Log): number => Date.parse(a.at) - Date.parse(b.at);

function trackerReport({ tracker, logs }: ReportTrackerInput, context: Context): TrackerReport {
  const { calendar, span, previousSpan, asOf, text } = context;
  const sorted = [...logs].sort(byTime);
  const between = (from: Day, to: Day) => {
    const start = calendar.startOf(from);
    const end = calendar.startOf(addDays(to, 1));
    return sorted.filter((log) => {
      const at = Date.parse(log.at);
      return at >= start && at < end;
    });
  };
  const monthLogs = between(span.from, span.to);
  const previousLogs = between(previousSpan.from, previousSpan.to);
  const upToEnd = sorted.filter((log) => Date.parse(log.at) < calendar.startOf(addDays(span.to, 1)));
  const beforeMonth = sorted.filter((log) => Date.parse(log.at) < calendar.startOf(span.from));

  const runs = runsOf(qualifyingDays(tracker, valuesByDay(upToEnd, calendar)));
  const current = currentStreak(runs, asOf);
  const oldest = upToEnd[0] === undefined ? null : calendar.dayOf(upToEnd[0].at);
  const coveredFrom = oldest !== null && oldest < previousSpan.from ? monthStart(oldest) : previousSpan.from;
  const currentAtLeast = current > 0 && (runs.at(-1)?.[0] ?? '9999') <= coveredFrom;
  const previousRuns = runsOf(qualifyingDays(tracker, valuesByDay(beforeMonth, calendar)));

  const stats = trackerStats({ tracker, logs: monthLogs, range: span, today: asOf, calendar, currentStreak: current });
  const previousStats = trackerStats({ tracker, logs: previousLogs, range: previousSpan, today: span.from, calendar, currentStreak: currentStreak(previousRuns, span.from) });
  const facts: MonthFacts = {
    stats,
    series: chartSeries({ tracker, logs: monthLogs, range: span, granularity: 'day', calendar }),
    days: daysInclusive(span.from, span.to),
    daysLogged: valuesByDay(monthLogs, calendar).size,
  };
  const previousFacts: MonthFacts = {
    stats: previousStats,
    series: chartSeries({ tracker, logs: previousLogs, range: previousSpan, granularity: 'day', calendar }),
    days: daysInclusive(previousSpan.from, previousSpan.to),
    daysLogged: valuesByDay(previousLogs, calendar).size,
  };

  const figures = figuresFor(tracker.settings, facts, text);
  const comparisons = comparisonsFor(tracker.settings, facts, previousFacts, text);
  const days = (n: number, atLeast = false) => (n === 0 ? 'none' : atLeast ? `${text.number(n)}+ days` : text.counted(n, 'day', 'days'));
  return {
    tracker,
    typeLabel: typeLabel(tracker.settings),
    entries: monthLogs.length,
    previousEntries: previousLogs.length,
    entriesChangeText: signed(monthLogs.length - previousLogs.length, text.number(Math.abs(monthLogs.length - previousLogs.length))),
    headline: headlineOf(tracker.settings, figures, comparisons),
    stats,
    previousStats,
    figures,
    comparisons,
    target: targetOf(tracker, stats, previousStats, context),
    streaks: { current, currentAtLeast, best: stats.bestStreak, currentText: days(current, currentAtLeast), bestText: days(stats.bestStreak) },
    series: facts.series,
    notes: notesOf(tracker, monthLogs, context),
  };
}

function targetOf(tracker: Tracker, stats: TrackerStats, previous: TrackerStats, { span, text }: Context): ReportTarget | null {
  if (tracker.target === null) return null;
  const period = tracker.target.period;
  // The periods `completion` was taken over: the days reported, or the ISO weeks they touch.
  const periods = period === 'day' ? daysInclusive(span.from, span.to) : bucketsOf(span, 'week').length;
  const met = stats.completion === null ? 0 : Math.round(stats.completion * periods);
  const unit = period === 'day' ? text.counted(periods, 'day', 'days') : text.counted(periods, 'week', 'weeks');
  const completionText = stats.completion === null ? 'Not measured' : `${text.number(met)} of ${unit} (${text.share(stats.completion)})`;
  return {
    text: targetTextFor(tracker.settings, tracker.target, text),
    completion: stats.completion,
    met,
    periods,
    completionText,
    previous: previous.completion,
    changeText: stats.completion === null || previous.completion === null ? null : text.points(stats.completion - previous.completion),
  };
}

function notesOf(tracker: Tracker, monthLogs: readonly Log[], { calendar, text }: Context): TrackerReport['notes'] {
  const withNotes = monthLogs.filter((log) => log.note.trim() !== '');
  const rules = valueRulesOf(tracker.settings);
  const shown = withNotes.slice(0, MAX_NOTES).map((log): ReportNote => {
    const day = calendar.dayOf(log.at);
    const characters = [...log.note.trim()];
    const note = characters.length > MAX_NOTE_CHARACTERS ? `${characters.slice(0, MAX_NOTE_CHARACTERS - 1).join('')}…` : characters.join('');
    return { day, dayText: text.day(day), valueText: rules.text(log.value, tracker.settings), text: note };
  });
  return { shown, more: withNotes.length - shown.length };
}
