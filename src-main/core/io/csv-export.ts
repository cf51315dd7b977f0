/**
 * Our export format: a trackers CSV (one row per tracker) and a logs CSV (one row per
 * entry). Column names are the words of the UI (see README.md). Rows are produced lazily
 * and written in chunks, so a million logs never sit in memory as one array of rows, and
 * a caller can report progress between chunks.
 */
import type { Log, Tracker, TrackerSettings } from '../../../src-preload/contract';
import { escapeCell } from './formula-guard';
import { canonicalValue, humanValue } from './value-text';

// Not the pinned flag nor the reminder: they shape this app's tray and nudges, not the
// data, and an import gives new trackers the defaults (services/csv.ts).
export const TRACKER_COLUMNS = ['name', 'description', 'type', 'settings', 'target', 'color', 'emoji', 'archived', 'created'] as const;
export const LOG_COLUMNS = ['tracker', 'time', 'value', 'value_canonical', 'note'] as const;
/** `value` and `value_canonical`: plain numbers there are not formula-escaped (a negative weight stays a number). */
export const NUMERIC_LOG_COLUMNS: ReadonlySet<number> = new Set([2, 3]);

/** Columns whose plain numbers are not formula-escaped (a negative weight stays a number): `value` and `value_canonical` of a log. */
const NUMERIC_TRACKER_COLUMNS = new Set<number>();

const NEWLINE = '\r\n';

/**
 * Rows per chunk: about half a megabyte of text. A chunk that large is made outside V8's
 * young generation; chunks of 27 KB were made inside it and, kept until the whole export
 * is joined, copied out of it again by every collection (270 ms of a million-row export).
 */
const CHUNK_ROWS = 8_000;

/**
 * Rows whose pieces (4 to 6 a row) are joined at a time inside a chunk: the piece array
 * stays a small young object (a larger one lands in V8's large-object space, fresh memory
 * each time), and the joined text dies young once its chunk is joined.
 */
const PIECE_ROWS = 500;

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
/** The decimal digit at `index` of `text` (NaN when it is not one, which fails every range check after). */
const digit = (text: string, index: number): number => {
  const value = text.charCodeAt(index) - 48;
  return value >= 0 && value <= 9 ? value : Number.NaN;
};
/** The two decimal digits at `index` of `text` as a number (NaN when they are not digits). */
const digits = (text: string, index: number): number => digit(text, index) * 10 + digit(text, index + 1);
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
 * Pieces are joined PIECE_ROWS rows at a time and those texts once per chunk: `+=` on
 * strings would build millions of rope nodes that all live until the end, and collecting
 * those dominated a million-row export.
 */
class ChunkBuffer {
  /** Where the current rows' pieces go; a new array every PIECE_ROWS rows. */
  pieces: string[] = [];
  /** The chunk's rows so far, joined PIECE_ROWS at a time. */
  private texts: string[] = [];
  private inPieces = 0;
  private inChunk = 0;
  private written = 0;

  constructor(
    private readonly rows: number,
    private readonly onProgress: ((rowsWritten: number) => void) | undefined,
  ) {}

  /** Ends a row; answers the chunk's text when it is full, else null. */
  endRow(): string | null {
    if (++this.inChunk >= this.rows) return this.flush();
    if (++this.inPieces >= PIECE_ROWS) this.joinPieces();
    return null;
  }

  /** The rows since the last chunk, joined (null when there are none). */
  flush(): string | null {
    if (this.inChunk === 0) return null;
    this.joinPieces();
    const text = this.texts.length === 1 ? (this.texts[0] as string) : this.texts.join('');
    this.written += this.inChunk;
    this.texts = [];
    this.inChunk = 0;
    this.onProgress?.(this.written);
    return text;
  }

