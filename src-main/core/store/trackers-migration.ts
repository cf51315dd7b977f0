/** The upgrades of trackers.json, one function per format version (see migrate.ts). */
import { paletteColor } from '../domain/tracker-looks';
import { defaultReminder } from '../domain/tracker-rules';
import { isRecord, type JsonRecord } from './migrate';

function settingsV2(settings: unknown): unknown {
  if (!isRecord(settings)) return settings; // the schema check after migration reports it
  switch (settings['type']) {
    case 'numerical':
      return { ...settings, min: null, max: null, decimals: 2, aggregation: 'average' };
    case 'multiple_choice': {
      const options = Array.isArray(settings['options']) ? settings['options'] : [];
      return { ...settings, options: options.map((option: unknown) => (isRecord(option) ? { ...option, archived: false } : option)), multiple: true };
    }
    default:
      return settings;
  }
}

/**
 * trackers.json version 1 → 2 (issue 4): trackers gained looks, a target, an archived
 * flag and a trash time; numerical settings gained bounds, decimals and an aggregation;
 * choice options gained an archived flag, and choice trackers a single/multi switch.
 * Version 1 accepted several options per entry, so its choice trackers become multi-select:
 * anything else could make old entries invalid.
 */
export function trackersV1toV2(old: JsonRecord): JsonRecord {
  const trackers = Array.isArray(old['trackers']) ? old['trackers'] : [];
  return {
    ...old,
    version: 2,
    trackers: trackers.map((tracker: unknown, index: number) =>
      isRecord(tracker)
        ? { ...tracker, color: paletteColor(index), emoji: '', archived: false, target: null, settings: settingsV2(tracker['settings']), deletedAt: null }
        : tracker,
    ),
  };
}

/**
 * trackers.json version 2 → 3 (issue 11): trackers gained a pinned flag (first in the tray
 * menu and the quick-log picker). Every tracker written before it is unpinned. A new version
 * rather than an optional field: an older app refuses the file instead of reading it,
 * dropping the flag, and writing it back without.
 */
export function trackersV2toV3(old: JsonRecord): JsonRecord {
  const trackers = Array.isArray(old['trackers']) ? old['trackers'] : [];
  return { ...old, version: 3, trackers: trackers.map((tracker: unknown) => (isRecord(tracker) ? { ...tracker, pinned: false } : tracker)) };
}

/**
 * trackers.json version 3 → 4 (issue 12): trackers gained a reminder (whether the daily
 * nudge names them, on which weekdays, at what time). Every tracker written before it gets
 * the default: on, every day, at the profile's nudge time. A new version for the same
 * reason as version 3: an older app must refuse the file rather than drop the reminders.
 */
export function trackersV3toV4(old: JsonRecord): JsonRecord {
  const trackers = Array.isArray(old['trackers']) ? old['trackers'] : [];
  return { ...old, version: 4, trackers: trackers.map((tracker: unknown) => (isRecord(tracker) ? { ...tracker, reminder: defaultReminder() } : tracker)) };
}
