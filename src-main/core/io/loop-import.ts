/**
 * Loop Habit Tracker's CSV export (a zip the person unpacks; they pick its files).
 * Format read from the exporter's source, iSoron/uhabits (at 5aa8744ef4c8e391c875bbb482e3e79740b5fd81):
 *   uhabits-core/src/jvmMain/java/org/isoron/uhabits/core/io/HabitsCSVExporter.kt
 *   uhabits-core/src/jvmMain/java/org/isoron/uhabits/core/models/HabitList.kt (writeCSV)
 *   uhabits-core/src/jvmMain/java/org/isoron/uhabits/core/models/Entry.kt (formattedValue)
 *   uhabits-core/src/jvmMain/java/org/isoron/uhabits/core/models/EntryList.kt (recomputeFrom)
 * - `Habits.csv`: `Position,Name,Type,Question,Description,FrequencyNumerator,
 *   FrequencyDenominator,Color,Unit,Target Type,Target Value,Archived?` (older versions:
 *   `Position,Name,Question,Description,NumRepetitions,Interval,Color`, all yes/no habits).
 * - `NNN Name/Checkmarks.csv` per habit: `Date,Value,Notes` (older versions: no header,
 *   `date,value`), newest first: the habit's computed entries, so for a yes/no habit also
 *   the days its frequency filled in (`YES_AUTO`), and any day with a note, whatever its
 *   value — a note on a day left blank is `UNKNOWN` with the note, and a day marked NO
 *   inside a frequency's interval is written `YES_AUTO` with its note. `Checkmarks.csv` at
 *   the root: `Date,<habit>,<habit>,…` with a trailing comma on every line, every day
 *   from the oldest entry to the export's day, no notes. `Scores.csv` files: scores
 *   Loop computes from the checkmarks.
 * - Dates are `yyyy-MM-dd`. A value is written by `Entry.formattedValue`, whatever the
 *   habit's type: 2 `YES_MANUAL`, 0 `NO`, 1 `YES_AUTO`, 3 `SKIP`, -1 `UNKNOWN`, any other
 *   number as it is. A measurable habit stores the amount × 1000, so 7 is `7000`, an amount
 *   of 0 is `NO` and one of 0.001 `YES_AUTO`; its skip button stores 3 (`SKIP`).
 * Mapping: yes/no habit → boolean tracker, one log per YES_MANUAL (yes) or NO (no) day;
 * measurable habit → numerical tracker with its unit, summed per period. A frequency of
 * once a day or N times a week, and a measurable target, become the tracker's target.
 * Skipped days, and notes on days that are neither (implied by the frequency, or without a
 * value), go to a single-choice tracker "<habit> (skipped days and notes)" whose option
 * says what the day was: a yes/no tracker cannot say "skipped", and inventing a yes or a
 * no would change the habit's statistics. Implied and blank days without a note are left
 * out and listed with the reason. Each entry is at noon.
 */
import type { Target, TrackerSettings } from '../../../src-preload/contract';
import { fail } from '../errors';
import { locateColumns, readCsv, type CsvTable } from './csv-reader';
import { DEFAULT_COLOR, MAX_NAME, MAX_NOTE, type Draft, type DraftLog, type DraftTracker, type FileSummary } from './import-draft';
import { rowError, type ImportRowError, type SourceRow } from './import-errors';
import { leftOut, unreadColumns, type LeftOut } from './left-out';
import { localMoment, type OffsetAt } from './local-moment';
import type { InputFile } from './our-format-import';

/** What a day of a habit was, from its checkmark. */
type Mark = { readonly kind: 'value'; readonly value: number | boolean } | { readonly kind: 'skipped' | 'implied' | 'blank' };

/** Yes/no checkmarks: the words of `formattedValue`, and the numbers of the older exports. */
const BOOLEAN_MARKS: Record<string, Mark> = {
  YES_MANUAL: { kind: 'value', value: true },
  '2': { kind: 'value', value: true },
  NO: { kind: 'value', value: false },
  '0': { kind: 'value', value: false },
  YES_AUTO: { kind: 'implied' },
  '1': { kind: 'implied' },
  SKIP: { kind: 'skipped' },
  '3': { kind: 'skipped' },
  UNKNOWN: { kind: 'blank' },
  '-1': { kind: 'blank' },
  '-3': { kind: 'blank' },
};
/** Measurable checkmarks that `formattedValue` writes as words: the amounts 0, 0.001 and 0.002, a skip, none. */
const NUMBER_MARKS: Record<string, Mark> = {
  NO: { kind: 'value', value: 0 },
  YES_AUTO: { kind: 'value', value: 0.001 },
  YES_MANUAL: { kind: 'value', value: 0.002 },
  SKIP: { kind: 'skipped' },
  UNKNOWN: { kind: 'blank' },
  '-1': { kind: 'blank' },
  '': { kind: 'blank' },
};
const COLOR = /^#[0-9a-f]{6}$/i;
const HABIT_COLUMNS = ['position', 'name'] as const;
const OPTIONAL_HABIT_COLUMNS = ['type', 'question', 'description', 'frequencynumerator', 'frequencydenominator', 'numrepetitions', 'interval', 'color', 'unit', 'target type', 'target value', 'archived?'] as const;
const CHECKMARK_COLUMNS = ['date', 'value'] as const;
const OPTIONAL_CHECKMARK_COLUMNS = ['notes'] as const;

