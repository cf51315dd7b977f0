/**
 * A profile's journal folder on disk: recovering it when the profile opens, and rotating to
 * a new segment for a checkpoint. The decisions are segments.ts's (pure); this reads the
 * segments, deletes those a checkpoint covered, and opens the writer where appends go on.
 */
import { join } from 'node:path';
import { AppFailure } from '../../errors';
import { errorCode, failureReason, ignoreMissing, type AppendHandlePort, type FsPort } from '../fs-port';
import { dataFolderPath } from '../layout';
import { laterHlc } from './hlc';
import { readJournalFile, type JournalFileRead } from './journal-reader';
import { openJournalWriter, type JournalWriter, type UncutTail } from './journal-writer';
import type { JournalEntry } from './record-format';
import { coveredSegments, planRecovery, segmentFirstSeq, segmentName, type CheckpointFile, type SegmentRead } from './segments';

export interface JournalFolderOptions {
  /** The raw port (the journal encrypts its own records). */
  readonly fs: FsPort;
  /** `<profile>/journal`. */
  readonly folder: string;
  /** Messages name files from here. */
  readonly dataDir: string;
  readonly key: Buffer;
  readonly deviceId: string;
  readonly now?: () => number;
  readonly newId?: () => string;
  /** See `JournalWriterOptions.stopAfterFailure`. */
  readonly stopAfterFailure?: boolean;
}

export interface RecoveredJournal {
  readonly writer: JournalWriter;
  /** Every record the checkpoint does not cover, in order: replay them over the shards. */
  readonly entries: readonly JournalEntry[];
}

/**
 * Opens the journal as the last checkpoint left it (`noCheckpoint()` before the first):
 * deletes the segments it covered, reads the rest, and opens the last for appending (or a
 * new one). Damage or missing records are DATA_FILE_DAMAGED; nothing is then written.
 * `uncut`: a tail the writer before could not cut off (`JournalWriter.uncutTail`), cut first.
 */
export async function recoverJournal(options: JournalFolderOptions, checkpoint: CheckpointFile, uncut: UncutTail | null = null): Promise<RecoveredJournal> {
  const { fs, folder, dataDir, key } = options;
  try {
    await fs.mkdir(folder, { recursive: true });
  } catch (error) {
    throw new AppFailure('WRITE_FAILED', `Could not make the journal folder ${dataFolderPath(dataDir, folder)} (${failureReason(error)}); the profile opens once it can be made.`);
  }
  if (uncut !== null) await cutTail(fs, uncut, dataFolderPath(dataDir, uncut.file));
  const names = (await fs.readdir(folder)).filter((name) => segmentFirstSeq(name) !== null).sort();
  const segments: (SegmentRead & { readonly entries: readonly JournalEntry[] })[] = [];
  const reads = new Map<string, JournalFileRead>();
  for (const name of names) {
    const file = join(folder, name);
    const read = await readJournalFile(fs, key, file, dataFolderPath(dataDir, file));
    if (read === null) continue;
    const firstSeq = segmentFirstSeq(name) as number;
    if (read.header !== null && read.header.firstSeq !== firstSeq) {
      throw damaged(dataFolderPath(dataDir, file), `it starts at record ${String(read.header.firstSeq)}, not ${String(firstSeq)} as its name says`);
    }
    segments.push({ name, firstSeq, count: read.entries.length, torn: read.torn !== null, entries: read.entries });
    reads.set(name, read);
  }
  const plan = planRecovery(checkpoint.through, segments);
  if (plan.kind === 'gap') throw damaged(dataFolderPath(dataDir, folder), plan.reason);
  // Covered by the checkpoint, so never read again: a failure to delete them (tidying) fails nothing.
  for (const name of plan.remove) await fs.unlink(join(folder, name)).catch(() => undefined);
  const entries = segments.filter((segment) => plan.replay.includes(segment.name)).flatMap((segment) => segment.entries.filter((entry) => entry.seq > checkpoint.through));
  // This device's sequence and clock go on from the highest anywhere: the active segment
  // may be new and empty while an older one not yet checkpointed holds the latest records.
  let resume = { deviceSeq: checkpoint.deviceSeq, hlc: checkpoint.hlc };
  for (const { record } of segments.flatMap((segment) => segment.entries)) {
    resume = {
      deviceSeq: record.device === options.deviceId ? Math.max(resume.deviceSeq, record.deviceSeq) : resume.deviceSeq,
      hlc: laterHlc(resume.hlc, record.hlc),
    };
  }
  const file = join(folder, plan.active ?? segmentName(plan.nextSeq));
  // The segment that goes on was read above: the writer takes that read rather than decrypt it again.
  const activeRead = plan.active === null ? undefined : reads.get(plan.active);
  const writer = await openJournalWriter({ ...options, file, shownAs: dataFolderPath(dataDir, file), firstSeq: plan.nextSeq, resume, ...(activeRead === undefined ? {} : { read: activeRead }) });
  return { writer, entries };
}

/**
 * For a checkpoint: lets the appends under way finish, closes `writer`, and opens a new
 * segment after its last record. The checkpoint then covers every record up to `through`.
 * The old writer refuses appends from this call on (CORE_CLOSED): the caller sends them to
 * the returned one (hold them meanwhile, they cost one short wait).
 */
export async function rotateJournal(options: JournalFolderOptions, writer: JournalWriter): Promise<{ readonly writer: JournalWriter; readonly through: number }> {
  await writer.close();
  const { seq, deviceSeq, hlc } = writer.position();
  const file = join(options.folder, segmentName(seq + 1));
  const next = await openJournalWriter({ ...options, file, shownAs: dataFolderPath(options.dataDir, file), firstSeq: seq + 1, resume: { deviceSeq, hlc } });
  return { writer: next, through: seq };
}

/** After `checkpoint.json` records `through`: deletes the segments it covers. */
export async function dropCheckpointedSegments(options: JournalFolderOptions, through: number): Promise<readonly string[]> {
  const covered = coveredSegments(await options.fs.readdir(options.folder), through);
  for (const name of covered) await ignoreMissing(options.fs.unlink(join(options.folder, name)));
  return covered;
}

/**
 * Cuts off what a failed batch left after the acknowledged records (its writer could not):
 * read as whole records, they would come back although they were answered WRITE_FAILED.
 * Failing, the open fails (WRITE_FAILED) rather than read them.
 */
async function cutTail(fs: FsPort, uncut: UncutTail, shownAs: string): Promise<void> {
  let handle: AppendHandlePort | null = null;
  try {
    handle = await fs.openAppend(uncut.file);
    await handle.truncate(uncut.end);
    await handle.datasync();
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return;
    throw new AppFailure('WRITE_FAILED', `Could not cut a change that was not saved off the journal ${shownAs} (${failureReason(error)}); the profile opens once the disk answers again.`);
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

function damaged(shownAs: string, reason: string): AppFailure {
  return new AppFailure('DATA_FILE_DAMAGED', `The journal ${shownAs} is damaged (${reason}). It was left as it is; nothing was written.`);
}
