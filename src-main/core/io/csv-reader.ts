/**
 * Reading a CSV file a person picked: checks that refuse the whole file (too large, not
 * text, empty) and papaparse for the rest. Accepts UTF-8 with or without a byte-order
 * mark, `,` `;` or tab separators (detected from the first rows), quoted fields holding
 * separators, quotes or newlines, and CRLF or LF line ends.
 */
import Papa from 'papaparse';
import { fail } from '../errors';
import { unescapeCell } from './formula-guard';
import { rowError, type ImportRowError } from './import-errors';

/** Larger files are refused: the whole file is held in memory while it is checked. */
export const MAX_CSV_BYTES = 200 * 1024 * 1024;

export type Separator = ',' | ';' | '\t';
const SEPARATORS: Separator[] = [',', ';', '\t'];

export interface CsvRow {
  /** As a spreadsheet numbers it (the header is row 1); a quoted newline does not add a row. */
  readonly row: number;
  /** Unescaped (see `formula-guard.ts`). */
  readonly cells: string[];
}

export interface CsvTable {
  readonly file: string;
  readonly separator: Separator;
  /** Column names as in the file, trimmed. */
  readonly header: string[];
  readonly rows: CsvRows;
  /** Rows papaparse or the column count refused; they are not in `rows`. */
  readonly problems: ImportRowError[];
}

/** A file's data rows, read from its text again each time they are walked (`readCsv`). */
export interface CsvRows extends Iterable<CsvRow> {
  readonly length: number;
}

const BOM = '\uFEFF';

/** Bytes from disk or a drop: anything that is not valid UTF-8 is refused as binary. */
export function decodeCsvBytes(file: string, bytes: Uint8Array): string {
  if (bytes.byteLength > MAX_CSV_BYTES) return tooLarge(file);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return notText(file);
  }
}

/** A file's header as read, before its rows: what a row visitor needs to locate columns. */
export interface CsvHeader {
  readonly file: string;
  readonly separator: Separator;
  /** Column names as in the file, trimmed. */
  readonly header: string[];
}

/** Called with each data row (cells unescaped; `cells` may be kept, it is not reused). */
export type RowVisitor = (row: number, cells: string[]) => void;

export interface CsvScan extends CsvHeader {
  /** Data rows passed to the visitor (blank rows and refused rows not counted). */
  readonly rows: number;
  /** Rows papaparse or the column count refused; they were not visited. */
  readonly problems: ImportRowError[];
}

/** Told how far a long scan has got (an import's check shows its progress meanwhile). */
export interface ScanProgress {
  /** Data rows between two calls of `read`. */
  readonly every: number;
  /** Called, inside the scan, after every `every` data rows. */
  read(): void;
}

/**
 * Parse `text` (already decoded) row by row: `onHeader` sees the header and answers the
 * visitor of the data rows (null to skip them, 'stop' to read no further). Rows are never gathered into one
 * array, so a million-row file leaves little garbage (papaparse's step mode is also about
 * twice as fast as building the whole result). Throws CSV_TOO_LARGE, CSV_BINARY or
 * CSV_EMPTY for a file that cannot be a CSV at all; row-level problems are returned. The
 * scan runs to the end at once (the core has its own worker); `progress`, when given, is
 * told as it goes.
 */
export function scanCsv(file: string, text: string, onHeader: (header: CsvHeader) => RowVisitor | null | 'stop', progress?: ScanProgress): CsvScan {
  const scan = new Scan(file, text, onHeader);
  Papa.parse<string[]>(scan.body, {
    ...scan.options,
    step: (results, parser) => {
      if (scan.step(results, parser) && progress !== undefined && scan.rows % progress.every === 0) progress.read();
    },
  });
  return scan.finish();
}

/**
 * About how many data rows a file holds, for a progress bar before it is read: its lines
 * after the header (a line break inside a quoted cell counts one too many).
 */
export function approximateRows(text: string): number {
  let lines = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lines++;
  if (text.length > 0 && !text.endsWith('\n')) lines++;
  return Math.max(0, lines - 1);
}

