/**
 * Importers of other apps' exports, on fixtures that follow each exporter's source
 * (tests/fixtures/csv/README.md): the trackers and logs they produce, field by field.
 */
import { describe, expect, it } from 'vitest';
import { draftOf, type ImportKind } from '../../../src-main/core/io/import-kinds';
import { planImport, type ImportPlan } from '../../../src-main/core/io/import-plan';
import { AppFailure } from '../../../src-main/core/errors';
import type { InputFile } from '../../../src-main/core/io/our-format-import';
import { counterIds, fixture } from './csv-fixtures';

const NOW = '2026-11-25T12:00:00.000Z';

function plan(kind: ImportKind, files: InputFile[], offsetMinutes = 0): ImportPlan {
  const draft = draftOf(kind, files, { newId: counterIds('opt'), offsetAt: () => offsetMinutes });
  return planImport(draft, { trackers: [], logsOf: () => [] }, { skipInvalid: false, now: NOW });
}

/** Logs as `[tracker name, at, offset, value, note]`, in plan order. */
const logsOf = (result: ImportPlan) =>
  result.logs.map((log) => ['newIndex' in log.tracker ? result.newTrackers[log.tracker.newIndex]?.name : '?', log.at, log.offsetMinutes, log.value, log.note]);

describe('Loop Habit Tracker', () => {
  const files = [fixture('loop/Habits.csv'), fixture('loop/001 Meditate/Checkmarks.csv'), fixture('loop/002 Run/Checkmarks.csv'), fixture('loop/Checkmarks.csv')];

  it('maps yes/no habits to boolean trackers and measurable ones to numerical, with targets', () => {
    const result = plan('loop', files, 60);
    expect(result.errors).toEqual([]);
    expect(result.newTrackers).toEqual([
      {
        name: 'Meditate',
        description: 'Did you meditate today?\nTen minutes is enough',
        color: '#ff8f00',
        emoji: '',
        archived: false,
        target: { period: 'day', comparison: 'at_least', value: 1 },
        settings: { type: 'boolean' },
        createdAt: NOW,
      },
      {
        name: 'Run',
        description: 'How many km did you run?',
        color: '#388e3c',
        emoji: '',
        archived: false,
        target: { period: 'week', comparison: 'at_least', value: 10 },
        settings: { type: 'numerical', unit: 'km', min: null, max: null, decimals: 3, aggregation: 'sum' },
        createdAt: NOW,
      },
      {
        name: 'Read',
        description: 'Did you read?',
        color: '#1976d2',
        emoji: '',
        archived: true,
        target: { period: 'week', comparison: 'at_least', value: 3 },
        settings: { type: 'boolean' },
        createdAt: NOW,
      },
    ]);
  });

  it('logs done and not-done days at noon, amounts ÷ 1000, notes; leaves implied, skipped and unknown days out', () => {
    expect(logsOf(plan('loop', files, 60))).toEqual([
      ['Meditate', '2024-03-05T11:00:00.000Z', 60, true, 'Felt calm'],
      ['Meditate', '2024-03-04T11:00:00.000Z', 60, false, ''],
      ['Run', '2024-03-05T11:00:00.000Z', 60, 5.5, 'Park loop, windy'],
      ['Run', '2024-03-03T11:00:00.000Z', 60, 10, ''],
      // Read has no folder of its own: its column of the all-habits Checkmarks.csv.
      ['Read', '2024-03-04T11:00:00.000Z', 60, true, ''],
      ['Read', '2024-03-02T11:00:00.000Z', 60, true, ''],
    ]);
  });

  it('reads the older export (no Type column, numeric checkmarks, no header)', () => {
    const result = plan('loop', [fixture('loop-old/Habits.csv'), fixture('loop-old/001 Floss/Checkmarks.csv')]);
    expect(result.newTrackers.map((tracker) => [tracker.name, tracker.settings, tracker.color, tracker.target])).toEqual([
      ['Floss', { type: 'boolean' }, '#8e24aa', { period: 'day', comparison: 'at_least', value: 1 }],
    ]);
    expect(logsOf(result)).toEqual([
      ['Floss', '2016-05-02T12:00:00.000Z', 0, true, ''],
      ['Floss', '2016-05-01T12:00:00.000Z', 0, false, ''],
    ]);
  });

  it('asks for Habits.csv when it is missing', () => {
    expect(() => plan('loop', [fixture('loop/Checkmarks.csv')])).toThrow(AppFailure);
  });

  it('reports a checkmark it cannot read, with its row', () => {
    const result = plan('loop', [fixture('loop/Habits.csv'), { name: '001 Meditate/Checkmarks.csv', text: 'Date,Value,Notes\n2024-03-05,MAYBE,\n2024-02-31,YES_MANUAL,\n' }]);
    expect(result.errors.map((error) => [error.code, error.row, error.column])).toEqual([
      ['LOG_VALUE_INVALID', 2, 'Meditate'],
      ['LOG_TIME_INVALID', 3, 'Date'],
    ]);
  });
});

