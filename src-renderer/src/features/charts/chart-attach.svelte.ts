/**
 * Mount a chart.js chart on a canvas through `{@attach}`: create it when the canvas
 * appears, update it in place when its configuration changes (no flicker, no new canvas),
 * destroy it when the canvas goes. The constructor is injectable so component tests can
 * run without a real canvas.
 */
import type { ChartConfiguration } from 'chart.js';
import { untrack } from 'svelte';
import type { Attachment } from 'svelte/attachments';

/** What the attachment needs of a chart.js instance. */
export interface ChartHandle {
  data: ChartConfiguration['data'];
  options: NonNullable<ChartConfiguration['options']>;
  update(mode?: 'none'): void;
  destroy(): void;
}

export type ChartFactory = (canvas: HTMLCanvasElement, config: ChartConfiguration) => ChartHandle;

/** Performance entry names, read by bench/dashboard-render.ts. */
export const CHART_DRAWN_MARK = 'qs:chart-drawn';
export const CHART_DRAW_MEASURE = 'qs:chart-draw';
/** Set when a chart's series is asked for (range or granularity changed). */
export const CHART_REQUESTED_MARK = 'qs:chart-requested';

/** Time a draw (creation or update) as a performance measure, then mark it done. */
function timed<T>(kind: string, draw: () => T): T {
  const started = performance.now();
  const value = draw();
  performance.measure(CHART_DRAW_MEASURE, { start: started, end: performance.now(), detail: { kind } });
  performance.mark(CHART_DRAWN_MARK, { detail: { kind } });
  return value;
}

export function chartAttachment(config: () => ChartConfiguration, create: ChartFactory): Attachment<HTMLCanvasElement> {
  return (canvas) => {
    const kind = canvas.dataset.kind ?? '';
    const chart = timed(kind, () => create(canvas, untrack(config)));
    let first = true;
    $effect(() => {
      const next = config();
      // The first run only subscribes: the chart was just created with this configuration.
      if (first) {
        first = false;
        return;
      }
      timed(kind, () => {
        chart.data = next.data;
        chart.options = next.options ?? {};
        chart.update('none');
      });
    });
    return () => chart.destroy();
  };
}
