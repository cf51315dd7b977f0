/**
 * A profile's trackers: create, edit, order, archive, and the trash (delete moves a
 * tracker there with its logs; restore brings both back; purge removes them for good).
 */
import type { DeletedTracker, ParsedInput, Tracker, TrackerSettings } from '../../../src-preload/contract';
import { fail } from '../errors';
import { paletteColor, validColor, validEmoji } from '../domain/tracker-looks';
import { canonicalReminder, validTrackerName } from '../domain/tracker-rules';
import { rulesOf, trackerSettings, validTarget, type SettingsUpdate } from '../domain/tracker-types';
import { trackersFormat, type StoredTracker, type TrackersFile } from '../store/formats';
import type { JournalOp } from '../store/journal/operations';
import { checkStorable } from '../store/versioned-json-adapter';
import type { KeyedQueue } from '../store/keyed-queue';
import type { ProfileDirectory } from '../store/profile-directory';
import type { ProfileStore } from '../store/profile-store';
import { mergeLogs, newestLog, readAllShards } from './log-shards';
import { acknowledged, type Durable } from './durable-write';
import { sessionStore } from './profile-access';
import type { Summaries } from './summaries';
import { dropTimer } from './timers';
import { findDeletedTracker, findTracker, publicTracker } from './tracker-lookup';

export interface TrackerDeps {
  readonly directory: ProfileDirectory;
  /** Per-profile queue: every change to one profile's trackers and logs runs in turn. */
  readonly queue: KeyedQueue;
  readonly now: () => Date;
  readonly newId: () => string;
  readonly summaries: Summaries;
}

export type NewTracker = ParsedInput<'createTracker'>;
export type TrackerChange = Omit<ParsedInput<'updateTracker'>, 'trackerId'>;

const inUse = (trackers: readonly StoredTracker[]) => trackers.filter((tracker) => tracker.deletedAt === null);

/**
 * Inside the profile's queue: trackers.json takes `data` in memory (written at the next
 * checkpoint) and `op` is appended. Answers the promise of the record on disk, awaited
 * outside the queue (group commit).
 */
function commitTrackers(store: ProfileStore, data: TrackersFile, op: JournalOp): Durable {
  // Content the store would refuse must change nothing: refused before memory changes.
  checkStorable(trackersFormat, data);
  store.adoptTrackers(data);
  return { durable: store.append(op) };
}

/** The ids of every tracker, trashed ones too, in the stored order: a record's `order`. */
const orderOf = (data: TrackersFile): string[] => data.trackers.map((tracker) => tracker.id);

export class TrackerService {
  constructor(private readonly deps: TrackerDeps) {}

  /** Trackers in use (archived ones too), in the person's order. */
  async list(profileId: string): Promise<Tracker[]> {
    const store = await sessionStore(this.deps.directory, profileId);
    return inUse(store.trackers.data.trackers).map(publicTracker);
  }

  async create(profileId: string, input: NewTracker): Promise<Tracker> {
    const store = await sessionStore(this.deps.directory, profileId);
    return acknowledged(this.deps.queue.run(profileId, async () => {
      const current = store.trackers.data;
      const name = validTrackerName(input.name, inUse(current.trackers));
      const settings = trackerSettings(input.settings, this.deps.newId);
      const tracker: StoredTracker = {
        id: this.deps.newId(),
        name,
        description: input.description.trim(),
        color: input.color === undefined ? paletteColor(current.trackers.length) : validColor(input.color),
        emoji: input.emoji === undefined ? '' : validEmoji(input.emoji),
        archived: false,
        pinned: input.pinned,
        reminder: canonicalReminder(input.reminder),
        target: validTarget(input.target, settings),
        settings,
        createdAt: this.deps.now().toISOString(),
        deletedAt: null,
      };
      const next: TrackersFile = { ...current, trackers: [...current.trackers, tracker] };
      return { value: publicTracker(tracker), ...commitTrackers(store, next, { type: 'tracker-created', tracker, order: orderOf(next) }) };
    }));
  }

  async update(profileId: string, trackerId: string, change: TrackerChange): Promise<Tracker> {
    const store = await sessionStore(this.deps.directory, profileId);
    return acknowledged(this.deps.queue.run(profileId, async () => {
      const current = store.trackers.data;
      const tracker = findTracker(store, trackerId);
      const others = inUse(current.trackers).filter((other) => other.id !== trackerId);
      const settings = change.settings === undefined ? tracker.settings : await this.nextSettings(store, tracker, change.settings);
      const updated: StoredTracker = {
        ...tracker,
        name: change.name === undefined ? tracker.name : validTrackerName(change.name, others),
        description: change.description === undefined ? tracker.description : change.description.trim(),
        color: change.color === undefined ? tracker.color : validColor(change.color),
        emoji: change.emoji === undefined ? tracker.emoji : validEmoji(change.emoji),
        archived: change.archived ?? tracker.archived,
        pinned: change.pinned ?? tracker.pinned,
        reminder: change.reminder === undefined ? tracker.reminder : canonicalReminder(change.reminder),
        // A kept target is checked again: new settings may no longer fit it.
        target: validTarget(change.target === undefined ? tracker.target : change.target, settings),
        settings,
      };
      const next: TrackersFile = { ...current, trackers: current.trackers.map((other) => (other.id === trackerId ? updated : other)) };
      return { value: publicTracker(updated), ...commitTrackers(store, next, { type: 'tracker-changed', tracker: updated }) };
    }));
  }

