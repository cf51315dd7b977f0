/**
 * A tracker's chart for the report: its day-by-day series (from `chartSeries`) drawn by the
 * matching SVG function, with a title and a sentence that says what the chart shows.
 */
import { durationText } from '../../../src-preload/tracker-values/duration';
import { valueRulesOf } from '../../../src-preload/tracker-values/value-rules';
import { eachDay } from '../insights/days';
import type { DayAnswer, DayValue } from './chart-layouts';
import type { ReportModel, TrackerReport } from './report-model';
import type { ReportText } from './report-text';
import { svgBarChart, svgHeatStrip, svgLineChart, svgOptionBars } from './svg-charts';

/** Steps a duration axis may take: whole minutes, then whole hours. */
export const DURATION_STEPS = [60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 14_400, 21_600, 43_200, 86_400] as const;

/** The chart of one tracker's month as SVG text. `index` keeps its ids unique in the document. */
export function trackerChart(report: TrackerReport, model: Pick<ReportModel, 'days' | 'monthText'>, text: ReportText, index: number): string {
  const { tracker, series } = report;
  const days = eachDay(model.days.from, model.days.to);
  const id = `chart-${index}`;
  const color = tracker.color;
  const dailyTarget = tracker.target?.period === 'day' ? tracker.target.value : null;
  const amount = (value: number) => valueRulesOf(tracker.settings).amountText(value, tracker.settings);
  const extremes = (values: readonly DayValue[], write: (value: number) => string): string => {
    if (values.length === 0) return 'no values';
    const low = values.reduce((a, b) => (b.value < a.value ? b : a));
    const high = values.reduce((a, b) => (b.value > a.value ? b : a));
    return `from ${write(low.value)} (${text.day(low.day)}) to ${write(high.value)} (${text.day(high.day)})`;
  };
  const targetWords = report.target === null || dailyTarget === null ? '' : `; the dashed line is the target, ${report.target.text.toLowerCase()}`;

  switch (series.kind) {
    case 'line': {
      const values = series.points.map((point) => ({ day: point.t, value: point.y }));
      return svgLineChart({
        label: {
          id,
          title: `${tracker.name} per day, ${model.monthText}`,
          description: `${tracker.name} on ${text.counted(values.length, 'day', 'days')} of ${model.monthText}, ${extremes(values, amount)}${targetWords}.`,
        },
        color,
        days,
        values,
        target: dailyTarget,
        format: amount,
        minStep: tracker.settings.type === 'numerical' ? 10 ** -tracker.settings.decimals : undefined,
      });
    }
    case 'duration': {
      const values = series.bars.filter((bar) => bar.seconds > 0).map((bar) => ({ day: bar.t, value: bar.seconds }));
      const average = series.averageSeconds;
      return svgBarChart({
        label: {
          id,
          title: `${tracker.name}: time per day, ${model.monthText}`,
          description: `Time on ${text.counted(values.length, 'day', 'days')} of ${model.monthText}, ${extremes(values, durationText)}${average === null ? '' : `; ${durationText(average)} a day on average (dotted line)`}${targetWords}.`,
        },
        color,
        days,
        values,
        target: dailyTarget,
        average,
        format: durationText,
        steps: DURATION_STEPS,
      });
    }
    case 'done': {
      const strip = series.heatmap.map((cell): { day: string; answer: DayAnswer } => ({ day: cell.day, answer: cell.done ? 'yes' : cell.answered ? 'no' : 'none' }));
      const count = (answer: DayAnswer) => strip.filter((cell) => cell.answer === answer).length;
      return svgHeatStrip({
        label: {
          id,
          title: `${tracker.name}, day by day, ${model.monthText}`,
          description: `Yes on ${text.counted(count('yes'), 'day', 'days')}, no on ${text.counted(count('no'), 'day', 'days')}, no answer on ${text.counted(count('none'), 'day', 'days')}.`,
        },
        color,
        days: strip,
      });
    }
    case 'choice': {
      const archived = new Set(tracker.settings.type === 'multiple_choice' ? tracker.settings.options.filter((option) => option.archived).map((option) => option.id) : []);
      // An archived option shows only when it was chosen this month.
      const options = series.distribution.filter((option) => option.count > 0 || !archived.has(option.optionId));
      const total = options.reduce((sum, option) => sum + option.count, 0);
      const share = (count: number) => text.share(total === 0 ? 0 : count / total);
      return svgOptionBars({
        label: {
          id,
          title: `${tracker.name}: how often each option was chosen, ${model.monthText}`,
          description: `${options.map((option) => `${option.label} ${text.number(option.count)} (${share(option.count)})`).join(', ')}.`,
        },
        color,
        options,
        formatShare: (value) => text.share(value),
      });
    }
  }
}
