/**
 * What a value of each tracker type is, as one table: how input (a form's, a script's, a
 * CSV cell's) becomes the stored value, whether something is a stored value, how a value
 * and an amount read for a person and in CSV, and what to say when input is not a value.
 * The entry form, the core, and CSV import and export all read this table, so they cannot
 * drift apart (they did: two duration formatters printed 3605 s two ways). Pure: no Node,
 * no DOM; the renderer and the core both import it.
 */
import type { ErrorCode } from '../contract/errors';
import type { LogValue, LogValueInput } from '../contract/logs';
import type { TrackerSettings, TrackerType } from '../contract/trackers';
import { durationText, parseDurationText, validDurationSeconds } from './duration';
import { MAX_SIGNIFICANT_DIGITS, NUMBER_LIMIT_TEXT, NUMBER_TEXT, numberProblem, textSignificantDigits } from './numbers';

/** Input turned into a stored value, or why it is not one (a code and a message for the person). */
export type ValueVerdict = { readonly ok: true; readonly value: LogValue } | { readonly ok: false; readonly code: ErrorCode; readonly message: string };

type SettingsOf<K extends TrackerType> = Extract<TrackerSettings, { type: K }>;

export interface ValueRules<K extends TrackerType> {
  /** The stored value of `input` for a new or edited entry, or why it is not one. */
  parse(input: LogValueInput, settings: SettingsOf<K>): ValueVerdict;
  /**
   * `value` in its stored form when it is a value this tracker holds (an undone delete, a
   * CSV's canonical column), else null. Unlike `parse` it takes only the stored form, and
   * an option archived since the entry was made is still a value of it.
   */
  stored(value: unknown, settings: SettingsOf<K>): LogValue | null;
  /** The value in a person's words, for the UI: `7.5 kg`, `Yes`, `Calm, Glad`, `1h 30m`. */
  text(value: LogValue, settings: SettingsOf<K>): string;
  /** The value in the logs CSV's `value` column, which `parse` reads back: `7.5`, `yes`, `Calm; Glad`, `1h 30m`. */
  csvText(value: LogValue, settings: SettingsOf<K>): string;
  /** A statistic in the tracker's terms (an average, a total, a count). */
  amountText(amount: number, settings: SettingsOf<K>): string;
  /** What a value looks like, for messages: "Expected …". */
  expected(settings: SettingsOf<K>): string;
  /**
   * Whether a day holds one answer: its newest entry is the day's value (the core's
   * statistics count it so), and the UI changes today's entry instead of adding another.
   */
  readonly oneAnswerADay: boolean;
}

/** The separator of several chosen options in CSV. */
export const CHOICE_SEPARATOR = '; ';

const YES = new Set(['true', 'yes']);
const NO = new Set(['false', 'no']);
const countFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 6 });

const ok = (value: LogValue): ValueVerdict => ({ ok: true, value });
const no = (code: ErrorCode, message: string): ValueVerdict => ({ ok: false, code, message });

function numberVerdict(input: LogValueInput, settings: SettingsOf<'numerical'>): ValueVerdict {
  let value: number;
  if (typeof input === 'number') value = input;
  else if (typeof input === 'string' && NUMBER_TEXT.test(input.trim())) {
    // Number() would quietly drop the digits a double cannot hold: refuse them instead.
    if (textSignificantDigits(input.trim()) > MAX_SIGNIFICANT_DIGITS) return tooPrecise();
    value = Number(input.trim());
  } else return no('LOG_VALUE_INVALID', `Expected ${rules.numerical.expected(settings)}.`);
  const problem = numberProblem(value);
  if (problem === 'not_a_number') return no('LOG_VALUE_INVALID', `Expected ${rules.numerical.expected(settings)}.`);
  if (problem === 'too_large') return no('LOG_VALUE_OUT_OF_RANGE', `Numbers are kept exactly only below ${NUMBER_LIMIT_TEXT} in size; give a smaller value.`);
  if (problem === 'too_precise') return tooPrecise();
  if ((settings.min !== null && value < settings.min) || (settings.max !== null && value > settings.max)) {
    const bounds = settings.min !== null && settings.max !== null ? `from ${settings.min} to ${settings.max}` : settings.min !== null ? `at least ${settings.min}` : `at most ${settings.max}`;
    return no('LOG_VALUE_OUT_OF_RANGE', `Give a value ${bounds}${settings.unit ? ` ${settings.unit}` : ''}.`);
  }
  // Stored as given (the tracker's decimals only say how it is shown); no -0 in stored files.
  return ok(value === 0 ? 0 : value);
}

const tooPrecise = (): ValueVerdict => no('LOG_VALUE_INVALID', `Numbers are kept exactly up to ${MAX_SIGNIFICANT_DIGITS} significant digits; give fewer digits.`);

const optionOf = (settings: SettingsOf<'multiple_choice'>, pick: string) =>
  settings.options.find((candidate) => candidate.id === pick) ?? settings.options.find((candidate) => candidate.label.trim().toLowerCase() === pick.toLowerCase());

const labelsOf = (value: LogValue, settings: SettingsOf<'multiple_choice'>): string[] =>
  // An id without an option (should not happen) still shows, rather than vanishing.
  (Array.isArray(value) ? value : [String(value)]).map((id) => settings.options.find((option) => option.id === id)?.label ?? id);

