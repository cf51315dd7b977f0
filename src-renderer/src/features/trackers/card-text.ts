/** The sentences a dashboard card shows, from the core's figures. Pure, tested. */
import type { DashboardCard, Tracker } from '../../../../src-preload/contract';
import { formatAmount, formatValue } from '../logs/format';

/** `Today: 7.5 hours (2 entries)`, `Today: Yes`, `Nothing logged today`. */
export function todayText(tracker: Tracker, card: DashboardCard | undefined): string {
  if (!card || card.today.count === 0 || card.today.value === null) return 'Nothing logged today';
  const value = formatValue(tracker.settings, card.today.value);
  return card.today.count > 1 ? `Today: ${value} (${card.today.count} entries)` : `Today: ${value}`;
}

/** `5-day streak`, `1-day streak`, `No streak yet`. */
export function streakText(card: DashboardCard | undefined): string {
  const days = card?.currentStreak ?? 0;
  return days > 0 ? `${days}-day streak` : 'No streak yet';
}

/** A target's progress in the tracker's terms: `3 of 5 days with yes this week`. */
export function targetText(tracker: Tracker, card: DashboardCard | undefined): string | undefined {
  const target = card?.target;
  if (!target) return undefined;
  const amount = (value: number) => formatAmount(tracker.settings, value);
  const goalWord = tracker.target?.comparison === 'at_most' ? 'at most' : 'of';
  const noun = tracker.settings.type === 'boolean' ? (target.period === 'week' ? ' days' : '') : tracker.settings.type === 'multiple_choice' ? ' entries' : '';
  return `${amount(target.current)} ${goalWord} ${amount(target.goal)}${noun} ${target.period === 'week' ? 'this week' : 'today'}`;
}

/** How full the progress bar is, 0–1. */
export function targetShare(card: DashboardCard | undefined): number {
  const target = card?.target;
  if (!target || target.goal <= 0) return target?.met ? 1 : 0;
  return Math.max(0, Math.min(1, target.current / target.goal));
}
