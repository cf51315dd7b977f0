import { describe, expect, it } from 'vitest';
import { barLayout, CHART_HEIGHT, CHART_WIDTH, lineLayout, optionLayout, OPTION_BAR_LEFT, OPTION_BAR_RIGHT, stripLayout } from '../../../src-main/core/report/chart-layouts';
import { band, linearScale, niceAxis, niceStep } from '../../../src-main/core/report/chart-scale';
import { svgBarChart, svgHeatStrip, svgLineChart, svgOptionBars } from '../../../src-main/core/report/svg-charts';

const days = (count: number): string[] => Array.from({ length: count }, (_, i) => `2026-11-${String(i + 1).padStart(2, '0')}`);
const format = (n: number) => `${n} h`;
const label = { id: 'c1', title: 'Sleep per day', description: 'Sleep on 3 days.' };

describe('scales and axes', () => {
  it('maps a domain onto a range linearly, upside down for a y axis', () => {
    const y = linearScale([0, 10], [100, 0]);
    expect([y(0), y(5), y(10), y(-5)]).toEqual([100, 50, 0, 150]);
    // One value only: the middle, not a division by zero.
    expect(linearScale([3, 3], [0, 80])(3)).toBe(40);
  });

  it('picks nice steps: 1, 2, 2.5, 5 × 10ⁿ, or the steps given', () => {
    expect(niceStep(10, 4)).toBe(2.5);
    expect(niceStep(3, 4)).toBe(1);
    expect(niceStep(0.3, 4)).toBe(0.1);
    expect(niceStep(700, 4)).toBe(200);
    expect(niceStep(5400, 4, [60, 300, 900, 1800, 3600])).toBe(1800);
    // Beyond the named steps, back to powers of ten.
    expect(niceStep(500_000, 4, [60, 3600])).toBe(200_000);
  });

  it('covers the values with whole steps and clean tick values', () => {
    expect(niceAxis(6, 8.5)).toEqual({ min: 6, max: 9, step: 1, ticks: [6, 7, 8, 9] });
    expect(niceAxis(0.1, 0.7).ticks).toEqual([0, 0.2, 0.4, 0.6, 0.8]);
    expect(niceAxis(-3, 4)).toEqual({ min: -4, max: 4, step: 2, ticks: [-4, -2, 0, 2, 4] });
    expect(niceAxis(1, 3, { minStep: 1 }).ticks).toEqual([1, 2, 3]);
  });

  it('gives room around a single value, and 0…1 around zero', () => {
    const axis = niceAxis(7, 7);
    expect(axis.min).toBeLessThan(7);
    expect(axis.max).toBeGreaterThan(7);
    expect(niceAxis(0, 0)).toEqual({ min: 0, max: 1, step: 0.25, ticks: [0, 0.25, 0.5, 0.75, 1] });
    expect(niceAxis(-2, -2).max).toBeGreaterThan(-2);
    expect(() => niceAxis(0, Number.NaN)).toThrow(RangeError);
  });

  it('splits a span into equal bands', () => {
    expect(band(0, 4, 0, 100)).toEqual({ x: 0, width: 25, center: 12.5 });
    expect(band(3, 4, 0, 100)).toEqual({ x: 75, width: 25, center: 87.5 });
  });
});

