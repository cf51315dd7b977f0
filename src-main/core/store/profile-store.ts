/**
 * One profile's data, loaded lazily: opening it reads trackers.json only; a tracker's log
 * shards are read when its logs are listed or an entry lands in that month, then kept in
 * memory.
 */
import { join } from 'node:path';
import type { AtomicWriter } from './atomic-writer';
import { AppFailure } from '../errors';
import { errorCode, type FsPort } from './fs-port';
import { emptyLogShard, emptyTrackersFile, logColumnsFormat, logShardFormat, trackersFormat, type LogShard, type TrackersFile } from './formats';
import { shardColumns, type LogColumns } from './log-shard-columns';
import { JsonDocument } from './json-document';
import { shardMonth, type DataLayout } from './layout';
import { storableText, VersionedJsonAdapter, type FileFormat } from './versioned-json-adapter';
import type { ProfileJournal } from './profile-journal';
import type { JournalOp } from './journal/operations';

/**
 * For a profile store, `fs` and `writer` are the profile's encrypting views (see
 * file-codec.ts): every file opened through them is encrypted at rest.
 */
export interface StoreDeps {
  readonly layout: DataLayout;
  readonly fs: FsPort;
  readonly writer: AtomicWriter;
}

/** What a checkpoint writes: each file ahead of the disk with its content when the checkpoint began. */
export interface DirtySnapshot {
  readonly shards: readonly { readonly key: string; readonly document: JsonDocument<LogShard>; readonly content: LogShard }[];
  readonly documents: readonly { readonly name: string; readonly document: JsonDocument<unknown>; readonly content: unknown }[];
  readonly trackers: TrackersFile | null;
  readonly purged: readonly string[];
}

/** A small file of the profile replaced in a batch (`replaceMany`), its text made and checked up front. */
export interface DocumentWrite {
  readonly name: string;
  readonly data: { readonly version: number };
  readonly text: string;
}

export const documentWrite = <T extends { readonly version: number }>(name: string, format: FileFormat<T>, data: T): DocumentWrite => ({
  name,
  data,
  text: storableText(format, data),
});

export class ProfileStore {
  private readonly shards = new Map<string, Promise<JsonDocument<LogShard>>>();
  // Keyed by file name; each name is always opened with the same format, hence the cast on the way out.
  private readonly documents = new Map<string, Promise<unknown>>();
  /** Shards (`trackerId/YYYY-MM`) whose memory is ahead of their file: the journal holds the difference. */
  private readonly dirtyShards = new Set<string>();
  /** Documents (by name) whose memory is ahead of their file (a derived one: summaries.json). */
  private readonly dirtyDocuments = new Set<string>();
  /** trackers.json's memory is ahead of its file (a tracker record not checkpointed yet). */
  private trackersDirty = false;
  /** Trackers purged in memory whose logs folders a checkpoint removes, after trackers.json. */
  private readonly purged = new Set<string>();
  /**
   * Each tracker's months with a shard on disk or in memory, read from its folder once: the
   * store is the only writer of the folder (the data folder's lock), so it knows every
   * shard file it adds (`shard`, `replaceMany`) or removes (`removeLogs`). Without it every
   * write listed the tracker's folder, a third of a logged entry's time.
   */
  private readonly monthIndex = new Map<string, Promise<Set<string>>>();
  /**
   * The profile's journal once it is open (profile-journal.ts): every write is appended to
   * it and the files above become its checkpoints. Null only for a store a tool opens to
   * read (a benchmark, a test): it takes no writes.
   */
  journal: ProfileJournal | null = null;

  private constructor(
    private readonly deps: StoreDeps,
    readonly profileId: string,
    readonly trackers: JsonDocument<TrackersFile>,
  ) {}

  static async open(deps: StoreDeps, profileId: string): Promise<ProfileStore> {
    const adapter = new VersionedJsonAdapter(deps.layout.trackersFile(profileId), trackersFormat, deps.fs, deps.writer, deps.layout.dataDir);
    const trackers = await JsonDocument.open(adapter, emptyTrackersFile());
    return new ProfileStore(deps, profileId, trackers);
  }

  /** The shard of one tracker and month (`YYYY-MM`); empty when the file does not exist yet. */
  shard(trackerId: string, month: string): Promise<JsonDocument<LogShard>> {
    const key = `${trackerId}/${month}`;
    let loading = this.shards.get(key);
    if (loading === undefined) {
      const file = this.deps.layout.logShardFile(this.profileId, trackerId, month);
      loading = JsonDocument.open(new VersionedJsonAdapter(file, logShardFormat(trackerId, month), this.deps.fs, this.deps.writer, this.deps.layout.dataDir), emptyLogShard());
      this.shards.set(key, loading);
      void this.monthIndex.get(trackerId)?.then((months) => months.add(month), () => undefined);
      // A failed read (a damaged file) is not cached, so the next request reports it again.
      loading.catch(() => this.shards.delete(key));
    }
    return loading;
  }

