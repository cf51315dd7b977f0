/**
 * The report's charts as SVG text: a line of daily values, bars per day, a yes/no calendar
 * strip and a bar per choice option. Vector marks stay crisp in a PDF at any zoom; no
 * canvas, script, external font or image is needed. Every chart is an image with a title
 * and a text equivalent (`role="img"`, `<title>`, `<desc>`), and a fixed viewBox that
 * scales to the column's width. Geometry comes from `chart-layouts.ts`.
 */
import { barLayout, CHART_HEIGHT, CHART_WIDTH, lineLayout, OPTION_BAR_LEFT, OPTION_BAR_RIGHT, optionLayout, stripLayout, type DailyInput, type DayAnswer, type Plot, type Tick } from './chart-layouts';
import { escapeHtml, inkOn, safeColor, safeId } from './html-text';

/** What a chart says to someone who cannot see it. */
export interface ChartLabel {
  /** Unique in the document: the chart's `<title>` and `<desc>` ids derive from it. */
  readonly id: string;
  /** A short name: "Sleep per day, November 2026". */
  readonly title: string;
  /** The text equivalent: what the chart shows, in a sentence or two. */
  readonly description: string;
}

export interface ChartLook {
  readonly label: ChartLabel;
  /** The tracker's colour, `#rrggbb`. */
  readonly color: string;
}

const FONT = 'system-ui, -apple-system, &quot;Segoe UI&quot;, Roboto, &quot;Liberation Sans&quot;, Arial, sans-serif';
const GRID = '#d9d9d9';
const AXIS_TEXT = '#555555';
const LEVEL = '#333333';

/** A coordinate with one decimal: enough for print, short text. */
const u = (n: number): string => String(Math.round(n * 10) / 10);

function open(label: ChartLabel, width: number, height: number, className: string): string {
  const id = safeId(label.id);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart ${className}" viewBox="0 0 ${u(width)} ${u(height)}" role="img" aria-labelledby="${id}-title ${id}-desc" font-family="${FONT}" font-size="11">` +
    `<title id="${id}-title">${escapeHtml(label.title)}</title><desc id="${id}-desc">${escapeHtml(label.description)}</desc>`
  );
}

function axes(plot: Plot, yTicks: readonly Tick[], xTicks: readonly Tick[]): string {
  const grid = yTicks.map((tick) => `<line x1="${u(plot.left)}" x2="${u(plot.right)}" y1="${u(tick.at)}" y2="${u(tick.at)}" stroke="${GRID}" stroke-width="0.75"/>`).join('');
  const yText = yTicks.map((tick) => `<text x="${u(plot.left - 6)}" y="${u(tick.at + 4)}" text-anchor="end" fill="${AXIS_TEXT}">${escapeHtml(tick.text)}</text>`).join('');
  const xText = xTicks.map((tick) => `<text x="${u(tick.at)}" y="${u(plot.bottom + 16)}" text-anchor="middle" fill="${AXIS_TEXT}">${escapeHtml(tick.text)}</text>`).join('');
  return `<g aria-hidden="true">${grid}${yText}${xText}</g>`;
}

/** A dashed level across the plot with its name at the right: the target, an average. */
function level(plot: Plot, y: number, text: string, dash: string, labelY = y): string {
  return (
    `<line x1="${u(plot.left)}" x2="${u(plot.right)}" y1="${u(y)}" y2="${u(y)}" stroke="${LEVEL}" stroke-width="1.25" stroke-dasharray="${dash}"/>` +
    `<text x="${u(plot.right + 6)}" y="${u(labelY + 4)}" fill="${LEVEL}">${escapeHtml(text)}</text>`
  );
}

/** Two level labels closer than a line of text are moved apart, so both stay readable. */
function spread(a: number, b: number): [number, number] {
  const gap = 12;
  if (Math.abs(a - b) >= gap) return [a, b];
  const middle = (a + b) / 2;
  return a <= b ? [middle - gap / 2, middle + gap / 2] : [middle + gap / 2, middle - gap / 2];
}

const nothing = (plot: Plot, text: string): string =>
  `<text x="${u((plot.left + plot.right) / 2)}" y="${u((plot.top + plot.bottom) / 2)}" text-anchor="middle" fill="${AXIS_TEXT}">${escapeHtml(text)}</text>`;

/** A numerical tracker's value per day as a line (a dot per day), the target as a dashed level. */
export function svgLineChart(input: DailyInput & ChartLook): string {
  const layout = lineLayout(input);
  const color = safeColor(input.color);
  const lines = layout.segments.map((segment) => `<polyline fill="none" stroke="${color}" stroke-width="2" stroke-linejoin="round" stroke-linecap="round" points="${segment.map((p) => `${u(p.x)},${u(p.y)}`).join(' ')}"/>`).join('');
  const dots = layout.points.map((p) => `<circle cx="${u(p.x)}" cy="${u(p.y)}" r="2.75" fill="${color}" stroke="#ffffff" stroke-width="0.75"/>`).join('');
  const target = layout.target === null ? '' : level(layout.plot, layout.target.y, `target ${layout.target.text}`, '5 3');
  return (
    open(input.label, CHART_WIDTH, CHART_HEIGHT, 'chart-line') +
    axes(layout.plot, layout.yTicks, layout.xTicks) +
    (layout.points.length === 0 ? nothing(layout.plot, 'No values') : '') +
    target +
    lines +
    dots +
    '</svg>'
  );
}

