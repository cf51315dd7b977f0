/**
 * What a numerical entry can hold and give back exactly: at most 15 significant digits
 * (every such decimal survives the trip through a double and JSON unchanged) and a size
 * below 10^15 (so every whole number in range is exact, and sums of a lifetime of entries
 * stay finite). Beyond that a value would be stored as something other than what was given.
 */
export const MAX_SIGNIFICANT_DIGITS = 15;
export const NUMBER_LIMIT = 1e15;
export const NUMBER_LIMIT_TEXT = '1,000,000,000,000,000';

export type NumberProblem = 'not_a_number' | 'too_large' | 'too_precise';

/** Significant digits of a finite number as JavaScript writes it shortest (`0.0012` → 2, `1e21` → 1). */
export function significantDigits(value: number): number {
  const mantissa = Math.abs(value).toExponential().split('e')[0] ?? '';
  return mantissa.replace('.', '').length;
}

/** Why `value` cannot be stored as given, or null when it can. -0 counts as 0. */
export function numberProblem(value: number): NumberProblem | null {
  if (!Number.isFinite(value)) return 'not_a_number';
  if (Math.abs(value) >= NUMBER_LIMIT) return 'too_large';
  if (significantDigits(value) > MAX_SIGNIFICANT_DIGITS) return 'too_precise';
  return null;
}

/** Significant digits of a decimal text such as `-0.00120e5` (leading and trailing zeros do not count). */
export function textSignificantDigits(text: string): number {
  const mantissa = (text.split(/e/i)[0] ?? '').replace(/^[+-]/, '').replace('.', '');
  return mantissa.replace(/^0+/, '').replace(/0+$/, '').length;
}

/** A number typed or sent as text: `7`, `-7.5`, `.5`, `1e3` (no thousands separators, no `0x`). */
export const NUMBER_TEXT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;