  /**
   * Append `op`, whose effect is already in memory, to the profile's journal; resolves once
   * it is synced (see `ProfileJournal.append`: called inside the profile's queue, awaited
   * outside it).
   */
  append(op: JournalOp): Promise<void> {
    if (this.journal === null) return Promise.reject(new AppFailure('CORE_CLOSED', 'This profile is open for reading only; nothing was saved.'));
    return this.journal.append(op);
  }

  /**
   * Take `data` as the shard's content in memory only (its journal record is on its way):
   * written at the next checkpoint (`writeSnapshot`).
   */
  adoptShard(trackerId: string, month: string, shard: JsonDocument<LogShard>, data: LogShard): void {
    shard.adopt(data);
    this.dirtyShards.add(`${trackerId}/${month}`);
    this.journal?.changed();
  }

  /** Take `data` as an open document's content in memory only, to be written at the next checkpoint. */
  adoptDocument<T>(name: string, document: JsonDocument<T>, data: T): void {
    document.adopt(data);
    this.dirtyDocuments.add(name);
    this.journal?.changed();
  }

  /** Take `data` as trackers.json's content in memory only, written at the next checkpoint. */
  adoptTrackers(data: TrackersFile): void {
    this.trackers.adopt(data);
    this.trackersDirty = true;
    this.journal?.changed();
  }

  /**
   * A tracker purged in memory (its record on its way): its shards are forgotten now, and
   * the next checkpoint removes its logs folder once trackers.json no longer lists it.
   */
  purgeLogsAtCheckpoint(trackerId: string): void {
    this.forgetShards(trackerId);
    this.purged.add(trackerId);
    this.journal?.changed();
  }

  /** Nothing of the tracker's shards is held any more: open copies, marks, months. */
  private forgetShards(trackerId: string): void {
    for (const key of [...this.shards.keys()]) if (key.startsWith(`${trackerId}/`)) this.shards.delete(key);
    for (const key of [...this.dirtyShards]) if (key.startsWith(`${trackerId}/`)) this.dirtyShards.delete(key);
    this.monthIndex.delete(trackerId);
  }

  /** Whether memory holds anything the files do not. */
  get dirty(): boolean {
    return this.dirtyShards.size > 0 || this.dirtyDocuments.size > 0 || this.trackersDirty || this.purged.size > 0;
  }

  /**
   * What memory holds ahead of the files, as it is now: taken in the profile's queue, so it
   * is the state after a whole number of writes. Contents are immutable (a write adopts a
   * new object), so holding them is holding that state while newer writes go on.
   */
  async dirtySnapshot(): Promise<DirtySnapshot> {
    const shards: DirtySnapshot['shards'][number][] = [];
    for (const key of [...this.dirtyShards].sort()) {
      const open = this.shards.get(key);
      if (open === undefined) {
        // Its tracker was purged: nothing of it is written again.
        this.dirtyShards.delete(key);
        continue;
      }
      const document = await open;
      shards.push({ key, document, content: document.data });
    }
    const documents: DirtySnapshot['documents'][number][] = [];
    for (const name of [...this.dirtyDocuments]) {
      const open = this.documents.get(name) as Promise<JsonDocument<unknown>> | undefined;
      if (open === undefined) {
        this.dirtyDocuments.delete(name);
        continue;
      }
      const document = await open;
      documents.push({ name, document, content: document.data });
    }
    return { shards, documents, trackers: this.trackersDirty ? this.trackers.data : null, purged: [...this.purged] };
  }

  /**
   * Write a snapshot (a checkpoint): the shards, then the documents (summaries.json after
   * the shards it summarises, timers.json), then trackers.json last (as in `replaceMany`: a
   * tracker is never listed before its files), then the logs folders of purged trackers (no
   * longer listed), each atomically as any save. Memory is left as it is; each file's mark
   * goes once it is written, unless a newer write changed it meanwhile. A failure leaves
   * the rest marked, to be written by the next checkpoint.
   */
  async writeSnapshot(snapshot: DirtySnapshot): Promise<void> {
    for (const { key, document, content } of snapshot.shards) {
      await document.writeFile(content);
      if (document.data === content) this.dirtyShards.delete(key);
    }
    for (const { name, document, content } of snapshot.documents) {
      await document.writeFile(content);
      if (document.data === content) this.dirtyDocuments.delete(name);
    }
    if (snapshot.trackers !== null) {
      await this.trackers.writeFile(snapshot.trackers);
      if (this.trackers.data === snapshot.trackers) this.trackersDirty = false;
    }
    for (const trackerId of snapshot.purged) {
      await this.removeLogs(trackerId);
      this.purged.delete(trackerId);
    }
  }

