/**
 * Appending to a profile's journal with group commit. `append` resolves once its record is
 * on disk (written, then fdatasync'd). While one write and sync are under way, the appends
 * that arrive wait together and go out as the next single write and single sync: fifty
 * concurrent writers cost a few syncs, not fifty.
 *
 * A batch that fails (open, write, sync, a full disk) rejects every append in it with
 * WRITE_FAILED and is cut off the file again (truncate + sync) before anything else is
 * written, so the file holds only whole acknowledged records; if even the cut fails, the next
 * batch makes it first, and a crash meanwhile leaves a tail the reader calls torn. Sequence
 * numbers, device sequence and clock are given back, so acknowledged records stay contiguous.
 */
import { randomUUID } from 'node:crypto';
import { AppFailure } from '../../errors';
import { createAtomicWriter } from '../atomic-writer';
import { failureReason, type AppendHandlePort, type FsPort } from '../fs-port';
import { HLC_ZERO, hlcNow, laterHlc, type Hlc } from './hlc';
import { readJournalFile, type JournalFileRead } from './journal-reader';
import type { JournalOp } from './operations';
import { checkRecord, encodeJournalHeader, encodeRecord, JOURNAL_HEADER_BYTES, journalHeaderFields, MAX_PAYLOAD_BYTES, newJournalId, type JournalEntry, type JournalRecord } from './record-format';

export interface JournalWriterOptions {
  /** The raw port: the journal encrypts its own records (never a codec port). */
  readonly fs: FsPort;
  readonly file: string;
  /** The profile's data key. */
  readonly key: Buffer;
  /** This install's random id (the same for every profile it opens). */
  readonly deviceId: string;
  /** The file as messages name it (`dataFolderPath`). */
  readonly shownAs: string;
  /** The sequence a new journal file starts at: one past what the last checkpoint covered. */
  readonly firstSeq?: number;
  /**
   * Where this device's sequence and clock stood at the last checkpoint: a new segment holds
   * none of its records, and both must go on from there, never start again.
   */
  readonly resume?: { readonly deviceSeq: number; readonly hlc: Hlc };
  readonly now?: () => number;
  readonly newId?: () => string;
  /**
   * After a failed batch (or a refused record), refuse every append waiting behind it and
   * every later one with the same failure. The services compute each write from the
   * effects of those before it, so once one is refused the ones after it must not land
   * either; the owner reopens the journal to go on.
   */
  readonly stopAfterFailure?: boolean;
  /** The file as just read by the caller (`recoverJournal`), so it is not read and decrypted again. */
  readonly read?: JournalFileRead;
}

/** A record on disk: its place in the journal and what it holds. */
export type Appended = JournalEntry;

export interface JournalWriter {
  /** Resolves once the record of `op` is on disk; rejects with WRITE_REFUSED or WRITE_FAILED. */
  append(op: JournalOp): Promise<Appended>;
  /** The records the file held when it was opened (torn tail cut off): what to replay. */
  readonly recovered: readonly JournalEntry[];
  /**
   * Where it stands: the last sequence acknowledged (firstSeq - 1 when none), this device's
   * last sequence and its clock — what the next segment and `checkpoint.json` go on from.
   */
  position(): { readonly seq: number; readonly deviceSeq: number; readonly hlc: Hlc };
  /**
   * Where the acknowledged records end when a failed batch could not be cut off after them
   * (its bytes may be whole on disk), else null. Whoever opens the file next in this
   * process cuts it there (`recoverJournal`'s `uncut`): those records were answered WRITE_FAILED.
   */
  uncutTail(): UncutTail | null;
  /** Resolves once every append so far has settled. */
  idle(): Promise<void>;
  /** Waits for the appends under way, then closes the file; later appends are CORE_CLOSED. */
  close(): Promise<void>;
}

/** A journal file and where its acknowledged records end (see `JournalWriter.uncutTail`). */
export interface UncutTail {
  readonly file: string;
  readonly end: number;
}

