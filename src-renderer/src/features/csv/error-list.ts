/**
 * The import's problems as a CSV the person can download, fix their file against, and
 * keep (saved like every CSV, with a byte-order mark in front). papaparse quotes the cells
 * and guards formulas (a message quoting `=SUM(…)` from the file must not run when the
 * list is opened in a spreadsheet).
 */
import Papa from 'papaparse';
import type { ImportRowErrorView } from '../../../../src-preload/contract';

export const ERROR_COLUMNS = ['file', 'row', 'column', 'code', 'message'] as const;

export function errorListCsv(errors: readonly ImportRowErrorView[]): string {
  const rows = errors.map((error) => [error.file, String(error.row), error.column, error.code, error.message]);
  return `${Papa.unparse({ fields: [...ERROR_COLUMNS], data: rows }, { escapeFormulae: true, newline: '\r\n' })}\r\n`;
}
