/**
 * The four tracker types as one table. Each entry validates the settings a form sends and
 * gives them their stored form, applies an edit to them, checks a target, and says what a
 * day's or a period's logs amount to. What a *value* of each type is (parse, check, text)
 * is the shared table in src-preload/tracker-values, which the forms and CSV use too. Adding a type means adding an entry here, not an `if` in every service.
 */
import type { LogValue, LogValueInput, ParsedInput, Target, TrackerSettings, TrackerType } from '../../../src-preload/contract';
import { fail } from '../errors';
import { MAX_SIGNIFICANT_DIGITS, NUMBER_LIMIT_TEXT, numberProblem } from '../../../src-preload/tracker-values/numbers';
import { valueRulesOf } from '../../../src-preload/tracker-values/value-rules';
import { aggregate } from './numbers';

/** Settings as the contract hands them over, defaults filled in. */
export type NewSettings = ParsedInput<'createTracker'>['settings'];
export type SettingsUpdate = NonNullable<ParsedInput<'updateTracker'>['settings']>;

type SettingsOf<K extends TrackerType> = Extract<TrackerSettings, { type: K }>;
type NewSettingsOf<K extends TrackerType> = Extract<NewSettings, { type: K }>;
type UpdateOf<K extends TrackerType> = Extract<SettingsUpdate, { type: K }>;

/** What the core knows about a tracker's existing logs when its settings change. */
export interface LogFacts {
  /** Whether any log holds several options (only asked of multiple-choice trackers). */
  readonly hasMultiOptionLog: () => Promise<boolean>;
}

export interface TrackerTypeRules<K extends TrackerType> {
  /** Validate the settings of a new tracker and give them their stored form (option ids…). */
  settings(input: NewSettingsOf<K>, newId: () => string): SettingsOf<K>;
  /** Apply an edit to the settings of a tracker of the same type. */
  update(current: SettingsOf<K>, input: UpdateOf<K>, newId: () => string, logs: LogFacts): Promise<SettingsOf<K>>;
  /** Refuse a target that cannot mean anything for this type; why, in the message. */
  checkTarget(target: Target, settings: SettingsOf<K>): void;
  /** One day's logs (values in time order) as one value, for the dashboard's "today". */
  dayValue(values: readonly LogValue[], settings: SettingsOf<K>): LogValue | null;
  /**
   * Where a day or week stands against a target, from its values grouped by day (in time
   * order): numerical → aggregated value, boolean → days answered yes (a day's newest answer), duration → total
   * seconds, multiple choice → entries. Null when the period has no value to compare.
   */
  measure(days: readonly (readonly LogValue[])[], settings: SettingsOf<K>): number | null;
  /** Whether a day with these values counts for a streak when there is no daily target. */
  qualifies(values: readonly LogValue[]): boolean;
}

export const MIN_CHOICE_OPTIONS = 2;
export const MAX_CHOICE_OPTIONS = 50;
export const MAX_DECIMALS = 4;


/** A number of a tracker's settings or target as it will be stored, or a failure saying why it cannot be. */
function boundNumber(value: number, code: 'TRACKER_SETTINGS_INVALID' | 'TARGET_INVALID', what: string, field: string): number {
  const problem = numberProblem(value);
  if (problem === 'not_a_number') fail(code, `${what} must be a number.`, field);
  if (problem === 'too_large') fail(code, `${what} must be below ${NUMBER_LIMIT_TEXT} in size.`, field);
  if (problem === 'too_precise') fail(code, `${what} is kept exactly up to ${MAX_SIGNIFICANT_DIGITS} significant digits; give fewer digits.`, field);
  return value === 0 ? 0 : value; // no -0 in stored files
}

const numbersOf = (values: readonly LogValue[]): number[] => values.filter((value): value is number => typeof value === 'number');
const flat = (days: readonly (readonly LogValue[])[]): LogValue[] => days.flat();
/** A yes/no day's answer: its newest value (values come in time order), null without one (see `oneAnswerADay` in the value table). */
const newestAnswer = (values: readonly LogValue[]): boolean | null => {
  const last = values.at(-1);
  return typeof last === 'boolean' ? last : null;
};

