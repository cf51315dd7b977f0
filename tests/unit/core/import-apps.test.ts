/**
 * Importers of other apps' exports, on fixtures that follow each exporter's source
 * (tests/fixtures/csv/README.md): the trackers and logs they produce, field by field.
 */
import { describe, expect, it } from 'vitest';
import { draftOf, type ImportKind } from '../../../src-main/core/io/import-kinds';
import { planImport, type ImportPlan } from '../../../src-main/core/io/import-plan';
import { previewOf } from '../../../src-main/core/io/import-preview';
import { AppFailure } from '../../../src-main/core/errors';
import type { InputFile } from '../../../src-main/core/io/our-format-import';
import { counterIds, fixture } from './csv-fixtures';

/** Choice settings as the importers make them: options `opt-<first>`, `opt-<first+1>`… with these labels. */
const choices = (first: number, labels: readonly string[], multiple = false) => ({
  type: 'multiple_choice' as const,
  multiple,
  options: labels.map((label, index) => ({ id: `opt-${first + index}`, label, archived: false })),
});
const multiChoices = (first: number, labels: readonly string[]) => choices(first, labels, true);

const NOW = '2026-11-25T12:00:00.000Z';

function plan(kind: ImportKind, files: InputFile[], offsetMinutes = 0): ImportPlan {
  const draft = draftOf(kind, files, { newId: counterIds('opt'), offsetAt: () => offsetMinutes });
  return planImport(draft, { trackers: [], logsOf: () => [] }, { skipInvalid: false, now: NOW });
}

/** Logs as `[tracker name, at, offset, value, note]`, in plan order. */
const logsOf = (result: ImportPlan) =>
  result.entries.list().map((log) => ['newIndex' in log.tracker ? result.newTrackers[log.tracker.newIndex]?.name : '?', log.at, log.offsetMinutes, log.value, log.note]);

