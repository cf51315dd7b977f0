/** Number helpers shared by the numerical type and the statistics. */
import type { Aggregation } from '../../../src-preload/contract';

/**
 * Round half away from zero to `decimals` places, exactly for decimal input: 1.005 → 1.01
 * (multiplying by 100 first would give 100.49999… and round down).
 */
export function roundTo(value: number, decimals: number): number {
  const text = String(value);
  if (text.includes('e')) return Math.round(value * 10 ** decimals) / 10 ** decimals;
  const sign = value < 0 ? -1 : 1;
  const shifted = Math.round(Number(`${Math.abs(value)}e${decimals}`));
  const result = sign * Number(`${shifted}e-${decimals}`);
  return result === 0 ? 0 : result; // no -0 in stored files
}

/** One number from many, as the tracker's aggregation says; null for none. `values` in time order. */
export function aggregate(values: readonly number[], aggregation: Aggregation): number | null {
  if (values.length === 0) return null;
  switch (aggregation) {
    case 'sum':
      return values.reduce((sum, value) => sum + value, 0);
    case 'average':
      return values.reduce((sum, value) => sum + value, 0) / values.length;
    case 'min':
      return values.reduce((low, value) => Math.min(low, value));
    case 'max':
      return values.reduce((high, value) => Math.max(high, value));
    case 'last':
      return values.at(-1) ?? null;
  }
}
