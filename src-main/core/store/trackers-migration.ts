/**
 * trackers.json version 1 → 2 (issue 4): trackers gained looks, a target, an archived
 * flag and a trash time; numerical settings gained bounds, decimals and an aggregation;
 * choice options gained an archived flag, and choice trackers a single/multi switch.
 * Version 1 accepted several options per entry, so its choice trackers become multi-select:
 * anything else could make old entries invalid.
 */
import { paletteColor } from '../domain/tracker-looks';
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
