/** How logged values and times read in the UI. Pure functions, tested in tests/component. */
import type { LogValue, TrackerSettings } from '../../../../src-preload/contract';
import { durationText } from '../../../../src-preload/tracker-values/duration';
import { valueRulesOf } from '../../../../src-preload/tracker-values/value-rules';
import { formatMoment } from './zoned-time';

/** A duration in a person's words (the app's one duration format: see tracker-values/duration). */
export const formatDuration = durationText;

/** A stored value in a person's words: `7.5 hours`, `Yes`, `Good`, `1h 30m`. */
export const formatValue = (settings: TrackerSettings, value: LogValue): string => valueRulesOf(settings).text(value, settings);

/** A stored UTC moment in the person's locale, in the profile's zone (the device's without one). */
export function formatTime(iso: string, timeZone?: string): string {
  return formatMoment(iso, timeZone);
}

/** A statistic in the tracker's terms: `7.4 hours`, `1h 30m`, or a plain count. */
export const formatAmount = (settings: TrackerSettings, amount: number): string => valueRulesOf(settings).amountText(amount, settings);