  /** `trackerIds` is every tracker in use, each once, in the new order. */
  async reorder(profileId: string, trackerIds: readonly string[]): Promise<void> {
    const store = await sessionStore(this.deps.directory, profileId);
    await acknowledged(this.deps.queue.run(profileId, async () => {
      const current = store.trackers.data;
      const used = inUse(current.trackers);
      const byId = new Map(used.map((tracker) => [tracker.id, tracker]));
      if (trackerIds.length !== used.length || new Set(trackerIds).size !== trackerIds.length || trackerIds.some((id) => !byId.has(id))) {
        fail('TRACKER_ORDER_INVALID', 'The new order must list every tracker once; reload and try again.', 'trackerIds');
      }
      const ordered = trackerIds.map((id) => byId.get(id)).filter((tracker): tracker is StoredTracker => tracker !== undefined);
      const next: TrackersFile = { ...current, trackers: [...ordered, ...current.trackers.filter((tracker) => tracker.deletedAt !== null)] };
      return { value: undefined, ...commitTrackers(store, next, { type: 'tracker-reordered', order: orderOf(next) }) };
    }));
  }

  /** Move to the trash: the tracker and its logs stay on disk until purged. */
  async delete(profileId: string, trackerId: string): Promise<void> {
    const store = await sessionStore(this.deps.directory, profileId);
    await acknowledged(this.deps.queue.run(profileId, async () => {
      const deleted = { ...findTracker(store, trackerId), deletedAt: this.deps.now().toISOString() };
      const current = store.trackers.data;
      const next: TrackersFile = { ...current, trackers: current.trackers.map((tracker) => (tracker.id === trackerId ? deleted : tracker)) };
      return { value: undefined, ...commitTrackers(store, next, { type: 'tracker-deleted', tracker: deleted }) };
    }));
  }

  /** The trash, newest deletion first. */
  async listDeleted(profileId: string): Promise<DeletedTracker[]> {
    const store = await sessionStore(this.deps.directory, profileId);
    return store.trackers.data.trackers
      .filter((tracker): tracker is StoredTracker & { deletedAt: string } => tracker.deletedAt !== null)
      .map((tracker) => ({ ...publicTracker(tracker), deletedAt: tracker.deletedAt }))
      .sort((a, b) => (a.deletedAt < b.deletedAt ? 1 : a.deletedAt > b.deletedAt ? -1 : 0));
  }

  /**
   * Out of the trash, logs and all. If another tracker took its name meanwhile, the
   * restored one is renamed "<name> (restored)" rather than refused: undo must work.
   */
  async restore(profileId: string, trackerId: string): Promise<Tracker> {
    const store = await sessionStore(this.deps.directory, profileId);
    return acknowledged(this.deps.queue.run(profileId, async () => {
      const deleted = findDeletedTracker(store, trackerId);
      const current = store.trackers.data;
      const taken = new Set(inUse(current.trackers).map((tracker) => tracker.name.toLowerCase()));
      let name = deleted.name;
      for (let n = 1; taken.has(name.toLowerCase()); n += 1) name = `${deleted.name} (restored${n > 1 ? ` ${n}` : ''})`;
      const restored = { ...deleted, name, deletedAt: null };
      const next: TrackersFile = { ...current, trackers: current.trackers.map((tracker) => (tracker.id === trackerId ? restored : tracker)) };
      return { value: publicTracker(restored), ...commitTrackers(store, next, { type: 'tracker-restored', tracker: restored }) };
    }));
  }

  /**
   * Delete a trashed tracker and its logs for good, as one record: the tracker, its timer
   * and its summary leave memory now, and the checkpoint removes its logs folder after
   * writing trackers.json without it.
   */
  async purge(profileId: string, trackerId: string): Promise<void> {
    const store = await sessionStore(this.deps.directory, profileId);
    await acknowledged(this.deps.queue.run(profileId, async () => {
      findDeletedTracker(store, trackerId);
      const current = store.trackers.data;
      const next: TrackersFile = { ...current, trackers: current.trackers.filter((tracker) => tracker.id !== trackerId) };
      const written = commitTrackers(store, next, { type: 'tracker-purged', trackerId });
      store.purgeLogsAtCheckpoint(trackerId);
      await this.deps.summaries.forget(store, trackerId).catch(() => undefined);
      await dropTimer(store, trackerId).catch(() => undefined);
      return { value: undefined, ...written };
    }));
  }

  private async nextSettings(store: ProfileStore, tracker: StoredTracker, input: SettingsUpdate): Promise<TrackerSettings> {
    if (input.type !== tracker.settings.type) {
      if ((await newestLog(store, tracker.id)) !== null) {
        fail(
          'TRACKER_TYPE_LOCKED',
          `This tracker already has entries stored as ${tracker.settings.type.replace('_', ' ')} values, which a ${input.type.replace('_', ' ')} tracker could not read. Create a new tracker instead (you can archive this one).`,
          'settings.type',
        );
      }
      const fresh = input.type === 'multiple_choice' ? { ...input, options: input.options.filter((option) => !option.archived).map((option) => option.label) } : input;
      return trackerSettings(fresh, this.deps.newId);
    }
    return rulesOf(input.type).update(tracker.settings, input, this.deps.newId, {
      hasMultiOptionLog: async () => mergeLogs(await readAllShards(store, tracker.id)).some((log) => Array.isArray(log.value) && log.value.length > 1),
    });
  }
}
