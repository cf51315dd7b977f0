/** Rules about trackers as a set (names present and unique per profile in any case), and a tracker's reminder. */
import { DEFAULT_REMINDER, type TrackerReminder } from '../../../src-preload/contract';
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

/**
 * A tracker's reminder as stored: its weekdays once each, Monday first, so two reminders
 * that mean the same are the same. (The contract has already checked the shape: 1 to 7
 * weekdays from 1 to 7, a time as HH:MM or null.)
 */
export function canonicalReminder(reminder: TrackerReminder): TrackerReminder {
  return { enabled: reminder.enabled, days: [...new Set(reminder.days)].sort((a, b) => a - b), time: reminder.time };
}

/** A fresh copy of the default reminder (every day, at the profile's nudge time), never shared between trackers. */
export const defaultReminder = (): TrackerReminder => ({ ...DEFAULT_REMINDER, days: [...DEFAULT_REMINDER.days] });
