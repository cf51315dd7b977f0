/**
 * CSV in and out: our two export files (trackers, logs) and imports of our files or of
 * other apps' exports (Loop Habit Tracker, Track & Graph, Daylio). An import is previewed
 * first and written all or nothing; the columns and rules are in README.md ("CSV").
 */
import { z } from 'zod';
import { empty, id, op, text } from './shared';
import { TRACKER_TYPES } from './trackers';

export const IMPORT_KINDS = ['trackers', 'logs', 'loop', 'trackandgraph', 'daylio'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** A CSV file the person picked, read as text by the renderer. */
export const importFileSchema = z.object({ name: text(500), text: z.string() });

/**
 * `kind` names the format: `trackers` and `logs` both read our own files (each file is
 * recognised by its header, so both may come together). `skipInvalid`: import the valid
 * rows and list the others, instead of refusing the whole import.
 */
export const importInputSchema = z.object({
  kind: z.enum(IMPORT_KINDS),
  files: z.array(importFileSchema).min(1).max(50),
  skipInvalid: z.boolean().default(false),
});

/** A problem of one row (the header is row 1), or of a column (`column`) of the file. */
export const importRowErrorSchema = z.object({ file: z.string(), row: z.number().int(), column: z.string(), code: z.string(), message: z.string() });
export type ImportRowErrorView = z.infer<typeof importRowErrorSchema>;

/**
 * Why something is left out: `FILE_NOT_READ` a picked file the importer does not read;
 * `COLUMN_NOT_READ` a column it does not read; `COLUMN_REPEATED` a column whose content is
 * read from elsewhere; `DAY_IMPLIED` a day the other app filled in by itself (Loop's
 * YES_AUTO); `DAY_WITHOUT_MARK` a day listed with no value and no note (Loop's UNKNOWN).
 */
export const LEFT_OUT_CODES = ['FILE_NOT_READ', 'COLUMN_NOT_READ', 'COLUMN_REPEATED', 'DAY_IMPLIED', 'DAY_WITHOUT_MARK'] as const;
export type LeftOutCode = (typeof LEFT_OUT_CODES)[number];

/**
 * Something the files hold that the import does not store (a day the other app filled in
 * by itself, a column no importer reads…), with the reason: never an error, never silent.
 */
export const importLeftOutSchema = z.object({ file: z.string(), row: z.number().int(), column: z.string(), code: z.enum(LEFT_OUT_CODES), message: z.string() });
export type ImportLeftOutView = z.infer<typeof importLeftOutSchema>;

/** Read-only lists: the core builds them once and nothing changes them after. */
const list = <T extends z.ZodType>(item: T) => z.array(item).readonly();

export const importPreviewSchema = z.object({
  /** Each file as read: what it was taken for, its separator and columns, its data rows. */
  files: list(z.object({ file: z.string(), role: z.string(), separator: z.enum([',', ';', '\t']), columns: list(z.string()), rows: z.number().int() })),
  counts: z.object({
    newTrackers: z.number().int(),
    existingTrackers: z.number().int(),
    newLogs: z.number().int(),
    duplicates: z.number().int(),
    errors: z.number().int(),
    skippedRows: z.number().int(),
    leftOut: z.number().int(),
  }),
  /** The trackers the import creates (`isNew`) or adds entries to. */
  trackers: list(z.object({ name: z.string(), type: z.enum(TRACKER_TYPES), isNew: z.boolean() })),
  /** The first entries exactly as they would be stored (time in its offset, value as the UI shows it). */
  rows: list(z.object({ tracker: z.string(), time: z.string(), value: z.string(), note: z.string() })),
  /** Every error in file and row order (the first 5,000; `counts.errors` is exact). */
  errors: list(importRowErrorSchema),
  /** With `skipInvalid`: the rows left out. */
  skippedRows: list(z.object({ file: z.string(), row: z.number().int() })),
  /** What is not imported and why, in file and row order (the first 5,000; `counts.leftOut` is exact). */
  leftOut: list(importLeftOutSchema),
  /** False when errors block the import. */
  canCommit: z.boolean(),
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;

export const JOB_KINDS = ['export', 'import-preview', 'import-commit'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

/** How far a long export or import has got: `phase` is what it is doing, in words the UI shows ("Reading entries"). */
export const jobViewSchema = z.object({ kind: z.enum(JOB_KINDS), phase: z.string(), done: z.number().int(), total: z.number().int() });
export type JobView = z.infer<typeof jobViewSchema>;

/** `csv`: the file's text, without the byte-order mark its saved copy starts with (csv-file.ts). */
const csvFile = z.object({ csv: z.string(), fileName: z.string() });
export type CsvFile = z.infer<typeof csvFile>;

export const csvOperations = {
  /** Every tracker in use (archived ones too) as CSV, one row per tracker. */
  exportTrackersCsv: op(empty, csvFile),
  /** The entries of one tracker, or of every tracker in use, as CSV, oldest first per tracker. */
  exportLogsCsv: op(z.object({ trackerId: id.optional() }), csvFile),
  /**
   * The same file as `exportLogsCsv`, in parts of whole months (about 50,000 entries), for
   * large histories: call without `cursor`, then with each answer's `cursor` until it is
   * null; the parts joined are the file's text. `done` of `total` counts months. A cursor that is
   * not the export's next one fails with EXPORT_CURSOR_INVALID.
   */
  exportLogsCsvChunk: op(
    z.object({ trackerId: id.optional(), cursor: z.string().max(200).optional() }),
    z.object({ csv: z.string(), fileName: z.string(), cursor: z.string().nullable(), done: z.number().int(), total: z.number().int() }),
  ),
  /** Read files and say what importing them would do; writes nothing. */
  previewImport: op(importInputSchema, importPreviewSchema),
  /**
   * Import the files: all or nothing. Refused (IMPORT_INVALID) while any row has an error,
   * unless `skipInvalid`. Duplicates (same tracker, moment and value) are left out.
   */
  commitImport: op(
    importInputSchema,
    z.object({ trackersCreated: z.number().int(), logsAdded: z.number().int(), duplicates: z.number().int(), skipped: z.number().int() }),
  ),
  /**
   * The profile's export or import in flight, or null: polled by the UI while it waits
   * for one of the operations above (they answer only when done).
   */
  jobProgress: op(empty, z.object({ job: jobViewSchema.nullable() })),
} as const;
