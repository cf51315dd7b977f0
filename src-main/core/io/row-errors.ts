/**
 * What an import's check says of rows — problems, and rows left out with their reason —
 * kept in bounded memory: a 50 MB file of bad rows has a million problems, and each as an
 * object with its message took about 250 bytes. All are counted exactly; the first
 * MAX_LISTED_ERRORS in file and row order (what the preview lists) are kept, in the order
 * they were found; and the rows with a problem are remembered as one bit a row, so "skip
 * invalid rows" counts and lists them exactly.
 */
import type { ImportRowError, SourceRow } from './import-errors';

/** How many errors, left-out items and skipped rows an import lists; counts stay exact beyond it. */
export const MAX_LISTED_ERRORS = 5000;

interface Found<T> {
  readonly item: T;
  /** When it was found: ties of file and row keep this order. */
  readonly seq: number;
}

/** The order the preview lists errors and skipped rows in: by file name, then row. */
export const inFileOrder = (a: SourceRow, b: SourceRow): number => (a.file === b.file ? a.row - b.row : a.file < b.file ? -1 : 1);
const inFileOrderThenFound = <T extends SourceRow>(a: Found<T>, b: Found<T>): number => inFileOrder(a.item, b.item) || a.seq - b.seq;

/** Items counted, the first `limit` of them by file and row kept. */
export class FirstInFileOrder<T extends SourceRow> {
  count = 0;
  private kept: Found<T>[] = [];
  /** Once items beyond the first `limit` were dropped: the last one kept; anything after it is dropped at once. */
  private bound: Found<T> | null = null;

  constructor(private readonly limit = MAX_LISTED_ERRORS) {}

  add(item: T): void {
    const found = { item, seq: this.count++ };
    if (this.bound !== null && inFileOrderThenFound(found, this.bound) > 0) return;
    this.kept.push(found);
    // Trimmed in batches, so a long run of items costs one sort per `limit` of them.
    if (this.kept.length >= 2 * this.limit) this.trim();
  }

  /** The first `limit` items by file and row, in the order they were found. */
  listed(): T[] {
    if (this.kept.length > this.limit) this.trim();
    return this.kept.map((found) => found.item);
  }

  private trim(): void {
    const first = [...this.kept].sort(inFileOrderThenFound).slice(0, this.limit);
    this.bound = first[first.length - 1] ?? null;
    this.kept = first.sort((a, b) => a.seq - b.seq);
  }
}

export class RowErrors {
  /** An error of a column (missing, doubled): it blocks the import even when invalid rows are skipped. */
  fileLevel = false;
  private readonly first: FirstInFileOrder<ImportRowError>;
  private readonly rows = new Map<string, RowBits>();
  private rowCount = 0;

  constructor(private readonly limit = MAX_LISTED_ERRORS) {
    this.first = new FirstInFileOrder(limit);
  }

  /** Every error found. */
  get count(): number {
    return this.first.count;
  }

  add(error: ImportRowError): void {
    if (error.row === 1 && (error.code === 'CSV_COLUMN_MISSING' || error.code === 'CSV_COLUMN_TWICE')) this.fileLevel = true;
    if (error.row !== 1) {
      let bits = this.rows.get(error.file);
      if (bits === undefined) {
        bits = new RowBits();
        this.rows.set(error.file, bits);
      }
      if (bits.add(error.row)) this.rowCount++;
    }
    this.first.add(error);
  }

  /** The first errors by file and row, in the order they were found. */
  listed(): ImportRowError[] {
    return this.first.listed();
  }

  /** The rows with an error (the header's aside): how many, and the first `limit` by file and row. */
  rowsWithErrors(): { readonly count: number; readonly rows: SourceRow[] } {
    const rows: SourceRow[] = [];
    for (const file of [...this.rows.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
      for (const row of (this.rows.get(file) as RowBits).rows()) {
        if (rows.length === this.limit) return { count: this.rowCount, rows };
        rows.push({ file, row });
      }
    }
    return { count: this.rowCount, rows };
  }
}

/** A set of row numbers as bits. */
class RowBits {
  private bits = new Uint32Array(64);

  /** True when `row` was not in the set yet. */
  add(row: number): boolean {
    const word = row >>> 5;
    if (word >= this.bits.length) {
      const grown = new Uint32Array(Math.max(word + 1, this.bits.length * 2));
      grown.set(this.bits);
      this.bits = grown;
    }
    const mask = 1 << (row & 31);
    const before = this.bits[word] as number;
    if ((before & mask) !== 0) return false;
    this.bits[word] = before | mask;
    return true;
  }

  *rows(): Generator<number> {
    for (let word = 0; word < this.bits.length; word++) {
      const bits = this.bits[word] as number;
      if (bits === 0) continue;
      for (let bit = 0; bit < 32; bit++) if ((bits & (1 << bit)) !== 0) yield word * 32 + bit;
    }
  }
}
