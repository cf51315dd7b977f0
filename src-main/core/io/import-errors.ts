/**
 * Problems found in the rows of an import. Unlike `AppFailure` (which refuses a whole
 * file: empty, binary, too large), these are collected, so a person sees every problem
 * at once, each with the row number a spreadsheet shows (the header is row 1).
 */
export type ImportErrorCode =
  | 'CSV_QUOTES'
  | 'CSV_COLUMN_COUNT'
  | 'CSV_COLUMN_MISSING'
  | 'CSV_COLUMN_TWICE'
  | 'CELL_TOO_LONG'
  | 'TRACKER_NAME_REQUIRED'
  | 'TRACKER_NAME_TWICE'
  | 'TRACKER_TYPE_INVALID'
  | 'TRACKER_TYPE_CONFLICT'
  | 'TRACKER_SETTINGS_INVALID'
  | 'TRACKER_TARGET_INVALID'
  | 'TRACKER_LOOKS_INVALID'
  | 'TRACKER_UNKNOWN'
  | 'TRACKER_ROW_INVALID'
  | 'LOG_TIME_INVALID'
  | 'LOG_VALUE_INVALID'
  | 'LOG_VALUE_MISMATCH'
  | 'CHOICE_OPTIONS_INVALID'
  | 'CELL_INVALID';

export interface ImportRowError {
  /** The file's name as the person picked it. */
  readonly file: string;
  /** As a spreadsheet numbers it: the header is row 1. */
  readonly row: number;
  /** The column's name as in the file's header, or '' for the whole row. */
  readonly column: string;
  readonly code: ImportErrorCode;
  readonly message: string;
}

export interface SourceRow {
  readonly file: string;
  readonly row: number;
}

export const rowError = (at: SourceRow, column: string, code: ImportErrorCode, message: string): ImportRowError => ({
  file: at.file,
  row: at.row,
  column,
  code,
  message,
});