describe('line layout', () => {
  it('puts each day at the centre of its band and the values on the axis', () => {
    const layout = lineLayout({ days: days(30), values: [{ day: '2026-11-01', value: 6 }, { day: '2026-11-02', value: 8 }], format });
    const [first, second] = layout.points;
    expect(first?.x).toBeCloseTo(band(0, 30, layout.plot.left, layout.plot.right).center);
    expect(second?.x).toBeCloseTo(band(1, 30, layout.plot.left, layout.plot.right).center);
    expect(first?.y).toBe(layout.plot.bottom - ((6 - layout.axis.min) / (layout.axis.max - layout.axis.min)) * (layout.plot.bottom - layout.plot.top));
    expect(second?.y).toBeLessThan(first?.y ?? 0);
    expect(layout.yTicks.map((tick) => tick.text)).toEqual(layout.axis.ticks.map(format));
    expect(layout.xTicks.map((tick) => tick.text)).toEqual(['1', '8', '15', '22', '29']);
  });

  it('draws runs of consecutive days as lines and leaves gaps between them', () => {
    const values = ['01', '02', '03', '05', '07', '08'].map((d, i) => ({ day: `2026-11-${d}`, value: i }));
    const layout = lineLayout({ days: days(10), values, format });
    expect(layout.segments.map((segment) => segment.map((point) => point.day.slice(8)))).toEqual([['01', '02', '03'], ['07', '08']]);
    // The lone 5th is a dot only.
    expect(layout.points).toHaveLength(6);
  });

  it('shows an empty series as an axis without marks', () => {
    const layout = lineLayout({ days: days(30), values: [], format });
    expect(layout.points).toEqual([]);
    expect(layout.segments).toEqual([]);
    expect(layout.axis.ticks.length).toBeGreaterThan(1);
  });

  it('puts a single point or all-equal values inside the plot, not on its edge', () => {
    for (const values of [[{ day: '2026-11-04', value: 7 }], days(5).map((day) => ({ day, value: 7 }))]) {
      const layout = lineLayout({ days: days(30), values, format });
      for (const point of layout.points) {
        expect(point.y).toBeGreaterThan(layout.plot.top);
        expect(point.y).toBeLessThan(layout.plot.bottom);
      }
    }
  });

  it('keeps negative values and the target on the axis', () => {
    const layout = lineLayout({ days: days(3), values: [{ day: '2026-11-01', value: -4.5 }, { day: '2026-11-02', value: 2 }], target: 5, format });
    expect(layout.axis.min).toBeLessThanOrEqual(-4.5);
    expect(layout.axis.max).toBeGreaterThanOrEqual(5);
    expect(layout.target?.y).toBeGreaterThanOrEqual(layout.plot.top);
    expect(layout.target?.text).toBe('5 h');
    expect(Math.max(...layout.points.map((point) => point.y))).toBeLessThanOrEqual(layout.plot.bottom);
  });

  it('ignores values of days outside the axis', () => {
    const layout = lineLayout({ days: days(3), values: [{ day: '2026-12-01', value: 1 }], format });
    expect(layout.points).toEqual([]);
  });
});

describe('bar layout', () => {
  it('measures bars from zero, a taller bar for a larger value', () => {
    const layout = barLayout({ days: days(30), values: [{ day: '2026-11-01', value: 1800 }, { day: '2026-11-02', value: 3600 }], format, steps: [900, 1800, 3600] });
    expect(layout.axis.min).toBe(0);
    const [small, large] = layout.bars;
    expect(small?.y).toBeCloseTo(layout.baseline - (small?.height ?? 0));
    expect(large?.height).toBeCloseTo(2 * (small?.height ?? 0));
    expect(layout.yTicks.map((tick) => tick.value)).toEqual([0, 900, 1800, 2700, 3600]);
    // Bars stay inside their day's band.
    const slot = band(1, 30, layout.plot.left, layout.plot.right);
    expect(large?.x).toBeGreaterThan(slot.x);
    expect((large?.x ?? 0) + (large?.width ?? 0)).toBeLessThan(slot.x + slot.width);
  });

  it('makes room at the left for long tick texts, so none is cut at the chart’s edge, and keeps the default plot for short ones', () => {
    const steps = (value: number) => `${value.toLocaleString('en-US')} steps`;
    const values = [{ day: '2026-11-03', value: 8400 }, { day: '2026-11-14', value: 12_050 }];
    const short = lineLayout({ days: days(30), values: [{ day: '2026-11-01', value: 6 }], format });
    for (const layout of [lineLayout({ days: days(30), values, format: steps }), barLayout({ days: days(30), values, format: steps })]) {
      const widest = Math.max(...layout.yTicks.map((tick) => tick.text.length));
      expect(widest).toBeGreaterThanOrEqual('12,000 steps'.length);
      // Text ends 6 units left of the plot; at 6.6 units a character it must still start inside the chart.
      expect(layout.plot.left - 6 - widest * 6.6).toBeGreaterThanOrEqual(0);
      expect(layout.plot.left).toBeGreaterThan(short.plot.left);
      expect(layout.xTicks[0]?.at).toBeCloseTo(band(0, 30, layout.plot.left, layout.plot.right).center);
    }
    expect(short.plot.left).toBe(64);
  });

  it('hangs a negative bar below the zero line', () => {
    const layout = barLayout({ days: days(2), values: [{ day: '2026-11-01', value: -2 }, { day: '2026-11-02', value: 3 }], format });
    const [negative, positive] = layout.bars;
    expect(negative?.y).toBeCloseTo(layout.baseline);
    expect(positive?.y).toBeLessThan(layout.baseline);
    expect(layout.baseline).toBeGreaterThan(layout.plot.top);
    expect(layout.baseline).toBeLessThan(layout.plot.bottom);
  });

  it('keeps the target and the average in view', () => {
    const layout = barLayout({ days: days(30), values: [{ day: '2026-11-01', value: 10 }], target: 40, average: 20, format });
    expect(layout.axis.max).toBeGreaterThanOrEqual(40);
    expect(layout.target?.y).toBeLessThan(layout.average?.y ?? 0);
  });

  it('draws no bar for an empty series', () => {
    const layout = barLayout({ days: days(30), values: [], format });
    expect(layout.bars).toEqual([]);
    expect(layout.axis).toMatchObject({ min: 0, max: 1 });
  });
});