describe('Track & Graph', () => {
  const result = plan('trackandgraph', [fixture('trackandgraph/Track-and-Graph.csv')]);

  it('maps features to numerical, duration and (labelled scales) multiple-choice trackers', () => {
    expect(result.errors).toEqual([]);
    expect(result.newTrackers.map((tracker) => [tracker.name, tracker.settings])).toEqual([
      ['Weight', { type: 'numerical', unit: '', min: null, max: null, decimals: 1, aggregation: 'average' }],
      ['Sleep', { type: 'duration' }],
      [
        'Mood',
        {
          type: 'multiple_choice',
          multiple: false,
          options: [
            { id: 'opt-1', label: 'Awful', archived: false },
            { id: 'opt-2', label: 'Okay', archived: false },
            { id: 'opt-3', label: 'Great', archived: false },
          ],
        },
      ],
      ['Coffee', { type: 'numerical', unit: '', min: null, max: null, decimals: 0, aggregation: 'average' }],
    ]);
  });

  it('keeps each point’s moment and offset, value and note; a label of a numerical feature leads its note', () => {
    expect(logsOf(result)).toEqual([
      ['Weight', '2024-03-01T07:30:15.123Z', 60, 72.5, 'after breakfast, "roughly"'],
      ['Weight', '2024-03-02T07:31:00.000Z', 60, 72, ''],
      ['Sleep', '2024-03-01T07:00:00.000Z', 0, 27_000, ''],
      ['Sleep', '2024-03-02T07:00:00.000Z', 0, 29_130, 'good'],
      ['Mood', '2024-03-02T01:00:00.000Z', -300, ['opt-2'], ''],
      ['Mood', '2024-03-03T01:00:00.000Z', -300, ['opt-3'], ''],
      ['Mood', '2024-03-04T01:00:00.000Z', -300, ['opt-1'], ''],
      ['Coffee', '2024-03-01T08:00:00.000Z', 60, 2, 'Espresso — double'],
      ['Coffee', '2024-03-02T08:00:00.000Z', 60, 1, ''],
    ]);
  });

  it('refuses a feature that mixes durations and numbers, and bad timestamps', () => {
    const bad = plan('trackandgraph', [{ name: 'tg.csv', text: 'FeatureName,Timestamp,Value,Label,Note\nX,2024-03-01T07:00:00Z,1:00:00,,\nX,2024-03-02T07:00:00Z,3.0,,\nY,yesterday,1.0,,\n' }]);
    expect(bad.errors.map((error) => [error.code, error.row, error.column])).toEqual([
      ['LOG_TIME_INVALID', 4, 'Timestamp'],
      ['TRACKER_TYPE_CONFLICT', 3, 'Value'],
      ['TRACKER_ROW_INVALID', 2, 'tracker'],
      ['TRACKER_ROW_INVALID', 3, 'tracker'],
    ]);
  });
});

describe('Daylio', () => {
  const result = plan('daylio', [fixture('daylio/daylio_export.csv')], 120);

  it('maps moods to a single-choice tracker and activities to a multiple-choice one', () => {
    expect(result.errors).toEqual([]);
    expect(result.newTrackers.map((tracker) => [tracker.name, tracker.settings])).toEqual([
      [
        'Mood',
        {
          type: 'multiple_choice',
          multiple: false,
          options: [
            { id: 'opt-1', label: 'good', archived: false },
            { id: 'opt-2', label: 'meh', archived: false },
            { id: 'opt-3', label: 'rad', archived: false },
          ],
        },
      ],
      [
        'Activities',
        {
          type: 'multiple_choice',
          multiple: true,
          options: [
            { id: 'opt-4', label: 'reading', archived: false },
            { id: 'opt-5', label: 'work', archived: false },
            { id: 'opt-6', label: 'coffee', archived: false },
          ],
        },
      ],
    ]);
  });

  it('reads 12- and 24-hour times in the person’s zone; the note goes with the mood', () => {
    expect(logsOf(result)).toEqual([
      ['Mood', '2021-09-25T22:30:00.000Z', 120, ['opt-1'], ''],
      ['Activities', '2021-09-25T22:30:00.000Z', 120, ['opt-4'], ''],
      ['Mood', '2021-09-27T06:15:00.000Z', 120, ['opt-2'], ''],
      ['Mood', '2021-09-28T20:00:00.000Z', 120, ['opt-3'], 'Good day\nFinished the book, finally'],
      ['Activities', '2021-09-28T20:00:00.000Z', 120, ['opt-4', 'opt-5', 'opt-6'], ''],
    ]);
  });

  it('falls back to one yes/no tracker per activity past 50 activities', () => {
    const rows = Array.from({ length: 51 }, (_, i) => `2021-09-${String((i % 28) + 1).padStart(2, '0')},x,y,08:00,good,"act${i}",,`);
    const many = plan('daylio', [{ name: 'd.csv', text: ['full_date,date,weekday,time,mood,activities,note_title,note', ...rows].join('\n') }]);
    expect(many.errors).toEqual([]);
    expect(many.newTrackers.filter((tracker) => tracker.settings.type === 'boolean')).toHaveLength(51);
  });
});