describe('Loop Habit Tracker', () => {
  const files = [fixture('loop/Habits.csv'), fixture('loop/001 Meditate/Checkmarks.csv'), fixture('loop/002 Run/Checkmarks.csv'), fixture('loop/Checkmarks.csv')];
  const MEDITATE_MARKS = 'Meditate (skipped days and notes)';

  it('maps yes/no habits to boolean trackers and measurable ones to numerical, with targets; skipped days get a tracker of their own', () => {
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
        name: MEDITATE_MARKS,
        description: 'From Loop Habit Tracker: the days of "Meditate" you skipped, and your notes on days without a yes or a no.',
        color: '#ff8f00',
        emoji: '',
        archived: false,
        target: null,
        settings: choices(1, ['skipped', 'not due (frequency)', 'no mark']),
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

  it('logs done and not-done days at noon, amounts ÷ 1000, notes, skipped days; lists implied and unknown days as left out', () => {
    const result = plan('loop', files, 60);
    expect(logsOf(result)).toEqual([
      ['Meditate', '2024-03-05T11:00:00.000Z', 60, true, 'Felt calm'],
      ['Meditate', '2024-03-04T11:00:00.000Z', 60, false, ''],
      [MEDITATE_MARKS, '2024-03-03T11:00:00.000Z', 60, ['opt-1'], ''],
      ['Run', '2024-03-05T11:00:00.000Z', 60, 5.5, 'Park loop, windy'],
      ['Run', '2024-03-03T11:00:00.000Z', 60, 10, ''],
      // Read has no folder of its own: its column of the all-habits Checkmarks.csv.
      ['Read', '2024-03-04T11:00:00.000Z', 60, true, ''],
      ['Read', '2024-03-02T11:00:00.000Z', 60, true, ''],
    ]);
    expect(result.leftOut.map((item) => [item.file, item.row, item.column, item.code])).toEqual([
      ['001 Meditate/Checkmarks.csv', 5, 'Meditate', 'DAY_IMPLIED'],
      ['001 Meditate/Checkmarks.csv', 6, 'Meditate', 'DAY_WITHOUT_MARK'],
      ['002 Run/Checkmarks.csv', 4, 'Run', 'DAY_WITHOUT_MARK'],
      ['Checkmarks.csv', 1, 'Meditate', 'COLUMN_REPEATED'],
      ['Checkmarks.csv', 1, 'Run', 'COLUMN_REPEATED'],
      ['Checkmarks.csv', 2, 'Read', 'DAY_WITHOUT_MARK'],
      ['Checkmarks.csv', 4, 'Read', 'DAY_IMPLIED'],
    ]);
  });

  describe('an export whose notes sit on days that are not a yes or a no (Loop’s own reference export has them)', () => {
    const marks = ['Habits.csv', '001 Wake up early/Checkmarks.csv', '001 Wake up early/Scores.csv', '002 Water/Checkmarks.csv', '002 Water/Scores.csv', 'Checkmarks.csv', 'Scores.csv'].map((path) =>
      fixture(`loop-marks/${path}`),
    );
    const result = plan('loop', marks);
    const WAKE = 'Wake up early (skipped days and notes)';
    const WATER = 'Water (skipped days and notes)';
    const STRETCH = 'Stretch (skipped days and notes)';

    it('keeps every note: a note on an implied, skipped or unmarked day is an entry of the habit’s "skipped days and notes" tracker', () => {
      expect(result.errors).toEqual([]);
      expect(result.newTrackers.map((tracker) => [tracker.name, tracker.settings.type === 'multiple_choice' ? tracker.settings.options.map((option) => option.label) : tracker.settings.type])).toEqual([
        ['Wake up early', 'boolean'],
        [WAKE, ['skipped', 'not due (frequency)', 'no mark']],
        ['Water', 'numerical'],
        [WATER, ['skipped', 'no amount']],
        ['Stretch', 'boolean'],
        [STRETCH, ['skipped', 'not due (frequency)', 'no mark']],
      ]);
      expect(logsOf(result).map(([name, at, , value, note]) => [name, (at as string).slice(0, 10), value, note])).toEqual([
        ['Wake up early', '2024-03-08', true, ''],
        ['Wake up early', '2024-03-07', false, 'Sick'],
        [WAKE, '2024-03-06', ['opt-2'], 'Forgot to do it, really'],
        ['Wake up early', '2024-03-05', true, ''],
        [WAKE, '2024-03-04', ['opt-1'], 'Travelling'],
        [WAKE, '2024-03-03', ['opt-1'], ''],
        [WAKE, '2024-03-01', ['opt-3'], '"Alarm" broke'],
        ['Water', '2024-03-08', 2.5, ''],
        // Loop writes an amount of 0 as NO.
        ['Water', '2024-03-07', 0, 'Forgot the bottle'],
        [WATER, '2024-03-06', ['opt-4'], 'Fasting'],
        [WATER, '2024-03-05', ['opt-5'], 'Not measured'],
        ['Water', '2024-03-03', 1.75, ''],
        ['Stretch', '2024-03-08', true, ''],
        [STRETCH, '2024-03-06', ['opt-6'], ''],
        ['Stretch', '2024-03-04', false, ''],
        ['Stretch', '2024-03-03', true, ''],
      ]);
    });

    it('lists what it leaves out, each with its reason: implied and unmarked days, repeated columns, score files', () => {
      expect(result.leftOut.map((item) => [item.file, item.row, item.column, item.code])).toEqual([
        ['001 Wake up early/Checkmarks.csv', 8, 'Wake up early', 'DAY_IMPLIED'],
        ['001 Wake up early/Scores.csv', 1, '', 'FILE_NOT_READ'],
        ['002 Water/Scores.csv', 1, '', 'FILE_NOT_READ'],
        ['Scores.csv', 1, '', 'FILE_NOT_READ'],
        ['Checkmarks.csv', 1, 'Wake up early', 'COLUMN_REPEATED'],
        ['Checkmarks.csv', 1, 'Water', 'COLUMN_REPEATED'],
        ['Checkmarks.csv', 3, 'Stretch', 'DAY_WITHOUT_MARK'],
        ['Checkmarks.csv', 5, 'Stretch', 'DAY_IMPLIED'],
        ['Checkmarks.csv', 8, 'Stretch', 'DAY_WITHOUT_MARK'],
        ['Checkmarks.csv', 9, 'Stretch', 'DAY_WITHOUT_MARK'],
      ]);
      const reasons = new Map(result.leftOut.map((item) => [item.code, item.message]));
      expect(reasons.get('DAY_IMPLIED')).toBe('Loop filled this day in from the habit’s frequency (YES_AUTO); you did not enter it, so it is not an entry.');
      expect(reasons.get('COLUMN_REPEATED')).toMatch(/^This column repeats .+Checkmarks\.csv, which is read instead/);
      expect(reasons.get('FILE_NOT_READ')).toBe('Loop computes scores from the checkmarks; the app computes its own statistics from the entries.');
    });

    it('shows the preview a count and the list of what is left out, in file and row order', () => {
      const preview = previewOf(result, []);
      expect(preview.counts.leftOut).toBe(10);
      expect(preview.leftOut.map((item) => `${item.file}:${item.row}`)).toEqual([
        '001 Wake up early/Checkmarks.csv:8',
        '001 Wake up early/Scores.csv:1',
        '002 Water/Scores.csv:1',
        'Checkmarks.csv:1',
        'Checkmarks.csv:1',
        'Checkmarks.csv:3',
        'Checkmarks.csv:5',
        'Checkmarks.csv:8',
        'Checkmarks.csv:9',
        'Scores.csv:1',
      ]);
    });
  });

  it('reads a measurable habit’s amounts as Loop writes them: 0, 1 and 2 thousandths are NO, YES_AUTO and YES_MANUAL', () => {
    const result = plan('loop', [fixture('loop-marks/Habits.csv'), { name: '002 Water/Checkmarks.csv', text: 'Date,Value,Notes\n2024-03-03,YES_AUTO,\n2024-03-02,YES_MANUAL,\n2024-03-01,NO,\n' }]);
    expect(result.errors).toEqual([]);
    expect(logsOf(result).map(([name, , , value]) => [name, value])).toEqual([
      ['Water', 0.001],
      ['Water', 0.002],
      ['Water', 0],
    ]);
  });

  it('lists a habit folder that names no habit, and a column of Checkmarks.csv that names none, as left out', () => {
    const result = plan('loop', [
      fixture('loop-marks/Habits.csv'),
      { name: '004 Gone/Checkmarks.csv', text: 'Date,Value,Notes\n2024-03-02,YES_MANUAL,\n2024-03-01,NO,Tired\n' },
      { name: 'Checkmarks.csv', text: 'Date,Stretch,Gone,\n2024-03-01,YES_MANUAL,NO,\n' },
    ]);
    expect(result.errors).toEqual([]);
    expect(logsOf(result).map(([name, , , value]) => [name, value])).toEqual([['Stretch', true]]);
    expect(result.leftOut.map((item) => [item.file, item.row, item.column, item.code, item.message])).toEqual([
      ['004 Gone/Checkmarks.csv', 1, '', 'FILE_NOT_READ', 'Its folder, "004 Gone", is numbered as no habit of Habits.csv (001 to 003): its 2 rows are not imported.'],
      ['Checkmarks.csv', 1, 'Gone', 'COLUMN_NOT_READ', 'No habit of Habits.csv has this name: the column is not imported.'],
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
  const MOOD_VALUES = 'Imported from Track & Graph, where each label stands for a value: Awful = 1, Okay = 3, Great = 5.';

  it('maps features to numerical, duration and (labelled) multiple-choice trackers', () => {
    expect(result.errors).toEqual([]);
    expect(result.newTrackers.map((tracker) => [tracker.name, tracker.description, tracker.settings])).toEqual([
      ['Weight', '', { type: 'numerical', unit: '', min: null, max: null, decimals: 1, aggregation: 'average' }],
      ['Sleep', '', { type: 'duration' }],
      [
        'Mood',
        MOOD_VALUES,
        choices(1, ['Awful', 'Okay', 'Great']),
      ],
      // One point labelled, one not: still labelled; the unlabelled value is an option named by it.
      [
        'Coffee',
        'Imported from Track & Graph, where each label stands for a value: Espresso = 2.',
        choices(4, ['1', 'Espresso']),
      ],
    ]);
  });

  it('keeps each point’s moment and offset, value or label, and note', () => {
    expect(logsOf(result)).toEqual([
      ['Weight', '2024-03-01T07:30:15.123Z', 60, 72.5, 'after breakfast, "roughly"'],
      ['Weight', '2024-03-02T07:31:00.000Z', 60, 72, ''],
      ['Sleep', '2024-03-01T07:00:00.000Z', 0, 27_000, ''],
      ['Sleep', '2024-03-02T07:00:00.000Z', 0, 29_130, 'good'],
      ['Mood', '2024-03-02T01:00:00.000Z', -300, ['opt-2'], ''],
      ['Mood', '2024-03-03T01:00:00.000Z', -300, ['opt-3'], ''],
      ['Mood', '2024-03-04T01:00:00.000Z', -300, ['opt-1'], ''],
      ['Coffee', '2024-03-01T08:00:00.000Z', 60, ['opt-5'], 'double'],
      ['Coffee', '2024-03-02T08:00:00.000Z', 60, ['opt-4'], ''],
    ]);
  });

  it('names the options "value : label", as Track & Graph shows a point, when a label stands for several values; pads a single label', () => {
    const labels = plan('trackandgraph', [fixture('trackandgraph/labels.csv')]);
    expect(labels.errors).toEqual([]);
    expect(labels.newTrackers.map((tracker) => [tracker.name, tracker.description, tracker.settings])).toEqual([
      [
        'Workout',
        '',
        choices(1, ['20 : Swim', '30 : Run', '45 : Run']),
      ],
      [
        'Vitamins',
        'Imported from Track & Graph, where each label stands for a value: Taken = 1.',
        choices(4, ['Taken', 'other']),
      ],
    ]);
    expect(logsOf(labels).map(([name, , , value, note]) => [name, value, note])).toEqual([
      ['Workout', ['opt-2'], ''],
      ['Workout', ['opt-3'], 'hills'],
      ['Workout', ['opt-1'], ''],
      ['Vitamins', ['opt-4'], ''],
      ['Vitamins', ['opt-4'], 'with breakfast'],
    ]);
  });

  it('reads durations exactly as its exporter writes them: hours past 99, the phone’s digits; a negative one is a problem that says its value', () => {
    const durations = plan('trackandgraph', [fixture('trackandgraph/durations.csv')]);
    expect(durations.newTrackers.map((tracker) => [tracker.name, tracker.description, tracker.settings])).toEqual([
      ['Sleep', 'Imported from Track & Graph: a data point’s label starts its note.', { type: 'duration' }],
      ['Reading', '', { type: 'duration' }],
    ]);
    expect(logsOf(durations).map(([name, , , value, note]) => [name, value, note])).toEqual([
      ['Sleep', 27_000, ''],
      ['Sleep', 360_000, 'slept through'],
      ['Sleep', 12_345 * 3600 + 18 * 60 + 20, ''],
      ['Sleep', 0, ''],
      ['Sleep', 3605, 'Nap — after lunch'],
      ['Reading', 5400, ''],
      ['Reading', 2707, ''],
    ]);
    expect(durations.errors.map((error) => [error.code, error.row, error.column, error.message])).toEqual([
      ['LOG_VALUE_INVALID', 7, 'Value', '"0:00:-5" is a negative duration (minus 5s); durations are 0 or more, so this point cannot be imported.'],
      ['LOG_VALUE_INVALID', 8, 'Value', '"0:-1:-5" is a negative duration (minus 1m 5s); durations are 0 or more, so this point cannot be imported.'],
      ['LOG_VALUE_INVALID', 9, 'Value', '"-1:00:00" is a negative duration (minus 1h); durations are 0 or more, so this point cannot be imported.'],
      ['LOG_VALUE_INVALID', 10, 'Value', '"-10:-29:-40" is a negative duration (minus 10h 29m 40s); durations are 0 or more, so this point cannot be imported.'],
    ]);
  });

  it('reads the 2020–2022 export: labels as index:label, negative durations signed on the hours only', () => {
    const legacy = plan('trackandgraph', [fixture('trackandgraph/legacy-2021.csv')]);
    expect(legacy.newTrackers.map((tracker) => [tracker.name, tracker.description, tracker.settings])).toEqual([
      [
        'Mood',
        'Imported from Track & Graph, where each label stands for a value: Awful = 0, Okay = 1, Great = 2.',
        choices(1, ['Awful', 'Okay', 'Great']),
      ],
      ['Sleep', '', { type: 'duration' }],
    ]);
    expect(logsOf(legacy).map(([name, , , value, note]) => [name, value, note])).toEqual([
      ['Mood', ['opt-1'], ''],
      ['Mood', ['opt-3'], 'long walk'],
      ['Mood', ['opt-2'], ''],
      ['Sleep', 27_000, ''],
      ['Sleep', 360_000, ''],
    ]);
    expect(legacy.errors.map((error) => [error.code, error.row, error.message])).toEqual([
      ['LOG_VALUE_INVALID', 6, '"-10:29:40" is a negative duration (minus 10h 29m 40s); durations are 0 or more, so this point cannot be imported.'],
    ]);
  });

  it('reads the 2022–2025 export: value:label and H:MM:SS:label in the Value column', () => {
    const legacy = plan('trackandgraph', [fixture('trackandgraph/legacy-2023.csv')]);
    expect(legacy.newTrackers.map((tracker) => [tracker.name, tracker.settings])).toEqual([
      [
        'Workout',
        choices(1, ['15', '20 : Swim', '30 : Run', '45 : Run']),
      ],
      ['Sleep', { type: 'duration' }],
    ]);
    expect(logsOf(legacy).map(([name, , , value, note]) => [name, value, note])).toEqual([
      ['Workout', ['opt-3'], ''],
      ['Workout', ['opt-4'], 'hills'],
      ['Workout', ['opt-2'], ''],
      ['Workout', ['opt-1'], ''],
      ['Sleep', 4200, ''],
      ['Sleep', 1200, 'Nap — sofa'],
    ]);
    expect(legacy.errors.map((error) => [error.code, error.row, error.message.slice(0, 40)])).toEqual([
      ['LOG_VALUE_INVALID', 8, '"-10:-29:-40:Late" is a negative duratio'],
      ['LOG_VALUE_INVALID', 9, '"0:00:-5" is a negative duration (minus '],
    ]);
  });

  it('falls back to a numerical tracker, the label leading the note, past 50 options, and says so in the description', () => {
    const rows = Array.from({ length: 51 }, (_, i) => `Steps,2024-03-01T08:${String(i).padStart(2, '0')}:00Z,${i}.0,L${i},n`);
    const many = plan('trackandgraph', [{ name: 'tg.csv', text: ['FeatureName,Timestamp,Value,Label,Note', ...rows].join('\n') }]);
    expect(many.errors).toEqual([]);
    expect(many.newTrackers.map((tracker) => [tracker.settings.type, tracker.description])).toEqual([
      ['numerical', 'Imported from Track & Graph: a data point’s label starts its note (as options it would need 51, more than the 50 a tracker can have).'],
    ]);
    expect(logsOf(many)[0]).toEqual(['Steps', '2024-03-01T08:00:00.000Z', 0, 0, 'L0 — n']);
  });

  it('lists a column it does not read as left out', () => {
    const extra = plan('trackandgraph', [{ name: 'tg.csv', text: 'FeatureName,Timestamp,Value,Unit\nX,2024-03-01T07:00:00Z,1.0,kg\n' }]);
    expect(extra.leftOut.map((item) => [item.file, item.row, item.column, item.code])).toEqual([['tg.csv', 1, 'Unit', 'COLUMN_NOT_READ']]);
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
        choices(1, ['good', 'meh', 'rad']),
      ],
      [
        'Activities',
        multiChoices(4, ['reading', 'work', 'coffee']),
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

  it('lists the columns it does not read: date and weekday repeat full_date, anything else is not imported', () => {
    expect(result.leftOut.map((item) => [item.file, item.row, item.column, item.code])).toEqual([
      ['daylio_export.csv', 1, 'date', 'COLUMN_REPEATED'],
      ['daylio_export.csv', 1, 'weekday', 'COLUMN_REPEATED'],
    ]);
    const more = plan('daylio', [{ name: 'd.csv', text: 'full_date,time,mood,scales\n2021-09-28,08:00,good,7\n' }]);
    expect(more.leftOut.map((item) => [item.column, item.code, item.message])).toEqual([['scales', 'COLUMN_NOT_READ', 'The import does not read this column: its cells are not imported.']]);
  });

  it('falls back to one yes/no tracker per activity past 50 activities', () => {
    const rows = Array.from({ length: 51 }, (_, i) => `2021-09-${String((i % 28) + 1).padStart(2, '0')},x,y,08:00,good,"act${i}",,`);
    const many = plan('daylio', [{ name: 'd.csv', text: ['full_date,date,weekday,time,mood,activities,note_title,note', ...rows].join('\n') }]);
    expect(many.errors).toEqual([]);
    expect(many.newTrackers.filter((tracker) => tracker.settings.type === 'boolean')).toHaveLength(51);
  });
});

describe('our own files', () => {
  it('list a column they do not read as left out (a misspelt column would otherwise vanish)', () => {
    const result = plan('trackers', [{ name: 'trackers.csv', text: 'name,type,colour\nSleep,duration,#336699\n' }]);
    expect(result.errors).toEqual([]);
    expect(result.leftOut.map((item) => [item.file, item.row, item.column, item.code])).toEqual([['trackers.csv', 1, 'colour', 'COLUMN_NOT_READ']]);
  });
});
