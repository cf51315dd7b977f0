import { render, screen } from '@testing-library/svelte';
import type { ChartConfiguration } from 'chart.js';
import { flushSync } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import type { ChartFactory, ChartHandle } from '../../src-renderer/src/features/charts/chart-attach.svelte';
import TrackerChart from '../../src-renderer/src/features/charts/TrackerChart.svelte';
import { formatDay } from '../../src-renderer/src/features/logs/zoned-time';
import type { Api, ChartSeries, Range } from '../../src-preload/contract';
import { ok, stubApi, trackers } from './stub-api';

/** A chart.js stand-in that records what the attachment does to it. */
function fakeCharts() {
  const created: { canvas: HTMLCanvasElement; config: ChartConfiguration; handle: ChartHandle & { update: ReturnType<typeof vi.fn>; destroy: ReturnType<typeof vi.fn> } }[] = [];
  const create: ChartFactory = (canvas, config) => {
    const handle = { data: config.data, options: config.options ?? {}, update: vi.fn(), destroy: vi.fn() };
    created.push({ canvas, config, handle });
    return handle;
  };
  return { created, create };
}

const line = (ys: number[]): ChartSeries => ({
  kind: 'line',
  granularity: 'day',
  unit: 'hours',
  target: 8,
  points: ys.map((y, i) => ({ t: `2026-03-${String(i + 1).padStart(2, '0')}`, y })),
});

function renderChart(seriesOf: (range: Range) => ChartSeries, range: Range = { preset: '7d' }) {
  const chartSeries = vi.fn<Api['chartSeries']>(async (input) => ok({ series: seriesOf(input.range) }));
  const charts = fakeCharts();
  const view = render(TrackerChart, { props: { api: stubApi({ chartSeries }), tracker: trackers.numerical, range, create: charts.create } });
  return { ...charts, chartSeries, view };
}

