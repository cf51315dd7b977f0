/**
 * Reading our own export (README.md): each file is recognised by its header, so the
 * trackers CSV and the logs CSV may come together, alone, or in any order.
 */
import { TRACKER_TYPES, targetSchema, type TrackerType } from '../../../src-preload/contract';
import { AppFailure, fail } from '../errors';
import { validEmoji } from '../domain/tracker-looks';
import { locateColumns, scanCsv, type CsvHeader, type RowVisitor, type ScanProgress } from './csv-reader';
import { readLogTime } from './fast-log-time';
import {
  MAX_DESCRIPTION,
  MAX_EMOJI,
  MAX_NAME,
  MAX_NOTE,
  DEFAULT_COLOR,
  type Draft,
  type DraftLog,
  type DraftTracker,
  type FileSummary,
} from './import-draft';
import { rowError, type ImportRowError } from './import-errors';
import type { DraftSink } from './import-plan';
import { unreadColumns, type LeftOut } from './left-out';
import { settingsFromCell } from './settings-cell';

export interface InputFile {
  readonly name: string;
  readonly text: string;
}

const TRACKER_REQUIRED = ['name', 'type'] as const;
const TRACKER_OPTIONAL = ['description', 'settings', 'target', 'color', 'emoji', 'archived', 'created'] as const;
const LOG_REQUIRED = ['tracker', 'time'] as const;
const LOG_OPTIONAL = ['value', 'value_canonical', 'note'] as const;

const COLOR = /^#[0-9a-f]{6}$/i;
const YES = new Set(['yes', 'true', '1']);
const NO = new Set(['no', 'false', '0', '']);

export function draftFromOurFiles(files: readonly InputFile[], newId: () => string): Draft {
  const trackers: DraftTracker[] = [];
  const logs: DraftLog[] = [];
  const errors: ImportRowError[] = [];
  const brokenTrackers: string[] = [];
  const leftOut: LeftOut[] = [];
  const summaries = readOurFiles(files, newId, {
    addErrors: (more) => {
      for (const error of more) errors.push(error);
    },
    addLeftOut: (more) => leftOut.push(...more),
    addTrackers: (more, broken) => {
      trackers.push(...more);
      brokenTrackers.push(...broken);
    },
    addLog: (log) => logs.push(log),
  });
  return { files: summaries, trackers, logs, errors, brokenTrackers, leftOut };
}

type Role = 'trackers' | 'logs';

/**
 * Read our files into `sink`: every trackers file first (the logs name their trackers),
 * then the logs files, each log handed to `sink` as its row is read (`progress`, when
 * given, is told every few rows of each file). Returns the files as read, in the order given.
 */
export function readOurFiles(files: readonly InputFile[], newId: () => string, sink: DraftSink, progress?: ScanProgress): FileSummary[] {
  const roles = files.map((input) => roleOf(input));
  const summaries = new Map<InputFile, FileSummary>();
  const trackers: DraftTracker[] = [];
  const broken: string[] = [];
  for (const [index, input] of files.entries()) {
    if (roles[index] !== 'trackers') continue;
    const columnErrors: ImportRowError[] = [];
    const rowErrors: ImportRowError[] = [];
    const scan = scanCsv(input.name, input.text, (head) => trackerRows(head, newId, trackers, columnErrors, rowErrors, broken), progress);
    // In the order a person reads them: the file's own problems, its header's, then its rows'.
    sink.addErrors([...scan.problems, ...columnErrors, ...rowErrors]);
    sink.addLeftOut(unreadColumns(input.name, scan.header, [...TRACKER_REQUIRED, ...TRACKER_OPTIONAL]));
    summaries.set(input, { file: input.name, role: 'trackers', separator: scan.separator, columns: scan.header, rows: scan.rows });
  }
  sink.addTrackers(trackers, broken);
  for (const [index, input] of files.entries()) {
    if (roles[index] !== 'logs') continue;
    const columnErrors: ImportRowError[] = [];
    const scan = scanCsv(input.name, input.text, (head) => logRows(head, sink, columnErrors), progress);
    sink.addErrors([...scan.problems, ...columnErrors]);
    sink.addLeftOut(unreadColumns(input.name, scan.header, [...LOG_REQUIRED, ...LOG_OPTIONAL]));
    summaries.set(input, { file: input.name, role: 'logs', separator: scan.separator, columns: scan.header, rows: scan.rows });
  }
  return files.map((input) => summaries.get(input) as FileSummary);
}

