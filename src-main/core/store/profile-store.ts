/**
 * One profile's data, loaded lazily: opening it reads trackers.json only; a tracker's log
 * shards are read when its logs are listed or an entry lands in that month, then kept in
 * memory.
 */
import type { AtomicWriter } from './atomic-writer';
import { errorCode, type FsPort } from './fs-port';
import { emptyLogShard, emptyTrackersFile, logShardFormat, trackersFormat, type LogShard, type ProfileFile, type TrackersFile } from './formats';
import { JsonDocument } from './json-document';
import { shardMonth, type DataLayout } from './layout';
import { VersionedJsonAdapter } from './versioned-json-adapter';

export interface StoreDeps {
  readonly layout: DataLayout;
  readonly fs: FsPort;
  readonly writer: AtomicWriter;
}

export class ProfileStore {
  private readonly shards = new Map<string, Promise<JsonDocument<LogShard>>>();

  private constructor(
    private readonly deps: StoreDeps,
    readonly profileId: string,
    readonly profile: JsonDocument<ProfileFile>,
    readonly trackers: JsonDocument<TrackersFile>,
  ) {}

  static async open(deps: StoreDeps, profile: JsonDocument<ProfileFile>, profileId: string): Promise<ProfileStore> {
    const adapter = new VersionedJsonAdapter(deps.layout.trackersFile(profileId), trackersFormat, deps.fs, deps.writer);
    const trackers = await JsonDocument.open(adapter, emptyTrackersFile());
    return new ProfileStore(deps, profileId, profile, trackers);
  }

  /** The shard of one tracker and month (`YYYY-MM`); empty when the file does not exist yet. */
  shard(trackerId: string, month: string): Promise<JsonDocument<LogShard>> {
    const key = `${trackerId}/${month}`;
    let loading = this.shards.get(key);
    if (loading === undefined) {
      const file = this.deps.layout.logShardFile(this.profileId, trackerId, month);
      loading = JsonDocument.open(new VersionedJsonAdapter(file, logShardFormat, this.deps.fs, this.deps.writer), emptyLogShard());
      this.shards.set(key, loading);
      // A failed read (a damaged file) is not cached, so the next request reports it again.
      loading.catch(() => this.shards.delete(key));
    }
    return loading;
  }

  /** Every shard of a tracker that exists on disk or in memory, oldest month first. */
  async allShards(trackerId: string): Promise<JsonDocument<LogShard>[]> {
    const months = new Set(await this.monthsOnDisk(trackerId));
    for (const key of this.shards.keys()) {
      const [tracker, month] = key.split('/');
      if (tracker === trackerId && month !== undefined) months.add(month);
    }
    return Promise.all([...months].sort().map((month) => this.shard(trackerId, month)));
  }

  /**
   * Forget a deleted tracker's shards and remove its logs folder. Best effort: the tracker
   * is already gone from trackers.json, so a folder that cannot be removed is unreachable
   * leftover bytes (its id is never reused), not a reason to report the delete as failed.
   */
  async removeLogs(trackerId: string): Promise<void> {
    for (const key of [...this.shards.keys()]) if (key.startsWith(`${trackerId}/`)) this.shards.delete(key);
    await this.deps.fs.rm(this.deps.layout.trackerLogsDir(this.profileId, trackerId), { recursive: true, force: true }).catch(() => undefined);
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
