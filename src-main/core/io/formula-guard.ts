/**
 * Formula-injection guard. Spreadsheets run a cell that starts with `=`, `+`, `-`, `@`,
 * tab or carriage return as a formula (OWASP "CSV injection"); a leading `'` makes them
 * show it as text. So on export such a cell gets one `'` in front, and so does a cell that
 * already starts with `'`, which makes the rule reversible: on import a leading `'`
 * followed by one of those characters (or by another `'`) is dropped, exactly once.
 *
 * A cell that is a plain number (`-3`, `+2.5`, `1e-3`) is left alone in the value and
 * target columns: escaping it would turn every negative measurement into text in the
 * spreadsheet, and a number is not a formula.
 */

const TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r', "'"]);
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;

export const isPlainNumber = (cell: string): boolean => PLAIN_NUMBER.test(cell);

/** The cell as written to a CSV file. `numeric` columns keep plain numbers unescaped. */
export function escapeCell(cell: string, numeric = false): string {
  if (cell === '' || !TRIGGERS.has(cell[0] as string)) return cell;
  if (numeric && isPlainNumber(cell)) return cell;
  return `'${cell}`;
}

/** The cell as it was before `escapeCell`. */
export function unescapeCell(cell: string): string {
  return cell.length >= 2 && cell[0] === "'" && TRIGGERS.has(cell[1] as string) ? cell.slice(1) : cell;
}