function checkWholeTarget(target: Target, max: number | null, what: string): void {
  if (!Number.isInteger(target.value)) fail('TARGET_INVALID', `A target here counts ${what}: give a whole number.`, 'target.value');
  if (max !== null && target.value > max) fail('TARGET_INVALID', `A ${target.period}ly target counts at most ${max} ${what}.`, 'target.value');
}

function numericalSettings(input: { unit: string; min: number | null; max: number | null; decimals: number; aggregation: SettingsOf<'numerical'>['aggregation'] }): SettingsOf<'numerical'> {
  if (!Number.isInteger(input.decimals) || input.decimals < 0 || input.decimals > MAX_DECIMALS) {
    fail('TRACKER_SETTINGS_INVALID', `Decimals go from 0 to ${MAX_DECIMALS}.`, 'settings.decimals');
  }
  const min = input.min === null ? null : boundNumber(input.min, 'TRACKER_SETTINGS_INVALID', 'The minimum', 'settings.min');
  const max = input.max === null ? null : boundNumber(input.max, 'TRACKER_SETTINGS_INVALID', 'The maximum', 'settings.max');
  if (min !== null && max !== null && min > max) {
    fail('TRACKER_SETTINGS_INVALID', 'The minimum cannot be above the maximum.', 'settings.max');
  }
  return { type: 'numerical', unit: input.unit.trim(), min, max, decimals: input.decimals, aggregation: input.aggregation };
}

/** Labels trimmed, none empty, none twice (any case) among `labels`. */
function checkLabels(labels: readonly string[]): void {
  if (labels.some((label) => label === '')) fail('CHOICE_OPTIONS_INVALID', 'Every option needs a label.', 'settings.options');
  const seen = new Set<string>();
  for (const label of labels) {
    const key = label.toLowerCase();
    if (seen.has(key)) fail('CHOICE_OPTIONS_INVALID', `The option "${label}" appears twice.`, 'settings.options');
    seen.add(key);
  }
}

function checkActiveCount(active: number): void {
  if (active < MIN_CHOICE_OPTIONS || active > MAX_CHOICE_OPTIONS) {
    fail('CHOICE_OPTIONS_INVALID', `Give from ${MIN_CHOICE_OPTIONS} to ${MAX_CHOICE_OPTIONS} options that are not archived.`, 'settings.options');
  }
}

