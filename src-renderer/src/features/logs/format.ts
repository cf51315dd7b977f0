/** How logged values and times read in the UI. Pure functions, tested in tests/component. */
import type { LogValue, TrackerSettings } from '../../../../src-preload/contract';

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
      const amount = typeof value === 'number' ? numberFormat.format(value) : String(value);
      return settings.unit ? `${amount} ${settings.unit}` : amount;
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

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A stored UTC moment in the device's local time. */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : timeFormat.format(date);
}
