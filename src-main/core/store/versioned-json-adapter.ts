/**
 * Our lowdb adapter: compact JSON, atomic durable writes, a format version with
 * migrations, and a schema check on read. Replaces lowdb's `JSONFile` (pretty-printed, no
 * fsync) and avoids `JSONFilePreset`, which silently goes in-memory under NODE_ENV=test.
 *
 * A file that does not parse or validate is never replaced by defaults: it stays where it
 * is, a copy goes to `<file>.corrupt`, and reading fails with DATA_FILE_DAMAGED.
 */
import type { Adapter } from 'lowdb';
import type { z } from 'zod';
import { AppFailure } from '../errors';
import type { AtomicWriter } from './atomic-writer';
import { FileUnreadable } from './file-codec';
import { errorCode, type FsPort } from './fs-port';
import { dataFolderPath } from './layout';
import { isRecord, migrate, type JsonRecord, type Migrations } from './migrate';

export interface FileFormat<T extends { readonly version: number }> {
  /** What the file holds, for messages ("trackers"). */
  readonly label: string;
  readonly version: T['version'];
  readonly schema: z.ZodType<T>;
  readonly migrations: Migrations;
  /**
   * A faster check that accepts only what `schema` accepts unchanged (see
   * log-shard-guard.ts); when it refuses, `schema` decides and gives the message.
   */
  readonly quickCheck?: (raw: unknown) => raw is T;
  /**
   * Rules over the whole of data of the right shape (log-shard-rules.ts): why `data`
   * breaks them, or null. Applied after the shape check, when reading and before writing.
   */
  readonly rules?: (data: T) => string | null;
  /** When the file's JSON is not the data itself (log shards are stored by column). */
  readonly stored?: StoredForm<T>;
}

/** What reading a stored record gave: the data to check, or why the record is not one. */
export type Opened = { readonly ok: true; readonly data: unknown } | { readonly ok: false; readonly reason: string };

export interface StoredForm<T> {
  /** The file's text for `data`: JSON of the record it stores. */
  toText(data: T): string;
  /**
   * The JSON value of a file's UTF-8 bytes, exactly as `JSON.parse` of its text gives it
   * (throwing as it throws), read by a faster road where the format has one.
   */
  parse?(bytes: Buffer): unknown;
  /** The data a record of the current version holds (checked afterwards like any file's). */
  fromStored(record: JsonRecord): Opened;
}

/** The text a data file of `format` holds for `data`: compact JSON (of its stored form). */
export const fileText = <T extends { readonly version: number }>(format: FileFormat<T>, data: T): string =>
  format.stored === undefined ? JSON.stringify(data) : format.stored.toText(data);

/**
 * Refuse, before anything is written, data the reader of `format` would refuse: the store
 * never writes a file its own reader calls damaged. (JSON cannot hold every value a
 * program can make: `Infinity` is written as `null`, and the month it sits in would no
 * longer open.) Values are checked where they enter, with messages for the person; this
 * is the rule that holds whatever a caller forgot.
 */
export function checkStorable<T extends { readonly version: number }>(format: FileFormat<T>, data: T): void {
  const checked = checkedAgainst(format, data);
  if (checked.ok) return;
  throw new AppFailure('WRITE_REFUSED', `The ${format.label} file was not saved: it would not read back (${checked.message}${checked.where}). Nothing was changed.`);
}

type Checked<T> = { readonly ok: true; readonly data: T } | { readonly ok: false; readonly message: string; readonly where: string };

/**
 * What the reader of `format` makes of a record: the quick check, else the schema (whose
 * output is the data), then the format's rules. The one check of both reading and
 * writing (`checkStorable`).
 */
function checkedAgainst<T extends { readonly version: number }>(format: FileFormat<T>, record: unknown): Checked<T> {
  const shaped = shapeOf(format, record);
  if (!shaped.ok || format.rules === undefined) return shaped;
  const breach = format.rules(shaped.data);
  return breach === null ? shaped : { ok: false, message: breach, where: '' };
}