/** The options of a habit's "skipped days and notes" tracker. */
const DAY_OPTIONS = { skipped: 'skipped', implied: 'not due (frequency)', blank: 'no mark', blankAmount: 'no amount' } as const;
const MARKS_SUFFIX = ' (skipped days and notes)';

const IMPLIED_REASON = 'Loop filled this day in from the habit’s frequency (YES_AUTO); you did not enter it, so it is not an entry.';
const BLANK_REASON = 'Loop lists this day with no value (UNKNOWN) and no note: there is nothing to import.';
const SCORES_REASON = 'Loop computes scores from the checkmarks; the app computes its own statistics from the entries.';
const OTHER_FILE_REASON = 'Not a file of a Loop export that the import reads (Habits.csv and the Checkmarks.csv files).';

interface Habit {
  readonly tracker: DraftTracker;
  readonly position: string;
  readonly numerical: boolean;
  /** Whether any day went to the habit's "skipped days and notes" tracker. */
  hasMarks: boolean;
}

const baseName = (path: string): string => path.split(/[\\/]/).pop() ?? path;
const folderOf = (path: string): string => {
  const parts = path.split(/[\\/]/);
  return parts.length > 1 ? (parts[parts.length - 2] as string) : '';
};

export function draftFromLoop(files: readonly InputFile[], offsetAt: OffsetAt, newId: () => string): Draft {
  const habitsFile = files.find((file) => baseName(file.name).toLowerCase() === 'habits.csv');
  if (habitsFile === undefined) fail('IMPORT_FILES_INVALID', 'Pick Habits.csv from the unpacked Loop export, with Checkmarks.csv or the habit folders.', 'files');
  const summaries: FileSummary[] = [];
  const errors: ImportRowError[] = [];
  const out: Output = { logs: [], errors, leftOut: [], offsetAt };
  const habitsTable = readCsv((habitsFile as InputFile).name, (habitsFile as InputFile).text);
  for (const problem of habitsTable.problems) errors.push(problem);
  summaries.push(summary(habitsTable, 'Loop habits'));
  out.leftOut.push(...unreadColumns(habitsTable.file, habitsTable.header, [...HABIT_COLUMNS, ...OPTIONAL_HABIT_COLUMNS]));
  const habits = readHabits(habitsTable, errors);

  /** Habit name → the file of its own checkmarks, which the all-habits file repeats. */
  const covered = new Map<string, string>();
  const roots: CsvTable[] = [];
  for (const file of files) {
    if (file === habitsFile) continue;
    const fileName = baseName(file.name).toLowerCase();
    if (fileName !== 'checkmarks.csv') {
      summaries.push({ file: file.name, role: 'ignored', separator: ',', columns: [], rows: 0 });
      out.leftOut.push(leftOut({ file: file.name, row: 1 }, '', 'FILE_NOT_READ', fileName === 'scores.csv' ? SCORES_REASON : OTHER_FILE_REASON));
      continue;
    }
    const table = readCsv(file.name, withHeader(file.text));
    if (!isHabitCheckmarks(table)) {
      roots.push(table);
      continue;
    }
    // Habit folders are `NNN Name`, NNN being the habit's position in Habits.csv.
    const folder = folderOf(file.name);
    const position = /^(\d+) /.exec(folder)?.[1];
    const habit = habits.find((candidate) => candidate.position === position);
    if (habit === undefined) {
      summaries.push(summary(table, 'ignored'));
      out.leftOut.push(leftOut({ file: file.name, row: 1 }, '', 'FILE_NOT_READ', orphanReason(folder, habits, table.rows.length)));
      continue;
    }
    for (const problem of table.problems) errors.push(problem);
    summaries.push(summary(table, `Loop checkmarks of ${habit.tracker.name}`));
    covered.set(habit.tracker.name, file.name);
    readHabitCheckmarks(table, habit, out);
  }
  for (const table of roots) {
    for (const problem of table.problems) errors.push(problem);
    summaries.push(summary(table, 'Loop checkmarks of all habits'));
    readRootCheckmarks(table, habits, covered, out);
  }
  const trackers = habits.flatMap((habit) => (habit.hasMarks ? [habit.tracker, marksTracker(habit, newId)] : [habit.tracker]));
  return { files: summaries, trackers, logs: out.logs, errors, leftOut: out.leftOut };
}

