import { describe, it, expect } from 'vitest';
import type { LogValueInput, Target, TrackerSettings } from '../../../src-preload/contract';
import { roundTo } from '../../../src-main/core/domain/numbers';
import { paletteColor, TRACKER_PALETTE, validColor, validEmoji } from '../../../src-main/core/domain/tracker-looks';
import { logValue, meetsTarget, rulesOf, trackerSettings, validTarget, type SettingsUpdate } from '../../../src-main/core/domain/tracker-types';
import { AppFailure } from '../../../src-main/core/errors';

function failureOf(action: () => unknown): AppFailure {
  try {
    action();
  } catch (error) {
    if (error instanceof AppFailure) return error;
    throw error;
  }
  throw new Error('expected an AppFailure');
}

async function rejectionOf(action: () => Promise<unknown>): Promise<AppFailure> {
  try {
    await action();
  } catch (error) {
    if (error instanceof AppFailure) return error;
    throw error;
  }
  throw new Error('expected an AppFailure');
}

const ids = () => {
  let next = 0;
  return () => `new-${++next}`;
};

const numerical = (change: Partial<Extract<TrackerSettings, { type: 'numerical' }>> = {}): TrackerSettings => ({
  type: 'numerical',
  unit: 'kg',
  min: null,
  max: null,
  decimals: 2,
  aggregation: 'average',
  ...change,
});
const choice = (multiple: boolean): Extract<TrackerSettings, { type: 'multiple_choice' }> => ({
  type: 'multiple_choice',
  options: [
    { id: 'a', label: 'Happy', archived: false },
    { id: 'b', label: 'Calm', archived: false },
    { id: 'c', label: 'Old', archived: true },
  ],
  multiple,
});
const noMultiLogs = { hasMultiOptionLog: () => Promise.resolve(false) };

describe('numerical values', () => {
  it.each<[string, Partial<Extract<TrackerSettings, { type: 'numerical' }>>, LogValueInput, number]>([
    ['more decimals than shown, kept', { decimals: 1 }, 7.25, 7.25],
    ['typed, kept exactly', { decimals: 2 }, '1.005', 1.005],
    ['negative, kept', { decimals: 0 }, -2.5, -2.5],
    ['typed with 0 decimals shown, kept', { decimals: 0 }, '7.4', 7.4],
    ['fifteen significant digits', { decimals: 4 }, '12345.6789012345', 12345.6789012345],
    ['trailing zeros are not digits lost', { decimals: 1 }, '2.50000000000000000000', 2.5],
    ['minus zero as zero', {}, '-0', 0],
    ['at the minimum', { min: 0, max: 10 }, 0, 0],
    ['at the maximum', { min: 0, max: 10 }, '10', 10],
  ])('%s', (_name, change, input, expected) => {
    expect(logValue(input, numerical(change))).toBe(expected);
  });

  it.each<[string, Partial<Extract<TrackerSettings, { type: 'numerical' }>>, number, RegExp]>([
    ['below the minimum', { min: 0 }, -1, /at least 0 kg/],
    ['above the maximum', { max: 10 }, 11, /at most 10 kg/],
    ['outside both bounds', { min: 1, max: 5 }, 6, /from 1 to 5 kg/],
    ['just above the maximum, not rounded into range', { max: 10, decimals: 0 }, 10.4, /at most 10 kg/],
    ['too large to keep exactly', {}, 1e15, /1,000,000,000,000,000/],
    ['far too large', {}, 1e307, /1,000,000,000,000,000/],
  ])('refuses a value %s with LOG_VALUE_OUT_OF_RANGE', (_name, change, input, message) => {
    const failure = failureOf(() => logValue(input, numerical(change)));
    expect(failure).toMatchObject({ code: 'LOG_VALUE_OUT_OF_RANGE', field: 'value' });
    expect(failure.message).toMatch(message);
  });

  it('rounds without binary surprises', () => {
    expect([roundTo(2.675, 2), roundTo(1e-7, 2), roundTo(-0.001, 2), roundTo(123.456, 0)]).toEqual([2.68, 0, 0, 123]);
  });
});

describe('numerical settings', () => {
  it.each<[string, Partial<Extract<TrackerSettings, { type: 'numerical' }>>, string]>([
    ['decimals above 4', { decimals: 5 }, 'settings.decimals'],
    ['negative decimals', { decimals: -1 }, 'settings.decimals'],
    ['fractional decimals', { decimals: 1.5 }, 'settings.decimals'],
    ['a minimum above the maximum', { min: 10, max: 1 }, 'settings.max'],
    ['an infinite minimum', { min: Number.NEGATIVE_INFINITY }, 'settings.min'],
  ])('refuses %s with TRACKER_SETTINGS_INVALID', (_name, change, field) => {
    const failure = failureOf(() => trackerSettings({ ...(numerical(change) as Extract<TrackerSettings, { type: 'numerical' }>) }, ids()));
    expect(failure).toMatchObject({ code: 'TRACKER_SETTINGS_INVALID', field });
  });

  it('accepts min equal to max', () => {
    expect(trackerSettings(numerical({ min: 3, max: 3 }) as Extract<TrackerSettings, { type: 'numerical' }>, ids())).toMatchObject({ min: 3, max: 3 });
  });
});

