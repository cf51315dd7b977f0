/**
 * Daylio's CSV export ("Export entries"). Daylio's source is not public; the format is
 * the one documented and parsed by MichaelCurrin/daylio-csv-parser (docs/csv-format.md,
 * dayliopy/sample.csv, dayliopy/clean_csv.py):
 *   `full_date,date,weekday,time,mood,activities,note_title,note`, UTF-8 with a BOM,
 *   newest first; `full_date` is `2021-09-28`, `time` is `10:00 pm` or `22:00` (the
 *   phone's setting), `mood` a label (`rad`, `good`, `meh`, `bad`, `awful` or the
 *   person's own, sometimes with trailing spaces), `activities` joined by ` | `.
 * Mapping: a multiple-choice tracker "Mood" (one mood per entry, options in order of first
 * use), whose entries carry the note (title and text); activities → a multiple-choice
 * tracker "Activities" (several per entry) when there are at most 50 of them, else one
 * yes/no tracker per activity. Times have no offset: the person's time zone gives it.
 */
import type { TrackerSettings } from '../../../src-preload/contract';
import { locateColumns, readCsv } from './csv-reader';
import { DEFAULT_COLOR, MAX_NOTE, paddedOptions, type Draft, type DraftLog, type DraftTracker, type FileSummary } from './import-draft';
import { rowError, type ImportRowError } from './import-errors';
import { localMoment, type OffsetAt } from './local-moment';
import type { InputFile } from './our-format-import';
import { unreadColumns, type LeftOut } from './left-out';
import { MAX_CHOICE_OPTIONS } from '../domain/tracker-types';

export const DAYLIO_MOOD_TRACKER = 'Mood';
export const DAYLIO_ACTIVITIES_TRACKER = 'Activities';
const CLOCK = /^(\d{1,2}):(\d{2})\s*(am|pm)?$/i;
const COLUMNS = ['full_date', 'time', 'mood'] as const;
const OPTIONAL_COLUMNS = ['activities', 'note_title', 'note'] as const;
/** Columns that only say `full_date` again, in words. */
const DERIVED_COLUMNS = {
  date: 'Repeats the day of full_date (as "28 September"), which is read instead.',
  weekday: 'The day of the week of full_date, which is read instead.',
};

interface Entry {
  readonly source: { file: string; row: number };
  readonly at: string;
  readonly offsetMinutes: number;
  readonly mood: string;
  readonly activities: string[];
  readonly note: string;
}

export function draftFromDaylio(files: readonly InputFile[], offsetAt: OffsetAt, newId: () => string): Draft {
  const errors: ImportRowError[] = [];
  const leftOut: LeftOut[] = [];
  const summaries: FileSummary[] = [];
  const entries: Entry[] = [];
  for (const file of files) {
    const table = readCsv(file.name, file.text);
    for (const problem of table.problems) errors.push(problem);
    summaries.push({ file: file.name, role: 'Daylio entries', separator: table.separator, columns: table.header, rows: table.rows.length });
    const { columns, errors: columnErrors } = locateColumns(table, COLUMNS, OPTIONAL_COLUMNS);
    errors.push(...columnErrors);
    leftOut.push(...unreadColumns(file.name, table.header, [...COLUMNS, ...OPTIONAL_COLUMNS], DERIVED_COLUMNS));
    if (columnErrors.length > 0) continue;
    const cell = (cells: string[], index: number | undefined): string => (index === undefined ? '' : (cells[index] as string));
    for (const { row, cells } of table.rows) {
      const source = { file: file.name, row };
      const clock = CLOCK.exec(cell(cells, columns.time).trim());
      let hour = clock ? Number(clock[1]) : -1;
      if (clock?.[3] !== undefined) hour = hour === 12 ? (clock[3].toLowerCase() === 'am' ? 0 : 12) : hour + (clock[3].toLowerCase() === 'pm' ? 12 : 0);
      const time = clock ? localMoment(cell(cells, columns.full_date), hour, Number(clock[2]), offsetAt) : null;
      if (time === null) {
        errors.push(rowError(source, 'full_date', 'LOG_TIME_INVALID', `"${cell(cells, columns.full_date)} ${cell(cells, columns.time)}" is not a date and time such as 2021-09-28 10:00 pm.`));
        continue;
      }
      const mood = cell(cells, columns.mood).trim();
      if (mood === '') {
        errors.push(rowError(source, 'mood', 'LOG_VALUE_INVALID', 'Every Daylio entry has a mood; this one is empty.'));
        continue;
      }
      const activities = cell(cells, columns.activities).split('|').map((activity) => activity.trim()).filter((activity) => activity !== '');
      const note = [cell(cells, columns.note_title).trim(), cell(cells, columns.note).trim()].filter((part) => part !== '').join('\n');
      entries.push({ source, ...time, mood, activities, note: note.slice(0, MAX_NOTE) });
    }
  }
  // The export is newest first; options follow first use.
  entries.reverse();
  return { files: summaries, errors, leftOut, ...trackersAndLogs(entries, newId) };
}

function trackersAndLogs(entries: readonly Entry[], newId: () => string): { trackers: DraftTracker[]; logs: DraftLog[] } {
  const moods = distinct(entries.map((entry) => entry.mood));
  const activities = distinct(entries.flatMap((entry) => entry.activities));
  const first = entries[0]?.source ?? { file: '', row: 1 };
  const trackers: DraftTracker[] = [];
  const logs: DraftLog[] = [];
  const tracker = (name: string, settings: TrackerSettings): DraftTracker => ({ source: first, name, description: 'Imported from Daylio', color: DEFAULT_COLOR, emoji: '', archived: false, target: null, settings, createdAt: null });
  const choices = (labels: string[], multiple: boolean): TrackerSettings => ({ type: 'multiple_choice', multiple, options: labels.map((label) => ({ id: newId(), label, archived: false })) });
  if (entries.length === 0) return { trackers, logs };

  // A multiple-choice tracker needs at least two options; one mood only is still a choice.
  trackers.push(tracker(DAYLIO_MOOD_TRACKER, choices(paddedOptions(moods), false)));
  const asChoices = activities.length <= MAX_CHOICE_OPTIONS;
  if (activities.length > 0) {
    if (asChoices) trackers.push(tracker(DAYLIO_ACTIVITIES_TRACKER, choices(paddedOptions(activities), true)));
    else for (const activity of activities) trackers.push(tracker(activity, { type: 'boolean' }));
  }
  for (const entry of entries) {
    const moment = { source: entry.source, at: entry.at, offsetMinutes: entry.offsetMinutes };
    logs.push({ ...moment, trackerName: DAYLIO_MOOD_TRACKER, value: { kind: 'labels', labels: [entry.mood] }, note: entry.note });
    if (entry.activities.length === 0) continue;
    if (asChoices) logs.push({ ...moment, trackerName: DAYLIO_ACTIVITIES_TRACKER, value: { kind: 'labels', labels: entry.activities }, note: '' });
    else for (const activity of entry.activities) logs.push({ ...moment, trackerName: activity, value: { kind: 'stored', value: true }, note: '' });
  }
  return { trackers, logs };
}

/** First-seen order, without case duplicates (options are unique regardless of case). */
function distinct(labels: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const label of labels) if (!seen.has(label.toLowerCase())) seen.set(label.toLowerCase(), label);
  return [...seen.values()];
}