/**
 * How a file's lines and cells are separated, guessed by papaparse from its start: it looks
 * at the first MiB for line breaks and at the first ten rows for the separator. Guessing on
 * the whole text would give the same answer at a great cost: papaparse reads a text without
 * any quote by splitting all of it into lines first, once per separator it tries (four
 * copies of a 50 MB file's lines, held at once). So the guess reads a prefix of at least
 * a MiB, longer when its first ten rows do not fit in it.
 */
export interface CsvLayout {
  readonly delimiter: string;
  readonly newline: '\r\n' | '\n' | '\r';
}

/** papaparse reads this much of a text for its guess of line breaks (guessLineEndings). */
export const LAYOUT_GUESS_CHARS = 1024 * 1024;
const GUESS_ROWS = 10;

export function guessLayout(body: string): CsvLayout {
  for (let length = LAYOUT_GUESS_CHARS; ; length *= 2) {
    const whole = length >= body.length;
    const guess = Papa.parse<string[]>(whole ? body : body.slice(0, length), { delimitersToGuess: SEPARATORS, preview: GUESS_ROWS });
    if (whole || guess.meta.truncated) return { delimiter: guess.meta.delimiter, newline: guess.meta.linebreak as CsvLayout['newline'] };
  }
}

/**
 * The reading itself: the layout given (no second guess over the whole text), and never
 * papaparse's "fast mode", which splits a text without quotes into all its lines before
 * the first row is handed over — the step by step road holds one row at a time and, here,
 * reads such a text faster too.
 */
const parseOptions = (layout: CsvLayout) => ({ delimiter: layout.delimiter, newline: layout.newline, fastMode: false, header: false, skipEmptyLines: false }) as const;

/** One file's scan: the checks that refuse it whole, then each record papaparse gives. */
class Scan {
  readonly body: string;
  readonly options: ReturnType<typeof parseOptions>;
  readonly problems: ImportRowError[] = [];
  /** Data rows passed to the visitor so far. */
  rows = 0;
  private separator: Separator = ',';
  private header: string[] | null = null;
  private visit: RowVisitor | null = null;
  private record = 0;

  constructor(
    private readonly file: string,
    text: string,
    private readonly onHeader: (header: CsvHeader) => RowVisitor | null | 'stop',
  ) {
    // A UTF-16 string never takes more UTF-8 bytes than three per unit, so most texts skip the count.
    if (text.length * 3 > MAX_CSV_BYTES && Buffer.byteLength(text, 'utf8') > MAX_CSV_BYTES) tooLarge(file);
    const body = text.startsWith(BOM) ? text.slice(1) : text;
    // NUL never appears in text; U+FFFD is what a browser's File.text() leaves of bytes that are not UTF-8.
    if (body.includes('\u0000') || body.includes('\uFFFD')) notText(file);
    if (body.trim() === '') fail('CSV_EMPTY', `${file} is empty.`, 'files');
    this.body = body;
    this.options = parseOptions(guessLayout(body));
  }

  /** One record; true when it was a data row handed to the visitor. */
  step(results: Papa.ParseStepResult<string[]>, parser: Papa.Parser): boolean {
    const { file } = this;
    const row = ++this.record;
    const cells = results.data;
    if (results.errors.some((error) => error.type === 'Quotes')) {
      this.problems.push(rowError({ file, row }, '', 'CSV_QUOTES', `Row ${row} has a quote that is never closed or stray text after a closing quote.`));
      return false;
    }
    if (isBlank(cells)) return false;
    const { header } = this;
    if (header === null) {
      this.separator = (SEPARATORS as string[]).includes(this.options.delimiter) ? (this.options.delimiter as Separator) : ',';
      this.header = cells.map((cell) => unescapeCell(cell).trim());
      const answer = this.onHeader({ file, separator: this.separator, header: this.header });
      // Only the header was wanted (which kind of file is this?).
      if (answer === 'stop') parser.abort();
      else this.visit = answer;
      return false;
    }
    if (cells.length !== header.length) {
      this.problems.push(
        rowError({ file, row }, '', 'CSV_COLUMN_COUNT', `Row ${row} has ${cells.length} cells but the header has ${header.length} columns (is the separator the same on every row?).`),
      );
      return false;
    }
    // In place: a million-row file should not be copied cell by cell.
    for (let cell = 0; cell < cells.length; cell++) cells[cell] = unescapeCell(cells[cell] as string);
    this.rows++;
    this.visit?.(row, cells);
    return true;
  }

