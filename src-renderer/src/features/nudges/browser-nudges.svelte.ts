/**
 * Nudges as browser notifications while the page is open — browser mode only: the desktop
 * app's nudges are the shell's own notifications. The person allows them with a click in
 * Settings › Reminders, as browsers require. Then, while a profile is open, the page looks at
 * Activity when it starts, every minute, and whenever the tab comes back into view, and shows
 * what page-nudges.ts picks: today's nudges the server could not show itself. Runs shown are
 * remembered in this browser, so a reload or a second tab shows nothing twice.
 */
import type { Api } from '../../../../src-preload/contract';
import { router } from '../../lib/router.svelte';
import { dayIn } from '../logs/zoned-time';
import { pageNudges, unshownNudgeRuns, type PageNudge } from './page-nudges';

/** How often an open page looks for nudges to show. */
export const LOOK_EVERY_MS = 60_000;
/** Runs remembered as shown: far more than a day's nudges. */
const SHOWN_KEPT = 500;
const SHOWN_KEY = 'qs.page-nudges.shown';
/** Today's nudge runs are among the newest: a page of Activity holds them. */
const RUNS_READ = 100;

/** What the browser allows, or `unsupported` (no Notification API, or the desktop app). */
export type NudgePermission = NotificationPermission | 'unsupported';

function currentPermission(): NudgePermission {
  if (typeof window === 'undefined' || window.qs !== undefined || typeof Notification === 'undefined') return 'unsupported';
  return Notification.permission;
}

function readShown(): Set<string> {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(SHOWN_KEY) ?? '[]');
    return new Set(Array.isArray(stored) ? stored.filter((id): id is string => typeof id === 'string') : []);
  } catch {
    return new Set();
  }
}

function rememberShown(ids: readonly string[]): void {
  const shown = [...readShown(), ...ids].slice(-SHOWN_KEPT);
  try {
    localStorage.setItem(SHOWN_KEY, JSON.stringify(shown));
  } catch {
    // Storage full or off: a later look may show the nudge again, which is better than never.
  }
}

function show(nudge: PageNudge): void {
  const notification = new Notification(nudge.title, { body: nudge.body, tag: nudge.tag });
  notification.onclick = () => {
    window.focus();
    const [only] = nudge.trackerIds;
    router.go(nudge.trackerIds.length === 1 && only !== undefined ? { name: 'tracker', trackerId: only } : { name: 'dashboard' });
    notification.close();
  };
}

class BrowserNudges {
  permission = $state<NudgePermission>(currentPermission());

  /** Ask the browser (from a click: browsers ignore the request otherwise). */
  async allow(): Promise<void> {
    if (this.permission === 'unsupported') return;
    this.permission = await Notification.requestPermission();
  }

  /** Look for nudges to show for the profile open in `api` until the returned stop is called. */
  watch(api: Api): () => void {
    if (this.permission !== 'granted') return () => undefined;
    let stopped = false;
    let looking: Promise<void> | null = null;
    const look = (): void => {
      if (stopped || looking !== null) return;
      looking = lookOnce(api).finally(() => (looking = null));
    };
    const onVisible = (): void => {
      if (document.visibilityState === 'visible') look();
    };
    look();
    const timer = setInterval(look, LOOK_EVERY_MS);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      stopped = true;
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }
}

/** One look: quietly nothing when any answer is missing (locked meanwhile, server gone). */
async function lookOnce(api: Api): Promise<void> {
  const settings = await api.getSettings({});
  if (!settings.ok || !settings.value.settings.nudges.enabled) return;
  const today = dayIn(new Date(), settings.value.settings.timeZone || undefined);
  const activity = await api.listActivity({ limit: RUNS_READ });
  if (!activity.ok) return;
  const runs = unshownNudgeRuns(activity.value.runs, today, readShown());
  if (runs.length === 0) return;
  const trackers = await api.listTrackers({});
  if (!trackers.ok) return;
  const names = new Map(trackers.value.trackers.map((tracker) => [tracker.id, tracker.name]));
  for (const nudge of pageNudges(runs, names, settings.value.settings.nudges.text)) show(nudge);
  rememberShown(runs.map((run) => run.id));
}

export const browserNudges = new BrowserNudges();