  private joinPieces(): void {
    this.texts.push(this.pieces.join(''));
    this.pieces = [];
    this.inPieces = 0;
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

/**
 * A batch of a tracker's entries by column, as a shard is stored: cell `i` of each column
 * belongs to entry `i`. Reading columns skips making an object per entry. (From log
 * objects: `shardColumns`, store/log-shard-columns.ts.)
 */
export interface LogRows {
  readonly at: readonly string[];
  readonly offsetMinutes: readonly number[];
  readonly values: readonly Log['value'][];
  readonly notes: readonly string[];
}

export interface TrackerLogs {
  readonly tracker: Tracker;
  /** The tracker's logs, oldest first, in batches (one per shard). */
  readonly logs: Iterable<LogRows> | AsyncIterable<LogRows>;
}

/**
 * `entries` yields each tracker with its logs; lazily, so shards load one at a time. The
 * same cells as `logRow` gives, written straight into the chunk from pieces made once: the
 * tracker's name with the day, each clock time, each distinct value (a million entries hold
 * a few hundred). A row makes no new string unless it has a note, which keeps a
 * million-row export within its time budget.
 */
export async function* logChunks(entries: Iterable<TrackerLogs> | AsyncIterable<TrackerLogs>, options: ChunkOptions = {}): AsyncGenerator<string> {
  yield headerLine(LOG_COLUMNS);
  const chunk = new ChunkBuffer(options.chunkRows ?? CHUNK_ROWS, options.onProgress);
  for await (const { tracker, logs } of entries) {
    const times = new TimeCells(`${encodeCell(tracker.name, false)},`);
    const valueCells = valueCellsOf(tracker.settings);
    for await (const { at, offsetMinutes, values, notes } of logs) {
      for (let row = 0; row < at.length; row++) {
        const note = notes[row] as string;
        const cells = valueCells(values[row] as Log['value']);
        times.push(chunk.pieces, at[row] as string, offsetMinutes[row] as number);
        if (note === '') chunk.pieces.push(cells.last);
        else chunk.pieces.push(cells.beforeNote, encodeCell(note, false), NEWLINE);
        const full = chunk.endRow();
        if (full !== null) yield full;
      }
    }
  }
  const rest = chunk.flush();
  if (rest !== null) yield rest;
}

/**
 * A tracker's name cell and each log's time, as pieces taken from tables instead of made
 * per row: `Weight,2026-11-25T` (the name with the day, made when the day changes — rows
 * come in time order), `08:30:00` (one of the day's 86,400 clock times) and `.250+01:00`
 * (milliseconds and offset). Stored times are `toISOString()` text (a rule of every shard
 * read, store/log-shard-rules.ts), so the local time is the stored one with its hour and
 * minute shifted when the shift stays within the day; a shift into another day takes
 * `logTimeText`, whose text these pieces equal (a test holds them so).
 */
class TimeCells {
  /** `2026-11-25T` of the last row, or empty (an empty prefix would match every time, so it is checked for). */
  private day = '';
  private nameAndDay = '';

  constructor(private readonly nameCell: string) {}

  push(pieces: string[], at: string, offsetMinutes: number): void {
    const minuteOfDay = digits(at, 11) * 60 + digits(at, 14) + offsetMinutes;
    if (minuteOfDay >= 0 && minuteOfDay < 1440) {
      // The day is digits and dashes: no cell of it needs quoting or escaping.
      if (this.day === '' || !at.startsWith(this.day)) {
        this.day = at.slice(0, 11);
        this.nameAndDay = this.nameCell + this.day;
      }
      pieces.push(this.nameAndDay, clockText(minuteOfDay * 60 + digits(at, 17)), fractionAndOffset(digits(at, 20) * 10 + digit(at, 22), offsetMinutes));
      return;
    }
    pieces.push(this.nameCell, logTimeText(at, offsetMinutes));
  }
}

/** `08:30:00` for each second of a day, made when first needed. */
const CLOCK: (string | undefined)[] = new Array<string | undefined>(86_400);
function clockText(secondOfDay: number): string {
  let text = CLOCK[secondOfDay];
  if (text === undefined) {
    text = `${pad(Math.floor(secondOfDay / 3600))}:${pad(Math.floor(secondOfDay / 60) % 60)}:${pad(secondOfDay % 60)}`;
    CLOCK[secondOfDay] = text;
  }
  return text;
}

/** `.250+01:00`, or `+01:00` without milliseconds: per offset, one text per millisecond value. */
const FRACTIONS = new Map<number, (string | undefined)[]>();
function fractionAndOffset(millis: number, offsetMinutes: number): string {
  let texts = FRACTIONS.get(offsetMinutes);
  if (texts === undefined) {
    texts = new Array<string | undefined>(1000);
    if (FRACTIONS.size < 1_000) FRACTIONS.set(offsetMinutes, texts);
  }
  let text = texts[millis];
  if (text === undefined) {
    text = `${millis === 0 ? '' : `.${String(millis).padStart(3, '0')}`}${offsetText(offsetMinutes)}`;
    texts[millis] = text;
  }
  return text;
}

const MAX_CACHED_VALUES = 10_000;

/**
 * `,value,value_canonical,` of a value, as it ends a row (`last`: with the line break) and
 * before a note (`beforeNote`).
 */
interface ValueCells {
  readonly last: string;
  readonly beforeNote: string;
}

/** The value cells of a tracker's values, made once per distinct value. */
function valueCellsOf(settings: TrackerSettings): (value: Log['value']) => ValueCells {
  const cache = new Map<unknown, ValueCells>();
  return (value) => {
    // Option ids are safe ids (letters, digits, - and _), so joining them cannot collide.
    const key = Array.isArray(value) ? value.join('\u0001') : value;
    let cells = cache.get(key);
    if (cells === undefined) {
      const beforeNote = `,${encodeCell(humanValue(value, settings), true)},${encodeCell(canonicalValue(value), true)},`;
      cells = { last: beforeNote + NEWLINE, beforeNote };
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