  finish(): CsvScan {
    const { file, separator } = this;
    // A file whose only record is refused (an unclosed quote in the header) still answers a header.
    if (this.header === null) this.onHeader({ file, separator, header: [] });
    return { file, separator, header: this.header ?? [], rows: this.rows, problems: this.problems };
  }
}

/**
 * A file as a table, for other apps' importers, which look at its header, its problems and
 * its number of rows before they walk its rows (some more than once). The rows are not
 * kept: each walk reads them from the text again, a thousand at a time (papaparse paused
 * between), so a 50 MB file never exists as a million row objects and their cells.
 */
export function readCsv(file: string, text: string): CsvTable {
  const scan = scanCsv(file, text, () => null);
  return { file, separator: scan.separator, header: scan.header, problems: scan.problems, rows: { length: scan.rows, [Symbol.iterator]: () => rowsOf(file, text) } };
}

/** Rows handed out between two pauses of a walk. */
const WALK_ROWS = 1000;

function* rowsOf(file: string, text: string): Generator<CsvRow> {
  const walk: { batch: CsvRow[]; parser: Papa.Parser | null; finished: boolean } = { batch: [], parser: null, finished: false };
  const scan = new Scan(file, text, () => (row, cells) => walk.batch.push({ row, cells }));
  Papa.parse<string[]>(scan.body, {
    ...scan.options,
    step: (results, parser) => {
      walk.parser = parser;
      // Paused, papaparse returns; resumed, it reads on at once (a string is never waited for).
      if (scan.step(results, parser) && walk.batch.length === WALK_ROWS) parser.pause();
    },
    complete: () => {
      walk.finished = true;
    },
  });
  for (;;) {
    const rows = walk.batch;
    walk.batch = [];
    yield* rows;
    if (walk.finished || walk.parser === null) return;
    walk.parser.resume();
  }
}

const isBlank = (record: string[]): boolean => record.every((cell) => cell.trim() === '');

const tooLarge = (file: string): never => fail('CSV_TOO_LARGE', `${file} is larger than ${MAX_CSV_BYTES / 1024 / 1024} MB; split it into smaller files.`, 'files');
const notText = (file: string): never => fail('CSV_BINARY', `${file} is not a text (UTF-8) CSV file.`, 'files');

/**
 * The index of each named column (matched without regard to case or surrounding spaces),
 * or an error for a missing required column or a column given twice.
 */
export function locateColumns<K extends string>(
  table: Pick<CsvHeader, 'file' | 'header'>,
  required: readonly K[],
  optional: readonly K[],
): { readonly columns: Partial<Record<K, number>>; readonly errors: ImportRowError[] } {
  const columns: Partial<Record<K, number>> = {};
  const errors: ImportRowError[] = [];
  const wanted = new Set<string>([...required, ...optional]);
  const headerRow = { file: table.file, row: 1 };
  table.header.forEach((name, index) => {
    const key = name.toLowerCase() as K;
    if (!wanted.has(key)) return;
    if (columns[key] !== undefined) errors.push(rowError(headerRow, name, 'CSV_COLUMN_TWICE', `The column "${name}" appears twice.`));
    else columns[key] = index;
  });
  for (const name of required) {
    if (columns[name] === undefined) errors.push(rowError(headerRow, name, 'CSV_COLUMN_MISSING', `The column "${name}" is missing (columns found: ${table.header.join(', ') || 'none'}).`));
  }
  return { columns, errors };
}