/** The quick check, else the schema. */
function shapeOf<T extends { readonly version: number }>(format: FileFormat<T>, record: unknown): Checked<T> {
  if (format.quickCheck?.(record) === true) return { ok: true, data: record };
  const parsed = format.schema.safeParse(record);
  if (parsed.success) return { ok: true, data: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, message: issue?.message ?? 'invalid', where: issue && issue.path.length > 0 ? ` at ${issue.path.map(String).join('.')}` : '' };
}

/** The file's text for `data`, once `checkStorable` let it through. */
export function storableText<T extends { readonly version: number }>(format: FileFormat<T>, data: T): string {
  checkStorable(format, data);
  return fileText(format, data);
}

export class VersionedJsonAdapter<T extends { readonly version: number }> implements Adapter<T> {
  /** The file as messages name it (see `dataFolderPath`). */
  readonly shownAs: string;

  constructor(
    readonly file: string,
    private readonly format: FileFormat<T>,
    private readonly fs: FsPort,
    private readonly writer: AtomicWriter,
    /** The data folder the file is in: messages name the file from there. */
    dataDir: string,
  ) {
    this.shownAs = dataFolderPath(dataDir, file);
  }

  async read(): Promise<T | null> {
    return (await this.readStored())?.data ?? null;
  }

  /** The file's data and the format version it was stored at (older ones are migrated); null when it does not exist. */
  async readStored(): Promise<{ readonly data: T; readonly version: number } | null> {
    const parse = this.format.stored?.parse;
    // The file's JSON value, parsed from its text, or from its bytes where the format can.
    let json: () => unknown;
    try {
      if (parse === undefined) {
        const text = await this.fs.readFile(this.file, 'utf8');
        json = () => JSON.parse(text);
      } else {
        const bytes = await this.fs.readBytes(this.file);
        json = () => parse(bytes);
      }
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return null;
      // Wrong key, a changed byte, a truncated or swapped file: the codec could not open it.
      if (error instanceof FileUnreadable) return this.damaged(error.reason);
      throw error;
    }
    let raw: unknown;
    try {
      raw = json();
    } catch {
      return this.damaged('it is not valid JSON');
    }
    const version = isRecord(raw) && typeof raw['version'] === 'number' ? raw['version'] : 0;
    const migrated = migrate(raw, this.format.version, this.format.migrations);
    if (!migrated.ok) {
      if (migrated.problem === 'too_new') {
        throw new AppFailure(
          'DATA_FILE_TOO_NEW',
          `The ${this.format.label} file ${this.shownAs} was written by a newer version of Quantified Self (${migrated.reason}). Please update the app; the file was left untouched.`,
        );
      }
      return this.damaged(migrated.reason);
    }
    let record: unknown = migrated.record;
    if (this.format.stored !== undefined) {
      const opened = this.format.stored.fromStored(migrated.record);
      if (!opened.ok) return this.damaged(opened.reason);
      record = opened.data;
    }
    const checked = checkedAgainst(this.format, record);
    return checked.ok ? { data: checked.data, version } : this.damaged(`unexpected content${checked.where}: ${checked.message}`);
  }

  async write(data: T): Promise<void> {
    const text = storableText(this.format, data);
    try {
      await this.writer.write(this.file, text);
    } catch (error) {
      const reason = errorCode(error) ?? (error instanceof Error ? error.message : 'unknown error');
      throw new AppFailure('WRITE_FAILED', `Could not save ${this.shownAs} (${reason}). Nothing was changed; the previous version is intact.`);
    }
  }

  private async damaged(reason: string): Promise<never> {
    const copy = `${this.file}.corrupt`;
    let kept = `a copy was saved as ${this.shownAs}.corrupt`;
    try {
      await this.fs.copyFile(this.file, copy);
    } catch {
      kept = 'a copy could not be saved';
    }
    throw new AppFailure(
      'DATA_FILE_DAMAGED',
      `The ${this.format.label} file ${this.shownAs} is damaged (${reason}). It was left as it is and ${kept}; nothing was overwritten.`,
    );
  }
}
