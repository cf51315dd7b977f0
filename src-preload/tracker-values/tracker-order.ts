/**
 * The order of the trackers where a person logs in a hurry (the tray menu, the quick-log
 * picker): pinned ones first. Kept beside the value table so the renderer and the desktop
 * shell read the one rule; the dashboard keeps the person's own order.
 */
import type { Tracker } from '../contract';

/** Trackers in use (not archived), pinned ones first, each group in the person's order. */
export function pinnedFirst<T extends Pick<Tracker, 'archived' | 'pinned'>>(trackers: readonly T[]): T[] {
  const inUse = trackers.filter((tracker) => !tracker.archived);
  return [...inUse.filter((tracker) => tracker.pinned), ...inUse.filter((tracker) => !tracker.pinned)];
}
