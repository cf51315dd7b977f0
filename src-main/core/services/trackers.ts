/** Creating, listing and deleting a profile's trackers. */
import type { NewTrackerSettings, Tracker } from '../../../src-preload/contract';
import { fail } from '../errors';
import { validTrackerName } from '../domain/tracker-rules';
import { trackerSettings } from '../domain/tracker-types';
import type { KeyedQueue } from '../store/keyed-queue';
import type { ProfileDirectory } from '../store/profile-directory';
import type { ProfileStore } from '../store/profile-store';
import { sessionStore } from './profile-access';

export interface TrackerDeps {
  readonly directory: ProfileDirectory;
  /** Per-profile queue: every change to one profile's trackers and logs runs in turn. */
  readonly queue: KeyedQueue;
  readonly now: () => Date;
  readonly newId: () => string;
}

export interface NewTracker {
  readonly name: string;
  readonly description: string;
  readonly settings: NewTrackerSettings;
}

export class TrackerService {
  constructor(private readonly deps: TrackerDeps) {}

  async list(profileId: string): Promise<Tracker[]> {
    const store = await sessionStore(this.deps.directory, profileId);
    return store.trackers.data.trackers;
  }

  async create(profileId: string, input: NewTracker): Promise<Tracker> {
    const store = await sessionStore(this.deps.directory, profileId);
    return this.deps.queue.run(profileId, async () => {
      const current = store.trackers.data;
      const name = validTrackerName(input.name, current.trackers);
      const settings = trackerSettings(input.settings, this.deps.newId);
      const tracker: Tracker = { id: this.deps.newId(), name, description: input.description.trim(), settings, createdAt: this.deps.now().toISOString() };
      await store.trackers.save({ ...current, trackers: [...current.trackers, tracker] });
      return tracker;
    });
  }

  async delete(profileId: string, trackerId: string): Promise<void> {
    const store = await sessionStore(this.deps.directory, profileId);
    await this.deps.queue.run(profileId, async () => {
      const current = store.trackers.data;
      findTracker(store, trackerId);
      // The tracker goes first: if removing its folder then fails, what remains is an
      // unreferenced folder, never a tracker with half its logs.
      await store.trackers.save({ ...current, trackers: current.trackers.filter((tracker) => tracker.id !== trackerId) });
      await store.removeLogs(trackerId);
    });
  }
}

export function findTracker(store: ProfileStore, trackerId: string): Tracker {
  return store.trackers.data.trackers.find((tracker) => tracker.id === trackerId) ?? fail('TRACKER_NOT_FOUND', 'That tracker does not exist (any more).', 'trackerId');
}
