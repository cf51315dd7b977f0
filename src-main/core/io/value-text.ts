/**
 * A log's value in the two forms the logs CSV carries: `value`, as a person reads it
 * (`72.5`, `yes`, `Calm; Focused`, `1h 30m`), and `value_canonical`, the stored value as
 * JSON (`72.5`, `true`, `["opt-1","opt-3"]`, `5400`). Import trusts the canonical form
 * when it is there and falls back to the human one (hand-made files).
 */
import type { LogValue, TrackerSettings } from '../../../src-preload/contract';
import { parseDurationText } from '../domain/duration';
import { numberProblem } from '../domain/numbers';
import { isPlainNumber } from './formula-guard';

/** The separator of several chosen options in the human form. */
export const CHOICE_SEPARATOR = '; ';

export function humanValue(value: LogValue, settings: TrackerSettings): string {
  switch (settings.type) {
    case 'numerical':
      return typeof value === 'number' ? String(value) : '';
    case 'boolean':
      return value === true ? 'yes' : value === false ? 'no' : '';
    case 'duration':
      return typeof value === 'number' ? durationText(value) : '';
    case 'multiple_choice': {
      const ids = Array.isArray(value) ? value : [];
      return ids.map((id) => settings.options.find((option) => option.id === id)?.label ?? id).join(CHOICE_SEPARATOR);
    }
  }
}

export const canonicalValue = (value: LogValue): string => JSON.stringify(value);

/** `1h 30m`, `45s`, `2h 0m 5s`, `0s`: what `parseDurationText` reads back. */
export function durationText(seconds: number): string {
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  const parts: string[] = [];
  if (hours > 0) parts.push(`${hours}h`);
  if (minutes > 0 || (hours > 0 && rest > 0)) parts.push(`${minutes}m`);
  if (rest > 0 || parts.length === 0) parts.push(`${rest}s`);
  return parts.join(' ');
}

/** What a value of this tracker looks like, for messages. */
export function expectedValue(settings: TrackerSettings): string {
  switch (settings.type) {
    case 'numerical':
      return `a number${settings.unit ? ` (in ${settings.unit})` : ''}${rangeText(settings.min, settings.max)}`;
    case 'boolean':
      return 'yes or no';
    case 'duration':
      return 'a duration such as 1h 30m, 1:30 or 45s';
    case 'multiple_choice':
      return `${settings.multiple ? 'one or more' : 'one'} of: ${settings.options.map((option) => option.label).join(', ')}`;
  }
}

const rangeText = (min: number | null, max: number | null): string =>
  min !== null && max !== null ? ` from ${min} to ${max}` : min !== null ? ` of at least ${min}` : max !== null ? ` of at most ${max}` : '';

/** The stored value of a canonical cell (JSON), or null when it is not a value of this tracker. */
export function parseCanonical(cell: string, settings: TrackerSettings): LogValue | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(cell);
  } catch {
    return null;
  }
  return checkValue(parsed, settings);
}

/** The stored value of a human cell, or null when it is not a value of this tracker. */
export function parseHuman(cell: string, settings: TrackerSettings): LogValue | null {
  const text = cell.trim();
  switch (settings.type) {
    case 'numerical':
      return isPlainNumber(text) ? checkValue(Number(text), settings) : null;
    case 'boolean': {
      const word = text.toLowerCase();
      return ['yes', 'true'].includes(word) ? true : ['no', 'false'].includes(word) ? false : null;
    }
    case 'duration':
      return parseDurationText(text);
    case 'multiple_choice':
      return valueOfLabels(text.split(';'), settings);
  }
}

/** The stored value of chosen option labels (any case), or null when one is not an option. */
export function valueOfLabels(labels: readonly string[], settings: TrackerSettings): LogValue | null {
  if (settings.type !== 'multiple_choice') return null;
  const wanted = labels.map((label) => label.trim().toLowerCase()).filter((label) => label !== '');
  const ids = wanted.map((label) => settings.options.find((option) => option.label.trim().toLowerCase() === label)?.id);
  if (ids.some((id) => id === undefined)) return null;
  return checkValue(ids, settings);
}

/** `value` if it is a valid stored value for `settings` (choices put in option order), else null. */
export function checkValue(value: unknown, settings: TrackerSettings): LogValue | null {
  switch (settings.type) {
    case 'numerical': {
      if (typeof value !== 'number' || numberProblem(value) !== null) return null;
      if ((settings.min !== null && value < settings.min) || (settings.max !== null && value > settings.max)) return null;
      return value;
    }
    case 'boolean':
      return typeof value === 'boolean' ? value : null;
    case 'duration':
      return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : null;
    case 'multiple_choice': {
      if (!Array.isArray(value) || value.length === 0 || !value.every((id) => typeof id === 'string')) return null;
      const chosen = new Set(value as string[]);
      if (chosen.size !== value.length || (!settings.multiple && chosen.size > 1)) return null;
      if ([...chosen].some((id) => !settings.options.some((option) => option.id === id))) return null;
      // Stored in the tracker's option order, so equal choices are equal values.
      return settings.options.filter((option) => chosen.has(option.id)).map((option) => option.id);
    }
  }
}
