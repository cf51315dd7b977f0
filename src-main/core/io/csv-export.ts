/**
 * Our export format: a trackers CSV (one row per tracker) and a logs CSV (one row per
 * entry). Column names are the words of the UI (see README.md). Rows are produced lazily
 * and written in chunks, so a million logs never sit in memory as one array of rows, and
 * a caller can report progress between chunks.
 */
import type { Log, Tracker, TrackerSettings } from '../../../src-preload/contract';
import { escapeCell } from './formula-guard';
import { canonicalValue, humanValue } from './value-text';

export const TRACKER_COLUMNS = ['name', 'description', 'type', 'settings', 'target', 'color', 'emoji', 'archived', 'created'] as const;
export const LOG_COLUMNS = ['tracker', 'time', 'value', 'value_canonical', 'note'] as const;
/** `value` and `value_canonical`: plain numbers there are not formula-escaped (a negative weight stays a number). */
export const NUMERIC_LOG_COLUMNS: ReadonlySet<number> = new Set([2, 3]);

/** Columns whose plain numbers are not formula-escaped (a negative weight stays a number): `value` and `value_canonical` of a log. */
const NUMERIC_TRACKER_COLUMNS = new Set<number>();

const NEWLINE = '\r\n';

/**
 * Rows per chunk. A chunk's pieces (4 or 5 a log row) collect in one array: at 500 rows it
 * stays a small young-generation object, while 2,000 rows of 9 pieces (18,000 slots, 144 KB
 * in Node) grew every chunk's array into V8's large-object space, fresh memory pages for
 * each chunk: a million-row export from disk took a quarter longer (bench/csv.ts).
 */
const CHUNK_ROWS = 500;

/** The type's own settings as JSON, without the `type` tag (it has its own column). */
export function settingsJson(settings: TrackerSettings): string {
  const { type: _type, ...rest } = settings;
  return JSON.stringify(rest);
}

export function trackerRow(tracker: Tracker): string[] {
  return [
    tracker.name,
    tracker.description,
    tracker.settings.type,
    settingsJson(tracker.settings),
    tracker.target === null ? '' : JSON.stringify(tracker.target),
    tracker.color,
    tracker.emoji,
    tracker.archived ? 'yes' : 'no',
    tracker.createdAt,
  ];
}

/** One log's cells, plainly: `logChunks` writes the same cells by a faster road (a test holds them equal). */
export function logRow(tracker: Tracker, log: Log): string[] {
  return [tracker.name, logTimeText(log.at, log.offsetMinutes), humanValue(log.value, tracker.settings), canonicalValue(log.value), log.note];
}

/**
 * `2026-11-25T08:30:00+01:00`: the moment in the entry's own offset, as the person saw it.
 * Milliseconds appear only when there are some, so stored times come back exactly.
 */
export function logTimeText(at: string, offsetMinutes: number): string {
  const offset = offsetText(offsetMinutes);
  // Stored times are `toISOString()` text; shifting the clock within the same day is plain
  // text work, which keeps a million-row export fast. Other cases go through Date.
  const minuteOfDay = digits(at, 11) * 60 + digits(at, 14) + offsetMinutes;
  if (at.length === 24 && minuteOfDay >= 0 && minuteOfDay < 1440) {
    const millis = at.endsWith('.000Z') ? '' : at.slice(19, 23);
    return `${at.slice(0, 11)}${TWO_DIGITS[Math.floor(minuteOfDay / 60)]}:${TWO_DIGITS[minuteOfDay % 60]}${at.slice(16, 19)}${millis}${offset}`;
  }
  const local = new Date(Date.parse(at) + offsetMinutes * 60_000).toISOString();
  return `${local.slice(0, 19)}${local.endsWith('.000Z') ? '' : local.slice(19, 23)}${offset}`;
}
const pad = (value: number): string => String(value).padStart(2, '0');
const TWO_DIGITS = Array.from({ length: 60 }, (_, value) => pad(value));
/** The two decimal digits at `index` of `text` as a number (NaN when they are not digits, which fails the range check). */
const digits = (text: string, index: number): number => {
  const tens = text.charCodeAt(index) - 48;
  const ones = text.charCodeAt(index + 1) - 48;
  return tens >= 0 && tens <= 9 && ones >= 0 && ones <= 9 ? tens * 10 + ones : Number.NaN;
};
/** `+01:00`: the few offsets a history holds, each written once. */
const offsetTexts = new Map<number, string>();
function offsetText(offsetMinutes: number): string {
  let text = offsetTexts.get(offsetMinutes);
  if (text === undefined) {
    const size = Math.abs(offsetMinutes);
    text = `${offsetMinutes < 0 ? '-' : '+'}${pad(Math.floor(size / 60))}:${pad(size % 60)}`;
    if (offsetTexts.size < 1_000) offsetTexts.set(offsetMinutes, text);
  }
  return text;
}

export interface ChunkOptions {
  /** Rows per chunk; each chunk is one string. */
  readonly chunkRows?: number;
  /** Called after each chunk with the rows written so far. */
  readonly onProgress?: (rowsWritten: number) => void;
}

/**
 * Rows arrive in batches (a tracker's shard, a month of logs): awaiting once per batch
 * rather than once per row keeps the export of a million rows within the time budget.
 */
type RowBatches = Iterable<Iterable<string[]>> | AsyncIterable<Iterable<string[]>>;

/**
 * Collects a chunk's pieces and hands them out joined, one string every `rows` rows.
 * Pieces joined once per chunk: `+=` on strings would build millions of rope nodes that
 * all live until the end, and collecting those dominated a million-row export.
 */
class ChunkBuffer {
  /** Where the current chunk's pieces go; a new array after every flush. */
  pieces: string[] = [];
  private inChunk = 0;
  private written = 0;

