/** Finding a tracker of the session's profile: in use, or in the trash. */
import type { Tracker } from '../../../src-preload/contract';
import { fail } from '../errors';
import type { StoredTracker } from '../store/formats';
import type { ProfileStore } from '../store/profile-store';

/** What the contract shows of a stored tracker (the trash time is for the trash only). */
export function publicTracker(stored: StoredTracker): Tracker {
  const { deletedAt: _deletedAt, ...tracker } = stored;
  return tracker;
}

/** A tracker in use (not in the trash), or TRACKER_NOT_FOUND. */
export function findTracker(store: ProfileStore, trackerId: string): StoredTracker {
  const tracker = store.trackers.data.trackers.find((candidate) => candidate.id === trackerId && candidate.deletedAt === null);
  return tracker ?? fail('TRACKER_NOT_FOUND', 'That tracker does not exist (any more).', 'trackerId');
}

/** A tracker in the trash, or TRACKER_NOT_FOUND. */
export function findDeletedTracker(store: ProfileStore, trackerId: string): StoredTracker & { deletedAt: string } {
  const tracker = store.trackers.data.trackers.find((candidate) => candidate.id === trackerId);
  if (tracker === undefined || tracker.deletedAt === null) return fail('TRACKER_NOT_FOUND', 'That tracker is not in the trash.', 'trackerId');
  return { ...tracker, deletedAt: tracker.deletedAt };
}