  /**
   * A shard's content for one pass over a whole history (an export): the open copy when
   * there is one, else read from disk and not kept, so reading ten years of shards does
   * not leave them all in memory. Callers hold the profile's queue, so no write is half-way.
   */
  shardOnce(trackerId: string, month: string): Promise<LogShard> {
    return this.readOnce(trackerId, month, logShardFormat(trackerId, month), (shard) => shard, emptyLogShard);
  }

  /**
   * The same, as the file's columns (`LogColumns`): for a pass that writes every log out
   * (an export) and needs no log objects. An open copy is turned into columns.
   */
  columnsOnce(trackerId: string, month: string): Promise<LogColumns> {
    return this.readOnce(trackerId, month, logColumnsFormat(month), (shard) => shardColumns(shard.logs), () => shardColumns([]));
  }

  /** A shard through `format`, not kept: from its open copy when there is one (`fromOpen`), else from disk (`empty` when absent). */
  private async readOnce<T extends { readonly version: number }>(trackerId: string, month: string, format: FileFormat<T>, fromOpen: (shard: LogShard) => T, empty: () => T): Promise<T> {
    const open = this.shards.get(`${trackerId}/${month}`);
    if (open !== undefined) return fromOpen((await open).data);
    const file = this.deps.layout.logShardFile(this.profileId, trackerId, month);
    return (await new VersionedJsonAdapter(file, format, this.deps.fs, this.deps.writer, this.deps.layout.dataDir).read()) ?? empty();
  }

  /**
   * Replace several files of the profile at once (an import), all or nothing up to the
   * renames (see `writeBatch` in atomic-writer.ts). The order of the renames is what a
   * crash during them can leave: `documents` first (summaries.json without the trackers
   * whose shards follow: a summary missing is rebuilt, one left behind its shards would not
   * be noticed), then the shards, and trackers.json last, so the logs of a tracker not listed
   * yet can be left (unreachable), never a listed tracker missing its file. A shard's content
   * is made when its turn comes and not kept: the shards written are read again from disk
   * when next needed, so a million imported logs do not all stay in memory. `documents` are
   * small files opened with `document()` or `derivedDocument()`; they adopt their new content.
   */
  async replaceMany(change: {
    readonly shards: readonly { readonly trackerId: string; readonly month: string; readonly data: () => LogShard }[];
    readonly documents?: readonly DocumentWrite[];
    readonly trackers?: TrackersFile;
  }): Promise<void> {
    const { layout } = this.deps;
    const files = [
      ...(change.documents ?? []).map((document) => ({ file: join(layout.profileDir(this.profileId), document.name), data: document.text })),
      ...change.shards.map((shard) => ({
        file: layout.logShardFile(this.profileId, shard.trackerId, shard.month),
        data: () => storableText(logShardFormat(shard.trackerId, shard.month), shard.data()),
      })),
      ...(change.trackers === undefined ? [] : [{ file: layout.trackersFile(this.profileId), data: storableText(trackersFormat, change.trackers) }]),
    ];
    try {
      await this.deps.writer.writeBatch(files);
    } catch (error) {
      // Rolled back, or left a part written: the folders are read again.
      for (const shard of change.shards) this.monthIndex.delete(shard.trackerId);
      if (error instanceof AppFailure) throw error;
      const reason = errorCode(error) ?? (error instanceof Error ? error.message : 'unknown error');
      throw new AppFailure('WRITE_FAILED', `Could not save the imported data (${reason}). Nothing was changed.`);
    }
    for (const shard of change.shards) {
      this.shards.delete(`${shard.trackerId}/${shard.month}`);
      this.dirtyShards.delete(`${shard.trackerId}/${shard.month}`);
      void this.monthIndex.get(shard.trackerId)?.then((months) => months.add(shard.month), () => undefined);
    }
    for (const document of change.documents ?? []) {
      const open = this.documents.get(document.name) as Promise<JsonDocument<unknown>> | undefined;
      if (open !== undefined) (await open).adopt(document.data);
    }
    if (change.trackers !== undefined) {
      this.trackers.adopt(change.trackers);
      this.trackersDirty = false;
    }
  }

