/**
 * A log's value in the two forms the logs CSV carries: `value`, as a person reads it
 * (`72.5`, `yes`, `Calm; Focused`, `1h 30m`), and `value_canonical`, the stored value as
 * JSON (`72.5`, `true`, `["opt-1","opt-3"]`, `5400`). Import trusts the canonical form
 * when it is there and falls back to the human one (hand-made files).
 */
import type { LogValue, TrackerSettings } from '../../../src-preload/contract';
import { valueRulesOf } from '../../../src-preload/tracker-values/value-rules';

export { CHOICE_SEPARATOR } from '../../../src-preload/tracker-values/value-rules';
export { durationText } from '../../../src-preload/tracker-values/duration';

/** The `value` cell of a log (see `csvText` in the value table). */
export const humanValue = (value: LogValue, settings: TrackerSettings): string => valueRulesOf(settings).csvText(value, settings);

export const canonicalValue = (value: LogValue): string => JSON.stringify(value);

/** What a value of this tracker looks like, for messages. */
export const expectedValue = (settings: TrackerSettings): string => valueRulesOf(settings).expected(settings);

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
  const verdict = valueRulesOf(settings).parse(cell, settings);
  return verdict.ok ? verdict.value : null;
}

/** The stored value of chosen option labels (any case), or null when one is not an option. */
export function valueOfLabels(labels: readonly string[], settings: TrackerSettings): LogValue | null {
  if (settings.type !== 'multiple_choice') return null;
  const verdict = valueRulesOf(settings).parse([...labels], settings);
  return verdict.ok ? verdict.value : null;
}

/** `value` if it is a stored value of `settings` (choices put in option order), else null. */
export const checkValue = (value: unknown, settings: TrackerSettings): LogValue | null => valueRulesOf(settings).stored(value, settings);
