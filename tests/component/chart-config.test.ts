import { describe, expect, it } from 'vitest';
import { bucketLabel, chartPanels, LIGHT_THEME, withAlpha } from '../../src-renderer/src/features/charts/chart-config';
import type { ChartSeries } from '../../src-preload/contract';
import { trackers } from './stub-api';

describe('chart configurations', () => {
  it('turns decimation on and drops the points for a long numerical series', () => {
    const points = Array.from({ length: 5000 }, (_, i) => ({ t: new Date(Date.UTC(2010, 0, 1 + i)).toISOString().slice(0, 10), y: i % 10 }));
    const [panel] = chartPanels({ kind: 'line', granularity: 'day', unit: 'hours', target: null, points }, trackers.numerical, LIGHT_THEME);
    const options = panel?.config.options as { parsing: boolean; plugins: { decimation: { enabled: boolean } } };
    expect(options.parsing).toBe(false);
    expect(options.plugins.decimation.enabled).toBe(true);
    expect((panel?.config.data.datasets[0] as { pointRadius: number }).pointRadius).toBe(0);
    expect(panel?.config.data.datasets).toHaveLength(1);
  });

  it('shows a series of one point as a point inside a real axis range, not an empty box', () => {
    const series: ChartSeries = { kind: 'line', granularity: 'day', unit: 'hours', target: 8, points: [{ t: '2026-03-01', y: 7.5 }] };
    const [panel] = chartPanels(series, trackers.numerical, LIGHT_THEME);
    const [values, target] = (panel?.config.data.datasets ?? []) as { pointRadius: number; data: { x: number; y: number }[] }[];
    expect(values?.pointRadius).toBeGreaterThan(0);
    const scales = panel?.config.options?.scales as { x: { min: number; max: number }; y: { suggestedMin: number; suggestedMax: number } };
    const day = Date.UTC(2026, 2, 1);
    // The point sits inside the x axis, which spans more than that one instant.
    expect(scales.x.min).toBeLessThan(day);
    expect(scales.x.max).toBeGreaterThan(day);
    // The y axis spans the value and the target, with room around them.
    expect(scales.y.suggestedMin).toBeLessThan(7.5);
    expect(scales.y.suggestedMax).toBeGreaterThan(8);
    // The target line crosses the whole axis, not a zero-length stretch under the point.
    expect(target?.data.map((point) => point.x)).toEqual([scales.x.min, scales.x.max]);
  });

  it('keeps the axis to the points when there are several', () => {
    const series: ChartSeries = { kind: 'line', granularity: 'day', unit: 'hours', target: null, points: [{ t: '2026-03-01', y: 7 }, { t: '2026-03-05', y: 9 }] };
    const scales = chartPanels(series, trackers.numerical, LIGHT_THEME)[0]?.config.options?.scales as { x: { min: number; max: number } };
    expect([scales.x.min, scales.x.max]).toEqual([Date.UTC(2026, 2, 1), Date.UTC(2026, 2, 5)]);
  });

  it('draws durations in hours with an average line', () => {
    const series: ChartSeries = { kind: 'duration', granularity: 'day', averageSeconds: 5400, bars: [{ t: '2026-03-01', seconds: 3600 }, { t: '2026-03-02', seconds: 7200 }] };
    const [panel] = chartPanels(series, trackers.duration, LIGHT_THEME);
    const [bars, average] = panel?.config.data.datasets ?? [];
    expect(bars?.data).toEqual([1, 2]);
    expect(average).toMatchObject({ type: 'line', label: 'Average (1h 30m)', data: [1.5, 1.5] });
    expect(panel?.summary).toBe('3h in total, 1h 30m on average per day.');
  });

  it('labels buckets by day, week and month', () => {
    expect(bucketLabel('2026-03-02', 'week')).toMatch(/^Week of /);
    expect(bucketLabel('2026-03-01', 'month')).toMatch(/2026/);
  });

  it('makes translucent colours from #rrggbb', () => {
    expect(withAlpha('#ff8000', 0.5)).toBe('rgba(255, 128, 0, 0.5)');
    expect(withAlpha('var(--accent)', 0.5)).toBe('var(--accent)');
  });
});
