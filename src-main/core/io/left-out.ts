/**
 * What an import reads but does not store, each with its reason, in the shape of a row
 * problem (`import-errors.ts`). Nothing a file holds is dropped without the preview saying
 * so: a day another app filled in by itself, a column no importer reads, a file of scores.
 * Unlike a problem, a left-out item never blocks the import. Duplicates are counted apart
 * (`ImportPlan.duplicates`): they are already stored, so nothing is lost.
 */
import type { LeftOutCode } from '../../../src-preload/contract';
import type { SourceRow } from './import-errors';

export interface LeftOut {
  readonly file: string;
  /** As a spreadsheet numbers it: the header is row 1 (also for a column or a whole file). */
  readonly row: number;
  /** The column's name as in the file's header, or '' for a whole row or file. */
  readonly column: string;
  /** The kinds are listed with `LEFT_OUT_CODES` in the contract. */
  readonly code: LeftOutCode;
  /** The reason, in the person's words. */
  readonly message: string;
}

export const leftOut = (at: SourceRow, column: string, code: LeftOutCode, message: string): LeftOut => ({ file: at.file, row: at.row, column, code, message });

/**
 * The header's columns that are not in `read` (any case), one item each. A column with
 * an empty name is the trailing comma some exporters end every line with, not a column.
 * `repeated` names the columns whose content another column gives, with the reason.
 */
export function unreadColumns(file: string, header: readonly string[], read: readonly string[], repeated: Readonly<Record<string, string>> = {}): LeftOut[] {
  const known = new Set(read.map((name) => name.toLowerCase()));
  const items: LeftOut[] = [];
  for (const name of header) {
    const key = name.toLowerCase();
    if (name.trim() === '' || known.has(key)) continue;
    const reason = repeated[key];
    items.push(
      reason === undefined
        ? leftOut({ file, row: 1 }, name, 'COLUMN_NOT_READ', 'The import does not read this column: its cells are not imported.')
        : leftOut({ file, row: 1 }, name, 'COLUMN_REPEATED', reason),
    );
  }
  return items;
}