interface Waiting {
  readonly op: JournalOp;
  readonly resolve: (appended: Appended) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Opens (or makes) the journal `file`: reads it whole, refusing a damaged one with
 * DATA_FILE_DAMAGED (left as it is, nothing appended), and cuts a torn tail off.
 */
export async function openJournalWriter(options: JournalWriterOptions): Promise<JournalWriter> {
  const { fs, file, key, shownAs } = options;
  const read = options.read ?? (await readJournalFile(fs, key, file, shownAs));
  let fields: Buffer;
  let firstSeq: number;
  let end: number;
  let handle: AppendHandlePort | null = null;
  const recovered = read?.entries ?? [];
  if (read === null || read.header === null) {
    // Made whole before any record: a journal without its full header never exists.
    const header = { journalId: newJournalId(), firstSeq: options.firstSeq ?? 1 };
    try {
      await createAtomicWriter(fs).write(file, encodeJournalHeader(key, header));
    } catch (error) {
      throw writeFailure(shownAs, error);
    }
    firstSeq = header.firstSeq;
    fields = journalHeaderFields(header);
    end = JOURNAL_HEADER_BYTES;
  } else {
    firstSeq = read.header.firstSeq;
    fields = journalHeaderFields(read.header);
    end = read.end;
    if (read.torn !== null) {
      // An append that never finished, never acknowledged: cut it before appending after it.
      try {
        handle = await fs.openAppend(file);
        await handle.truncate(end);
        await handle.datasync();
      } catch (error) {
        await handle?.close().catch(() => undefined);
        throw writeFailure(shownAs, error);
      }
    }
  }
  let deviceSeq = options.resume?.deviceSeq ?? 0;
  let clock = options.resume?.hlc ?? HLC_ZERO;
  for (const { record } of recovered) {
    if (record.device === options.deviceId) deviceSeq = Math.max(deviceSeq, record.deviceSeq);
    clock = laterHlc(clock, record.hlc);
  }
  return new GroupCommitWriter({
    ...options,
    fields,
    end,
    handle,
    lastSeq: firstSeq - 1 + recovered.length,
    deviceSeq,
    clock,
    recovered,
  });
}

interface WriterState {
  readonly fields: Buffer;
  readonly end: number;
  readonly handle: AppendHandlePort | null;
  readonly lastSeq: number;
  readonly deviceSeq: number;
  readonly clock: Hlc;
  readonly recovered: readonly JournalEntry[];
}

class GroupCommitWriter implements JournalWriter {
  readonly recovered: readonly JournalEntry[];
  private readonly fields: Buffer;
  private readonly now: () => number;
  private readonly newId: () => string;
  private handle: AppendHandlePort | null;
  /** Where the acknowledged records end. */
  private end: number;
  /** Bytes past `end` may be on disk (a batch failed and could not be cut): cut before writing. */
  private dirty = false;
  private seq: number;
  private deviceSeq: number;
  private clock: Hlc;
  private waiting: Waiting[] = [];
  private draining: Promise<void> | null = null;
  private closed = false;
  /** With `stopAfterFailure`: the failure every append now answers. */
  private stopped: AppFailure | null = null;

  constructor(private readonly options: JournalWriterOptions & WriterState) {
    this.recovered = options.recovered;
    this.fields = options.fields;
    this.handle = options.handle;
    this.end = options.end;
    this.seq = options.lastSeq;
    this.deviceSeq = options.deviceSeq;
    this.clock = options.clock;
    this.now = options.now ?? Date.now;
    this.newId = options.newId ?? randomUUID;
  }

  position(): { readonly seq: number; readonly deviceSeq: number; readonly hlc: Hlc } {
    return { seq: this.seq, deviceSeq: this.deviceSeq, hlc: this.clock };
  }

  append(op: JournalOp): Promise<Appended> {
    if (this.closed) return Promise.reject(new AppFailure('CORE_CLOSED', 'The journal is closed; nothing was saved.'));
    if (this.stopped !== null) return Promise.reject(this.stopped);
    return new Promise<Appended>((resolve, reject) => {
      this.waiting.push({ op, resolve, reject });
      // Started a microtask later: the appends made in the same turn share the first batch too.
      this.draining ??= Promise.resolve().then(() => this.drain());
    });
  }

  uncutTail(): UncutTail | null {
    return this.dirty ? { file: this.options.file, end: this.end } : null;
  }

