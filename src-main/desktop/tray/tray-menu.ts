/**
 * What the tray menu shows, as plain data: tray.ts turns it into an Electron menu. Kept
 * pure so every state (locked, empty, a day answered yes or no) is tested without Electron.
 */
import type { DashboardCard, Input, Tracker } from '../../../src-preload/contract';
import { pinnedFirst } from '../../../src-preload/tracker-values/tracker-order';

/** What the tray last read from the core. */
export type TrayView =
  | { readonly kind: 'locked' }
  | { readonly kind: 'open'; readonly trackers: readonly Tracker[]; readonly cards: readonly DashboardCard[] }
  /** The core answered the reads with something other than a lock (it is kept in the menu). */
  | { readonly kind: 'unavailable'; readonly message: string };

/** The write that changes today's yes/no answer. */
export type DayAnswerWrite =
  | { readonly method: 'addLog'; readonly input: Input<'addLog'> }
  | { readonly method: 'updateLog'; readonly input: Input<'updateLog'> };

export type TrayCommand = 'open' | 'lock' | 'quit';

export type TrayItem =
  /** A yes/no tracker: checked when today's answer is yes; a click performs `write`. */
  | { readonly kind: 'answer'; readonly label: string; readonly trackerId: string; readonly checked: boolean; readonly write: DayAnswerWrite }
  /** Any other tracker: a click opens the quick-log window for it. */
  | { readonly kind: 'quick-log'; readonly label: string; readonly trackerId: string }
  /** A line that says something and does nothing. */
  | { readonly kind: 'note'; readonly label: string }
  | { readonly kind: 'separator' }
  | { readonly kind: 'command'; readonly label: string; readonly command: TrayCommand };

/** Longer names are cut: a tray menu as wide as the screen helps nobody. */
const MAX_LABEL_CHARS = 48;

/**
 * Text as a menu label shows it: one line, cut to a readable width (by characters, so an
 * emoji is never split), and `&` doubled — Electron reads a single `&` as a keyboard
 * mnemonic on every platform and drops it from the label.
 */
export function menuLabel(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(line);
  const cut = chars.length > MAX_LABEL_CHARS ? `${chars.slice(0, MAX_LABEL_CHARS - 1).join('').trimEnd()}…` : line;
  return cut.replaceAll('&', '&&');
}


/** Whether today's answer is yes (the day's newest yes/no entry, as the core counts it). */
export const answeredYes = (card: DashboardCard | undefined): boolean => card?.today.value === true;

/**
 * Toggle today's yes/no answer as the renderer's cards do (day-answer.ts): a day holds one
 * answer, so today's newest entry is changed rather than a second one added; without one,
 * a "yes" is added. The new answer is the opposite of the one shown, so a click does what
 * the person saw even when the menu is a moment behind.
 */
export function dayAnswerToggle(trackerId: string, card: DashboardCard | undefined): DayAnswerWrite {
  const answer = card?.today.lastLog ?? null;
  if (answer === null) return { method: 'addLog', input: { trackerId, value: true } };
  return { method: 'updateLog', input: { trackerId, logId: answer.id, value: !answeredYes(card) } };
}

/**
 * Make today's yes/no answer "yes" (a nudge's "Done for today"): the day's newest entry is
 * changed when it says no, a "yes" is added when there is none; null when it already says yes.
 */
export function dayAnswerYes(trackerId: string, card: DashboardCard | undefined): DayAnswerWrite | null {
  if (answeredYes(card)) return null;
  return dayAnswerToggle(trackerId, card);
}

const trackerLabel = (tracker: Tracker): string => menuLabel(tracker.emoji ? `${tracker.emoji} ${tracker.name}` : tracker.name);

function trackerItem(tracker: Tracker, card: DashboardCard | undefined): TrayItem {
  if (tracker.settings.type === 'boolean') {
    return { kind: 'answer', label: trackerLabel(tracker), trackerId: tracker.id, checked: answeredYes(card), write: dayAnswerToggle(tracker.id, card) };
  }
  // The ellipsis says a window opens, as in any desktop menu.
  return { kind: 'quick-log', label: `${trackerLabel(tracker)}…`, trackerId: tracker.id };
}

const OPEN: TrayItem = { kind: 'command', label: 'Open Quantified Self', command: 'open' };
const LOCK: TrayItem = { kind: 'command', label: 'Lock', command: 'lock' };
const QUIT: TrayItem = { kind: 'command', label: 'Quit', command: 'quit' };
const SEPARATOR: TrayItem = { kind: 'separator' };

export const NO_TRACKERS = 'No trackers yet — open the app to add one';

/**
 * The menu for what the tray read. `notice` (a click that failed, say) goes on top so the
 * person sees why nothing changed.
 */
export function trayMenuItems(view: TrayView, notice: string | null = null): TrayItem[] {
  const top: TrayItem[] = notice === null ? [] : [{ kind: 'note', label: menuLabel(notice) }, SEPARATOR];
  if (view.kind === 'locked') {
    return [...top, { kind: 'note', label: 'Locked' }, { kind: 'command', label: 'Open to unlock…', command: 'open' }, SEPARATOR, QUIT];
  }
  if (view.kind === 'unavailable') {
    return [...top, { kind: 'note', label: menuLabel(`Trackers unavailable: ${view.message}`) }, SEPARATOR, OPEN, LOCK, SEPARATOR, QUIT];
  }
  const cards = new Map(view.cards.map((card) => [card.trackerId, card]));
  const trackers = pinnedFirst(view.trackers);
  const list: TrayItem[] = trackers.length === 0 ? [{ kind: 'note', label: NO_TRACKERS }] : trackers.map((tracker) => trackerItem(tracker, cards.get(tracker.id)));
  return [...top, ...list, SEPARATOR, OPEN, LOCK, SEPARATOR, QUIT];
}
