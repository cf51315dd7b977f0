import { describe, it, expect } from 'vitest';
import { trackersFormat } from '../../../src-main/core/store/formats';
import { migrate } from '../../../src-main/core/store/migrate';
import { trackersV1toV2, trackersV2toV3, trackersV3toV4 } from '../../../src-main/core/store/trackers-migration';
import { TRACKER_PALETTE } from '../../../src-main/core/domain/tracker-looks';

const v1 = {
  version: 1,
  trackers: [
    { id: 't1', name: 'Weight', description: '', settings: { type: 'numerical', unit: 'kg' }, createdAt: '2026-01-01T00:00:00.000Z' },
    {
      id: 't2',
      name: 'Mood',
      description: 'daily',
      settings: { type: 'multiple_choice', options: [{ id: 'o1', label: 'Good' }, { id: 'o2', label: 'Bad' }] },
      createdAt: '2026-01-02T00:00:00.000Z',
    },
    { id: 't3', name: 'Meditated', description: '', settings: { type: 'boolean' }, createdAt: '2026-01-03T00:00:00.000Z' },
    { id: 't4', name: 'Reading', description: '', settings: { type: 'duration' }, createdAt: '2026-01-04T00:00:00.000Z' },
  ],
};

describe('trackers.json v1 → v2', () => {
  it('adds the new fields with their defaults; v1 choice trackers become multi-select', () => {
    const v2 = trackersV1toV2(structuredClone(v1));
    const looks = { emoji: '', archived: false, target: null, deletedAt: null };
    expect(v2).toEqual({
      version: 2,
      trackers: [
        { ...v1.trackers[0], ...looks, color: TRACKER_PALETTE[0], settings: { type: 'numerical', unit: 'kg', min: null, max: null, decimals: 2, aggregation: 'average' } },
        {
          ...v1.trackers[1],
          ...looks,
          color: TRACKER_PALETTE[1],
          settings: { type: 'multiple_choice', options: [{ id: 'o1', label: 'Good', archived: false }, { id: 'o2', label: 'Bad', archived: false }], multiple: true },
        },
        { ...v1.trackers[2], ...looks, color: TRACKER_PALETTE[2] },
        { ...v1.trackers[3], ...looks, color: TRACKER_PALETTE[3] },
      ],
    });
  });

  it('gives, through the format table, a file the current schema accepts', () => {
    const outcome = migrate(structuredClone(v1), trackersFormat.version, trackersFormat.migrations);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(trackersFormat.schema.safeParse(outcome.record).success).toBe(true);
  });

  it('migrates an empty file', () => {
    expect(trackersV1toV2({ version: 1, trackers: [] })).toEqual({ version: 2, trackers: [] });
  });
});

describe('trackers.json v2 → v3', () => {
  const v2 = trackersV1toV2(structuredClone(v1));

  it('adds the pinned flag, unset, to every tracker and changes nothing else', () => {
    const v3 = trackersV2toV3(structuredClone(v2));
    const trackers = v2['trackers'] as Record<string, unknown>[];
    expect(v3).toEqual({ version: 3, trackers: trackers.map((tracker) => ({ ...tracker, pinned: false })) });
  });

  it('gives, through the format table, a file the current schema accepts', () => {
    const outcome = migrate(structuredClone(v2), trackersFormat.version, trackersFormat.migrations);
    expect(outcome.ok && trackersFormat.schema.parse(outcome.record).trackers.map((tracker) => tracker.pinned)).toEqual([false, false, false, false]);
  });

  it('leaves what was malformed for the schema to report', () => {
    expect(trackersV2toV3({ version: 2, trackers: [null] })).toEqual({ version: 3, trackers: [null] });
    expect(trackersV2toV3({ version: 2 })).toEqual({ version: 3, trackers: [] });
  });
});

describe('trackers.json v3 → v4', () => {
  const v3 = trackersV2toV3(trackersV1toV2(structuredClone(v1)));

  it('gives every tracker the default reminder (on, every day, the profile’s nudge time) and changes nothing else', () => {
    const v4 = trackersV3toV4(structuredClone(v3));
    const trackers = v3['trackers'] as Record<string, unknown>[];
    expect(v4).toEqual({ version: 4, trackers: trackers.map((tracker) => ({ ...tracker, reminder: { enabled: true, days: [1, 2, 3, 4, 5, 6, 7], time: null } })) });
  });

  it('gives each tracker its own reminder, not one object shared by all', () => {
    const trackers = trackersV3toV4(structuredClone(v3))['trackers'] as { reminder: { days: number[] } }[];
    expect(trackers[0]?.reminder).not.toBe(trackers[1]?.reminder);
    expect(trackers[0]?.reminder.days).not.toBe(trackers[1]?.reminder.days);
  });

  it('gives, through the format table, from every older version, a file the current schema accepts', () => {
    for (const old of [v1, trackersV1toV2(structuredClone(v1)), v3]) {
      const outcome = migrate(structuredClone(old), trackersFormat.version, trackersFormat.migrations);
      expect(outcome.ok && trackersFormat.schema.parse(outcome.record).trackers.map((tracker) => tracker.reminder.enabled)).toEqual([true, true, true, true]);
    }
  });

  it('leaves what was malformed for the schema to report', () => {
    expect(trackersV3toV4({ version: 3, trackers: [null] })).toEqual({ version: 4, trackers: [null] });
    expect(trackersV3toV4({ version: 3 })).toEqual({ version: 4, trackers: [] });
  });
});
