/**
 * The four tracker types as one table: each entry turns the settings a form sends into
 * stored settings, and a value a form sends into the canonical stored value. Adding a type
 * means adding an entry here, not an `if` in every service.
 */
import type { LogValue, LogValueInput, NewTrackerSettings, TrackerSettings, TrackerType } from '../../../src-preload/contract';
import { fail } from '../errors';
import { parseDurationText, validDurationSeconds } from './duration';

type SettingsOf<K extends TrackerType> = Extract<TrackerSettings, { type: K }>;
type NewSettingsOf<K extends TrackerType> = Extract<NewTrackerSettings, { type: K }>;

export interface TrackerTypeRules<K extends TrackerType> {
  /** Validate the settings a form sent and give them their stored form (option ids…). */
  settings(input: NewSettingsOf<K>, newId: () => string): SettingsOf<K>;
  /** The canonical stored value, or null when `input` is not a value of this tracker. */
  parseValue(input: LogValueInput, settings: SettingsOf<K>): LogValue | null;
  /** What a value should look like, for the error message. */
  expected(settings: SettingsOf<K>): string;
}

export const MIN_CHOICE_OPTIONS = 2;
export const MAX_CHOICE_OPTIONS = 50;

const NUMBER_TEXT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;
const YES = new Set(['true', 'yes']);
const NO = new Set(['false', 'no']);

export const trackerTypes: { readonly [K in TrackerType]: TrackerTypeRules<K> } = {
  numerical: {
    settings: (input) => ({ type: 'numerical', unit: input.unit.trim() }),
    parseValue: (input) => {
      if (typeof input === 'number') return Number.isFinite(input) ? input : null;
      if (typeof input !== 'string' || !NUMBER_TEXT.test(input.trim())) return null;
      const value = Number(input.trim());
      return Number.isFinite(value) ? value : null;
    },
    expected: (settings) => `a number${settings.unit ? ` (in ${settings.unit})` : ''}, such as 7 or 7.5`,
  },

  boolean: {
    settings: () => ({ type: 'boolean' }),
    parseValue: (input) => {
      if (typeof input === 'boolean') return input;
      if (typeof input !== 'string') return null;
      const word = input.trim().toLowerCase();
      if (YES.has(word)) return true;
      if (NO.has(word)) return false;
      return null;
    },
    expected: () => 'yes or no',
  },

  duration: {
    settings: () => ({ type: 'duration' }),
    parseValue: (input) => {
      if (typeof input === 'number') return validDurationSeconds(input);
      if (typeof input === 'string') return parseDurationText(input);
      return null;
    },
    expected: () => 'a duration such as 1:30, 1h 30m, 90m or 45s, or a whole number of seconds',
  },

  multiple_choice: {
    settings: (input, newId) => {
      const labels = input.options.map((label) => label.trim());
      if (labels.length < MIN_CHOICE_OPTIONS || labels.length > MAX_CHOICE_OPTIONS) {
        fail('CHOICE_OPTIONS_INVALID', `Give from ${MIN_CHOICE_OPTIONS} to ${MAX_CHOICE_OPTIONS} options.`, 'settings.options');
      }
      if (labels.some((label) => label === '')) fail('CHOICE_OPTIONS_INVALID', 'Every option needs a label.', 'settings.options');
      const seen = new Set<string>();
      for (const label of labels) {
        const key = label.toLowerCase();
        if (seen.has(key)) fail('CHOICE_OPTIONS_INVALID', `The option "${label}" appears twice.`, 'settings.options');
        seen.add(key);
      }
      return { type: 'multiple_choice', options: labels.map((label) => ({ id: newId(), label })) };
    },
    parseValue: (input, settings) => {
      // One option may arrive as its id or, from scripts and imports, its label.
      const chosen = typeof input === 'string' ? [input] : Array.isArray(input) ? input : null;
      if (chosen === null || chosen.length === 0) return null;
      const ids = new Set<string>();
      for (const pick of chosen) {
        const option =
          settings.options.find((candidate) => candidate.id === pick) ??
          settings.options.find((candidate) => candidate.label.toLowerCase() === pick.trim().toLowerCase());
        if (option === undefined) return null;
        ids.add(option.id);
      }
      // Stored in the tracker's option order, so equal choices are equal values.
      return settings.options.filter((option) => ids.has(option.id)).map((option) => option.id);
    },
    expected: (settings) => `one or more of: ${settings.options.map((option) => option.label).join(', ')}`,
  },
};

// The table is keyed by the same tag as its argument, which TypeScript cannot correlate
// through an indexed access; these two functions are the one place that widens.
type AnyRules = TrackerTypeRules<TrackerType> & {
  settings(input: NewTrackerSettings, newId: () => string): TrackerSettings;
  parseValue(input: LogValueInput, settings: TrackerSettings): LogValue | null;
  expected(settings: TrackerSettings): string;
};
const rulesOf = (type: TrackerType): AnyRules => trackerTypes[type] as unknown as AnyRules;

export function trackerSettings(input: NewTrackerSettings, newId: () => string): TrackerSettings {
  return rulesOf(input.type).settings(input, newId);
}

/** The canonical value of `input` for a tracker with `settings`, or LOG_VALUE_INVALID. */
export function logValue(input: LogValueInput, settings: TrackerSettings): LogValue {
  const rules = rulesOf(settings.type);
  const value = rules.parseValue(input, settings);
  if (value === null) return fail('LOG_VALUE_INVALID', `Expected ${rules.expected(settings)}.`, 'value');
  return value;
}