/** Which of our files this is, from its header alone. */
function roleOf(input: InputFile): Role {
  let role: Role | null = null;
  const { header } = scanCsv(input.name, input.text, (head) => {
    const names = new Set(head.header.map((name) => name.toLowerCase()));
    role = names.has('tracker') && names.has('time') ? 'logs' : names.has('name') && names.has('type') ? 'trackers' : null;
    return 'stop';
  });
  return (
    role ??
    fail(
      'CSV_COLUMNS_INVALID',
      `${input.name} is neither a trackers CSV (columns name, type, …) nor a logs CSV (columns tracker, time, value, …); its columns are: ${header.join(', ')}.`,
      'files',
    )
  );
}

function trackerRows(head: CsvHeader, newId: () => string, out: DraftTracker[], columnErrors: ImportRowError[], errors: ImportRowError[], broken: string[]): RowVisitor | null {
  const { columns, errors: missing } = locateColumns(head, TRACKER_REQUIRED, TRACKER_OPTIONAL);
  columnErrors.push(...missing);
  if (missing.length > 0) return null;
  return (row, cells) => {
    const source = { file: head.file, row };
    const cell = (name: (typeof TRACKER_REQUIRED)[number] | (typeof TRACKER_OPTIONAL)[number]): string => {
      const index = columns[name];
      return index === undefined ? '' : (cells[index] as string);
    };
    const rowErrors: ImportRowError[] = [];
    const problem = (column: string, code: ImportRowError['code'], message: string) => rowErrors.push(rowError(source, column, code, message));

    const name = cell('name').trim();
    if (name === '') problem('name', 'TRACKER_NAME_REQUIRED', 'Every tracker needs a name.');
    else if (name.length > MAX_NAME) problem('name', 'CELL_TOO_LONG', `A name may have up to ${MAX_NAME} characters.`);
    const description = cell('description');
    if (description.length > MAX_DESCRIPTION) problem('description', 'CELL_TOO_LONG', `A description may have up to ${MAX_DESCRIPTION} characters.`);
    const type = trackerType(cell('type'));
    if (type === null) problem('type', 'TRACKER_TYPE_INVALID', `The type must be one of ${TRACKER_TYPES.join(', ')}.`);
    const settings = type === null ? null : settingsFromCell(type, cell('settings'), newId);
    if (settings !== null && !settings.ok) problem('settings', 'TRACKER_SETTINGS_INVALID', settings.message);
    const target = targetFromCell(cell('target'));
    if (target === undefined) problem('target', 'TRACKER_TARGET_INVALID', 'The target must be empty or JSON such as {"period":"day","comparison":"at_least","value":8}.');
    const color = cell('color').trim().toLowerCase();
    if (color !== '' && !COLOR.test(color)) problem('color', 'TRACKER_LOOKS_INVALID', 'The colour must be empty or #rrggbb.');
    const emoji = cell('emoji').trim();
    if (emoji.length > MAX_EMOJI) problem('emoji', 'CELL_TOO_LONG', 'The emoji cell holds one emoji.');
    else if (!isEmoji(emoji)) problem('emoji', 'TRACKER_LOOKS_INVALID', 'The emoji cell holds one emoji, or nothing.');
    const archivedWord = cell('archived').trim().toLowerCase();
    if (!YES.has(archivedWord) && !NO.has(archivedWord)) problem('archived', 'CELL_INVALID', 'Archived must be yes or no.');
    const created = cell('created').trim();
    const createdAt = created === '' ? null : Number.isNaN(Date.parse(created)) ? undefined : new Date(created).toISOString();
    if (createdAt === undefined) problem('created', 'CELL_INVALID', 'The creation time must be ISO-8601, such as 2026-11-25T08:30:00Z.');

    if (rowErrors.length > 0 || settings === null || !settings.ok || target === undefined || createdAt === undefined) {
      errors.push(...rowErrors);
      if (name !== '') broken.push(name);
      return;
    }
    out.push({
      source,
      name,
      description,
      color: color === '' ? DEFAULT_COLOR : color,
      emoji,
      archived: YES.has(archivedWord),
      target,
      settings: settings.settings,
      createdAt,
    });
  };
}

