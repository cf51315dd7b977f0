/**
 * Reading our own export (README.md): each file is recognised by its header, so the
 * trackers CSV and the logs CSV may come together, alone, or in any order.
 */
import { TRACKER_TYPES, targetSchema, type TrackerType } from '../../../src-preload/contract';
import { AppFailure, fail } from '../errors';
import { parseLogTime } from '../domain/log-time';
import { locateColumns, readCsv, type CsvTable } from './csv-reader';
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
  const summaries: FileSummary[] = [];
  const trackers: DraftTracker[] = [];
  const logs: DraftLog[] = [];
  const errors: ImportRowError[] = [];
  const brokenTrackers: string[] = [];
  for (const input of files) {
    const table = readCsv(input.name, input.text);
    errors.push(...table.problems);
    const names = new Set(table.header.map((name) => name.toLowerCase()));
    const role = names.has('tracker') && names.has('time') ? 'logs' : names.has('name') && names.has('type') ? 'trackers' : null;
    if (role === null) {
      fail(
        'CSV_COLUMNS_INVALID',
        `${input.name} is neither a trackers CSV (columns name, type, …) nor a logs CSV (columns tracker, time, value, …); its columns are: ${table.header.join(', ')}.`,
        'files',
      );
    }
    summaries.push({ file: input.name, role: role as string, separator: table.separator, columns: table.header, rows: table.rows.length });
    if (role === 'trackers') readTrackers(table, newId, trackers, errors, brokenTrackers);
    else readLogs(table, logs, errors);
  }
  return { files: summaries, trackers, logs, errors, brokenTrackers };
}

function readTrackers(table: CsvTable, newId: () => string, out: DraftTracker[], errors: ImportRowError[], broken: string[]): void {
  const { columns, errors: columnErrors } = locateColumns(table, TRACKER_REQUIRED, TRACKER_OPTIONAL);
  errors.push(...columnErrors);
  if (columnErrors.length > 0) return;
  for (const { row, cells } of table.rows) {
    const source = { file: table.file, row };
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
    const archivedWord = cell('archived').trim().toLowerCase();
    if (!YES.has(archivedWord) && !NO.has(archivedWord)) problem('archived', 'CELL_INVALID', 'Archived must be yes or no.');
    const created = cell('created').trim();
    const createdAt = created === '' ? null : Number.isNaN(Date.parse(created)) ? undefined : new Date(created).toISOString();
    if (createdAt === undefined) problem('created', 'CELL_INVALID', 'The creation time must be ISO-8601, such as 2026-11-25T08:30:00Z.');

    if (rowErrors.length > 0 || settings === null || !settings.ok || target === undefined || createdAt === undefined) {
      errors.push(...rowErrors);
      if (name !== '') broken.push(name);
      continue;
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

function readLogs(table: CsvTable, out: DraftLog[], errors: ImportRowError[]): void {
  const { columns, errors: columnErrors } = locateColumns(table, LOG_REQUIRED, LOG_OPTIONAL);
  if (columns.value === undefined && columns.value_canonical === undefined) {
    columnErrors.push(rowError({ file: table.file, row: 1 }, 'value', 'CSV_COLUMN_MISSING', 'A logs CSV needs a "value" or a "value_canonical" column.'));
  }
  errors.push(...columnErrors);
  if (columnErrors.length > 0) return;
  const at = (cells: string[], index: number | undefined): string => (index === undefined ? '' : (cells[index] as string));
  for (const { row, cells } of table.rows) {
    const source = { file: table.file, row };
    const trackerName = at(cells, columns.tracker).trim();
    const note = at(cells, columns.note);
    let ok = true;
    if (trackerName === '') {
      errors.push(rowError(source, 'tracker', 'TRACKER_NAME_REQUIRED', 'Say which tracker the entry belongs to.'));
      ok = false;
    }
    if (note.length > MAX_NOTE) {
      errors.push(rowError(source, 'note', 'CELL_TOO_LONG', `A note may have up to ${MAX_NOTE} characters.`));
      ok = false;
    }
    const time = logTime(at(cells, columns.time));
    if (time instanceof AppFailure) {
      errors.push(rowError(source, 'time', 'LOG_TIME_INVALID', time.message));
      ok = false;
    }
    if (!ok || time instanceof AppFailure) continue;
    out.push({
      source,
      trackerName,
      at: time.at,
      offsetMinutes: time.offsetMinutes,
      value: { kind: 'cells', human: at(cells, columns.value), canonical: at(cells, columns.value_canonical), humanColumn: 'value', canonicalColumn: 'value_canonical' },
      note,
    });
  }
}

const NO_NOW = new Date(0);
function logTime(cell: string) {
  if (cell.trim() === '') return new AppFailure('LOG_TIME_INVALID', 'Every entry needs a time, such as 2026-11-25T08:30:00+01:00.');
  try {
    return parseLogTime(cell, NO_NOW, () => 0);
  } catch (error) {
    if (error instanceof AppFailure) return error;
    throw error;
  }
}
