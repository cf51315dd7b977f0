/**
 * What the report says about each tracker type, as one table: its name, its statistics in
 * words, and its main figure (compared with the month before). The numbers come from the
 * core's insights (`trackerStats`, `chartSeries`); amounts are written by the value table.
 */
import type { ChartSeries, Target, TrackerSettings, TrackerStats, TrackerType } from '../../../src-preload/contract';
import { durationText } from '../../../src-preload/tracker-values/duration';
import { rules } from '../../../src-preload/tracker-values/value-rules';
import type { ReportText } from './report-text';
import { signed } from './report-text';

/** One month of one tracker, as the core's insights computed it. */
export interface MonthFacts {
  readonly stats: TrackerStats;
  /** Day by day over the month's days reported. */
  readonly series: ChartSeries;
  /** Days reported (the whole month, or up to today while it runs), and days with an entry. */
  readonly days: number;
  readonly daysLogged: number;
}

/** A statistic in words: `Average` → `7.2 h`. */
export interface ReportFigure {
  readonly label: string;
  readonly text: string;
}

/** A figure of both months. */
export interface ReportComparison {
  readonly label: string;
  /** The figure this month and the month before; null where a month has none (no entries). */
  readonly current: number | null;
  readonly previous: number | null;
  readonly currentText: string;
  readonly previousText: string;
  /** `+0.4 h`, `−3 pts`, `no change`; null when a month has no figure to compare. */
  readonly changeText: string | null;
}

/** A tracker's line in the overview: `Average` `7.2 h` `+0.4 h`. */
export interface ReportHeadline {
  readonly label: string;
  readonly text: string;
  readonly changeText: string | null;
}

/** A figure to compare: its value in each month and how it and its change read. */
interface Measure {
  readonly label: string;
  readonly value: (facts: MonthFacts) => number | null;
  readonly text: (value: number) => string;
  readonly change: (delta: number) => string;
}

type SettingsOf<K extends TrackerType> = Extract<TrackerSettings, { type: K }>;

interface TypeFigures<K extends TrackerType> {
  /** The type as the app names it. */
  readonly label: string;
  figures(settings: SettingsOf<K>, facts: MonthFacts, text: ReportText): ReportFigure[];
  /** The type's figures worth comparing, the main one (the overview's headline) first. */
  measures(settings: SettingsOf<K>, text: ReportText): Measure[];
  /** The figure the overview shows for the tracker (one of `figures`' labels). */
  readonly headline: string;
  /** A target in words: `At least 7 h a day`, `Yes every day`, `At least 5 days with yes a week`. */
  target(settings: SettingsOf<K>, target: Target, text: ReportText): string;
}

const goal = (target: Target, amount: string): string => `${target.comparison === 'at_least' ? 'At least' : 'At most'} ${amount} a ${target.period}`;

const NONE = '—';
const or = (value: number | null, write: (value: number) => string): string => (value === null ? NONE : write(value));

/** A measure in the tracker's own amounts (`7.2 h`, `1h 30m`): its change reads the same way. */
const amountMeasure = (label: string, value: Measure['value'], amount: (value: number) => string): Measure => ({
  label,
  value,
  text: amount,
  change: (delta) => signed(delta, amount(Math.abs(delta)), amount(0)),
});

const entriesMeasure = (text: ReportText): Measure => ({
  label: 'Entries',
  value: (facts) => facts.stats.count,
  text: (value) => text.number(value),
  change: (delta) => signed(delta, text.number(Math.abs(delta))),
});

const daysLogged = (facts: MonthFacts, text: ReportText): ReportFigure => ({ label: 'Days logged', text: `${text.number(facts.daysLogged)} of ${text.number(facts.days)}` });

const seriesAverageSeconds = (series: ChartSeries): number | null => (series.kind === 'duration' ? series.averageSeconds : null);