/** A value per day as bars from zero (durations: time per day), with the target and the average as levels. */
export function svgBarChart(input: DailyInput & ChartLook & { readonly average?: number | null }): string {
  const layout = barLayout(input);
  const color = safeColor(input.color);
  const bars = layout.bars.filter((bar) => bar.height > 0).map((bar) => `<rect x="${u(bar.x)}" y="${u(bar.y)}" width="${u(bar.width)}" height="${u(bar.height)}" fill="${color}"/>`).join('');
  const zero = `<line x1="${u(layout.plot.left)}" x2="${u(layout.plot.right)}" y1="${u(layout.baseline)}" y2="${u(layout.baseline)}" stroke="${AXIS_TEXT}" stroke-width="1"/>`;
  let levels = '';
  if (layout.target !== null && layout.average !== null) {
    const [targetY, averageY] = spread(layout.target.y, layout.average.y);
    levels = level(layout.plot, layout.target.y, `target ${layout.target.text}`, '5 3', targetY) + level(layout.plot, layout.average.y, `avg ${layout.average.text}`, '1.5 2.5', averageY);
  } else if (layout.target !== null) levels = level(layout.plot, layout.target.y, `target ${layout.target.text}`, '5 3');
  else if (layout.average !== null) levels = level(layout.plot, layout.average.y, `avg ${layout.average.text}`, '1.5 2.5');
  return (
    open(input.label, CHART_WIDTH, CHART_HEIGHT, 'chart-bars') +
    axes(layout.plot, layout.yTicks, layout.xTicks) +
    (layout.bars.every((bar) => bar.height === 0) ? nothing(layout.plot, 'No values') : '') +
    bars +
    zero +
    levels +
    '</svg>'
  );
}

/**
 * A yes/no tracker's month as a row of day squares: yes filled in the tracker's colour with a
 * tick, no as an outlined square with a dash, no answer as a dotted outline — told apart
 * by shape as well as colour, so a grey print still reads.
 */
export function svgHeatStrip(input: ChartLook & { readonly days: readonly { readonly day: string; readonly answer: DayAnswer }[] }): string {
  const layout = stripLayout(input.days);
  const color = safeColor(input.color);
  const ink = inkOn(color);
  const cells = layout.cells
    .map((cell) => {
      const cx = cell.x + cell.size / 2;
      const cy = cell.y + cell.size / 2;
      const s = cell.size;
      const square = (fill: string, stroke: string, dash = '') => `<rect x="${u(cell.x)}" y="${u(cell.y)}" width="${u(s)}" height="${u(s)}" rx="2" fill="${fill}" stroke="${stroke}" stroke-width="1"${dash}/>`;
      const mark =
        cell.answer === 'yes'
          ? square(color, color) + `<polyline fill="none" stroke="${ink}" stroke-width="1.75" stroke-linecap="round" stroke-linejoin="round" points="${u(cx - s * 0.25)},${u(cy)} ${u(cx - s * 0.06)},${u(cy + s * 0.2)} ${u(cx + s * 0.27)},${u(cy - s * 0.22)}"/>`
          : cell.answer === 'no'
            ? square('#f2f2f2', '#8c8c8c') + `<line x1="${u(cx - s * 0.2)}" x2="${u(cx + s * 0.2)}" y1="${u(cy)}" y2="${u(cy)}" stroke="#6b6b6b" stroke-width="1.5" stroke-linecap="round"/>`
            : square('none', '#bdbdbd', ' stroke-dasharray="2 2"');
      return (
        `<text x="${u(cx)}" y="${u(cell.y - 5)}" text-anchor="middle" font-size="9" fill="${AXIS_TEXT}">${escapeHtml(cell.weekday)}</text>` +
        mark +
        `<text x="${u(cx)}" y="${u(cell.y + s + 13)}" text-anchor="middle" font-size="9" fill="${AXIS_TEXT}">${cell.dayNumber}</text>`
      );
    })
    .join('');
  return open(input.label, CHART_WIDTH, layout.height, 'chart-strip') + `<g aria-hidden="true">${cells}</g></svg>`;
}

const MAX_LABEL_CHARACTERS = 26;
const shortLabel = (label: string): string => {
  const characters = [...label];
  return characters.length > MAX_LABEL_CHARACTERS ? `${characters.slice(0, MAX_LABEL_CHARACTERS - 1).join('')}…` : label;
};

/** A multiple-choice tracker's options as horizontal bars, with each option's count and share. */
export function svgOptionBars(input: ChartLook & { readonly options: readonly { readonly label: string; readonly count: number }[]; readonly formatShare: (share: number) => string }): string {
  const layout = optionLayout(input.options);
  const color = safeColor(input.color);
  const rows = layout.rows
    .map((row) => {
      const middle = row.y + 11;
      return (
        `<text x="${u(OPTION_BAR_LEFT - 8)}" y="${u(middle + 4)}" text-anchor="end" fill="#1a1a1a">${escapeHtml(shortLabel(row.label))}</text>` +
        `<rect x="${u(OPTION_BAR_LEFT)}" y="${u(row.y + 3)}" width="${u(OPTION_BAR_RIGHT - OPTION_BAR_LEFT)}" height="16" fill="#f2f2f2"/>` +
        (row.barWidth > 0 ? `<rect x="${u(OPTION_BAR_LEFT)}" y="${u(row.y + 3)}" width="${u(row.barWidth)}" height="16" fill="${color}"/>` : '') +
        `<text x="${u(OPTION_BAR_RIGHT + 8)}" y="${u(middle + 4)}" fill="${AXIS_TEXT}">${row.count} · ${escapeHtml(input.formatShare(row.share))}</text>`
      );
    })
    .join('');
  return open(input.label, CHART_WIDTH, layout.height, 'chart-options') + `<g aria-hidden="true">${rows}</g></svg>`;
}
