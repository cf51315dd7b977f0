/**
 * Nudges as browser notifications (browser mode): which runs become a notification and what
 * it says, the page's look at Activity (at once, every minute, nothing twice, even after a
 * reload), where a click leads, and the Settings control that asks the browser's permission.
 * The browser's Notification API is a recording stand-in.
 */
import { fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Api, JobRun } from '../../src-preload/contract';
import { DEFAULT_NUDGES } from '../../src-preload/contract';
import { router } from '../../src-renderer/src/lib/router.svelte';
import BrowserNudgesControl from '../../src-renderer/src/features/nudges/BrowserNudgesControl.svelte';
import { browserNudges, LOOK_EVERY_MS } from '../../src-renderer/src/features/nudges/browser-nudges.svelte';
import { pageNudges, unshownNudgeRuns } from '../../src-renderer/src/features/nudges/page-nudges';
import { ok, stubApi, trackers } from './stub-api';

const browser = vi.hoisted(() => {
  const shown: { title: string; options?: NotificationOptions | undefined; onclick: (() => void) | null; close: () => void }[] = [];
  const answer = { permission: 'granted' as NotificationPermission };
  class RecordingNotification {
    static permission: NotificationPermission = 'default';
    static requestPermission = () => Promise.resolve(answer.permission);
    onclick: (() => void) | null = null;
    closed = false;
    constructor(
      readonly title: string,
      readonly options?: NotificationOptions,
    ) {
      shown.push(this);
    }
    close() {
      this.closed = true;
    }
  }
  Object.assign(globalThis, { Notification: RecordingNotification });
  return { shown, answer };
});

const NOW = new Date('2026-11-02T19:30:00Z');
const TODAY = '2026-11-02';

function nudgeRun(n: number, trackerId: string, change: Partial<JobRun> = {}): JobRun {
  const dueAt = change.dueAt ?? '2026-11-02T19:00:00.000Z';
  return { id: `run-${n}`, kind: 'nudge', key: `nudge:${TODAY}:${trackerId}`, dueAt, ranAt: dueAt, outcome: 'failed', summary: 'Not nudged', error: 'Not shown: no notification service was found.', day: TODAY, ...change };
}

const sleep = trackers.numerical;
const meditated = trackers.boolean;
const names = new Map([
  [sleep.id, sleep.name],
  [meditated.id, meditated.name],
]);

describe('which runs become a browser notification', () => {
  it('takes today’s nudges the server could not show and this browser has not shown', () => {
    const runs = [
      nudgeRun(1, sleep.id),
      nudgeRun(2, meditated.id, { outcome: 'done', error: null }),
      nudgeRun(3, meditated.id, { day: '2026-11-01', key: `nudge:2026-11-01:${meditated.id}` }),
      nudgeRun(4, meditated.id, { outcome: 'missed', error: null }),
      nudgeRun(5, meditated.id, { kind: 'mail', key: 'mail:nudge:2026-11-02:20:00' }),
      nudgeRun(6, meditated.id),
    ];
    expect(unshownNudgeRuns(runs, TODAY, new Set(['run-6'])).map((run) => run.id)).toEqual(['run-1']);
  });

  it('makes one notification per due moment, oldest first, with the names or only the count as the setting says', () => {
    // Newest first, as Activity lists them; a snoozed nudge's return is a nudge of its tracker too.
    const runs = [
      nudgeRun(3, sleep.id, { dueAt: '2026-11-02T20:30:00.000Z', key: `nudge:${TODAY}:${sleep.id}:snoozed:1` }),
      nudgeRun(2, meditated.id),
      nudgeRun(1, sleep.id),
    ];
    expect(pageNudges(runs, names, 'names')).toEqual([
      { tag: `qs-nudge:${TODAY}:2026-11-02T19:00:00.000Z`, title: "Time to log today's entries", body: 'No entry yet today: Sleep and Meditated.', trackerIds: [sleep.id, meditated.id], runIds: ['run-1', 'run-2'] },
      { tag: `qs-nudge:${TODAY}:2026-11-02T20:30:00.000Z`, title: "Time to log today's entries", body: 'No entry yet today: Sleep.', trackerIds: [sleep.id], runIds: ['run-3'] },
    ]);
    const generic = pageNudges(runs, names, 'generic');
    expect(generic.map((nudge) => nudge.body)).toEqual(['2 trackers have no entry yet today.', '1 tracker has no entry yet today.']);
    expect(JSON.stringify(generic)).not.toMatch(/Sleep|Meditated/);
  });

  it('leaves out trackers deleted since, and a nudge left with none', () => {
    const runs = [nudgeRun(2, 'gone', { dueAt: '2026-11-02T21:00:00.000Z' }), nudgeRun(1, sleep.id), nudgeRun(0, 'gone')];
    expect(pageNudges(runs, names, 'names').map((nudge) => [nudge.body, nudge.runIds])).toEqual([['No entry yet today: Sleep.', ['run-0', 'run-1']]]);
  });
});