  async idle(): Promise<void> {
    while (this.draining !== null) await this.draining;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.idle();
    const handle = this.handle;
    this.handle = null;
    await handle?.close();
  }

  private async drain(): Promise<void> {
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting.splice(0);
        if (this.stopped !== null) {
          for (const { reject } of batch) reject(this.stopped);
          continue;
        }
        try {
          await this.commit(batch);
        } catch (error) {
          // Nothing expected throws here; whatever did must not leave appends waiting for ever.
          for (const { reject } of batch) reject(error);
        }
      }
    } finally {
      this.draining = null;
    }
  }

  private async commit(batch: readonly Waiting[]): Promise<void> {
    const before = { seq: this.seq, deviceSeq: this.deviceSeq, clock: this.clock };
    const accepted: { readonly waiting: Waiting; readonly appended: Appended }[] = [];
    const chunks: Buffer[] = [];
    for (const waiting of batch) {
      const clock = hlcNow(this.clock, this.now());
      const record: JournalRecord = { id: this.newId(), device: this.options.deviceId, deviceSeq: this.deviceSeq + 1, hlc: clock, op: waiting.op };
      const refusal = this.refusal(record);
      if (refusal !== null) {
        if (this.options.stopAfterFailure === true) {
          // The rest of the batch was computed after it: none of it may land; those before it do.
          this.stopped = refusal;
          for (const rest of batch.slice(batch.indexOf(waiting))) rest.reject(refusal);
          break;
        }
        // Only this one: the others of its batch are saved as if it had never come.
        waiting.reject(refusal);
        continue;
      }
      const seq = this.seq + 1;
      chunks.push(encodeRecord(this.options.key, this.fields, seq, record));
      this.seq = seq;
      this.deviceSeq = record.deviceSeq;
      this.clock = clock;
      accepted.push({ waiting, appended: { seq, record } });
    }
    if (accepted.length === 0) return;
    try {
      const bytes = Buffer.concat(chunks);
      const handle = await this.ready();
      this.dirty = true;
      await handle.writeAt(bytes, this.end);
      await handle.datasync();
      this.dirty = false;
      this.end += bytes.length;
    } catch (error) {
      this.seq = before.seq;
      this.deviceSeq = before.deviceSeq;
      this.clock = before.clock;
      await this.cutBack();
      const failure = writeFailure(this.options.shownAs, error);
      if (this.options.stopAfterFailure === true) this.stopped = failure;
      for (const { waiting } of accepted) waiting.reject(failure);
      return;
    }
    for (const { waiting, appended } of accepted) waiting.resolve(appended);
  }

  /** Why `record` cannot be written (it would not read back, or is too large), or null. */
  private refusal(record: JournalRecord): AppFailure | null {
    const checked = checkRecord(record);
    const reason = !checked.ok ? checked.reason : Buffer.byteLength(JSON.stringify(record)) > MAX_PAYLOAD_BYTES ? 'it is too large' : null;
    return reason === null ? null : new AppFailure('WRITE_REFUSED', `The change was not saved: ${reason}. Nothing was changed.`);
  }

  /** The open file, with any failed batch's bytes cut off. */
  private async ready(): Promise<AppendHandlePort> {
    this.handle ??= await this.options.fs.openAppend(this.options.file);
    if (this.dirty) {
      await this.handle.truncate(this.end);
      await this.handle.datasync();
      this.dirty = false;
    }
    return this.handle;
  }

  /** After a failed batch: cut it off now; failing that, reopen and cut before the next write. */
  private async cutBack(): Promise<void> {
    if (!this.dirty) return;
    try {
      if (this.handle === null) return;
      await this.handle.truncate(this.end);
      await this.handle.datasync();
      this.dirty = false;
    } catch {
      // Linux may forget a failed fsync's pages: reopen rather than trust this descriptor.
      const handle = this.handle;
      this.handle = null;
      await handle?.close().catch(() => undefined);
    }
  }
}

function writeFailure(shownAs: string, error: unknown): AppFailure {
  return new AppFailure('WRITE_FAILED', `Could not save the change to ${shownAs} (${failureReason(error)}). It was not saved; everything saved before is intact.`);
}