  /** Every shard of a tracker that exists on disk or in memory, oldest month first. */
  async allShards(trackerId: string): Promise<JsonDocument<LogShard>[]> {
    return Promise.all((await this.months(trackerId)).map((month) => this.shard(trackerId, month)));
  }

  /**
   * Forget a deleted tracker's shards and remove its logs folder. Best effort: the tracker
   * is already gone from trackers.json, so a folder that cannot be removed is unreachable
   * leftover bytes (its id is never reused), not a reason to report the delete as failed.
   */
  private async removeLogs(trackerId: string): Promise<void> {
    this.forgetShards(trackerId);
    await this.deps.fs.rm(this.deps.layout.trackerLogsDir(this.profileId, trackerId), { recursive: true, force: true }).catch(() => undefined);
  }

  /** The months (`YYYY-MM`) with a shard of the tracker on disk or in memory, oldest first; reads no shard. */
  async months(trackerId: string): Promise<string[]> {
    let index = this.monthIndex.get(trackerId);
    if (index === undefined) {
      index = this.monthsOnDisk(trackerId).then((onDisk) => {
        const months = new Set(onDisk);
        for (const key of this.shards.keys()) {
          const [tracker, month] = key.split('/');
          if (tracker === trackerId && month !== undefined) months.add(month);
        }
        return months;
      });
      this.monthIndex.set(trackerId, index);
      // A folder that could not be listed is listed again next time.
      index.catch(() => this.monthIndex.delete(trackerId));
    }
    return [...(await index)].sort();
  }

  /**
   * Another file of the profile (`timers.json`), opened once through the same adapter as
   * the others, so whatever applies to them (encryption) applies to it.
   */
  document<T extends { readonly version: number }>(name: string, format: FileFormat<T>, defaults: () => T): Promise<JsonDocument<T>> {
    return this.openDocument(name, format, (adapter) => JsonDocument.open(adapter, defaults()));
  }

  /**
   * A derived file of the profile (`summaries.json`): everything in it can be rebuilt from
   * other files, so it is never a reason to fail. One that cannot be used opens empty, to be
   * rebuilt and saved over by its owner: damaged or of an older version without an upgrade
   * (the adapter has copied it to `<file>.corrupt`), or unreadable for another reason (the
   * writer keeps it as `<file>.bak` when it is first replaced).
   *
   * A file from a newer version of the app is not read, and not silently overwritten
   * either: it is moved to `<file>.newer` first, so that version's work is kept whole. Why
   * not leave it in place and work from memory, as the README promises for a person's own
   * files? Because this version goes on writing logs, which that file cannot follow (this
   * version cannot mark it as behind, see services/summaries.ts), so left in place it would
   * turn silently stale for the app that wrote it. Replaced by a file of this version, the
   * newer app finds an older derived file, which it upgrades or rebuilds. Only when even
   * the move fails is DATA_FILE_TOO_NEW reported (and the file left as it is).
   */
  derivedDocument<T extends { readonly version: number }>(name: string, format: FileFormat<T>, defaults: () => T): Promise<JsonDocument<T>> {
    return this.openDocument(name, format, async (adapter) => {
      try {
        return await JsonDocument.open(adapter, defaults());
      } catch (error) {
        if (error instanceof AppFailure && error.code === 'DATA_FILE_TOO_NEW') await this.deps.fs.rename(adapter.file, `${adapter.file}.newer`).catch(() => Promise.reject(error));
        return JsonDocument.of(adapter, defaults());
      }
    });
  }

  private openDocument<T extends { readonly version: number }>(name: string, format: FileFormat<T>, open: (adapter: VersionedJsonAdapter<T>) => Promise<JsonDocument<T>>): Promise<JsonDocument<T>> {
    let opening = this.documents.get(name) as Promise<JsonDocument<T>> | undefined;
    if (opening === undefined) {
      const file = join(this.deps.layout.profileDir(this.profileId), name);
      opening = open(new VersionedJsonAdapter(file, format, this.deps.fs, this.deps.writer, this.deps.layout.dataDir));
      this.documents.set(name, opening);
      opening.catch(() => this.documents.delete(name));
    }
    return opening;
  }

  private async monthsOnDisk(trackerId: string): Promise<string[]> {
    try {
      const names = await this.deps.fs.readdir(this.deps.layout.trackerLogsDir(this.profileId, trackerId));
      return names.map(shardMonth).filter((month): month is string => month !== null);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return [];
      throw error;
    }
  }
}