describe('multiple-choice values', () => {
  it('refuses an archived option for a new log', () => {
    const failure = failureOf(() => logValue(['c'], choice(true)));
    expect(failure).toMatchObject({ code: 'CHOICE_OPTION_ARCHIVED', field: 'value' });
    expect(failure.message).toContain('"Old"');
  });

  it('takes one option on a single-select tracker, several on a multi-select one', () => {
    expect(logValue(['b'], choice(false))).toEqual(['b']);
    expect(logValue(['b', 'a'], choice(true))).toEqual(['a', 'b']);
    expect(failureOf(() => logValue(['a', 'b'], choice(false)))).toMatchObject({ code: 'LOG_VALUE_INVALID', message: expect.stringContaining('one option') });
  });

  it('offers only options in use in its message', () => {
    expect(failureOf(() => logValue('nope', choice(false))).message).toBe('Expected one of: Happy, Calm.');
  });
});

describe('multiple-choice settings edits', () => {
  const update = (current: Extract<TrackerSettings, { type: 'multiple_choice' }>, input: Extract<SettingsUpdate, { type: 'multiple_choice' }>, logs = noMultiLogs) =>
    rulesOf('multiple_choice').update(current, input, ids(), logs);

  it('renames, reorders, archives and adds options, keeping ids', async () => {
    const next = await update(choice(true), {
      type: 'multiple_choice',
      multiple: true,
      options: [
        { id: 'b', label: ' Serene ', archived: false },
        { id: 'a', label: 'Happy', archived: true },
        { label: 'Tired', archived: false },
        { id: 'c', label: 'Old', archived: false },
      ],
    });
    expect(next).toEqual({
      type: 'multiple_choice',
      multiple: true,
      options: [
        { id: 'b', label: 'Serene', archived: false },
        { id: 'a', label: 'Happy', archived: true },
        { id: 'new-1', label: 'Tired', archived: false },
        { id: 'c', label: 'Old', archived: false },
      ],
    });
  });

  it('keeps an option left out of the list, archived, so old logs still read', async () => {
    const next = await update(choice(true), { type: 'multiple_choice', multiple: true, options: [{ id: 'a', label: 'Happy', archived: false }, { label: 'New', archived: false }] });
    expect(next).toMatchObject({ type: 'multiple_choice' });
    expect(next.type === 'multiple_choice' && next.options).toEqual([
      { id: 'a', label: 'Happy', archived: false },
      { id: 'new-1', label: 'New', archived: false },
      { id: 'b', label: 'Calm', archived: true },
      { id: 'c', label: 'Old', archived: true },
    ]);
  });

  it.each<[string, Extract<SettingsUpdate, { type: 'multiple_choice' }>['options']]>([
    ['an unknown id', [{ id: 'zzz', label: 'X', archived: false }, { id: 'a', label: 'Happy', archived: false }]],
    ['an id twice', [{ id: 'a', label: 'Happy', archived: false }, { id: 'a', label: 'Again', archived: false }]],
    ['fewer than two options in use', [{ id: 'a', label: 'Happy', archived: false }, { id: 'b', label: 'Calm', archived: true }]],
    ['a label taken by an archived option', [{ id: 'a', label: 'Happy', archived: false }, { id: 'b', label: 'old', archived: false }]],
  ])('refuses %s with CHOICE_OPTIONS_INVALID', async (_name, options) => {
    const failure = await rejectionOf(() => update(choice(true), { type: 'multiple_choice', multiple: true, options }));
    expect(failure).toMatchObject({ code: 'CHOICE_OPTIONS_INVALID', field: 'settings.options' });
  });

  it('switches multi → single only while no log holds several options', async () => {
    const options = choice(true).options.map(({ id, label, archived }) => ({ id, label, archived }));
    expect(await update(choice(true), { type: 'multiple_choice', multiple: false, options })).toMatchObject({ multiple: false });
    const failure = await rejectionOf(() => update(choice(true), { type: 'multiple_choice', multiple: false, options }, { hasMultiOptionLog: () => Promise.resolve(true) }));
    expect(failure).toMatchObject({ code: 'CHOICE_MULTIPLE_LOCKED', field: 'settings.multiple' });
    expect(await update(choice(false), { type: 'multiple_choice', multiple: true, options })).toMatchObject({ multiple: true });
  });
});

