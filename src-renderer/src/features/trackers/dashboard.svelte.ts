/**
 * What the dashboard shows: the trackers in the person's order, a card of figures for
 * each (today, last entry, streak, target) and the running timers. Cards are refreshed
 * from the core after every entry, since streaks and targets are the core's to compute.
 */
import type { Api, DashboardCard, Result, Timer, Tracker } from '../../../../src-preload/contract';
import type { TrackerDraft } from './tracker-draft';
import { createInput } from './tracker-draft';
import { saveEntry } from '../logs/day-answer';
import type { EntrySubmission } from '../logs/entry-draft';
import { fetchDashboard, takeDashboardPrefetch } from './dashboard-prefetch';

/** Set once the first load has rendered; bench/dashboard-render.ts reads its time. */
export const DASHBOARD_READY_MARK = 'qs:dashboard-ready';

export class DashboardState {
  trackers = $state.raw<Tracker[]>([]);
  cards = $state.raw<Readonly<Record<string, DashboardCard>>>({});
  timers = $state.raw<Readonly<Record<string, Timer>>>({});
  loaded = $state(false);
  loadError = $state<string | null>(null);
  /** A failed reorder or timer action, shown above the list. */
  actionError = $state<string | null>(null);

  constructor(private readonly api: Api) {}

  async load(): Promise<void> {
    const { trackers, cards, timers } = (await takeDashboardPrefetch()) ?? (await fetchDashboard(this.api));
    if (!trackers.ok) {
      this.loadError = trackers.error.message;
    } else {
      this.trackers = trackers.value.trackers;
      this.loadError = null;
    }
    if (cards.ok) this.cards = Object.fromEntries(cards.value.cards.map((card) => [card.trackerId, card]));
    if (timers.ok) this.timers = Object.fromEntries(timers.value.timers.map((timer) => [timer.trackerId, timer]));
    this.loaded = true;
  }

  async refreshCards(): Promise<void> {
    const cards = await this.api.dashboard({});
    if (cards.ok) this.cards = Object.fromEntries(cards.value.cards.map((card) => [card.trackerId, card]));
  }

  async create(draft: TrackerDraft): Promise<Result<{ tracker: Tracker }>> {
    const result = await this.api.createTracker(createInput(draft));
    if (result.ok) {
      this.trackers = [...this.trackers, result.value.tracker];
      void this.refreshCards();
    }
    return result;
  }

  /** Add an entry, or change the one it replaces (today's answer). */
  async saveEntry(trackerId: string, entry: EntrySubmission): Promise<Result<unknown>> {
    const result = await saveEntry(this.api, trackerId, entry);
    if (result.ok) await this.refreshCards();
    return result;
  }

  /** Put `trackerId` at `index` of the full order (archived trackers included) and save it. */
  async moveTo(trackerId: string, index: number): Promise<void> {
    const before = this.trackers;
    const moving = before.find((tracker) => tracker.id === trackerId);
    if (!moving) return;
    const rest = before.filter((tracker) => tracker.id !== trackerId);
    const clamped = Math.max(0, Math.min(index, rest.length));
    const after = [...rest.slice(0, clamped), moving, ...rest.slice(clamped)];
    if (after.every((tracker, i) => tracker === before[i])) return;
    // Move at once so drag and keyboard feel immediate; put it back if the app refuses.
    this.trackers = after;
    const result = await this.api.reorderTrackers({ trackerIds: after.map((tracker) => tracker.id) });
    if (result.ok) {
      this.actionError = null;
    } else {
      this.trackers = before;
      this.actionError = result.error.message;
    }
  }

  /** Put a tracker just before or after another one (a drop on a card). */
  async placeNextTo(trackerId: string, otherId: string, side: 'before' | 'after'): Promise<void> {
    if (trackerId === otherId) return;
    const rest = this.trackers.filter((tracker) => tracker.id !== trackerId);
    const at = rest.findIndex((tracker) => tracker.id === otherId);
    if (at >= 0) await this.moveTo(trackerId, side === 'before' ? at : at + 1);
  }

  /**
   * Move a tracker one place up or down among the `shown` ones (the filtered list), so a
   * keyboard move always changes what the person sees.
   */
  async moveAmong(shown: readonly Tracker[], trackerId: string, delta: -1 | 1): Promise<void> {
    const at = shown.findIndex((tracker) => tracker.id === trackerId);
    const neighbour = at < 0 ? undefined : shown[at + delta];
    if (neighbour) await this.placeNextTo(trackerId, neighbour.id, delta < 0 ? 'before' : 'after');
  }

  async startTimer(trackerId: string): Promise<void> {
    const result = await this.api.startTimer({ trackerId });
    if (result.ok) {
      this.timers = { ...this.timers, [trackerId]: result.value.timer };
      this.actionError = null;
    } else {
      this.actionError = result.error.message;
    }
  }

  async stopTimer(trackerId: string): Promise<void> {
    const result = await this.api.stopTimer({ trackerId });
    if (result.ok) {
      this.timers = Object.fromEntries(Object.entries(this.timers).filter(([id]) => id !== trackerId));
      this.actionError = null;
      await this.refreshCards();
    } else {
      this.actionError = result.error.message;
    }
  }
}
