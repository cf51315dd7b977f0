/**
 * One unlocked profile's journal, wired to its store (issue 14). A write (a log, a tracker,
 * a timer) is applied to the store's memory (the shard, the summary, trackers.json or
 * timers.json marked dirty, not written) and appended here as one record; it is
 * acknowledged once the record is synced. The shard files, summaries.json, timers.json and
 * trackers.json become checkpoints: written, with `checkpoint.json`, after a number of
 * records, after a quiet moment, and before anything that writes around the journal
 * (an import, a backup, a lock, closing).
 *
 * A failed append stops the journal (every append after it fails too: each was computed
 * from the store's memory, which held the refused write) and `onStopped` tells the owner to
 * drop the store and open it again from the files and the journal.
 */
import { join } from 'node:path';
import { AppFailure } from '../errors';
import { failureReason, type FsPort } from './fs-port';
import type { KeyedQueue } from './keyed-queue';
import { dropCheckpointedSegments, recoverJournal, rotateJournal, type JournalFolderOptions } from './journal/journal-folder';
import type { JournalWriter, UncutTail } from './journal/journal-writer';
import type { JournalOp } from './journal/operations';
import { pendingShards, shardLogsWithPending, timersWithPending, trackersWithPending } from './journal/pending-read';
import type { JournalEntry } from './journal/record-format';
import { emptyPendingView, replay } from './journal/replay';
import { checkpointFormat, noCheckpoint, type CheckpointFile } from './journal/segments';
import type { AtomicWriter } from './atomic-writer';
import type { DirtySnapshot, ProfileStore } from './profile-store';
import { emptySummariesFile, summariesFormat, SUMMARIES_FILE, type SummariesFile } from './summaries-format';
import { emptyTimersFile, TIMERS_FILE, timersFormat, type TimersFile } from './timers-format';
import { VersionedJsonAdapter } from './versioned-json-adapter';

/** Records between checkpoints: the replay on open stays short, the journal folder small. */
export const RECORDS_PER_CHECKPOINT = 1_000;
/** A checkpoint this long after the last write: the files catch up while the person pauses. */
export const QUIET_CHECKPOINT_MS = 2_000;

export interface ProfileJournalDeps {
  /** The raw port and the profile's key: the journal encrypts its own records. */
  readonly raw: FsPort;
  readonly key: Buffer;
  readonly deviceId: string;
  readonly dataDir: string;
  readonly profileDir: string;
  /** The profile's encrypting views, for `checkpoint.json` (an envelope like any profile file). */
  readonly fs: FsPort;
  readonly writer: AtomicWriter;
  /** The profile's write queue: a checkpoint begins in it, so it takes no write half-applied. */
  readonly queue: KeyedQueue;
  readonly profileId: string;
  /** The journal stopped after a failed append: the owner drops the store and reopens it. */
  readonly onStopped: (journal: ProfileJournal) => void;
  /** What the journal stopped before this open left uncut (its `uncutTail`): cut first. */
  readonly uncut?: UncutTail | null;
  readonly recordsPerCheckpoint?: number;
  readonly quietMs?: number;
}

/** A checkpoint begun in the queue, its files to be written (`ProfileJournal.finish`). */
interface Begun {
  /** What `checkpoint.json` will record: the last sequence the files hold, and this device's sequence and clock then. */
  readonly covered: Omit<CheckpointFile, 'version'> | null;
  readonly snapshot: DirtySnapshot;
  /** Lets the next checkpoint begin. */
  readonly done: () => void;
}

export class ProfileJournal {
  private failure: unknown = null;
  private quiet: ReturnType<typeof setTimeout> | null = null;
  private closed = false;
  private checkpointQueued = false;
  /** A checkpoint writing its files (outside the queue): the next one begins after it. */
  private writing: Promise<void> | null = null;

  private constructor(
    private readonly deps: ProfileJournalDeps,
    private readonly store: ProfileStore,
    private readonly folder: JournalFolderOptions,
    private readonly checkpointFile: VersionedJsonAdapter<CheckpointFile>,
    private writer: JournalWriter,
    /** The last sequence the files hold. */
    private through: number,
  ) {}

  /**
   * Opens the journal of `store`'s profile: replays what the last checkpoint did not
   * include onto the store's memory (a checkpoint follows after a quiet moment). Damage is
   * DATA_FILE_DAMAGED (the journal left as it is).
   */
  static async open(deps: ProfileJournalDeps, store: ProfileStore): Promise<ProfileJournal> {
    const folderPath = join(deps.profileDir, 'journal');
    const folder: JournalFolderOptions = { fs: deps.raw, folder: folderPath, dataDir: deps.dataDir, key: deps.key, deviceId: deps.deviceId, stopAfterFailure: true };
    const checkpointFile = new VersionedJsonAdapter(join(folderPath, 'checkpoint.json'), checkpointFormat, deps.fs, deps.writer, deps.dataDir);
    const checkpoint = (await checkpointFile.read()) ?? noCheckpoint();
    const { writer, entries } = await recoverJournal(folder, checkpoint, deps.uncut ?? null);
    const journal = new ProfileJournal(deps, store, folder, checkpointFile, writer, checkpoint.through);
    store.journal = journal;
    // Memory takes the records now (dirty); the files follow at the first checkpoint, soon
    // after (`changed`). Opening needs no write, so a full disk still lets the profile be read.
    if (entries.length > 0) await applyRecovered(store, entries);
    return journal;
  }

