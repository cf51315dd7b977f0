/**
 * Loop Habit Tracker's CSV export (a zip the person unpacks; they pick its files).
 * Format read from the exporter's source, iSoron/uhabits:
 *   uhabits-core/src/jvmMain/java/org/isoron/uhabits/core/io/HabitsCSVExporter.kt
 *   uhabits-core/src/jvmMain/java/org/isoron/uhabits/core/models/HabitList.kt (writeCSV)
 *   uhabits-core/src/jvmMain/java/org/isoron/uhabits/core/models/Entry.kt
 * - `Habits.csv`: `Position,Name,Type,Question,Description,FrequencyNumerator,
 *   FrequencyDenominator,Color,Unit,Target Type,Target Value,Archived?` (older versions:
 *   `Position,Name,Question,Description,NumRepetitions,Interval,Color`, all yes/no habits).
 * - `NNN Name/Checkmarks.csv` per habit: `Date,Value,Notes` (older versions: no header,
 *   `date,value`), newest first. `Checkmarks.csv` at the root: `Date,<habit>,<habit>,…`
 *   with a trailing comma on every line, used for habits without their own file.
 * - Dates are `yyyy-MM-dd`. Values: yes/no habits `YES_MANUAL` (2) done, `NO` (0) not
 *   done, `YES_AUTO` (1) implied by the frequency, `SKIP` (3), `UNKNOWN` (-1); measurable
 *   habits store the amount × 1000 as an integer (`7000` is 7).
 * Mapping: yes/no habit → boolean tracker, one log per YES_MANUAL (yes) or NO (no) day;
 * YES_AUTO, SKIP and UNKNOWN days are not entries and are left out. Measurable habit →
 * numerical tracker with its unit, summed per period. A frequency of once a day or N times
 * a week, and a measurable target, become the tracker's target. Each entry is at noon.
 */
import type { Target, TrackerSettings } from '../../../src-preload/contract';
import { fail } from '../errors';
import { locateColumns, readCsv, type CsvTable } from './csv-reader';
import { DEFAULT_COLOR, MAX_NOTE, type Draft, type DraftLog, type DraftTracker, type FileSummary } from './import-draft';
import { rowError, type ImportRowError } from './import-errors';
import { localMoment, type OffsetAt } from './local-moment';
import type { InputFile } from './our-format-import';

const BOOLEAN_WORDS: Record<string, boolean | null> = { YES_MANUAL: true, '2': true, NO: false, '0': false, YES_AUTO: null, '1': null, SKIP: null, '3': null, '-3': null, UNKNOWN: null, '-1': null };
const MISSING_NUMBER = new Set(['UNKNOWN', 'SKIP', '-1', '']);
const COLOR = /^#[0-9a-f]{6}$/i;

interface Habit {
  readonly tracker: DraftTracker;
  readonly position: string;
  readonly numerical: boolean;
}

const baseName = (path: string): string => path.split(/[\\/]/).pop() ?? path;
const folderOf = (path: string): string => {
  const parts = path.split(/[\\/]/);
  return parts.length > 1 ? (parts[parts.length - 2] as string) : '';
};

export function draftFromLoop(files: readonly InputFile[], offsetAt: OffsetAt): Draft {
  const habitsFile = files.find((file) => baseName(file.name).toLowerCase() === 'habits.csv');
  if (habitsFile === undefined) fail('IMPORT_FILES_INVALID', 'Pick Habits.csv from the unpacked Loop export, with Checkmarks.csv or the habit folders.', 'files');
  const summaries: FileSummary[] = [];
  const errors: ImportRowError[] = [];
  const habitsTable = readCsv((habitsFile as InputFile).name, (habitsFile as InputFile).text);
  errors.push(...habitsTable.problems);
  summaries.push(summary(habitsTable, 'Loop habits'));
  const habits = readHabits(habitsTable, errors);

  const logs: DraftLog[] = [];
  const covered = new Set<string>();
  const roots: InputFile[] = [];
  for (const file of files) {
    if (file === habitsFile) continue;
    if (baseName(file.name).toLowerCase() !== 'checkmarks.csv') {
      summaries.push({ file: file.name, role: 'ignored', separator: ',', columns: [], rows: 0 });
      continue;
    }
    // Habit folders are `NNN Name`, NNN being the habit's position in Habits.csv; a
    // Checkmarks.csv anywhere else is the one of all habits.
    const position = /^(\d+) /.exec(folderOf(file.name))?.[1];
    const habit = position === undefined ? undefined : habits.find((candidate) => candidate.position === position);
    if (habit === undefined) {
      roots.push(file);
      continue;
    }
    const table = readCsv(file.name, withHeader(file.text));
    errors.push(...table.problems);
    summaries.push(summary(table, `Loop checkmarks of ${habit.tracker.name}`));
    covered.add(habit.tracker.name);
    readHabitCheckmarks(table, habit, offsetAt, logs, errors);
  }
  for (const root of roots) {
    const table = readCsv(root.name, root.text);
    errors.push(...table.problems);
    summaries.push(summary(table, 'Loop checkmarks of all habits'));
    readRootCheckmarks(table, habits, covered, offsetAt, logs, errors);
  }
  return { files: summaries, trackers: habits.map((habit) => habit.tracker), logs, errors };
}

