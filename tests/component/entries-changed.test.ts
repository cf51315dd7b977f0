/**
 * The desktop shell says `entries-changed` after a write from the tray or the quick-log
 * window: the dashboard and an open tracker page read again, and stop listening when gone.
 */
import { render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import Dashboard from '../../src-renderer/src/features/trackers/Dashboard.svelte';
import TrackerPage from '../../src-renderer/src/features/trackers/TrackerPage.svelte';
import { onEntriesChangedElsewhere } from '../../src-renderer/src/features/session/shell-events';
import type { ChartFactory } from '../../src-renderer/src/features/charts/chart-attach.svelte';
import type { Api, Log, Tracker } from '../../src-preload/contract';
import { logOf, ok, settingsIn, stubApi, trackers } from './stub-api';

/** The desktop bridge's event half, put where the page looks for it (`window.qs`). */
function desktopShell() {
  const listeners = new Set<() => void>();
  const shell = Object.assign(stubApi({}), {
    onSessionLocked: () => () => {},
    onEntriesChanged: (listener: () => void) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  });
  vi.stubGlobal('qs', shell);
  return { fire: () => listeners.forEach((listener) => listener()), listening: () => listeners.size };
}

const fakeChart: ChartFactory = (_canvas, config) => ({ data: config.data, options: config.options ?? {}, update: () => {}, destroy: () => {} });

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('entries changed elsewhere', () => {
  it('the dashboard reads its trackers and cards again, and stops listening when it goes', async () => {
    const shell = desktopShell();
    let list: Tracker[] = [trackers.boolean];
    const dashboard = vi.fn<Api['dashboard']>(async () => ok({ cards: [] }));
    const api = stubApi({ listTrackers: () => ok({ trackers: list }), dashboard, listTimers: () => ok({ timers: [] }), getSettings: settingsIn('UTC') });
    const { unmount } = render(Dashboard, { props: { api } });
    expect(await screen.findByRole('article', { name: 'Meditated' })).toBeTruthy();
    expect(shell.listening()).toBe(1);

    list = [trackers.boolean, trackers.numerical];
    shell.fire();

    expect(await screen.findByRole('article', { name: 'Sleep' })).toBeTruthy();
    expect(dashboard).toHaveBeenCalledTimes(2);
    unmount();
    expect(shell.listening()).toBe(0);
  });

  it('an open tracker page reads its entries and statistics again', async () => {
    const shell = desktopShell();
    let logs: Log[] = [logOf('t-num', 7, 'first')];
    const trackerStats = vi.fn<Api['trackerStats']>(async () =>
      ok({ stats: { range: { from: '2026-02-01', to: '2026-03-02' }, count: logs.length, average: null, min: null, max: null, total: null, yesShare: null, optionCounts: null, currentStreak: 0, bestStreak: 0, completion: null } }),
    );
    const api = stubApi({
      listTrackers: () => ok({ trackers: [trackers.numerical] }),
      listLogs: async () => ok({ logs, total: logs.length }),
      trackerStats,
      chartSeries: () => ok({ series: { kind: 'line', granularity: 'day', unit: 'hours', target: null, points: [] } }),
      getSettings: settingsIn('UTC'),
    });
    render(TrackerPage, { props: { api, trackerId: 't-num', createChart: fakeChart } });
    const table = await screen.findByRole('table');
    expect(await within(table).findByText('first')).toBeTruthy();
    await vi.waitFor(() => expect(trackerStats).toHaveBeenCalledTimes(1));

    logs = [logOf('t-num', 6, 'from the tray'), ...logs];
    shell.fire();

    expect(await within(table).findByText('from the tray')).toBeTruthy();
    await vi.waitFor(() => expect(trackerStats).toHaveBeenCalledTimes(2));
  });

  it('browser mode has no such event: subscribing does nothing', () => {
    const stop = onEntriesChangedElsewhere(() => {}, undefined);
    expect(() => stop()).not.toThrow();
    expect(onEntriesChangedElsewhere(() => {}, stubApi({}))).toBeTypeOf('function');
  });
});