describe('the page’s look for nudges', () => {
  let runs: JobRun[];
  const listActivity = vi.fn<Api['listActivity']>(() => ok({ runs, more: false }));
  const api = () =>
    stubApi({
      getSettings: () => ok({ settings: { autoLockMinutes: 0, timeZone: 'UTC', nudges: DEFAULT_NUDGES, reports: { enabled: false, time: '09:00', byMail: false } }, stayUnlocked: { available: false, reason: null, enabled: false } }),
      listActivity,
      listTrackers: () => ok({ trackers: [sleep, meditated] }),
    });

  beforeEach(() => {
    vi.useFakeTimers({ now: NOW, toFake: ['Date', 'setInterval', 'clearInterval'] });
    browser.shown.length = 0;
    listActivity.mockClear();
    localStorage.clear();
    runs = [nudgeRun(1, sleep.id)];
    browserNudges.permission = 'granted';
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('shows today’s unshown nudge at once, then only new ones each minute, and nothing again after a reload', async () => {
    const stop = browserNudges.watch(api());
    await vi.waitFor(() => expect(browser.shown).toHaveLength(1));
    expect(browser.shown[0]).toMatchObject({ title: "Time to log today's entries", options: { body: 'No entry yet today: Sleep.', tag: `qs-nudge:${TODAY}:2026-11-02T19:00:00.000Z` } });

    runs = [nudgeRun(2, meditated.id, { dueAt: '2026-11-02T19:31:00.000Z' }), ...runs];
    await vi.advanceTimersByTimeAsync(LOOK_EVERY_MS);
    await vi.waitFor(() => expect(browser.shown).toHaveLength(2));
    expect(browser.shown[1]?.options?.body).toBe('No entry yet today: Meditated.');
    stop();

    // A reload: a new watch over the same runs shows nothing; the browser remembered them.
    const looks = listActivity.mock.calls.length;
    const again = browserNudges.watch(api());
    await vi.waitFor(() => expect(listActivity.mock.calls.length).toBe(looks + 1));
    await vi.advanceTimersByTimeAsync(LOOK_EVERY_MS);
    await vi.waitFor(() => expect(listActivity.mock.calls.length).toBe(looks + 2));
    expect(browser.shown).toHaveLength(2);
    again();
  });

  it('opens the tracker of a nudge about one tracker when clicked, and the dashboard for several', async () => {
    runs = [nudgeRun(2, meditated.id, { dueAt: '2026-11-02T19:05:00.000Z' }), nudgeRun(1, sleep.id, { dueAt: '2026-11-02T19:05:00.000Z' }), nudgeRun(0, sleep.id, { dueAt: '2026-11-02T18:00:00.000Z' })];
    const focus = vi.spyOn(window, 'focus').mockImplementation(() => undefined);
    const stop = browserNudges.watch(api());
    await vi.waitFor(() => expect(browser.shown).toHaveLength(2));
    const [one, several] = browser.shown;
    one?.onclick?.();
    expect(router.route).toEqual({ name: 'tracker', trackerId: sleep.id });
    several?.onclick?.();
    expect(router.route).toEqual({ name: 'dashboard' });
    expect(browser.shown.every((notification) => (notification as unknown as { closed: boolean }).closed)).toBe(true);
    expect(focus).toHaveBeenCalledTimes(2);
    focus.mockRestore();
    stop();
  });

  it('looks at nothing until the person allowed notifications, and stops looking when stopped', async () => {
    browserNudges.permission = 'default';
    browserNudges.watch(api())();
    browserNudges.permission = 'granted';
    const stop = browserNudges.watch(api());
    await vi.waitFor(() => expect(listActivity).toHaveBeenCalledTimes(1));
    stop();
    await vi.advanceTimersByTimeAsync(5 * LOOK_EVERY_MS);
    expect(listActivity).toHaveBeenCalledTimes(1);
  });
});

describe('Settings: nudges in this browser', () => {
  it('asks the browser from a click, then says nudges show here', async () => {
    browserNudges.permission = 'default';
    browser.answer.permission = 'granted';
    render(BrowserNudgesControl);
    await fireEvent.click(screen.getByRole('button', { name: 'Show nudges in this browser' }));
    expect((await screen.findByRole('status')).textContent).toBe('Nudges show as this browser’s notifications while this page is open.');
    expect(browserNudges.permission).toBe('granted');
  });

  it('says how to allow them when the browser blocks them', async () => {
    browserNudges.permission = 'default';
    browser.answer.permission = 'denied';
    render(BrowserNudgesControl);
    await fireEvent.click(screen.getByRole('button', { name: 'Show nudges in this browser' }));
    expect((await screen.findByText(/This browser blocks notifications from this page/)).textContent).toContain('site settings');
    expect(screen.queryByRole('button')).toBeNull();
  });
});
