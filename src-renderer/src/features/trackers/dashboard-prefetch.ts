/**
 * The dashboard's data asked for at page start, next to `currentProfile` rather than after
 * it: opening the app (a reload, a restart of the server) then waits for one round trip
 * before the cards, not two. Used only by the first dashboard after startup, and only
 * when every answer came back; anything else (no session yet, a lock in between) and the
 * dashboard asks again through the session's api, which reports a session that ended.
 */
import type { Api, Output, Result } from '../../../../src-preload/contract';

export interface DashboardData {
  readonly trackers: Result<Output<'listTrackers'>>;
  readonly cards: Result<Output<'dashboard'>>;
  readonly timers: Result<Output<'listTimers'>>;
}

/** The three answers the dashboard starts from, asked for at once. */
export async function fetchDashboard(api: Api): Promise<DashboardData> {
  const [trackers, cards, timers] = await Promise.all([api.listTrackers({}), api.dashboard({}), api.listTimers({})]);
  return { trackers, cards, timers };
}

let pending: Promise<DashboardData | null> | null = null;

/** Start asking now; `api` is the shell's own, so an answer "not logged in" changes nothing. */
export function prefetchDashboard(api: Api): void {
  // A shell that fails to answer is the dashboard's to report when it asks itself.
  pending = fetchDashboard(api).catch(() => null);
}

/** Forget the prefetch: the page started without a session, so its answers are nobody's. */
export function dropDashboardPrefetch(): void {
  pending = null;
}

/** The prefetched data, once, when every answer is a success; null otherwise. */
export async function takeDashboardPrefetch(): Promise<DashboardData | null> {
  const taken = pending;
  pending = null;
  const data = taken === null ? null : await taken;
  return data !== null && data.trackers.ok && data.cards.ok && data.timers.ok ? data : null;
}