describe('targets', () => {
  const target = (change: Partial<Target>): Target => ({ period: 'day', comparison: 'at_least', value: 1, ...change });

  it.each<[string, TrackerSettings, Target]>([
    ['numerical, any number', numerical(), target({ value: 7.5 })],
    ['boolean, a yes a day', { type: 'boolean' }, target({ value: 1 })],
    ['boolean, 3 days a week', { type: 'boolean' }, target({ period: 'week', value: 3 })],
    ['duration, whole seconds', { type: 'duration' }, target({ value: 8 * 3600 })],
    ['choice, entries', choice(false), target({ comparison: 'at_most', value: 2 })],
  ])('accepts %s', (_name, settings, value) => {
    expect(validTarget(value, settings)).toEqual(value);
  });

  it.each<[string, TrackerSettings, Target]>([
    ['boolean, 2 yes-days in a day', { type: 'boolean' }, target({ value: 2 })],
    ['boolean, 8 days in a week', { type: 'boolean' }, target({ period: 'week', value: 8 })],
    ['boolean, half a day', { type: 'boolean' }, target({ value: 0.5 })],
    ['duration, a fraction of a second', { type: 'duration' }, target({ value: 1.5 })],
    ['choice, a fraction of an entry', choice(true), target({ value: 1.5 })],
    ['negative', numerical(), target({ value: -1 })],
  ])('refuses %s with TARGET_INVALID', (_name, settings, value) => {
    expect(failureOf(() => validTarget(value, settings))).toMatchObject({ code: 'TARGET_INVALID', field: 'target.value' });
  });

  it('is met by a period with entries only', () => {
    expect(meetsTarget(8, target({ value: 8 }))).toBe(true);
    expect(meetsTarget(7, target({ value: 8 }))).toBe(false);
    expect(meetsTarget(2, target({ comparison: 'at_most', value: 2 }))).toBe(true);
    expect(meetsTarget(null, target({ comparison: 'at_most', value: 2 }))).toBe(false);
  });

  it.each<[string, TrackerSettings, (number | boolean | string[])[][], number | null]>([
    ['numerical: the aggregation of all values', numerical({ aggregation: 'sum' }), [[1, 2], [3]], 6],
    ['numerical: last', numerical({ aggregation: 'last' }), [[1, 2], [3]], 3],
    ['boolean: days with a yes', { type: 'boolean' }, [[false, true], [false], [true]], 2],
    ['duration: total seconds', { type: 'duration' }, [[60, 30], [10]], 100],
    ['choice: entries', choice(true), [[['a']], [['a', 'b'], ['b']]], 3],
    ['no entries', { type: 'duration' }, [], null],
  ])('measures a period: %s', (_name, settings, days, expected) => {
    expect(rulesOf(settings.type).measure(days, settings)).toBe(expected);
  });

  it.each<[string, TrackerSettings, (number | boolean | string[])[], unknown]>([
    ['numerical average, from the values as stored', numerical({ decimals: 1 }), [1, 2, 2.5], 11 / 6],
    ['boolean: any yes', { type: 'boolean' }, [false, true], true],
    ['boolean: only no', { type: 'boolean' }, [false], false],
    ['duration: total', { type: 'duration' }, [60, 30], 90],
    ['choice: the last entry', choice(true), [['a'], ['b']], ['b']],
    ['nothing logged', { type: 'boolean' }, [], null],
  ])("today's value: %s", (_name, settings, values, expected) => {
    expect(rulesOf(settings.type).dayValue(values, settings)).toEqual(expected);
  });
});

describe('looks', () => {
  it.each([
    ['#4E79A7', '#4e79a7'],
    [' #00ff00 ', '#00ff00'],
  ])('accepts the colour %j', (input, expected) => {
    expect(validColor(input)).toBe(expected);
  });

  it.each(['red', '#fff', '#12345g', '4e79a7', '#4e79a7ff'])('refuses the colour %j with TRACKER_COLOR_INVALID', (input) => {
    expect(failureOf(() => validColor(input))).toMatchObject({ code: 'TRACKER_COLOR_INVALID', field: 'color' });
  });

  it.each([
    ['', ''],
    [' 🏃 ', '🏃'],
    ['👩‍💻', '👩‍💻'],
    ['🇫🇷', '🇫🇷'],
    ['1️⃣', '1️⃣'],
    ['👍🏽', '👍🏽'],
  ])('accepts the emoji %j', (input, expected) => {
    expect(validEmoji(input)).toBe(expected);
  });

  it.each(['🏃🏃', 'a', 'ab', '🏃x'])('refuses %j with TRACKER_EMOJI_INVALID', (input) => {
    expect(failureOf(() => validEmoji(input))).toMatchObject({ code: 'TRACKER_EMOJI_INVALID', field: 'emoji' });
  });

  it('gives palette colours in turn', () => {
    expect([paletteColor(0), paletteColor(1), paletteColor(TRACKER_PALETTE.length)]).toEqual([TRACKER_PALETTE[0], TRACKER_PALETTE[1], TRACKER_PALETTE[0]]);
  });
});
