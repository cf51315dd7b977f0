/**
 * The arithmetic of the report's charts: a linear map from values to drawing units, and
 * "nice" axis ticks (1, 2, 2.5, 5 × 10ⁿ, or steps the caller names, such as whole minutes
 * and hours for durations). Pure, so the geometry is tested without drawing anything.
 */

/** A value → drawing-unit map; a domain of one value maps everything to the middle of the range. */
export function linearScale(domain: readonly [number, number], range: readonly [number, number]): (value: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  if (d0 === d1) return () => (r0 + r1) / 2;
  return (value) => r0 + ((value - d0) / (d1 - d0)) * (r1 - r0);
}

/** An axis: its ends (multiples of `step`) and the ticks from one end to the other. */
export interface Axis {
  readonly min: number;
  readonly max: number;
  readonly step: number;
  readonly ticks: readonly number[];
}

export interface AxisOptions {
  /** At most this many intervals between ticks (default 4). */
  readonly intervals?: number;
  /** Steps to choose from, smallest first; beyond the last, 1/2/2.5/5 × 10ⁿ. */
  readonly steps?: readonly number[];
  /** No step below this (a power of ten): ticks a tracker shown with 0 decimals can tell apart. */
  readonly minStep?: number;
}

const NICE_FACTORS = [1, 2, 2.5, 5, 10] as const;

/** The smallest "nice" step that covers `span` in at most `intervals` steps. */
export function niceStep(span: number, intervals: number, steps: readonly number[] = []): number {
  const raw = span / Math.max(1, intervals);
  const named = steps.find((step) => step >= raw);
  if (named !== undefined) return named;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const factor = NICE_FACTORS.find((candidate) => candidate * magnitude >= raw - raw * 1e-12) ?? 10;
  return factor * magnitude;
}

/**
 * An axis covering `min`…`max` with nice ticks. Equal ends (one value, or all values equal)
 * get room around them — zero gets 0…1 — so a flat line sits inside the chart, not on its edge.
 */
export function niceAxis(min: number, max: number, options: AxisOptions = {}): Axis {
  if (!Number.isFinite(min) || !Number.isFinite(max)) throw new RangeError('An axis needs finite ends.');
  let low = Math.min(min, max);
  let high = Math.max(min, max);
  if (low === high) {
    const pad = low === 0 ? 1 : Math.abs(low) * 0.1;
    low = low === 0 ? 0 : low - pad;
    high += pad;
  }
  const intervals = options.intervals ?? 4;
  const step = Math.max(niceStep(high - low, intervals, options.steps), options.minStep ?? 0);
  const first = Math.floor(low / step + 1e-9) * step;
  const last = Math.ceil(high / step - 1e-9) * step;
  const count = Math.round((last - first) / step);
  // Ticks are computed from an index, and cleaned of binary noise (0.1 × 3 = 0.30000000000000004).
  const ticks = Array.from({ length: count + 1 }, (_, i) => clean(first + i * step));
  return { min: clean(first), max: clean(last), step, ticks };
}

const clean = (value: number): number => {
  const rounded = Number(value.toPrecision(12));
  return rounded === 0 ? 0 : rounded;
};

/** Where the i-th of `count` equal bands starts and how wide it is, over `start`…`end`. */
export function band(index: number, count: number, start: number, end: number): { x: number; width: number; center: number } {
  const width = (end - start) / Math.max(1, count);
  const x = start + index * width;
  return { x, width, center: x + width / 2 };
}
