/**
 * What a nudge says. With `generic` the text is a function of the count alone, so no
 * tracker name can reach a screen others may see (or a locked screen's notification list).
 * Shared by the core (system notifications, mail) and the page (browser notifications).
 */
import type { NUDGE_TEXTS } from '../contract/jobs';

export interface NudgeText {
  readonly title: string;
  readonly body: string;
}

/** Names listed before "and N more": a notification shows two or three lines. */
export const NAMES_SHOWN = 4;

const TITLE = "Time to log today's entries";

/** `names` for up to {@link NAMES_SHOWN} names, then "and N more". */
function listed(names: readonly string[]): string {
  const shown = names.slice(0, NAMES_SHOWN);
  const rest = names.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} more`;
  if (shown.length === 1) return shown[0] ?? '';
  return `${shown.slice(0, -1).join(', ')} and ${shown.at(-1) ?? ''}`;
}

/**
 * The notification's text for trackers without an entry today (given in the person's order).
 * `names`: "No entry yet today: Sleep, Water and Mood". `generic`: "3 trackers have no entry yet today".
 */
export function nudgeText(names: readonly string[], text: (typeof NUDGE_TEXTS)[number]): NudgeText {
  const count = names.length;
  if (text === 'generic' || count === 0) {
    return { title: TITLE, body: count === 1 ? '1 tracker has no entry yet today.' : `${count} trackers have no entry yet today.` };
  }
  return { title: TITLE, body: `No entry yet today: ${listed(names.map((name) => name.trim() || 'Untitled'))}.` };
}
