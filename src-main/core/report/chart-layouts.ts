/**
 * Where every mark of the report's charts goes, in the units of a fixed viewBox: pure
 * geometry from the data, drawn as SVG by `svg-charts.ts`. Days run left to right as equal
 * bands (so a line's points, a bar and a calendar cell of one day line up across charts).
 */
import type { Day } from '../insights/days';
import { band, linearScale, niceAxis, type Axis } from './chart-scale';

/** The drawing area of the line and bar charts. */
export const CHART_WIDTH = 640;
export const CHART_HEIGHT = 180;
const PLOT = { left: 64, right: CHART_WIDTH - 92, top: 12, bottom: CHART_HEIGHT - 24 } as const;
/**
 * A generous width of one character of the axis text (11 units high) in the fonts a PDF
 * falls back to: DejaVu Sans's digits are 7 wide. Used only to make room, never to place text.
 */
const CHAR_WIDTH = 6.6;
/** Between a y tick's text and the plot, and between the text and the chart's edge. */
const TICK_GAP = 6;

/**
 * The plot, its left edge moved right when the y ticks' texts need more room than the
 * default (`12,000 steps`), so no tick is cut at the chart's edge.
 */
function plotFor(tickTexts: readonly string[]): Plot {
  const widest = Math.max(0, ...tickTexts.map((text) => text.length));
  return { ...PLOT, left: Math.max(PLOT.left, Math.ceil(widest * CHAR_WIDTH) + 2 * TICK_GAP) };
}

export interface DayValue {
  readonly day: Day;
  readonly value: number;
}

export interface DailyInput {
  /** The x axis, oldest first: every day of the period, with or without a value. */
  readonly days: readonly Day[];
  /** Days with a value; other days stay empty. */
  readonly values: readonly DayValue[];
  /** A horizontal target line, in the values' terms. */
  readonly target?: number | null;
  /** A tick, target or average as text (`7.5 h`, `1h 30m`). */
  readonly format: (value: number) => string;
  /** Steps the y axis may use, smallest first (durations: whole minutes and hours). */
  readonly steps?: readonly number[];
  /** The y axis's smallest step: a tracker shown with 0 decimals gets whole-number ticks. */
  readonly minStep?: number;
}

export interface Tick {
  readonly value: number;
  /** Position along the axis (y for values, x for days). */
  readonly at: number;
  readonly text: string;
}

