/**
 * Nudges on the desktop, `electron` mocked, over the real core in a temp folder: a nudge is a
 * Notification with the core's words, its buttons where the platform shows them; a click
 * opens the quick-log window for the one tracker or the main window for several; "Done for
 * today" answers yes through the core like the tray; "Snooze 1 hour" goes to the core.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Method, Result } from '../../src-preload/contract';
import { SNOOZE_MS, type Nudge } from '../../src-main/core/services/notifier';
import { call } from '../../src-main/host/core-client';
import { createDesktopNotifier, NOT_CONFIRMED, NOT_SUPPORTED, SHOW_CONFIRM_MS, type DesktopNotifier } from '../../src-main/desktop/jobs/desktop-notifier';
import { nudgeAnswers, type NudgeAnswerOptions } from '../../src-main/desktop/jobs/nudge-answers';
import { DesktopSession } from '../../src-main/desktop/session-lock';
import { createQuickLogWindow } from '../../src-main/desktop/tray/quick-log-window';
import { BrowserWindow, Notification, resetFake } from './electron-fake';

import { client, core, signedUp, trackerOf, useRealCore } from './real-core';

vi.mock('electron', () => import('./electron-fake'));

const LOCATION = { pageUrl: 'qs://app/index.html', devServerUrl: null };
const NOW = Date.UTC(2026, 10, 30, 19);


useRealCore('qs-nudges-');
beforeEach(() => resetFake());
afterEach(() => {
  vi.useRealTimers();
});



const nudgeFor = (profileId: string, trackerIds: string[], names: string, actions: Nudge['actions'] = ['snooze', 'done-for-today']): Nudge => ({
  profileId,
  title: 'Time to log',
  body: `No entry today for ${names}.`,
  trackerIds,
  actions,
});

/** The desktop's notifier answering with nudge-answers.ts, the quick-log window real, the rest recorded. */
function desktop(session: DesktopSession, platform: NodeJS.Platform = 'win32', extra: Partial<NudgeAnswerOptions> = {}) {
  const quickLog = createQuickLogWindow(LOCATION);
  const spies = {
    openMainWindow: vi.fn(),
    snooze: vi.fn<NudgeAnswerOptions['snooze']>(() => Promise.resolve()),
    afterWrite: vi.fn<(method: Method, result: Result<unknown>) => void>(),
    onSessionLocked: vi.fn(),
    onError: vi.fn(),
  };
  const notifier: DesktopNotifier = createDesktopNotifier({ platform });
  notifier.answerWith(
    nudgeAnswers({ client, session, openQuickLog: (trackerId) => quickLog.open(trackerId), now: () => NOW, ...spies, ...extra }),
  );
  // The handler's writes run on their own; tests wait for the writes' `afterWrite`.
  return { notifier, spies };
}

const notification = (index = 0): Notification => {
  const found = Notification.created[index];
  if (!found) throw new Error('no notification was made');
  return found;
};

describe('a nudge on the desktop', () => {
  it('is a notification with the core’s title and body (the trackers’ names), and says it was shown', async () => {
    const { notifier } = desktop(new DesktopSession(core));
    expect(await notifier.notify(nudgeFor('p-1', ['t-1', 't-2'], 'Sleep and Water'))).toEqual({ shown: true });
    expect(Notification.shown).toEqual([{ title: 'Time to log', body: 'No entry today for Sleep and Water.' }]);
  });

  it.each([
    ['win32', ['Snooze 1 hour', 'Done for today']],
    ['darwin', ['Snooze 1 hour', 'Done for today']],
  ] as const)('on %s carries the buttons, in the order the core gave them', async (platform, labels) => {
    const { notifier } = desktop(new DesktopSession(core), platform);
    await notifier.notify(nudgeFor('p-1', ['t-1'], 'Sleep'));
    expect(notification().options.actions).toEqual(labels.map((text) => ({ type: 'button', text })));
  });

  it('on Linux, where Electron shows no buttons, has none (a click is what is left)', async () => {
    const { notifier } = desktop(new DesktopSession(core), 'linux');
    await notifier.notify(nudgeFor('p-1', ['t-1'], 'Sleep'));
    expect(notification().options.actions).toBeUndefined();
  });

  it('reports a nudge the system cannot show or refused, and shows nothing', async () => {
    const { notifier } = desktop(new DesktopSession(core));
    Notification.supported = false;
    expect(await notifier.notify(nudgeFor('p-1', ['t-1'], 'Sleep'))).toEqual({ shown: false, reason: NOT_SUPPORTED });
    Notification.supported = true;
    Notification.failWith = 'Toast notifications are disabled';
    expect(await notifier.notify(nudgeFor('p-1', ['t-1'], 'Sleep'))).toEqual({ shown: false, reason: 'The system refused the notification: Toast notifications are disabled' });
    expect(Notification.shown).toEqual([]);
  });

  it('reports a nudge the system never confirmed as not shown', async () => {
    vi.useFakeTimers();
    const { notifier } = desktop(new DesktopSession(core));
    Notification.silent = true;
    const delivery = notifier.notify(nudgeFor('p-1', ['t-1'], 'Sleep'));
    await vi.advanceTimersByTimeAsync(SHOW_CONFIRM_MS);
    expect(await delivery).toEqual({ shown: false, reason: NOT_CONFIRMED });
  });

  it('refuses a malformed nudge with PORT_INPUT_INVALID and shows nothing', async () => {
    const { notifier } = desktop(new DesktopSession(core));
    await expect(notifier.notify({ ...nudgeFor('p-1', ['t-1'], 'Sleep'), title: '' })).rejects.toMatchObject({ code: 'PORT_INPUT_INVALID' });
    expect(Notification.created).toEqual([]);
  });

  it('replaces the profile’s older nudge, which no longer says what is missing', async () => {
    const { notifier } = desktop(new DesktopSession(core));
    await notifier.notify(nudgeFor('p-1', ['t-1', 't-2'], 'Sleep and Water'));
    await notifier.notify(nudgeFor('p-1', ['t-2'], 'Water'));
    await notifier.notify(nudgeFor('p-2', ['t-9'], 'Steps'));
    expect(Notification.created.map((made) => made.closed)).toEqual([true, false, false]);
  });
});