/** The app's own rule (one emoji or none), so an import stores nothing a form would refuse. */
function isEmoji(cell: string): boolean {
  try {
    validEmoji(cell);
    return true;
  } catch (error) {
    if (error instanceof AppFailure) return false;
    throw error;
  }
}

function trackerType(cell: string): TrackerType | null {
  const word = cell.trim().toLowerCase().replaceAll(' ', '_');
  return (TRACKER_TYPES as readonly string[]).includes(word) ? (word as TrackerType) : null;
}

/** null for no target, undefined for a cell that is not one. */
function targetFromCell(cell: string) {
  if (cell.trim() === '') return null;
  try {
    const parsed = targetSchema.safeParse(JSON.parse(cell));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Column names of our logs CSV, as the person's errors name them. */
const HUMAN_COLUMN = 'value';
const CANONICAL_COLUMN = 'value_canonical';

function logRows(head: CsvHeader, sink: DraftSink, columnErrors: ImportRowError[]): RowVisitor | null {
  const { columns, errors: missing } = locateColumns(head, LOG_REQUIRED, LOG_OPTIONAL);
  if (columns.value === undefined && columns.value_canonical === undefined) {
    missing.push(rowError({ file: head.file, row: 1 }, 'value', 'CSV_COLUMN_MISSING', 'A logs CSV needs a "value" or a "value_canonical" column.'));
  }
  columnErrors.push(...missing);
  if (missing.length > 0) return null;
  const { tracker, time: timeColumn, value, value_canonical: canonical, note: noteColumn } = columns;
  return (row, cells) => {
    const trackerName = tracker === undefined ? '' : (cells[tracker] as string).trim();
    const note = noteColumn === undefined ? '' : (cells[noteColumn] as string);
    const time = logTime(timeColumn === undefined ? '' : (cells[timeColumn] as string));
    if (trackerName === '' || note.length > MAX_NOTE || time instanceof AppFailure) {
      const source = { file: head.file, row };
      const errors: ImportRowError[] = [];
      if (trackerName === '') errors.push(rowError(source, 'tracker', 'TRACKER_NAME_REQUIRED', 'Say which tracker the entry belongs to.'));
      if (note.length > MAX_NOTE) errors.push(rowError(source, 'note', 'CELL_TOO_LONG', `A note may have up to ${MAX_NOTE} characters.`));
      if (time instanceof AppFailure) errors.push(rowError(source, 'time', 'LOG_TIME_INVALID', time.message));
      sink.addErrors(errors);
      return;
    }
    sink.addLog({
      source: { file: head.file, row },
      trackerName,
      at: time.at,
      offsetMinutes: time.offsetMinutes,
      value: {
        kind: 'cells',
        human: value === undefined ? '' : (cells[value] as string),
        canonical: canonical === undefined ? '' : (cells[canonical] as string),
        humanColumn: HUMAN_COLUMN,
        canonicalColumn: CANONICAL_COLUMN,
      },
      note,
    });
  };
}

function logTime(cell: string) {
  if (cell.trim() === '') return new AppFailure('LOG_TIME_INVALID', 'Every entry needs a time, such as 2026-11-25T08:30:00+01:00.');
  try {
    return readLogTime(cell);
  } catch (error) {
    if (error instanceof AppFailure) return error;
    throw error;
  }
}