export interface Plot {
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

export interface Point {
  readonly x: number;
  readonly y: number;
  readonly day: Day;
  readonly value: number;
}

export interface LineLayout {
  readonly plot: Plot;
  readonly axis: Axis;
  readonly yTicks: readonly Tick[];
  readonly xTicks: readonly Tick[];
  /** Runs of consecutive days with a value, each drawn as one line; a lone day is a dot only. */
  readonly segments: readonly (readonly Point[])[];
  readonly points: readonly Point[];
  readonly target: { readonly y: number; readonly text: string } | null;
}

export interface Bar {
  readonly x: number;
  readonly width: number;
  /** Top edge and height: a negative value's bar hangs below the zero line. */
  readonly y: number;
  readonly height: number;
  readonly day: Day;
  readonly value: number;
}

export interface BarLayout {
  readonly plot: Plot;
  readonly axis: Axis;
  readonly yTicks: readonly Tick[];
  readonly xTicks: readonly Tick[];
  /** The zero line, where bars start. */
  readonly baseline: number;
  readonly bars: readonly Bar[];
  readonly target: { readonly y: number; readonly text: string } | null;
  readonly average: { readonly y: number; readonly text: string } | null;
}

/** Day numbers under the 1st, 8th, 15th, 22nd and 29th band: a week apart, readable at any width. */
function dayTicks(days: readonly Day[], plot: Plot): Tick[] {
  const ticks: Tick[] = [];
  for (let i = 0; i < days.length; i += 7) {
    const day = days[i] ?? '';
    ticks.push({ value: i, at: band(i, days.length, plot.left, plot.right).center, text: String(Number(day.slice(8, 10))) });
  }
  return ticks;
}

const indexOfDays = (days: readonly Day[]): Map<Day, number> => new Map(days.map((day, i) => [day, i]));

/** A line of a value per day over the period, with the target as a level. */
export function lineLayout(input: DailyInput): LineLayout {
  const index = indexOfDays(input.days);
  const values = input.values.filter((point) => index.has(point.day)).sort((a, b) => (index.get(a.day) ?? 0) - (index.get(b.day) ?? 0));
  const target = input.target ?? null;
  const levels = [...values.map((point) => point.value), ...(target === null ? [] : [target])];
  const scale = { steps: input.steps, minStep: input.minStep };
  const low = Math.min(...levels);
  const high = Math.max(...levels);
  // A twentieth of the span of room at both ends, so the lowest and highest points sit off
  // the axis lines (and the lowest off the day numbers) rather than on them.
  const pad = (high - low) / 20;
  const axis = levels.length === 0 ? niceAxis(0, 1, scale) : niceAxis(low - pad, high + pad, scale);
  const y = linearScale([axis.min, axis.max], [PLOT.bottom, PLOT.top]);
  const yTicks = axis.ticks.map((value) => ({ value, at: y(value), text: input.format(value) }));
  const plot = plotFor(yTicks.map((tick) => tick.text));
  const points = values.map((point): Point => ({ x: band(index.get(point.day) ?? 0, input.days.length, plot.left, plot.right).center, y: y(point.value), day: point.day, value: point.value }));
  const segments: Point[][] = [];
  let previous = Number.NaN;
  for (const point of points) {
    const at = index.get(point.day) ?? 0;
    const last = segments.at(-1);
    if (last !== undefined && at === previous + 1) last.push(point);
    else segments.push([point]);
    previous = at;
  }
  return {
    plot,
    axis,
    yTicks,
    xTicks: dayTicks(input.days, plot),
    segments: segments.filter((segment) => segment.length > 1),
    points,
    target: target === null ? null : { y: y(target), text: input.format(target) },
  };
}

/** A bar per day from the zero line, with an optional target and average as levels. */
export function barLayout(input: DailyInput & { readonly average?: number | null }): BarLayout {
  const index = indexOfDays(input.days);
  const values = input.values.filter((point) => index.has(point.day));
  const target = input.target ?? null;
  const average = input.average ?? null;
  // Bars measure from zero, so zero is always on the axis.
  const levels = [0, ...values.map((point) => point.value), ...(target === null ? [] : [target]), ...(average === null ? [] : [average])];
  const axis = niceAxis(Math.min(...levels), Math.max(...levels), { steps: input.steps, minStep: input.minStep });
  const y = linearScale([axis.min, axis.max], [PLOT.bottom, PLOT.top]);
  const yTicks = axis.ticks.map((value) => ({ value, at: y(value), text: input.format(value) }));
  const plot = plotFor(yTicks.map((tick) => tick.text));
  const baseline = y(0);
  const bars = values.map((point): Bar => {
    const slot = band(index.get(point.day) ?? 0, input.days.length, plot.left, plot.right);
    // A gap of a fifth of the band between bars, at most 3 units, so 31 bars stay apart.
    const gap = Math.min(3, slot.width / 5);
    const top = y(point.value);
    return { x: slot.x + gap / 2, width: slot.width - gap, y: Math.min(top, baseline), height: Math.abs(baseline - top), day: point.day, value: point.value };
  });
  return {
    plot,
    axis,
    yTicks,
    xTicks: dayTicks(input.days, plot),
    baseline,
    bars,
    target: target === null ? null : { y: y(target), text: input.format(target) },
    average: average === null ? null : { y: y(average), text: input.format(average) },
  };
}

/** A day of a yes/no calendar strip: its answer was yes, no, or there was none. */
export type DayAnswer = 'yes' | 'no' | 'none';

export interface StripCell {
  readonly x: number;
  readonly y: number;
  readonly size: number;
  readonly day: Day;
  readonly answer: DayAnswer;
  /** The day of the month, printed under the cell. */
  readonly dayNumber: number;
  /** One letter of the weekday (M T W T F S S), printed above the cell. */
  readonly weekday: string;
}

export const STRIP_HEIGHT = 64;
const WEEKDAY_LETTERS = ['M', 'T', 'W', 'T', 'F', 'S', 'S'] as const;

/** One square per day in a row, weekday letters above and day numbers below. */
export function stripLayout(days: readonly { readonly day: Day; readonly answer: DayAnswer }[]): { readonly cells: readonly StripCell[]; readonly height: number } {
  const left = 8;
  const right = CHART_WIDTH - 8;
  const cells = days.map(({ day, answer }, i): StripCell => {
    const slot = band(i, days.length, left, right);
    // Square cells, as big as the band allows but never huge for a short period.
    const size = Math.min(slot.width - 2, 24);
    const weekdayIndex = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
    return { x: slot.center - size / 2, y: 18, size, day, answer, dayNumber: Number(day.slice(8, 10)), weekday: WEEKDAY_LETTERS[weekdayIndex] ?? '' };
  });
  return { cells, height: STRIP_HEIGHT };
}

export interface OptionRow {
  readonly label: string;
  readonly count: number;
  /** Share of all choices, 0–1. */
  readonly share: number;
  readonly y: number;
  readonly barWidth: number;
}

export const OPTION_ROW_HEIGHT = 22;
/** Where option bars start (labels sit to the left) and where they may end (counts sit to the right). */
export const OPTION_BAR_LEFT = 180;
export const OPTION_BAR_RIGHT = CHART_WIDTH - 96;

/** A horizontal bar per option, longest for the most chosen; shares of all choices made. */
export function optionLayout(options: readonly { readonly label: string; readonly count: number }[]): { readonly rows: readonly OptionRow[]; readonly height: number } {
  const total = options.reduce((sum, option) => sum + option.count, 0);
  const most = options.reduce((high, option) => Math.max(high, option.count), 0);
  const width = linearScale([0, most === 0 ? 1 : most], [0, OPTION_BAR_RIGHT - OPTION_BAR_LEFT]);
  const rows = options.map((option, i): OptionRow => ({
    label: option.label,
    count: option.count,
    share: total === 0 ? 0 : option.count / total,
    y: 4 + i * OPTION_ROW_HEIGHT,
    barWidth: width(option.count),
  }));
  return { rows, height: Math.max(OPTION_ROW_HEIGHT, options.length * OPTION_ROW_HEIGHT) + 8 };
}