const summary = (table: CsvTable, role: string): FileSummary => ({ file: table.file, role, separator: table.separator, columns: table.header, rows: table.rows.length });

/** Older per-habit files have no header line; give them the newer one. */
const withHeader = (text: string): string => (/^\uFEFF?\s*date\s*,/i.test(text) ? text : `Date,Value\n${text}`);

function readHabits(table: CsvTable, errors: ImportRowError[]): Habit[] {
  const { columns, errors: columnErrors } = locateColumns(
    table,
    ['position', 'name'] as const,
    ['type', 'question', 'description', 'frequencynumerator', 'frequencydenominator', 'numrepetitions', 'interval', 'color', 'unit', 'target type', 'target value', 'archived?'] as const,
  );
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

function readHabitCheckmarks(table: CsvTable, habit: Habit, offsetAt: OffsetAt, logs: DraftLog[], errors: ImportRowError[]): void {
  const { columns, errors: columnErrors } = locateColumns(table, ['date', 'value'] as const, ['notes'] as const);
  errors.push(...columnErrors);
  if (columnErrors.length > 0) return;
  for (const { row, cells } of table.rows) {
    const note = columns.notes === undefined ? '' : (cells[columns.notes] as string);
    addCheckmark(habit, cells[columns.date as number] as string, cells[columns.value as number] as string, note, { file: table.file, row }, offsetAt, logs, errors);
  }
}

function readRootCheckmarks(table: CsvTable, habits: readonly Habit[], covered: Set<string>, offsetAt: OffsetAt, logs: DraftLog[], errors: ImportRowError[]): void {
  const byName = new Map(habits.map((habit) => [habit.tracker.name, habit]));
  const columnHabits = table.header.map((name, index) => (index === 0 ? undefined : byName.get(name)));
  for (const { row, cells } of table.rows) {
    columnHabits.forEach((habit, index) => {
      if (habit === undefined || covered.has(habit.tracker.name)) return;
      addCheckmark(habit, cells[0] as string, cells[index] as string, '', { file: table.file, row }, offsetAt, logs, errors);
    });
  }
}

function addCheckmark(habit: Habit, day: string, cell: string, note: string, source: { file: string; row: number }, offsetAt: OffsetAt, logs: DraftLog[], errors: ImportRowError[]): void {
  const word = cell.trim().toUpperCase();
  let value: number | boolean;
  if (habit.numerical) {
    if (MISSING_NUMBER.has(word)) return;
    const thousandths = Number(word);
    if (!Number.isInteger(thousandths)) {
      errors.push(rowError(source, habit.tracker.name, 'LOG_VALUE_INVALID', `"${cell}" is not an amount (Loop writes amounts × 1000, such as 7500).`));
      return;
    }
    value = thousandths / 1000;
  } else {
    if (!(word in BOOLEAN_WORDS)) {
      errors.push(rowError(source, habit.tracker.name, 'LOG_VALUE_INVALID', `"${cell}" is not a Loop checkmark (YES_MANUAL, NO, YES_AUTO, SKIP or UNKNOWN).`));
      return;
    }
    const done = BOOLEAN_WORDS[word];
    if (done === null || done === undefined) return;
    value = done;
  }
  const time = localMoment(day, 12, 0, offsetAt);
  if (time === null) {
    errors.push(rowError(source, 'Date', 'LOG_TIME_INVALID', `"${day}" is not a day (yyyy-MM-dd).`));
    return;
  }
  logs.push({ source, trackerName: habit.tracker.name, at: time.at, offsetMinutes: time.offsetMinutes, value: { kind: 'stored', value }, note: note.slice(0, MAX_NOTE) });
}