  /**
   * Appends `op` (its effect already in the store's memory); resolves once it is synced.
   * Call it inside the profile's queue and await it outside, so concurrent writes share a sync.
   */
  append(op: JournalOp): Promise<void> {
    if (this.failure !== null) return Promise.reject(this.failure);
    const appended = this.writer.append(op).then(
      () => {
        this.afterAppend();
      },
      (error: unknown) => {
        this.stop(error);
        throw error;
      },
    );
    // Awaited by the caller once it has left the queue; a rejection before then is not unhandled.
    appended.catch(() => undefined);
    return appended;
  }

  /** The store's memory moved ahead of its files: a checkpoint after a quiet moment. */
  changed(): void {
    if (this.closed) return;
    // Called a few times per write: the waiting timer starts again rather than a new one.
    if (this.quiet !== null) {
      this.quiet.refresh();
      return;
    }
    this.quiet = setTimeout(() => {
      this.quiet = null;
      void this.checkpoint().catch(() => undefined);
    }, this.deps.quietMs ?? QUIET_CHECKPOINT_MS);
    this.quiet.unref();
  }

  /**
   * A checkpoint that takes the profile's queue only to begin: the journal turns to a new
   * segment and what memory holds is taken as it is (`begin`). The files are then written
   * outside the queue, so writes go on meanwhile, their records in the new segment.
   */
  async checkpoint(): Promise<void> {
    const begun = await this.deps.queue.run(this.deps.profileId, () => this.begin());
    if (begun !== null) await this.finish(begun);
  }

  /**
   * A checkpoint by a caller holding the profile's queue (an import, a backup): once it
   * resolves, the files hold every record, and nothing writes them until the queue is free.
   */
  async checkpointHeld(): Promise<void> {
    const begun = await this.begin();
    if (begun !== null) await this.finish(begun);
  }

  /**
   * In the profile's queue: waits for the appends under way and for a checkpoint still
   * writing (it needs no queue), then closes the segment and opens the next one, and takes
   * what memory holds ahead of the files — the state after every record up to `through`,
   * all of them synced. Null when the files are up to date.
   */
  private async begin(): Promise<Begun | null> {
    while (this.writing !== null) await this.writing;
    await this.writer.idle();
    if (this.failure !== null) throw this.failure;
    if (this.closed) return null;
    let covered: Begun['covered'] = null;
    if (this.writer.position().seq > this.through) {
      let rotated: { readonly writer: JournalWriter; readonly through: number };
      try {
        rotated = await rotateJournal(this.folder, this.writer);
      } catch (error) {
        // The old segment is closed and no new one opened: no append can go on here. The
        // owner opens the profile again, from the files and the journal.
        const failure = checkpointFailure(error);
        this.stop(failure);
        throw failure;
      }
      this.writer = rotated.writer;
      // An append that was under way failed while the old segment closed: memory holds it.
      if (this.failure !== null) throw this.failure;
      const { deviceSeq, hlc } = this.writer.position();
      covered = { through: rotated.through, deviceSeq, hlc };
    } else if (!this.store.dirty) {
      // Nothing in the journal, and no derived file (summaries.json) ahead either.
      return null;
    }
    const snapshot = await this.store.dirtySnapshot();
    let done = (): void => undefined;
    // Set in the queue, so the next checkpoint to begin (in the queue) always sees it.
    this.writing = new Promise<void>((resolve) => (done = resolve));
    return { covered, snapshot, done };
  }

  /**
   * Writes what `begin` took: the files (profile-store.ts `writeSnapshot`), then
   * `checkpoint.json`, then deletes the segments it covers. A failure before
   * `checkpoint.json` is WRITE_FAILED; the records stay in the journal, and the files not
   * written stay marked, for the next checkpoint.
   */
  private async finish(begun: Begun): Promise<void> {
    try {
      try {
        await this.store.writeSnapshot(begun.snapshot);
        if (begun.covered !== null) await this.checkpointFile.write({ version: 1, ...begun.covered });
      } catch (error) {
        throw checkpointFailure(error);
      }
      if (begun.covered === null) return;
      this.through = begun.covered.through;
      // The files hold every record up to `through` now: the checkpoint is done. Deleting
      // the segments it covers is tidying that the next checkpoint (and the next open) does
      // again, so a failure here fails nothing (a backup waiting for this checkpoint goes on).
      await dropCheckpointedSegments(this.folder, begun.covered.through).catch(() => undefined);
    } finally {
      this.writing = null;
      begun.done();
    }
  }

