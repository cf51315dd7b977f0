/** The quick-log picker's type-to-filter: which trackers a typed text names. */
import type { Tracker } from '../../../../src-preload/contract';

/**
 * The trackers whose name holds `query` (any case, surrounding spaces ignored), in the
 * order given; all of them for an empty query.
 */
export function matchingTrackers<T extends Pick<Tracker, 'name'>>(trackers: readonly T[], query: string): T[] {
  const wanted = query.trim().toLocaleLowerCase();
  if (wanted === '') return [...trackers];
  return trackers.filter((tracker) => tracker.name.toLocaleLowerCase().includes(wanted));
}
