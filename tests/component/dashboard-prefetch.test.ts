import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Api } from '../../src-preload/contract';
import { dropDashboardPrefetch, prefetchDashboard, takeDashboardPrefetch } from '../../src-renderer/src/features/trackers/dashboard-prefetch';
import { ok, stubApi, trackers } from './stub-api';

const notLoggedIn = () => Promise.resolve({ ok: false as const, error: { code: 'NOT_LOGGED_IN' as const, message: 'Please log in first.' } });

function api(extra: Partial<Api> = {}) {
  return stubApi({
    listTrackers: () => ok({ trackers: [trackers.boolean] }),
    dashboard: () => ok({ cards: [] }),
    listTimers: () => ok({ timers: [] }),
    ...extra,
  });
}

afterEach(() => dropDashboardPrefetch());

describe('the dashboard asked for at page start', () => {
  it('is handed to the first dashboard once, with every answer', async () => {
    const dashboard = vi.fn<Api['dashboard']>(() => ok({ cards: [] }));
    prefetchDashboard(api({ dashboard }));

    const data = await takeDashboardPrefetch();
    expect(data?.trackers).toEqual({ ok: true, value: { trackers: [trackers.boolean] } });
    expect(dashboard).toHaveBeenCalledOnce();
    expect(await takeDashboardPrefetch()).toBeNull();
  });

  it('is not used when an answer failed (no session yet), so the dashboard asks itself', async () => {
    prefetchDashboard(api({ dashboard: notLoggedIn }));
    expect(await takeDashboardPrefetch()).toBeNull();
  });

  it('is not used when the shell threw, or once dropped', async () => {
    prefetchDashboard(api({ listTimers: () => Promise.reject(new Error('bridge gone')) }));
    expect(await takeDashboardPrefetch()).toBeNull();

    prefetchDashboard(api());
    dropDashboardPrefetch();
    expect(await takeDashboardPrefetch()).toBeNull();
  });
});
