/**
 * Duplicates — same tracker, moment and value as a stored log or an earlier row — are
 * left out and counted, whether the rows come in time order or not, and a different
 * value at the same moment is a new entry. Also: a tracker's emoji cell follows the app's
 * own rule.
 */
import { describe, expect, it } from 'vitest';
import type { Tracker } from '../../../src-preload/contract';
import { draftOf } from '../../../src-main/core/io/import-kinds';
import { planImport } from '../../../src-main/core/io/import-plan';
import { counterIds, trackerFixture, WEIGHT_SETTINGS } from './csv-fixtures';

const WEIGHT: Tracker = trackerFixture('w', 'Weight', WEIGHT_SETTINGS);
const MOOD: Tracker = { ...WEIGHT, id: 'm', name: 'Mood', settings: { type: 'multiple_choice', multiple: true, options: [{ id: 'a', label: 'A', archived: false }, { id: 'b', label: 'B', archived: false }] } };

function plan(rows: string[], stored: Record<string, { at: string; value: number | string[] }[]> = {}) {
  const text = `tracker,time,value\n${rows.join('\n')}\n`;
  const draft = draftOf('logs', [{ name: 'l.csv', text }], { newId: counterIds(), offsetAt: () => 0 });
  return planImport(draft, { trackers: [WEIGHT, MOOD], logsOf: (id) => stored[id] ?? [] }, { skipInvalid: false, now: '2026-11-25T12:00:00.000Z' });
}
const kept = (result: ReturnType<typeof plan>) => result.entries.list().map((log) => [log.at.slice(11, 16), log.value]);

describe('duplicates', () => {
  it('in time order: an equal moment with an equal value is left out, another value is kept', () => {
    const result = plan(['Weight,2026-01-01T08:00:00Z,70', 'Weight,2026-01-01T08:00:00Z,70', 'Weight,2026-01-01T08:00:00Z,71', 'weight,2026-01-01T08:00:00.000Z,71', 'Weight,2026-01-01T09:00:00Z,70']);
    expect(kept(result)).toEqual([['08:00', 70], ['08:00', 71], ['09:00', 70]]);
    expect(result.duplicates).toBe(2);
  });

  it('out of order: earlier moments are still recognised', () => {
    const result = plan(['Weight,2026-01-01T09:00:00Z,70', 'Weight,2026-01-01T08:00:00Z,70', 'Weight,2026-01-01T09:00:00Z,70', 'Weight,2026-01-01T10:00:00+01:00,70', 'Weight,2026-01-01T08:00:00Z,72', 'Weight,2026-01-01T08:00:00Z,72']);
    expect(kept(result)).toEqual([['09:00', 70], ['08:00', 70], ['08:00', 72]]);
    expect(result.duplicates).toBe(3);
  });

  it('against stored logs, in or out of order, choices compared as sets in option order', () => {
    const stored = {
      w: [{ at: '2026-01-01T07:00:00.000Z', value: 69 }, { at: '2026-01-01T08:00:00.000Z', value: 70 }, { at: '2026-01-01T08:00:00.000Z', value: 71 }],
      m: [{ at: '2026-01-02T08:00:00.000Z', value: ['a', 'b'] }, { at: '2026-01-01T08:00:00.000Z', value: ['a'] }],
    };
    const result = plan(
      ['Weight,2026-01-01T08:00:00Z,71', 'Weight,2026-01-01T08:00:00Z,72', 'Weight,2026-01-01T06:00:00Z,69', 'Weight,2026-01-01T07:00:00Z,69', 'Mood,2026-01-02T08:00:00Z,B; A', 'Mood,2026-01-01T08:00:00Z,B', 'Mood,2026-01-01T08:00:00Z,A'],
      stored,
    );
    expect(kept(result)).toEqual([['08:00', 72], ['06:00', 69], ['08:00', ['b']]]);
    expect(result.duplicates).toBe(4);
  });
});

describe('tracker looks', () => {
  it('refuses an emoji cell the app’s form would refuse, and keeps a real emoji', () => {
    const text = 'name,type,emoji\nA,boolean,abc\nB,boolean,🧘‍♀️\nC,boolean,\n';
    const draft = draftOf('trackers', [{ name: 't.csv', text }], { newId: counterIds(), offsetAt: () => 0 });
    expect(draft.errors.map((error) => [error.row, error.column, error.code])).toEqual([[2, 'emoji', 'TRACKER_LOOKS_INVALID']]);
    expect(draft.trackers.map((tracker) => [tracker.name, tracker.emoji])).toEqual([
      ['B', '🧘‍♀️'],
      ['C', ''],
    ]);
  });
});
