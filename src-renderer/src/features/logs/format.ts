/** How logged values and times read in the UI. Pure functions, tested in tests/component. */
import type { LogValue, TrackerSettings } from '../../../../src-preload/contract';
import { formatMoment } from './zoned-time';

/** 5400 → `1h 30m`, 45 → `45s`, 3725 → `1h 2m 5s`, 0 → `0m`. */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.round(totalSeconds));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const parts = [h ? `${h}h` : '', m ? `${m}m` : '', s ? `${s}s` : ''].filter(Boolean);
  return parts.length ? parts.join(' ') : '0m';
}

const numberFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 6 });

/** A stored value in a person's words: `7.5 hours`, `Yes`, `Good`, `1h 30m`. */
export function formatValue(settings: TrackerSettings, value: LogValue): string {
  switch (settings.type) {
    case 'numerical': {
      if (typeof value === 'number') return formatAmount(settings, value);
      return String(value);
    }
    case 'boolean':
      return value === true ? 'Yes' : value === false ? 'No' : String(value);
    case 'multiple_choice': {
      const ids = Array.isArray(value) ? value : [String(value)];
      // An id without an option (should not happen) still shows, rather than vanishing.
      return ids.map((id) => settings.options.find((option) => option.id === id)?.label ?? id).join(', ');
    }
    case 'duration':
      return typeof value === 'number' ? formatDuration(value) : String(value);
  }
}

/** A stored UTC moment in the person's locale, in the profile's zone (the device's without one). */
export function formatTime(iso: string, timeZone?: string): string {
  return formatMoment(iso, timeZone);
}

/** A statistic in the tracker's terms: `7.4 hours`, `1h 30m`, or a plain count. */
export function formatAmount(settings: TrackerSettings, amount: number): string {
  if (settings.type === 'duration') return formatDuration(amount);
  if (settings.type === 'numerical') {
    const text = new Intl.NumberFormat(undefined, { maximumFractionDigits: settings.decimals }).format(amount);
    return settings.unit ? `${text} ${settings.unit}` : text;
  }
  return numberFormat.format(amount);
}