describe('the chart attachment', () => {
  it('creates one chart on the canvas with the series as {x, y} points and the target line', async () => {
    const { created } = renderChart(() => line([7, 8.5, 6]));
    await vi.waitFor(() => expect(created).toHaveLength(1));
    const { canvas, config } = created[0]!;
    expect(canvas.tagName).toBe('CANVAS');
    expect(config.type).toBe('line');
    const [values, target] = config.data.datasets;
    expect(values?.data).toEqual([
      { x: Date.UTC(2026, 2, 1), y: 7 },
      { x: Date.UTC(2026, 2, 2), y: 8.5 },
      { x: Date.UTC(2026, 2, 3), y: 6 },
    ]);
    expect(target?.label).toBe('Target');
    expect(target?.data).toEqual([
      { x: Date.UTC(2026, 2, 1), y: 8 },
      { x: Date.UTC(2026, 2, 3), y: 8 },
    ]);
  });

  it('updates the same chart in place when the range changes, then destroys it on unmount', async () => {
    const { created, chartSeries, view } = renderChart((range) => ('preset' in range && range.preset === '30d' ? line([1, 2, 3, 4]) : line([5])));
    await vi.waitFor(() => expect(created).toHaveLength(1));
    const handle = created[0]!.handle;

    await view.rerender({ range: { preset: '30d' } });
    await vi.waitFor(() => expect(handle.update).toHaveBeenCalledWith('none'));
    expect(chartSeries).toHaveBeenLastCalledWith({ trackerId: 't-num', range: { preset: '30d' } });
    expect(created).toHaveLength(1);
    expect(handle.data.datasets[0]?.data).toHaveLength(4);

    view.unmount();
    flushSync();
    expect(handle.destroy).toHaveBeenCalledOnce();
  });

  it('draws a yes/no tracker as done-day bars plus a heat map of the days', async () => {
    const charts = fakeCharts();
    const series: ChartSeries = {
      kind: 'done',
      granularity: 'week',
      answeredDays: 2,
      bars: [{ t: '2026-03-02', done: 5, days: 7 }],
      heatmap: [
        { day: '2026-03-02', done: true, answered: true },
        { day: '2026-03-03', done: false, answered: true },
      ],
    };
    render(TrackerChart, {
      props: { api: stubApi({ chartSeries: () => ok({ series }) }), tracker: trackers.boolean, range: { preset: '1y' }, create: charts.create },
    });
    await vi.waitFor(() => expect(charts.created).toHaveLength(1));
    expect(charts.created[0]?.config.data.datasets.map((dataset) => dataset.data)).toEqual([[5], [2]]);
    const heatmap = screen.getByRole('img', { name: `Meditated: 1 of 2 days with yes, ${formatDay('2026-03-02')} – ${formatDay('2026-03-03')}` });
    expect(heatmap.querySelectorAll('rect.done')).toHaveLength(1);
    expect(heatmap.querySelectorAll('rect.missed')).toHaveLength(1);
  });

  it('draws a range answered only No (not “no entries”), telling No days from days without an answer', async () => {
    const series: ChartSeries = {
      kind: 'done',
      granularity: 'day',
      answeredDays: 1,
      bars: [{ t: '2026-03-02', done: 0, days: 1 }, { t: '2026-03-03', done: 0, days: 1 }],
      heatmap: [
        { day: '2026-03-02', done: false, answered: false },
        { day: '2026-03-03', done: false, answered: true },
      ],
    };
    render(TrackerChart, {
      props: { api: stubApi({ chartSeries: () => ok({ series }) }), tracker: trackers.boolean, range: { preset: '7d' }, create: fakeCharts().create },
    });
    const figure = await screen.findByTestId('chart-heatmap');
    expect(screen.queryByText(/No entries in this range yet/)).toBeNull();
    expect([...figure.querySelectorAll('rect')].map((rect) => [rect.getAttribute('class'), rect.querySelector('title')?.textContent])).toEqual([
      ['none', `${formatDay('2026-03-02')}: no answer`],
      ['missed', `${formatDay('2026-03-03')}: no`],
    ]);
  });

  it('titles the heat map with the days it colours, and draws only those days', async () => {
    // 30 days, as the page's default range asks for: not a year of empty squares.
    const days = Array.from({ length: 30 }, (_, i) => new Date(Date.UTC(2026, 9, 27 + i)).toISOString().slice(0, 10));
    const series: ChartSeries = {
      kind: 'done',
      granularity: 'day',
      answeredDays: 30,
      bars: days.map((day, i) => ({ t: day, done: i % 2, days: 1 })),
      heatmap: days.map((day, i) => ({ day, done: i % 2 === 1, answered: true })),
    };
    render(TrackerChart, {
      props: { api: stubApi({ chartSeries: () => ok({ series }) }), tracker: trackers.boolean, range: { preset: '30d' }, create: fakeCharts().create },
    });
    const figure = await screen.findByTestId('chart-heatmap');
    const range = `${formatDay('2026-10-27')} – ${formatDay('2026-11-25')}`;
    expect(figure.querySelector('figcaption')?.textContent).toBe(`Day by day, ${range}`);
    expect(figure.querySelectorAll('rect')).toHaveLength(30);
    expect(screen.getByRole('img', { name: `Meditated: 15 of 30 days with yes, ${range}` })).toBeTruthy();
  });

  it('says when the heat map shows only the last year of a longer range', async () => {
    const heatmap = Array.from({ length: 367 }, (_, i) => ({ day: new Date(Date.UTC(2025, 10, 24 + i)).toISOString().slice(0, 10), done: false, answered: false }));
    const series: ChartSeries = { kind: 'done', granularity: 'month', answeredDays: 1, bars: [{ t: '2024-01-01', done: 1, days: 1060 }], heatmap };
    render(TrackerChart, {
      props: { api: stubApi({ chartSeries: () => ok({ series }) }), tracker: trackers.boolean, range: { preset: 'all' }, create: fakeCharts().create },
    });
    const figure = await screen.findByTestId('chart-heatmap');
    expect(figure.querySelector('figcaption')?.textContent).toBe(`Day by day, the last year of the range: ${formatDay('2025-11-24')} – ${formatDay('2026-11-25')}`);
  });

  it('draws two charts for a multiple-choice tracker: the distribution and the stacked counts', async () => {
    const charts = fakeCharts();
    const series: ChartSeries = {
      kind: 'choice',
      granularity: 'month',
      distribution: [
        { optionId: 'o-good', label: 'Good', count: 3 },
        { optionId: 'o-bad', label: 'Bad', count: 1 },
      ],
      stacked: [{ t: '2026-03-01', counts: { 'o-good': 3, 'o-bad': 1 } }],
    };
    render(TrackerChart, {
      props: { api: stubApi({ chartSeries: () => ok({ series }) }), tracker: trackers.multipleChoice, range: { preset: '90d' }, create: charts.create },
    });
    await vi.waitFor(() => expect(charts.created).toHaveLength(2));
    expect(charts.created[0]?.config.data.labels).toEqual(['Good', 'Bad']);
    expect(charts.created[1]?.config.data.datasets.map((dataset) => [dataset.label, dataset.data])).toEqual([
      ['Good', [3]],
      ['Bad', [1]],
    ]);
  });

  it('says what to do instead of drawing an empty chart', async () => {
    const { created } = renderChart(() => line([]));
    expect(await screen.findByText(/No entries in this range yet/)).toBeTruthy();
    expect(created).toHaveLength(0);
  });
});