/** Where the checkmarks of the habits go. */
interface Output {
  readonly logs: DraftLog[];
  readonly errors: ImportRowError[];
  readonly leftOut: LeftOut[];
  readonly offsetAt: OffsetAt;
}

/** A habit's own file (`Date,Value,Notes`), not the all-habits one (`Date,<habit>,…,`). */
const isHabitCheckmarks = (table: CsvTable): boolean => {
  const names = table.header.map((name) => name.trim().toLowerCase()).join(',');
  return names === 'date,value' || names === 'date,value,notes';
};

function orphanReason(folder: string, habits: readonly Habit[], rows: number): string {
  const what = `its ${rows} ${rows === 1 ? 'row is' : 'rows are'} not imported`;
  if (folder === '') return `One habit’s checkmarks outside its numbered habit folder ("001 Name"), so its habit is unknown: ${what}.`;
  const positions = habits.map((habit) => habit.position);
  const range = positions.length === 0 ? 'it has none' : `${positions[0]} to ${positions[positions.length - 1]}`;
  return `Its folder, "${folder}", is numbered as no habit of Habits.csv (${range}): ${what}.`;
}

function marksTracker(habit: Habit, newId: () => string): DraftTracker {
  const labels = habit.numerical ? [DAY_OPTIONS.skipped, DAY_OPTIONS.blankAmount] : [DAY_OPTIONS.skipped, DAY_OPTIONS.implied, DAY_OPTIONS.blank];
  return {
    ...habit.tracker,
    name: marksName(habit),
    description: `From Loop Habit Tracker: the days of "${habit.tracker.name}" you skipped, and your notes on days without a ${habit.numerical ? 'value' : 'yes or a no'}.`,
    target: null,
    settings: { type: 'multiple_choice', multiple: false, options: labels.map((label) => ({ id: newId(), label, archived: false })) },
  };
}

const marksName = (habit: Habit): string => `${habit.tracker.name.slice(0, MAX_NAME - MARKS_SUFFIX.length)}${MARKS_SUFFIX}`;

const summary = (table: CsvTable, role: string): FileSummary => ({ file: table.file, role, separator: table.separator, columns: table.header, rows: table.rows.length });

/** Older per-habit files have no header line; give them the newer one. */
const withHeader = (text: string): string => (/^\uFEFF?\s*date\s*,/i.test(text) ? text : `Date,Value\n${text}`);

function readHabits(table: CsvTable, errors: ImportRowError[]): Habit[] {
  const { columns, errors: columnErrors } = locateColumns(table, HABIT_COLUMNS, OPTIONAL_HABIT_COLUMNS);
  errors.push(...columnErrors);
  if (columnErrors.length > 0) return [];
  const habits: Habit[] = [];
  for (const { row, cells } of table.rows) {
    const cell = (name: keyof typeof columns): string => {
      const index = columns[name];
      return index === undefined ? '' : (cells[index] as string).trim();
    };
    const source = { file: table.file, row };
    const name = cell('name');
    if (name === '') {
      errors.push(rowError(source, 'Name', 'TRACKER_NAME_REQUIRED', 'Every habit needs a name.'));
      continue;
    }
    const numerical = cell('type').toUpperCase() === 'NUMERICAL';
    const numerator = Number(cell('frequencynumerator') || cell('numrepetitions') || '1');
    const denominator = Number(cell('frequencydenominator') || cell('interval') || '1');
    const settings: TrackerSettings = numerical
      ? { type: 'numerical', unit: cell('unit'), min: null, max: null, decimals: 3, aggregation: 'sum' }
      : { type: 'boolean' };
    const color = cell('color').toLowerCase();
    const description = [cell('question'), cell('description')].filter((part) => part !== '').join('\n');
    habits.push({
      position: cell('position'),
      numerical,
      hasMarks: false,
      tracker: {
        source,
        name,
        description,
        color: COLOR.test(color) ? color : DEFAULT_COLOR,
        emoji: '',
        archived: cell('archived?').toLowerCase() === 'true',
        target: numerical ? numericalTarget(cell('target type'), Number(cell('target value')), denominator) : booleanTarget(numerator, denominator),
        settings,
        createdAt: null,
      },
    });
  }
  return habits;
}

function booleanTarget(numerator: number, denominator: number): Target | null {
  if (denominator === 1 && numerator === 1) return { period: 'day', comparison: 'at_least', value: 1 };
  if (denominator === 7 && numerator >= 1 && numerator <= 7) return { period: 'week', comparison: 'at_least', value: numerator };
  return null;
}