export const rules: { readonly [K in TrackerType]: ValueRules<K> } = {
  numerical: {
    parse: numberVerdict,
    stored: (value, settings) => {
      const verdict = typeof value === 'number' ? numberVerdict(value, settings) : null;
      return verdict?.ok === true ? verdict.value : null;
    },
    text: (value, settings) => (typeof value === 'number' ? rules.numerical.amountText(value, settings) : String(value)),
    csvText: (value) => (typeof value === 'number' ? String(value) : ''),
    amountText: (amount, settings) => {
      const text = new Intl.NumberFormat(undefined, { maximumFractionDigits: settings.decimals }).format(amount);
      return settings.unit ? `${text} ${settings.unit}` : text;
    },
    oneAnswerADay: false,
    expected: (settings) => {
      const range =
        settings.min !== null && settings.max !== null ? ` from ${settings.min} to ${settings.max}` : settings.min !== null ? ` of at least ${settings.min}` : settings.max !== null ? ` of at most ${settings.max}` : '';
      return `a number${settings.unit ? ` (in ${settings.unit})` : ''}${range}, such as 7 or 7.5`;
    },
  },

  boolean: {
    parse: (input) => {
      if (typeof input === 'boolean') return ok(input);
      const word = typeof input === 'string' ? input.trim().toLowerCase() : '';
      if (YES.has(word)) return ok(true);
      if (NO.has(word)) return ok(false);
      return no('LOG_VALUE_INVALID', 'Expected yes or no.');
    },
    stored: (value) => (typeof value === 'boolean' ? value : null),
    text: (value) => (value === true ? 'Yes' : value === false ? 'No' : String(value)),
    csvText: (value) => (value === true ? 'yes' : value === false ? 'no' : ''),
    amountText: (amount) => countFormat.format(amount),
    expected: () => 'yes or no',
    oneAnswerADay: true,
  },

  duration: {
    parse: (input) => {
      const seconds = typeof input === 'number' ? validDurationSeconds(input) : typeof input === 'string' ? parseDurationText(input) : null;
      return seconds === null ? no('LOG_VALUE_INVALID', `Expected ${rules.duration.expected({ type: 'duration' })}.`) : ok(seconds);
    },
    stored: (value) => (typeof value === 'number' ? validDurationSeconds(value) : null),
    text: (value) => (typeof value === 'number' ? durationText(value) : String(value)),
    csvText: (value) => (typeof value === 'number' ? durationText(value) : ''),
    amountText: (amount) => durationText(amount),
    expected: () => 'a duration in whole seconds, such as 1:30, 1h 30m, 90m or 45s',
    oneAnswerADay: false,
  },

  multiple_choice: {
    parse: (input, settings) => {
      // One option may arrive as its id or, from scripts, imports and CSV, its label; several
      // as a list, or in text joined by `;` (a label that holds a `;` still counts whole).
      const whole = typeof input === 'string' && optionOf(settings, input.trim()) !== undefined;
      const chosen = typeof input === 'string' ? (whole ? [input] : input.split(';')) : Array.isArray(input) ? input : null;
      const picks = chosen?.map((pick) => pick.trim()).filter((pick) => pick !== '') ?? [];
      if (picks.length === 0) return no('LOG_VALUE_INVALID', `Expected ${rules.multiple_choice.expected(settings)}.`);
      const ids = new Set<string>();
      for (const pick of picks) {
        const option = optionOf(settings, pick);
        if (option === undefined) return no('LOG_VALUE_INVALID', `Expected ${rules.multiple_choice.expected(settings)}.`);
        if (option.archived) return no('CHOICE_OPTION_ARCHIVED', `The option "${option.label}" is archived; choose another or bring it back in the tracker's settings.`);
        ids.add(option.id);
      }
      if (!settings.multiple && ids.size > 1) return no('LOG_VALUE_INVALID', 'This tracker takes one option per entry.');
      // Stored in the tracker's option order, so equal choices are equal values.
      return ok(settings.options.filter((option) => ids.has(option.id)).map((option) => option.id));
    },
    stored: (value, settings) => {
      if (!Array.isArray(value) || value.length === 0 || !value.every((id) => typeof id === 'string')) return null;
      const chosen = new Set<string>(value);
      if (chosen.size !== value.length || (!settings.multiple && chosen.size > 1)) return null;
      if ([...chosen].some((id) => !settings.options.some((option) => option.id === id))) return null;
      return settings.options.filter((option) => chosen.has(option.id)).map((option) => option.id);
    },
    text: (value, settings) => labelsOf(value, settings).join(', '),
    csvText: (value, settings) => labelsOf(value, settings).join(CHOICE_SEPARATOR),
    amountText: (amount) => countFormat.format(amount),
    expected: (settings) => {
      const offered = settings.options.filter((option) => !option.archived).map((option) => option.label).join(', ');
      return `${settings.multiple ? 'one or more' : 'one'} of: ${offered}`;
    },
    oneAnswerADay: false,
  },
};

// The table is keyed by the same tag as its settings, which TypeScript cannot correlate
// through an indexed access; `valueRulesOf` is the one place that widens.
export const valueRulesOf = (settings: TrackerSettings): ValueRules<TrackerType> => rules[settings.type] as unknown as ValueRules<TrackerType>;
