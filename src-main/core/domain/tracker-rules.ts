/** Rules about trackers as a set: names present and unique per profile in any case. */
import { fail } from '../errors';

export function validTrackerName(name: string, existing: readonly { readonly name: string }[]): string {
  const trimmed = name.trim();
  if (trimmed === '') fail('TRACKER_NAME_REQUIRED', 'Give the tracker a name.', 'name');
  const key = trimmed.toLowerCase();
  if (existing.some((tracker) => tracker.name.toLowerCase() === key)) {
    fail('TRACKER_NAME_TAKEN', `You already have a tracker named "${trimmed}".`, 'name');
  }
  return trimmed;
}