describe('strip and option layouts', () => {
  it('gives each day a square cell with its weekday and number', () => {
    const layout = stripLayout(days(30).map((day, i) => ({ day, answer: i % 2 === 0 ? 'yes' : 'none' })));
    expect(layout.cells).toHaveLength(30);
    const [first, second] = layout.cells;
    // 1 November 2026 is a Sunday.
    expect(first).toMatchObject({ dayNumber: 1, weekday: 'S', answer: 'yes' });
    expect(second).toMatchObject({ dayNumber: 2, weekday: 'M', answer: 'none' });
    expect((second?.x ?? 0) - (first?.x ?? 0)).toBeGreaterThan(first?.size ?? 0);
    expect(layout.cells.at(-1)?.x).toBeLessThan(CHART_WIDTH);
  });

  it('sizes option bars by count, the most chosen the full width', () => {
    const layout = optionLayout([{ label: 'Calm', count: 6 }, { label: 'Glad', count: 3 }, { label: 'Tense', count: 0 }]);
    expect(layout.rows.map((row) => row.barWidth)).toEqual([OPTION_BAR_RIGHT - OPTION_BAR_LEFT, (OPTION_BAR_RIGHT - OPTION_BAR_LEFT) / 2, 0]);
    expect(layout.rows.map((row) => row.share)).toEqual([6 / 9, 3 / 9, 0]);
    expect(optionLayout([{ label: 'A', count: 0 }]).rows[0]?.barWidth).toBe(0);
  });
});

describe('SVG text', () => {
  it('is an image with a title and a text equivalent, a fixed viewBox and nothing to load or run', () => {
    const svg = svgLineChart({ label, color: '#4e79a7', days: days(30), values: [{ day: '2026-11-02', value: 7 }], target: 7, format });
    expect(svg).toMatch(/^<svg [^>]*role="img"/);
    expect(svg).toContain(`viewBox="0 0 ${CHART_WIDTH} ${CHART_HEIGHT}"`);
    expect(svg).toContain('aria-labelledby="c1-title c1-desc"');
    expect(svg).toContain('<title id="c1-title">Sleep per day</title><desc id="c1-desc">Sleep on 3 days.</desc>');
    expect(svg).toContain('target 7 h');
    expect(svg).not.toMatch(/<script|href=|src=|url\(|@import/);
  });

  it('escapes every piece of text and refuses a colour that is not #rrggbb', () => {
    const hostile = { id: 'x" onload="alert(1)', title: '<script>alert(1)</script>', description: 'Tea & <b>coffee</b>' };
    const svg = svgOptionBars({ label: hostile, color: 'red" onmouseover="x', options: [{ label: '<img src=x onerror=alert(1)>', count: 2 }], formatShare: (s) => `${Math.round(s * 100)}%` });
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('<img');
    expect(svg).not.toContain('onload="');
    expect(svg).not.toContain('onmouseover');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(svg).toContain('Tea &amp; &lt;b&gt;coffee&lt;/b&gt;');
    expect(svg).toContain('fill="#4e79a7"');
  });

  it('says so when there is nothing to draw', () => {
    expect(svgLineChart({ label, color: '#4e79a7', days: days(30), values: [], format })).toContain('>No values<');
    expect(svgBarChart({ label, color: '#4e79a7', days: days(30), values: [], format })).toContain('>No values<');
  });

  it('draws yes, no and unanswered days differently, not by colour alone', () => {
    const svg = svgHeatStrip({ label, color: '#edc948', days: [{ day: '2026-11-01', answer: 'yes' }, { day: '2026-11-02', answer: 'no' }, { day: '2026-11-03', answer: 'none' }] });
    // A tick for yes (dark on a light colour), a dash for no, a dotted outline for no answer.
    expect(svg).toContain('<polyline fill="none" stroke="#1a1a1a"');
    expect(svg.match(/<line /g)).toHaveLength(1);
    expect(svg).toContain('stroke-dasharray="2 2"');
  });
});

describe('line layout room', () => {
  it('keeps the lowest and highest points off the plot’s edges', () => {
    const layout = lineLayout({ days: days(3), values: [{ day: '2026-11-01', value: 1 }, { day: '2026-11-02', value: 3 }], format, minStep: 1 });
    expect(layout.axis.ticks).toEqual([0, 1, 2, 3, 4]);
    for (const point of layout.points) {
      expect(point.y).toBeGreaterThan(layout.plot.top);
      expect(point.y).toBeLessThan(layout.plot.bottom);
    }
  });
});