describe('what the person does with a nudge', () => {
  it('a click on a nudge for one tracker opens the quick-log window for it', async () => {
    const { notifier, spies } = desktop(new DesktopSession(core));
    await notifier.notify(nudgeFor('p-1', ['t-1'], 'Sleep'));
    notification().emit('click', {});
    expect(BrowserWindow.created.map((window) => window.loadedHash)).toEqual(['/quick-log/t-1']);
    expect(spies.openMainWindow).not.toHaveBeenCalled();
  });

  it('a click on a nudge for several trackers opens the main window (the dashboard)', async () => {
    const { notifier, spies } = desktop(new DesktopSession(core));
    await notifier.notify(nudgeFor('p-1', ['t-1', 't-2'], 'Sleep and Water'));
    notification().emit('click', {});
    expect(spies.openMainWindow).toHaveBeenCalledOnce();
    expect(BrowserWindow.created).toEqual([]);
  });

  it('"Snooze 1 hour" hands the trackers to the core until an hour from now', async () => {
    const { notifier, spies } = desktop(new DesktopSession(core));
    await notifier.notify(nudgeFor('p-1', ['t-1', 't-2'], 'Sleep and Water'));
    notification().emit('action', { actionIndex: 0 });
    expect(spies.snooze).toHaveBeenCalledWith('p-1', ['t-1', 't-2'], NOW + SNOOZE_MS);
  });

  it('"Done for today" answers yes for today through the core, and the tray and windows follow', async () => {
    const session = await signedUp();
    const meditated = await trackerOf(session, 'Meditated', { type: 'boolean' });
    const flossed = await trackerOf(session, 'Flossed', { type: 'boolean' });
    // Flossed already has today's answer "no": it is changed, not doubled.
    await call(client, 'addLog', { trackerId: flossed, value: false }, session);
    const desktopSession = new DesktopSession(core, Date.now, session);
    const written = new Promise<void>((resolve) => {
      const seen: Method[] = [];
      const { notifier } = desktop(desktopSession, 'win32', {
        afterWrite: (method) => {
          seen.push(method);
          if (seen.length === 2) resolve();
        },
      });
      void notifier.notify(nudgeFor(session.profileId, [meditated, flossed], 'Meditated and Flossed')).then(() => notification().emit('action', { actionIndex: 1 }));
    });
    await written;

    const { result } = await call(client, 'dashboard', {}, session);
    if (!result.ok) throw new Error(result.error.message);
    const today = new Map(result.value.cards.map((card) => [card.trackerId, card.today]));
    expect(today.get(meditated)).toMatchObject({ count: 1, value: true });
    expect(today.get(flossed)).toMatchObject({ count: 1, value: true });
  });

  it('"Done for today" with the profile locked writes nothing and opens the app instead', async () => {
    const session = await signedUp();
    const meditated = await trackerOf(session, 'Meditated', { type: 'boolean' });
    const locked = new DesktopSession(core);
    const opened = new Promise<void>((resolve) => {
      const { notifier } = desktop(locked, 'win32', { openMainWindow: () => resolve() });
      void notifier.notify(nudgeFor(session.profileId, [meditated, 't-other'], 'Meditated')).then(() => notification().emit('action', { actionIndex: 1 }));
    });
    await opened;
    const { result } = await call(client, 'dashboard', {}, session);
    expect(result.ok && result.value.cards.map((card) => card.today.count)).toEqual([0]);
  });

  it('"Done for today" leaves a tracker that is not yes/no alone', async () => {
    const session = await signedUp();
    const weight = await trackerOf(session, 'Weight', { type: 'numerical', unit: 'kg' });
    const meditated = await trackerOf(session, 'Meditated', { type: 'boolean' });
    const written = new Promise<Method>((resolve) => {
      const { notifier } = desktop(new DesktopSession(core, Date.now, session), 'win32', { afterWrite: (method) => resolve(method) });
      void notifier.notify(nudgeFor(session.profileId, [weight, meditated], 'Weight and Meditated')).then(() => notification().emit('action', { actionIndex: 1 }));
    });
    expect(await written).toBe('addLog');
    const { result } = await call(client, 'dashboard', {}, session);
    if (!result.ok) throw new Error(result.error.message);
    expect(Object.fromEntries(result.value.cards.map((card) => [card.trackerId, card.today.count]))).toEqual({ [weight]: 0, [meditated]: 1 });
  });
});
