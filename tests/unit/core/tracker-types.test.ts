import { describe, it, expect } from 'vitest';
import type { LogValueInput, TrackerSettings } from '../../../src-preload/contract';
import { parseDurationText } from '../../../src-preload/tracker-values/duration';
import { logValue, trackerSettings } from '../../../src-main/core/domain/tracker-types';
import { AppFailure } from '../../../src-main/core/errors';

const ids = () => {
  let next = 0;
  return () => `opt-${++next}`;
};

function failureOf(action: () => unknown): AppFailure {
  try {
    action();
  } catch (error) {
    if (error instanceof AppFailure) return error;
    throw error;
  }
  throw new Error('expected an AppFailure');
}

const numerical: TrackerSettings = { type: 'numerical', unit: 'h', min: null, max: null, decimals: 2, aggregation: 'average' };
const boolean: TrackerSettings = { type: 'boolean' };
const duration: TrackerSettings = { type: 'duration' };
const choice: TrackerSettings = {
  type: 'multiple_choice',
  options: [
    { id: 'a', label: 'Happy', archived: false },
    { id: 'b', label: 'Calm', archived: false },
    { id: 'c', label: 'Tired', archived: false },
  ],
  multiple: true,
};

describe('duration text', () => {
  it.each([
    ['1:30', 5400],
    ['0:05', 300],
    ['1:30:15', 5415],
    ['10:00:00', 36000],
    ['1h 30m', 5400],
    ['1h30m', 5400],
    ['90m', 5400],
    ['45s', 45],
    ['2h', 7200],
    ['1h 0m 5s', 3605],
    ['1.5h', 5400],
    [' 2H ', 7200],
    ['5400', 5400],
    ['0', 0],
  ])('%j is %i seconds', (text, seconds) => {
    expect(parseDurationText(text)).toBe(seconds);
  });

  it.each(['', '   ', 'abc', '1:60', '1:3', '1:30:60', '-5', '-1h', 'h', '1x', '1h 30', '30m 1h', '1:30:15:01', '1,5h'])('%j is not a duration', (text) => {
    expect(parseDurationText(text)).toBeNull();
  });
});

describe('log values by tracker type', () => {
  it.each<[string, TrackerSettings, LogValueInput, unknown]>([
    ['number', numerical, 7.5, 7.5],
    ['negative number', numerical, -3, -3],
    ['numeric text', numerical, ' 7.25 ', 7.25],
    ['exponent text', numerical, '1e3', 1000],
    ['leading dot', numerical, '.5', 0.5],
    ['true', boolean, true, true],
    ['false', boolean, false, false],
    ['"yes" text', boolean, 'Yes', true],
    ['"no" text', boolean, ' no ', false],
    ['"true" text', boolean, 'true', true],
    ['seconds', duration, 90, 90],
    ['zero seconds', duration, 0, 0],
    ['duration text', duration, '1h 30m', 5400],
    ['one option id', choice, ['b'], ['b']],
    ['several ids, stored in option order', choice, ['c', 'a'], ['a', 'c']],
    ['duplicate ids collapse', choice, ['a', 'a'], ['a']],
    ['an id as text', choice, 'c', ['c']],
    ['a label as text, any case', choice, 'calm', ['b']],
  ])('%s', (_name, settings, input, expected) => {
    expect(logValue(input, settings)).toEqual(expected);
  });

  it.each<[string, TrackerSettings, LogValueInput, RegExp]>([
    ['NaN', numerical, Number.NaN, /number/],
    ['Infinity', numerical, Number.POSITIVE_INFINITY, /number/],
    ['non-numeric text', numerical, 'seven', /number \(in h\)/],
    ['empty text', numerical, '', /number/],
    ['a boolean for a number', numerical, true, /number/],
    ['an array for a number', numerical, ['1'], /number/],
    ['a number for a boolean', boolean, 1, /yes or no/],
    ['other text for a boolean', boolean, 'maybe', /yes or no/],
    ['negative seconds', duration, -1, /duration/],
    ['fractional seconds', duration, 1.5, /duration/],
    ['bad duration text', duration, 'soon', /duration/],
    ['a boolean for a duration', duration, true, /duration/],
    ['an unknown option id', choice, ['z'], /Happy, Calm, Tired/],
    ['no option', choice, [], /one or more/],
    ['a number for a choice', choice, 1, /one or more/],
  ])('refuses %s with LOG_VALUE_INVALID', (_name, settings, input, message) => {
    const failure = failureOf(() => logValue(input, settings));
    expect(failure.code).toBe('LOG_VALUE_INVALID');
    expect(failure.field).toBe('value');
    expect(failure.message).toMatch(message);
  });
});

describe('tracker settings', () => {
  it('gives each choice a stable id and trims labels', () => {
    const settings = trackerSettings({ type: 'multiple_choice', options: [' Happy ', 'Calm'], multiple: false }, ids());
    expect(settings).toEqual({
      type: 'multiple_choice',
      options: [
        { id: 'opt-1', label: 'Happy', archived: false },
        { id: 'opt-2', label: 'Calm', archived: false },
      ],
      multiple: false,
    });
  });

  it('trims the unit of a numerical tracker', () => {
    expect(trackerSettings({ type: 'numerical', unit: ' kg ', min: null, max: null, decimals: 1, aggregation: 'sum' }, ids())).toEqual({
      type: 'numerical',
      unit: 'kg',
      min: null,
      max: null,
      decimals: 1,
      aggregation: 'sum',
    });
  });

  it.each([
    ['one option', ['Only']],
    ['no options', []],
    ['51 options', Array.from({ length: 51 }, (_, i) => `Option ${i}`)],
    ['an empty label', ['Happy', '  ']],
    ['labels equal in another case', ['Happy', 'happy ']],
  ])('refuses %s with CHOICE_OPTIONS_INVALID', (_name, options) => {
    const failure = failureOf(() => trackerSettings({ type: 'multiple_choice', options, multiple: false }, ids()));
    expect(failure.code).toBe('CHOICE_OPTIONS_INVALID');
    expect(failure.field).toBe('settings.options');
  });

  it('accepts 2 and 50 options', () => {
    const fifty = Array.from({ length: 50 }, (_, i) => `Option ${i}`);
    expect(trackerSettings({ type: 'multiple_choice', options: ['A', 'B'], multiple: false }, ids())).toMatchObject({ options: [{ label: 'A' }, { label: 'B' }] });
    expect(trackerSettings({ type: 'multiple_choice', options: fifty, multiple: true }, ids())).toMatchObject({
      options: expect.arrayContaining([{ id: 'opt-50', label: 'Option 49', archived: false }]),
    });
  });
});
