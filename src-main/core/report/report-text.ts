/**
 * Dates, counts, shares and differences in the report's words and the person's locale.
 * Amounts in a tracker's terms (`7.5 h`, `1h 30m`) are the value table's job
 * (src-preload/tracker-values), not this module's.
 */
import type { Day } from '../insights/days';

/** Formatters for one locale (undefined: the runtime's), made once per report. */
export class ReportText {
  private readonly percent: Intl.NumberFormat;
  private readonly count: Intl.NumberFormat;
  private readonly monthName: Intl.DateTimeFormat;
  private readonly monthAlone: Intl.DateTimeFormat;
  private readonly shortDay: Intl.DateTimeFormat;
  private readonly dayAndMonth: Intl.DateTimeFormat;

  constructor(readonly locale: string | undefined) {
    this.percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
    this.count = new Intl.NumberFormat(locale);
    // Days are civil dates: formatted at UTC midnight so no zone moves them to a neighbour.
    this.monthName = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' });
    this.monthAlone = new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' });
    this.shortDay = new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });
    this.dayAndMonth = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  }

  /** `2026-11` → `November 2026`. */
  month(month: string): string {
    return this.monthName.format(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1, 1));
  }

  /** `2026-11` → `November`. */
  monthOnly(month: string): string {
    return this.monthAlone.format(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1, 1));
  }

  /** `2026-11-03` → `Tue, 3 Nov` (by locale). */
  day(day: Day): string {
    return this.shortDay.format(Date.parse(`${day}T00:00:00Z`));
  }

  /** `2026-11-30` → `30 Nov` (by locale). */
  dayMonth(day: Day): string {
    return this.dayAndMonth.format(Date.parse(`${day}T00:00:00Z`));
  }

  /** A moment on the profile's clock: `1 December 2026 at 09:00`. */
  moment(at: Date, timeZone: string): string {
    return new Intl.DateTimeFormat(this.locale, { dateStyle: 'long', timeStyle: 'short', timeZone }).format(at);
  }

  /** 0.8 → `80%`. */
  share(share: number): string {
    return this.percent.format(share);
  }

  /** 1234 → `1,234`. */
  number(n: number): string {
    return this.count.format(n);
  }

  /** `1 entry`, `12 entries`. */
  counted(n: number, one: string, many: string): string {
    return `${this.number(n)} ${n === 1 ? one : many}`;
  }

  /** A change in percentage points, rounded: `+8 pts`, `−3 pts`, `no change`. */
  points(delta: number): string {
    const rounded = Math.round(delta * 100);
    return signed(rounded, `${this.number(Math.abs(rounded))} pts`);
  }
}

/**
 * A difference with its sign: `+0.4 h`, `−12m` (a real minus sign), or `no change` when it
 * reads as zero. `magnitude` is the difference's absolute value in the tracker's terms, and
 * `zero` is how zero reads in them: a change that rounds away (0.04 h at one decimal) is none.
 */
export function signed(delta: number, magnitude: string, zero = ''): string {
  if (delta === 0 || magnitude === zero) return 'no change';
  return `${delta > 0 ? '+' : '\u2212'}${magnitude}`;
}