function numericalTarget(type: string, value: number, denominator: number): Target | null {
  if (!Number.isFinite(value) || value < 0) return null;
  const period = denominator === 1 ? 'day' : denominator === 7 ? 'week' : null;
  if (period === null) return null;
  return { period, comparison: type.toUpperCase() === 'AT_MOST' ? 'at_most' : 'at_least', value };
}

function readHabitCheckmarks(table: CsvTable, habit: Habit, out: Output): void {
  const { columns, errors: columnErrors } = locateColumns(table, CHECKMARK_COLUMNS, OPTIONAL_CHECKMARK_COLUMNS);
  out.errors.push(...columnErrors);
  if (columnErrors.length > 0) return;
  for (const { row, cells } of table.rows) {
    const note = columns.notes === undefined ? '' : (cells[columns.notes] as string);
    addCheckmark(habit, cells[columns.date as number] as string, cells[columns.value as number] as string, note, { file: table.file, row }, out);
  }
}

function readRootCheckmarks(table: CsvTable, habits: readonly Habit[], covered: ReadonlyMap<string, string>, out: Output): void {
  const byName = new Map(habits.map((habit) => [habit.tracker.name, habit]));
  const headerRow = { file: table.file, row: 1 };
  const columnHabits = table.header.map((name, index) => {
    // The first column is the day; an empty one is the trailing comma of every line.
    if (index === 0 || name.trim() === '') return undefined;
    const habit = byName.get(name);
    const coveredBy = covered.get(name);
    if (habit === undefined) out.leftOut.push(leftOut(headerRow, name, 'COLUMN_NOT_READ', 'No habit of Habits.csv has this name: the column is not imported.'));
    else if (coveredBy !== undefined) out.leftOut.push(leftOut(headerRow, name, 'COLUMN_REPEATED', `This column repeats ${coveredBy}, which is read instead (it has the notes).`));
    return coveredBy === undefined ? habit : undefined;
  });
  for (const { row, cells } of table.rows) {
    columnHabits.forEach((habit, index) => {
      if (habit !== undefined) addCheckmark(habit, cells[0] as string, cells[index] as string, '', { file: table.file, row }, out);
    });
  }
}

function addCheckmark(habit: Habit, day: string, cell: string, note: string, source: SourceRow, out: Output): void {
  const column = habit.tracker.name;
  const mark = markOf(habit, cell);
  if (mark === null) {
    const expected = habit.numerical ? 'an amount (Loop writes amounts × 1000, such as 7500), SKIP or UNKNOWN' : 'a Loop checkmark (YES_MANUAL, NO, YES_AUTO, SKIP or UNKNOWN)';
    out.errors.push(rowError(source, column, 'LOG_VALUE_INVALID', `"${cell}" is not ${expected}.`));
    return;
  }
  const time = localMoment(day, 12, 0, out.offsetAt);
  if (time === null) {
    out.errors.push(rowError(source, 'Date', 'LOG_TIME_INVALID', `"${day}" is not a day (yyyy-MM-dd).`));
    return;
  }
  const kept = note.trim() !== '';
  if (mark.kind === 'implied' && !kept) {
    out.leftOut.push(leftOut(source, column, 'DAY_IMPLIED', IMPLIED_REASON));
    return;
  }
  if (mark.kind === 'blank' && !kept) {
    out.leftOut.push(leftOut(source, column, 'DAY_WITHOUT_MARK', BLANK_REASON));
    return;
  }
  const moment = { source, at: time.at, offsetMinutes: time.offsetMinutes, note: note.slice(0, MAX_NOTE) };
  if (mark.kind === 'value') {
    out.logs.push({ ...moment, trackerName: habit.tracker.name, value: { kind: 'stored', value: mark.value } });
    return;
  }
  habit.hasMarks = true;
  const option = mark.kind === 'skipped' ? DAY_OPTIONS.skipped : mark.kind === 'implied' ? DAY_OPTIONS.implied : habit.numerical ? DAY_OPTIONS.blankAmount : DAY_OPTIONS.blank;
  out.logs.push({ ...moment, trackerName: marksName(habit), value: { kind: 'labels', labels: [option] } });
}

function markOf(habit: Habit, cell: string): Mark | null {
  const word = cell.trim().toUpperCase();
  if (!habit.numerical) return BOOLEAN_MARKS[word] ?? null;
  const named = NUMBER_MARKS[word];
  if (named !== undefined) return named;
  const thousandths = Number(word);
  return Number.isInteger(thousandths) ? { kind: 'value', value: thousandths / 1000 } : null;
}
