/**
 * The chart.js configurations that draw a tracker's chart series. The series are computed
 * in the core; this only maps them to datasets, axes and labels. Pure, tested.
 */
import type { ChartConfiguration, TooltipItem } from 'chart.js';
import type { ChartSeries, Granularity, Tracker } from '../../../../src-preload/contract';
import { formatAmount, formatDuration } from '../logs/format';
import { formatDay } from '../logs/zoned-time';

/** Colours the charts draw with, read from the page's CSS variables (light or dark). */
export interface ChartTheme {
  text: string;
  muted: string;
  grid: string;
  /** Distinct colours for multiple-choice options. */
  series: readonly string[];
}

export const LIGHT_THEME: ChartTheme = {
  text: '#1b1f24',
  muted: '#5a6270',
  grid: '#d3d8df',
  series: ['#2f6fdf', '#d9822b', '#1f9d74', '#c2416b', '#7b4fd0', '#0f8fa8', '#8a8f1f', '#b5472e'],
};

/** The theme of the page: CSS variables `--text`, `--muted`, `--border`. */
export function themeOf(element: Element): ChartTheme {
  const style = getComputedStyle(element);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return { ...LIGHT_THEME, text: read('--text', LIGHT_THEME.text), muted: read('--muted', LIGHT_THEME.muted), grid: read('--border', LIGHT_THEME.grid) };
}

/** One chart of a tracker page: a title for people and a configuration for chart.js. */
export interface ChartPanel {
  readonly key: string;
  readonly title: string;
  /** What a screen reader hears instead of the picture. */
  readonly summary: string;
  readonly config: ChartConfiguration;
}

/** Long series draw without points and are decimated (LTTB) to about this many samples. */
const DECIMATE_TO = 800;

const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** `25 Nov`, `Week of 24 Nov`, `Nov 2026`. */
export function bucketLabel(day: string, granularity: Granularity): string {
  if (granularity === 'month') return formatDay(day, 'month');
  if (granularity === 'week') return `Week of ${formatDay(day, 'short')}`;
  return formatDay(day, 'short');
}

/** An axis label: `25 Nov` for days and weeks, `Nov 2026` for months (the tooltip says more). */
export function tickLabel(day: string, granularity: Granularity): string {
  return granularity === 'month' ? formatDay(day, 'month') : formatDay(day, 'short');
}

/** Tooltip titles naming the whole bucket (`Week of 24 Nov`) for category charts. */
function bucketTitles(days: readonly string[], granularity: Granularity) {
  return { title: (items: readonly { dataIndex: number }[]) => (items[0] ? bucketLabel(days[items[0].dataIndex] ?? '', granularity) : '') };
}

/** A duration rounded to whole minutes once it is over a minute: averages need no seconds. */
export function roundedDuration(seconds: number): string {
  return formatDuration(seconds >= 60 ? Math.round(seconds / 60) * 60 : seconds);
}