  constructor(
    private readonly rows: number,
    private readonly onProgress: ((rowsWritten: number) => void) | undefined,
  ) {}

  /** Ends a row; answers the chunk's text when it is full, else null. */
  endRow(): string | null {
    return ++this.inChunk >= this.rows ? this.flush() : null;
  }

  /** The rows since the last chunk, joined (null when there are none). */
  flush(): string | null {
    if (this.inChunk === 0) return null;
    const text = this.pieces.join('');
    this.written += this.inChunk;
    this.pieces = [];
    this.inChunk = 0;
    this.onProgress?.(this.written);
    return text;
  }
}

/**
 * The header line. No byte-order mark: whoever saves the file writes one
 * (`CSV_BYTE_ORDER_MARK`, src-preload/csv-file.ts). In the text it would make the whole
 * export a two-byte string in V8 — twice the memory of the plain ASCII most exports are.
 */
function headerLine(columns: readonly string[]): string {
  const head: string[] = [];
  pushRow(head, columns, NO_NUMERIC);
  return head.join('');
}

/** A CSV file as chunks of text: the header first, then rows. */
export async function* csvChunks(header: readonly string[], batches: RowBatches, numeric: ReadonlySet<number>, options: ChunkOptions = {}): AsyncGenerator<string> {
  yield headerLine(header);
  const chunk = new ChunkBuffer(options.chunkRows ?? CHUNK_ROWS, options.onProgress);
  for await (const rows of batches) {
    for (const row of rows) {
      pushRow(chunk.pieces, row, numeric);
      const full = chunk.endRow();
      if (full !== null) yield full;
    }
  }
  const rest = chunk.flush();
  if (rest !== null) yield rest;
}
const NO_NUMERIC = new Set<number>();

/**
 * One CSV line (RFC 4180), as pieces: a cell is quoted only when it holds a comma, a quote
 * or a line break. Written by hand rather than with `Papa.unparse` because it makes no
 * intermediate strings per row, which halves the time and garbage of a million-row export;
 * papaparse still reads every file we write (tests/unit/core/csv-*.test.ts).
 */
function pushRow(parts: string[], row: readonly string[], numeric: ReadonlySet<number>): void {
  for (let index = 0; index < row.length; index++) {
    if (index > 0) parts.push(',');
    parts.push(encodeCell(row[index] as string, numeric.has(index)));
  }
  parts.push(NEWLINE);
}

const encodeCell = (text: string, numeric: boolean): string => {
  if (text === '') return text;
  const cell = escapeCell(text, numeric);
  return NEEDS_QUOTES.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
};
const NEEDS_QUOTES = /[",\r\n]/;

export const trackerChunks = (trackers: Iterable<Tracker>, options?: ChunkOptions): AsyncGenerator<string> =>
  csvChunks(TRACKER_COLUMNS, [mapRows(trackers, trackerRow)], NUMERIC_TRACKER_COLUMNS, options);

export interface TrackerLogs {
  readonly tracker: Tracker;
  /** The tracker's logs, oldest first, in batches (one per shard). */
  readonly logs: Iterable<Iterable<Log>> | AsyncIterable<Iterable<Log>>;
}

/**
 * `entries` yields each tracker with its logs; lazily, so shards load one at a time. The
 * same cells as `logRow` gives, written straight into the chunk: the tracker's name is
 * encoded once, and each distinct value once per tracker (a million entries hold a few
 * hundred distinct values), which keeps a million-row export within its time budget.
 */
export async function* logChunks(entries: Iterable<TrackerLogs> | AsyncIterable<TrackerLogs>, options: ChunkOptions = {}): AsyncGenerator<string> {
  yield headerLine(LOG_COLUMNS);
  const chunk = new ChunkBuffer(options.chunkRows ?? CHUNK_ROWS, options.onProgress);
  for await (const { tracker, logs } of entries) {
    // Separators ride on the cells that are made once (the name, each distinct value): fewer pieces to collect and join.
    const nameCell = `${encodeCell(tracker.name, false)},`;
    const valueCells = valueCellsOf(tracker.settings);
    for await (const batch of logs) {
      for (const log of batch) {
        if (log.note === '') chunk.pieces.push(nameCell, logTimeText(log.at, log.offsetMinutes), valueCells(log.value), NEWLINE);
        else chunk.pieces.push(nameCell, logTimeText(log.at, log.offsetMinutes), valueCells(log.value), encodeCell(log.note, false), NEWLINE);
        const full = chunk.endRow();
        if (full !== null) yield full;
      }
    }
  }
  const rest = chunk.flush();
  if (rest !== null) yield rest;
}

const MAX_CACHED_VALUES = 10_000;

/** `,value,value_canonical,` of a value of this tracker (the commas around them included), remembered per distinct value. */
function valueCellsOf(settings: TrackerSettings): (value: Log['value']) => string {
  const cache = new Map<unknown, string>();
  return (value) => {
    // Option ids are safe ids (letters, digits, - and _), so joining them cannot collide.
    const key = Array.isArray(value) ? value.join('\u0001') : value;
    let cells = cache.get(key);
    if (cells === undefined) {
      cells = `,${encodeCell(humanValue(value, settings), true)},${encodeCell(canonicalValue(value), true)},`;
      if (cache.size < MAX_CACHED_VALUES) cache.set(key, cells);
    }
    return cells;
  };
}

function* mapRows<T>(items: Iterable<T>, toRow: (item: T) => string[]): Generator<string[]> {
  for (const item of items) yield toRow(item);
}

/** All chunks joined: the API returns text, the chunks keep memory flat while it is built. */
export async function joinChunks(chunks: AsyncIterable<string>): Promise<string> {
  const parts: string[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return parts.join('');
}