export const trackerTypes: { readonly [K in TrackerType]: TrackerTypeRules<K> } = {
  numerical: {
    settings: (input) => numericalSettings(input),
    update: (_current, input) => Promise.resolve(numericalSettings(input)),
    checkTarget: () => undefined,
    dayValue: (values, settings) => aggregate(numbersOf(values), settings.aggregation),
    measure: (days, settings) => aggregate(numbersOf(flat(days)), settings.aggregation),
    qualifies: (values) => values.length > 0,
  },

  boolean: {
    settings: () => ({ type: 'boolean' }),
    update: () => Promise.resolve({ type: 'boolean' }),
    checkTarget: (target) => checkWholeTarget(target, target.period === 'day' ? 1 : 7, 'days with a yes'),
    // A day holds one answer: its newest. A later "No" corrects an earlier "Yes" (and the
    // other way round), so the card, targets, streaks and charts all read the same day.
    dayValue: (values) => newestAnswer(values),
    measure: (days) => (days.length === 0 ? null : days.filter((values) => newestAnswer(values) === true).length),
    qualifies: (values) => newestAnswer(values) === true,
  },

  duration: {
    settings: () => ({ type: 'duration' }),
    update: () => Promise.resolve({ type: 'duration' }),
    checkTarget: (target) => checkWholeTarget(target, null, 'seconds'),
    dayValue: (values) => (values.length === 0 ? null : numbersOf(values).reduce((sum, value) => sum + value, 0)),
    measure: (days) => {
      const values = numbersOf(flat(days));
      return values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0);
    },
    qualifies: (values) => values.length > 0,
  },

  multiple_choice: {
    settings: (input, newId) => {
      const labels = input.options.map((label) => label.trim());
      checkActiveCount(labels.length);
      checkLabels(labels);
      return { type: 'multiple_choice', options: labels.map((label) => ({ id: newId(), label, archived: false })), multiple: input.multiple };
    },
    update: async (current, input, newId, logs) => {
      const known = new Map(current.options.map((option) => [option.id, option]));
      const listed = new Set<string>();
      const options = input.options.map((option) => {
        if (option.id !== undefined) {
          if (!known.has(option.id)) fail('CHOICE_OPTIONS_INVALID', 'One of the options does not belong to this tracker.', 'settings.options');
          if (listed.has(option.id)) fail('CHOICE_OPTIONS_INVALID', 'An option is listed twice.', 'settings.options');
          listed.add(option.id);
          return { id: option.id, label: option.label.trim(), archived: option.archived };
        }
        return { id: newId(), label: option.label.trim(), archived: option.archived };
      });
      // An option left out of the list may still be in old logs: it is kept, archived,
      // so those logs stay readable. Archiving is how an option is retired.
      for (const option of current.options) if (!listed.has(option.id)) options.push({ ...option, archived: true });
      checkActiveCount(options.filter((option) => !option.archived).length);
      checkLabels(options.map((option) => option.label));
      if (current.multiple && !input.multiple && (await logs.hasMultiOptionLog())) {
        fail('CHOICE_MULTIPLE_LOCKED', 'Some entries already hold several options, so this tracker must stay multi-select.', 'settings.multiple');
      }
      return { type: 'multiple_choice', options, multiple: input.multiple };
    },
    checkTarget: (target) => checkWholeTarget(target, null, 'entries'),
    dayValue: (values) => values.at(-1) ?? null,
    measure: (days) => {
      const count = flat(days).length;
      return count === 0 ? null : count;
    },
    qualifies: (values) => values.length > 0,
  },
};

// The table is keyed by the same tag as its argument, which TypeScript cannot correlate
// through an indexed access; `rulesOf` is the one place that widens.
interface AnyRules {
  settings(input: NewSettings, newId: () => string): TrackerSettings;
  update(current: TrackerSettings, input: SettingsUpdate, newId: () => string, logs: LogFacts): Promise<TrackerSettings>;
  checkTarget(target: Target, settings: TrackerSettings): void;
  dayValue(values: readonly LogValue[], settings: TrackerSettings): LogValue | null;
  measure(days: readonly (readonly LogValue[])[], settings: TrackerSettings): number | null;
  qualifies(values: readonly LogValue[]): boolean;
}
export const rulesOf = (type: TrackerType): AnyRules => trackerTypes[type] as unknown as AnyRules;

export function trackerSettings(input: NewSettings, newId: () => string): TrackerSettings {
  return rulesOf(input.type).settings(input, newId);
}

/** The canonical value of `input` for a tracker with `settings` (see tracker-values), or why it is not one. */
export function logValue(input: LogValueInput, settings: TrackerSettings): LogValue {
  const verdict = valueRulesOf(settings).parse(input, settings);
  return verdict.ok ? verdict.value : fail(verdict.code, verdict.message, 'value');
}

/** The target as stored, or TARGET_INVALID. */
export function validTarget(target: Target | null, settings: TrackerSettings): Target | null {
  if (target === null) return null;
  if (!Number.isFinite(target.value) || target.value < 0) fail('TARGET_INVALID', 'A target is a number of zero or more.', 'target.value');
  const value = boundNumber(target.value, 'TARGET_INVALID', 'A target', 'target.value');
  rulesOf(settings.type).checkTarget(target, settings);
  return { period: target.period, comparison: target.comparison, value };
}

/** Whether a period's measure meets the target. A period without entries never does. */
export const meetsTarget = (measure: number | null, target: Target): boolean =>
  measure !== null && (target.comparison === 'at_least' ? measure >= target.value : measure <= target.value);