  /** Resolves once no checkpoint is writing its files (for tests and tools that read them). */
  async settled(): Promise<void> {
    while (this.writing !== null) await this.writing;
  }

  /** Checkpoints, then closes the journal (the profile locks, the core closes). */
  async close(): Promise<void> {
    try {
      if (this.failure === null) await this.checkpoint();
    } finally {
      await this.discard();
    }
  }

  /** Closes without a checkpoint (the folder is being removed or replaced, or the journal stopped). */
  async discard(): Promise<void> {
    this.closed = true;
    if (this.quiet !== null) clearTimeout(this.quiet);
    this.quiet = null;
    // A checkpoint still writing ends first: the folder's next owner finds no file half-way.
    await this.writing;
    await this.writer.close().catch(() => undefined);
  }

  /**
   * After a failed append whose batch could not be cut off the file: where the acknowledged
   * records end, for the next open of the profile to cut there. Null otherwise.
   */
  uncutTail(): UncutTail | null {
    return this.writer.uncutTail();
  }

  /** Whether an append failed: the store's memory may hold a refused write. */
  get stopped(): boolean {
    return this.failure !== null;
  }

  private afterAppend(): void {
    if (this.closed || this.failure !== null) return;
    if (this.checkpointQueued || this.writer.position().seq - this.through < (this.deps.recordsPerCheckpoint ?? RECORDS_PER_CHECKPOINT)) return;
    // One checkpoint queued at a time: the records of one batch all pass the mark together.
    this.checkpointQueued = true;
    void this.checkpoint()
      .catch(() => undefined)
      .finally(() => {
        this.checkpointQueued = false;
      });
  }

  private stop(error: unknown): void {
    if (this.failure !== null) return;
    this.failure = error;
    this.deps.onStopped(this);
  }
}

/**
 * A checkpoint's failure as its callers answer it (a backup, an import, a lock): the saves
 * already fail with WRITE_FAILED; the journal's own steps (closing a segment, opening the
 * next) fail with the system's error, given the same code here.
 */
function checkpointFailure(error: unknown): AppFailure {
  if (error instanceof AppFailure) return error;
  return new AppFailure('WRITE_FAILED', `Could not bring the profile's files up to date with its journal (${failureReason(error)}). Every saved change is kept in the journal and written at the next checkpoint.`);
}

/**
 * Lays the recovered records over the store's memory: trackers.json and timers.json take
 * the tracker and timer records (a purged tracker's logs folder goes at the checkpoint),
 * each shard the records touch is read and takes its logs as a read with them pending sees
 * them (marked dirty), and the summaries of the trackers concerned are dropped (derived:
 * rebuilt when next used), since summaries.json may have been written before the records
 * it should include.
 */
async function applyRecovered(store: ProfileStore, entries: readonly JournalEntry[]): Promise<void> {
  const view = replay(entries, emptyPendingView());
  const touched = new Set<string>();
  if (view.trackers.size > 0 || view.order !== null) {
    store.adoptTrackers({ ...store.trackers.data, trackers: trackersWithPending(view, store.trackers.data.trackers) });
    for (const [trackerId, tracker] of view.trackers) {
      // A changed tracker's summary may no longer fit it (settings, target): rebuilt too.
      touched.add(trackerId);
      if (tracker === null) store.purgeLogsAtCheckpoint(trackerId);
    }
  }
  if (view.timers.size > 0) {
    const timers = await store.document<TimersFile>(TIMERS_FILE, timersFormat, emptyTimersFile);
    store.adoptDocument(TIMERS_FILE, timers, { ...timers.data, timers: timersWithPending(view, timers.data.timers) });
  }
  const known = new Set(store.trackers.data.trackers.map((tracker) => tracker.id));
  for (const key of pendingShards(view)) {
    const [trackerId = '', month = ''] = key.split('/');
    touched.add(trackerId);
    // A tracker no longer listed was purged after these records: its logs are gone with it.
    if (!known.has(trackerId)) continue;
    const shard = await store.shard(trackerId, month);
    store.adoptShard(trackerId, month, shard, { ...shard.data, logs: shardLogsWithPending(view, { trackerId, month }, shard.data.logs) });
  }
  const summaries = await store.derivedDocument<SummariesFile>(SUMMARIES_FILE, summariesFormat, emptySummariesFile);
  const kept = Object.fromEntries(Object.entries(summaries.data.trackers).filter(([trackerId]) => !touched.has(trackerId)));
  store.adoptDocument(SUMMARIES_FILE, summaries, { ...summaries.data, trackers: kept });
}