/** The table: per tracker type, its name, statistics, compared figures, headline and target words. */
export const reportFigures: { readonly [K in TrackerType]: TypeFigures<K> } = {
  numerical: {
    label: 'Number',
    headline: 'Average',
    figures: (settings, { stats, ...facts }, text) => {
      const amount = (value: number | null) => or(value, (n) => rules.numerical.amountText(n, settings));
      return [
        { label: 'Entries', text: text.number(stats.count) },
        daysLogged({ stats, ...facts }, text),
        { label: 'Average', text: amount(stats.average) },
        { label: 'Minimum', text: amount(stats.min) },
        { label: 'Maximum', text: amount(stats.max) },
        { label: 'Total', text: amount(stats.total) },
      ];
    },
    measures: (settings, text) => [amountMeasure('Average', (facts) => facts.stats.average, (n) => rules.numerical.amountText(n, settings)), entriesMeasure(text)],
    target: (settings, target) => goal(target, rules.numerical.amountText(target.value, settings)),
  },

  boolean: {
    label: 'Yes / no',
    headline: 'Yes-rate',
    figures: (_settings, facts, text) => {
      const yesDays = facts.series.kind === 'done' ? facts.series.bars.reduce((sum, bar) => sum + bar.done, 0) : 0;
      return [
        { label: 'Days answered', text: `${text.number(facts.daysLogged)} of ${text.number(facts.days)}` },
        { label: 'Yes-rate', text: or(facts.stats.yesShare, (share) => text.share(share)) },
        { label: 'Days with yes', text: text.number(yesDays) },
        { label: 'Days with no', text: text.number(facts.daysLogged - yesDays) },
      ];
    },
    measures: (_settings, text) => [
      { label: 'Yes-rate', value: (facts) => facts.stats.yesShare, text: (share) => text.share(share), change: (delta) => text.points(delta) },
      { ...entriesMeasure(text), label: 'Days answered', value: (facts) => facts.daysLogged },
    ],
    target: (_settings, target, text) => {
      // A daily yes/no target can only mean "yes" (at least 1) or "no" (at most 0) that day.
      if (target.period === 'day' && target.comparison === 'at_least' && target.value === 1) return 'Yes every day';
      if (target.period === 'day' && target.comparison === 'at_most' && target.value === 0) return 'No every day';
      return goal(target, text.counted(target.value, 'day with yes', 'days with yes'));
    },
  },

  multiple_choice: {
    label: 'Multiple choice',
    headline: 'Most chosen',
    figures: (settings, { stats, ...facts }, text) => {
      const counts = stats.optionCounts ?? [];
      const top = counts.reduce<{ optionId: string; count: number } | null>((best, option) => (option.count > (best?.count ?? 0) ? option : best), null);
      const label = (optionId: string) => settings.options.find((option) => option.id === optionId)?.label ?? optionId;
      return [
        { label: 'Entries', text: text.number(stats.count) },
        daysLogged({ stats, ...facts }, text),
        { label: 'Most chosen', text: top === null ? NONE : `${label(top.optionId)} (${text.number(top.count)})` },
        { label: 'Options chosen', text: `${text.number(counts.filter((option) => option.count > 0).length)} of ${text.number(settings.options.filter((option) => !option.archived).length)}` },
      ];
    },
    measures: (_settings, text) => [entriesMeasure(text)],
    target: (_settings, target, text) => goal(target, text.counted(target.value, 'entry', 'entries')),
  },

  duration: {
    label: 'Duration',
    headline: 'Time per day',
    figures: (_settings, { stats, series, ...facts }, text) => [
      { label: 'Entries', text: text.number(stats.count) },
      daysLogged({ stats, series, ...facts }, text),
      { label: 'Total', text: or(stats.total, durationText) },
      { label: 'Time per day', text: or(seriesAverageSeconds(series), durationText) },
      { label: 'Average entry', text: or(stats.average, durationText) },
      { label: 'Longest entry', text: or(stats.max, durationText) },
    ],
    measures: (_settings, text) => [
      amountMeasure('Time per day', (facts) => seriesAverageSeconds(facts.series), durationText),
      amountMeasure('Total', (facts) => facts.stats.total, durationText),
      entriesMeasure(text),
    ],
    target: (_settings, target) => goal(target, durationText(target.value)),
  },
};

// Keyed by the settings' own tag, which TypeScript cannot correlate through an index: the one place that widens.
const figuresOf = (settings: TrackerSettings): TypeFigures<TrackerType> => reportFigures[settings.type] as unknown as TypeFigures<TrackerType>;

/** `Number`, `Yes / no`, `Multiple choice`, `Duration`. */
export const typeLabel = (settings: TrackerSettings): string => figuresOf(settings).label;

/** The type's statistics of one month, in words and reading order. */
export const figuresFor = (settings: TrackerSettings, facts: MonthFacts, text: ReportText): ReportFigure[] => figuresOf(settings).figures(settings, facts, text);

/** The overview's figure: its label, this month's text, and its change when it is compared. */
export function headlineOf(settings: TrackerSettings, figures: readonly ReportFigure[], comparisons: readonly ReportComparison[]): ReportHeadline {
  const label = figuresOf(settings).headline;
  return { label, text: figures.find((figure) => figure.label === label)?.text ?? NONE, changeText: comparisons.find((comparison) => comparison.label === label)?.changeText ?? null };
}

/** A tracker's target in words. */
export const targetTextFor = (settings: TrackerSettings, target: Target, text: ReportText): string => figuresOf(settings).target(settings, target, text);

/** The type's figures of both months side by side, the main one first. */
export function comparisonsFor(settings: TrackerSettings, current: MonthFacts, previous: MonthFacts, text: ReportText): ReportComparison[] {
  return figuresOf(settings)
    .measures(settings, text)
    .map((measure) => compare(measure, measure.value(current), measure.value(previous)));
}

/** One figure of both months; the change only when both have it. */
export function compare(measure: Pick<Measure, 'label' | 'text' | 'change'>, current: number | null, previous: number | null): ReportComparison {
  return {
    label: measure.label,
    current,
    previous,
    currentText: or(current, measure.text),
    previousText: or(previous, measure.text),
    changeText: current === null || previous === null ? null : measure.change(current - previous),
  };
}