/** A colour with an alpha, from `#rrggbb`. */
export function withAlpha(color: string, alpha: number): string {
  const match = /^#([0-9a-f]{6})$/i.exec(color.trim());
  if (!match?.[1]) return color;
  const n = Number.parseInt(match[1], 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

function baseOptions(theme: ChartTheme) {
  return {
    responsive: true,
    maintainAspectRatio: false,
    // Charts are redrawn on every range change; animation would only delay the answer.
    animation: false as const,
    color: theme.text,
    plugins: { legend: { labels: { color: theme.text, boxWidth: 14 } } },
  };
}

function axis(theme: ChartTheme, title?: string) {
  return {
    // Flat labels, thinned out, read better than a fence of rotated dates.
    ticks: { color: theme.muted, maxRotation: 0, autoSkipPadding: 14 },
    grid: { color: withAlpha(theme.grid.startsWith('#') ? theme.grid : '#888888', 0.6) },
    ...(title ? { title: { display: true, text: title, color: theme.muted } } : {}),
  };
}

const BUCKET_DAYS: Record<Granularity, number> = { day: 1, week: 7, month: 31 };

/**
 * The x axis's ends: the first and last point. A single day has no width (chart.js then
 * draws nothing at all), so one point gets a bucket of room on each side.
 */
function xSpan(points: readonly { x: number }[], granularity: Granularity): { firstX: number | undefined; lastX: number | undefined } {
  const first = points[0]?.x;
  const last = points.at(-1)?.x;
  if (first === undefined || last === undefined || first < last) return { firstX: first, lastX: last };
  const room = BUCKET_DAYS[granularity] * 86_400_000;
  return { firstX: first - room, lastX: last + room };
}

/** Room above and below the values (and target), so a flat line or one point sits inside the axis. */
function valueSpan(values: readonly number[]): { suggestedMin?: number; suggestedMax?: number } {
  if (values.length === 0) return {};
  const low = Math.min(...values);
  const high = Math.max(...values);
  const room = high > low ? (high - low) * 0.1 : Math.max(Math.abs(high) * 0.1, 1);
  return { suggestedMin: low - room, suggestedMax: high + room };
}

function lineConfig(series: Extract<ChartSeries, { kind: 'line' }>, tracker: Tracker, theme: ChartTheme): ChartConfiguration {
  const color = tracker.color || theme.series[0] || '#2f6fdf';
  const points = series.points.map((point) => ({ x: dayMs(point.t), y: point.y }));
  const long = points.length > 120;
  const { firstX, lastX } = xSpan(points, series.granularity);
  const ySpan = valueSpan([...points.map((point) => point.y), ...(series.target === null ? [] : [series.target])]);
  const datasets: ChartConfiguration<'line'>['data']['datasets'] = [
    {
      label: series.unit ? `${tracker.name} (${series.unit})` : tracker.name,
      data: points,
      borderColor: color,
      backgroundColor: withAlpha(color, 0.2),
      borderWidth: 2,
      pointRadius: long ? 0 : 3,
      pointHoverRadius: 4,
      tension: 0.2,
    },
  ];
  if (series.target !== null && firstX !== undefined && lastX !== undefined) {
    datasets.push({
      label: 'Target',
      data: [
        { x: firstX, y: series.target },
        { x: lastX, y: series.target },
      ],
      borderColor: theme.muted,
      borderDash: [6, 4],
      borderWidth: 1.5,
      pointRadius: 0,
    });
  }
  const config: ChartConfiguration<'line'> = {
    type: 'line',
    data: { datasets },
    options: {
      ...baseOptions(theme),
      // Decimation needs raw {x, y} points on a linear axis, not parsed data.
      parsing: false,
      normalized: true,
      interaction: { mode: 'nearest', axis: 'x', intersect: false },
      scales: {
        x: {
          type: 'linear',
          ...axis(theme),
          min: firstX,
          max: lastX,
          ticks: { color: theme.muted, maxRotation: 0, maxTicksLimit: 8, callback: (value) => tickLabel(dayOf(Number(value)), series.granularity === 'month' || (lastX ?? 0) - (firstX ?? 0) > 120 * 86_400_000 ? 'month' : 'day') },
        },
        y: { type: 'linear', ...axis(theme, series.unit || undefined), ...ySpan },
      },
      plugins: {
        ...baseOptions(theme).plugins,
        decimation: { enabled: true, algorithm: 'lttb', samples: DECIMATE_TO, threshold: DECIMATE_TO },
        tooltip: {
          callbacks: {
            title: (items: TooltipItem<'line'>[]) => (items[0] ? bucketLabel(dayOf(items[0].parsed.x ?? 0), series.granularity) : ''),
            label: (item: TooltipItem<'line'>) => `${item.dataset.label ?? ''}: ${formatAmount(tracker.settings, item.parsed.y ?? 0)}`,
          },
        },
      },
    },
  };
  return config as unknown as ChartConfiguration;
}

function doneConfig(series: Extract<ChartSeries, { kind: 'done' }>, tracker: Tracker, theme: ChartTheme): ChartConfiguration {
  const color = tracker.color || theme.series[0] || '#2f6fdf';
  const config: ChartConfiguration<'bar'> = {
    type: 'bar',
    data: {
      labels: series.bars.map((bar) => tickLabel(bar.t, series.granularity)),
      datasets: [
        { label: 'Days with yes', data: series.bars.map((bar) => bar.done), backgroundColor: color, stack: 'days' },
        { label: 'Other days', data: series.bars.map((bar) => Math.max(0, bar.days - bar.done)), backgroundColor: withAlpha(theme.grid.startsWith('#') ? theme.grid : '#999999', 0.7), stack: 'days' },
      ],
    },
    options: {
      ...baseOptions(theme),
      scales: { x: { stacked: true, ...axis(theme) }, y: { stacked: true, beginAtZero: true, ...axis(theme, 'days'), ticks: { color: theme.muted, precision: 0 } } },
      plugins: { ...baseOptions(theme).plugins, tooltip: { callbacks: bucketTitles(series.bars.map((bar) => bar.t), series.granularity) } },
    },
  };
  return config as unknown as ChartConfiguration;
}

function choiceConfigs(series: Extract<ChartSeries, { kind: 'choice' }>, theme: ChartTheme): ChartConfiguration[] {
  const colorOf = (index: number) => theme.series[index % theme.series.length] ?? '#2f6fdf';
  const distribution: ChartConfiguration<'bar'> = {
    type: 'bar',
    data: {
      labels: series.distribution.map((entry) => entry.label),
      datasets: [{ label: 'Entries', data: series.distribution.map((entry) => entry.count), backgroundColor: series.distribution.map((_, i) => colorOf(i)) }],
    },
    options: {
      ...baseOptions(theme),
      indexAxis: 'y',
      plugins: { ...baseOptions(theme).plugins, legend: { display: false } },
      scales: { x: { beginAtZero: true, ...axis(theme, 'entries'), ticks: { color: theme.muted, precision: 0 } }, y: axis(theme) },
    },
  };
  const stacked: ChartConfiguration<'bar'> = {
    type: 'bar',
    data: {
      labels: series.stacked.map((bucket) => tickLabel(bucket.t, series.granularity)),
      datasets: series.distribution.map((option, i) => ({
        label: option.label,
        data: series.stacked.map((bucket) => bucket.counts[option.optionId] ?? 0),
        backgroundColor: colorOf(i),
        stack: 'options',
      })),
    },
    options: {
      ...baseOptions(theme),
      scales: { x: { stacked: true, ...axis(theme) }, y: { stacked: true, beginAtZero: true, ...axis(theme, 'entries'), ticks: { color: theme.muted, precision: 0 } } },
      plugins: { ...baseOptions(theme).plugins, tooltip: { callbacks: bucketTitles(series.stacked.map((bucket) => bucket.t), series.granularity) } },
    },
  };
  return [distribution as unknown as ChartConfiguration, stacked as unknown as ChartConfiguration];
}

function durationConfig(series: Extract<ChartSeries, { kind: 'duration' }>, tracker: Tracker, theme: ChartTheme): ChartConfiguration {
  const color = tracker.color || theme.series[0] || '#2f6fdf';
  const hours = (seconds: number) => Math.round((seconds / 3600) * 100) / 100;
  const labels = series.bars.map((bar) => tickLabel(bar.t, series.granularity));
  const datasets: ChartConfiguration<'bar' | 'line'>['data']['datasets'] = [
    { type: 'bar', label: 'Total', data: series.bars.map((bar) => hours(bar.seconds)), backgroundColor: withAlpha(color, 0.85), order: 2 },
  ];
  if (series.averageSeconds !== null) {
    const average = hours(series.averageSeconds);
    datasets.push({
      type: 'line',
      label: `Average (${roundedDuration(series.averageSeconds)})`,
      data: labels.map(() => average),
      borderColor: theme.text,
      borderDash: [6, 4],
      borderWidth: 1.5,
      pointRadius: 0,
      order: 1,
    });
  }
  const config: ChartConfiguration<'bar' | 'line'> = {
    type: 'bar',
    data: { labels, datasets },
    options: {
      ...baseOptions(theme),
      scales: { x: axis(theme), y: { beginAtZero: true, ...axis(theme, 'hours') } },
      plugins: {
        ...baseOptions(theme).plugins,
        tooltip: {
          callbacks: {
            ...bucketTitles(series.bars.map((bar) => bar.t), series.granularity),
            label: (item: TooltipItem<'bar' | 'line'>) => `${item.dataset.label ?? ''}: ${roundedDuration((item.parsed.y ?? 0) * 3600)}`,
          },
        },
      },
    },
  };
  return config as unknown as ChartConfiguration;
}

/**
 * The heat map's title: the days it colours, as the core sent them. The core stops at a
 * year's grid; when the range is longer (its days are the bars' days) the title says so.
 */
export function heatmapCaption(series: Extract<ChartSeries, { kind: 'done' }>): string {
  const first = series.heatmap[0]?.day;
  const last = series.heatmap.at(-1)?.day;
  if (first === undefined || last === undefined) return 'Day by day';
  const span = `${formatDay(first)} – ${formatDay(last)}`;
  const rangeDays = series.bars.reduce((sum, bar) => sum + bar.days, 0);
  return series.heatmap.length < rangeDays ? `Day by day, the last year of the range: ${span}` : `Day by day, ${span}`;
}

/** The chart.js panels of a series (the boolean heat map is drawn apart, as SVG). */
export function chartPanels(series: ChartSeries, tracker: Tracker, theme: ChartTheme): ChartPanel[] {
  const per = series.granularity;
  switch (series.kind) {
    case 'line': {
      const values = series.points.map((point) => point.y);
      const summary = values.length
        ? `${values.length} points per ${per}, from ${formatAmount(tracker.settings, Math.min(...values))} to ${formatAmount(tracker.settings, Math.max(...values))}.`
        : 'No entries in this range.';
      return [{ key: 'line', title: `${tracker.name} per ${per}`, summary, config: lineConfig(series, tracker, theme) }];
    }
    case 'done': {
      const done = series.bars.reduce((sum, bar) => sum + bar.done, 0);
      const days = series.bars.reduce((sum, bar) => sum + bar.days, 0);
      return [{ key: 'done', title: `Days with yes per ${per}`, summary: `${done} of ${days} days with yes.`, config: doneConfig(series, tracker, theme) }];
    }
    case 'choice': {
      const [distribution, stacked] = choiceConfigs(series, theme) as [ChartConfiguration, ChartConfiguration];
      const summary = series.distribution.map((entry) => `${entry.label}: ${entry.count}`).join(', ') || 'No entries in this range.';
      return [
        { key: 'distribution', title: 'How often each option was chosen', summary, config: distribution },
        { key: 'stacked', title: `Options per ${per}`, summary, config: stacked },
      ];
    }
    case 'duration': {
      const total = series.bars.reduce((sum, bar) => sum + bar.seconds, 0);
      const summary = `${roundedDuration(total)} in total${series.averageSeconds !== null ? `, ${roundedDuration(series.averageSeconds)} on average per ${per}` : ''}.`;
      return [{ key: 'duration', title: `Time per ${per}`, summary, config: durationConfig(series, tracker, theme) }];
    }
  }
}
