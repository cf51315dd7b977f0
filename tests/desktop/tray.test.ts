/**
 * The tray over the real core in a temp data folder (cheap scrypt), with `electron` mocked:
 * its menu follows the trackers and today's answers, a yes/no click writes through the core,
 * another tracker opens the quick-log window, and every failure becomes a menu state.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Handlers, Session } from '../../src-main/core/dispatch';
import { AppFailure } from '../../src-main/core/errors';
import { call, inThreadClient } from '../../src-main/host/core-client';
import { isDataChange, tellWindowsDataChanged } from '../../src-main/desktop/tray/data-changed';
import { registerIpcHandlers } from '../../src-main/desktop/ipc';
import { createQuickLogWindow } from '../../src-main/desktop/tray/quick-log-window';
import { DesktopSession } from '../../src-main/desktop/session-lock';
import { createTrayMenu, TRAY_TOOLTIP, type TrayMenu, type TrayMenuOptions } from '../../src-main/desktop/tray/tray';
import { NO_TRACKERS } from '../../src-main/desktop/tray/tray-menu';
import type { AppLocation } from '../../src-main/desktop/security';
import { startHost } from '../unit/host/host-helpers';
import { fakeHandlers } from '../unit/server/fake-handlers';
import { BrowserWindow, ipcMain, Menu, powerMonitor, resetFake, Tray, type FakeMenuItem } from './electron-fake';

import { client, core, person, signedUp, trackerOf, useClient, useRealCore } from './real-core';

vi.mock('electron', () => import('./electron-fake'));

const PAGE = 'qs://app/index.html';
const LOCATION: AppLocation = { pageUrl: PAGE, devServerUrl: null };
const ICON = '/opt/qs/resources/tray/tray-icon.png';

let trays: TrayMenu[];

useRealCore('qs-tray-');
beforeEach(() => {
  resetFake();
  trays = [];
});
afterEach(() => {
  for (const tray of trays) tray.destroy();
});



function openTray(session: DesktopSession, extra: Partial<TrayMenuOptions> = {}) {
  const spies = {
    openMainWindow: vi.fn(),
    openQuickLog: vi.fn<(trackerId: string | null) => void>(),
    quit: vi.fn(),
    onSessionLocked: vi.fn(),
    onDataChanged: vi.fn(),
    onError: vi.fn(),
  };
  const tray = createTrayMenu({ client, session, icon: ICON, platform: 'linux', ...spies, ...extra });
  trays.push(tray);
  return { tray, spies };
}

/** The menu the tray shows now. */
function shown(): readonly FakeMenuItem[] {
  const menu = Tray.created.at(-1)?.contextMenu;
  if (!menu) throw new Error('the tray has no menu');
  return menu.items;
}
const labels = () => shown().map((item) => item.label ?? '—');
const item = (label: string): FakeMenuItem => {
  const found = shown().find((candidate) => candidate.label === label);
  if (!found) throw new Error(`no menu item "${label}" in ${JSON.stringify(labels())}`);
  return found;
};
/** Wait for the menu to reach a state (a click's or a write's rebuild is asynchronous). */
const until = (check: () => void) => vi.waitFor(check, { timeout: 5_000, interval: 10 });

async function logsOf(session: Session, trackerId: string) {
  const { result } = await call(client, 'listLogs', { trackerId }, session);
  if (!result.ok) throw new Error(result.error.message);
  return result.value.logs;
}

describe('the tray', () => {
  it('shows its icon and tooltip, and a menu of the trackers with today’s answer checked', async () => {
    const session = await signedUp();
    const meditated = await trackerOf(session, 'Meditated', { type: 'boolean' });
    await trackerOf(session, 'Sleep', { type: 'numerical', unit: 'hours' });
    await trackerOf(session, 'Salt & vinegar', { type: 'boolean' });
    await call(client, 'addLog', { trackerId: meditated, value: true }, session);

    const { tray } = openTray(new DesktopSession(client, Date.now, session));
    await tray.refresh();

    expect(Tray.created).toHaveLength(1);
    expect(Tray.created[0]?.image).toBe(ICON);
    expect(Tray.created[0]?.tooltip).toBe(TRAY_TOOLTIP);
    expect(labels()).toEqual(['Meditated', 'Sleep…', 'Salt && vinegar', '—', 'Open Quantified Self', 'Lock', '—', 'Quit']);
    expect(item('Meditated')).toMatchObject({ type: 'checkbox', checked: true });
    expect(item('Salt && vinegar')).toMatchObject({ type: 'checkbox', checked: false });
  });

  it('a click on a yes/no tracker writes today’s answer through the core and rebuilds the menu; a second click changes it', async () => {
    const session = await signedUp();
    const meditated = await trackerOf(session, 'Meditated', { type: 'boolean' });
    const { tray, spies } = openTray(new DesktopSession(client, Date.now, session));
    await tray.refresh();
    expect(item('Meditated').checked).toBe(false);

    item('Meditated').click?.();
    await until(() => expect(item('Meditated').checked).toBe(true));
    expect((await logsOf(session, meditated)).map((log) => log.value)).toEqual([true]);

    item('Meditated').click?.();
    await until(() => expect(item('Meditated').checked).toBe(false));
    // Today's answer was changed, not joined by a second one.
    expect((await logsOf(session, meditated)).map((log) => log.value)).toEqual([false]);
    expect(spies.onDataChanged).toHaveBeenCalledTimes(2);
    expect(spies.onError).not.toHaveBeenCalled();
  });

  it('a click on any other tracker opens the quick-log window at that tracker’s route', async () => {
    const session = await signedUp();
    const sleep = await trackerOf(session, 'Sleep', { type: 'numerical', unit: 'hours' });
    const quickLog = createQuickLogWindow(LOCATION);
    const { tray } = openTray(new DesktopSession(client, Date.now, session), { openQuickLog: (trackerId) => quickLog.open(trackerId) });
    await tray.refresh();

    item('Sleep…').click?.();

    expect(BrowserWindow.created).toHaveLength(1);
    expect(BrowserWindow.created[0]?.loadedHash).toBe(`/quick-log/${sleep}`);
    expect(await logsOf(session, sleep)).toEqual([]);
  });

  it('Open and Quit do what they say', async () => {
    const session = await signedUp();
    const { tray, spies } = openTray(new DesktopSession(client, Date.now, session));
    await tray.refresh();
    item('Open Quantified Self').click?.();
    item('Quit').click?.();
    expect(spies.openMainWindow).toHaveBeenCalledOnce();
    expect(spies.quit).toHaveBeenCalledOnce();
  });

  it('says when there are no trackers yet', async () => {
    const { tray } = openTray(new DesktopSession(client, Date.now, await signedUp()));
    await tray.refresh();
    expect(labels()[0]).toBe(NO_TRACKERS);
    expect(item(NO_TRACKERS).enabled).toBe(false);
  });

  it('follows the windows: a log-in, a write and a lock through IPC rebuild the menu; a read does not; other windows are told', async () => {
    let tray: TrayMenu | null = null;
    const session = registerIpcHandlers(client, LOCATION, {
      onAnswered: (method, result, sender) => {
        tray?.afterCall(method, result);
        if (isDataChange(method, result)) tellWindowsDataChanged(sender);
      },
    });
    tray = openTray(session).tray;
    await tray.refresh();
    expect(labels()).toEqual(['Locked', 'Open to unlock…', '—', 'Quit']);

    const page = new BrowserWindow({});
    const other = new BrowserWindow({});
    const invoke = (method: string, input: unknown) =>
      ipcMain.handlers.get(`api:${method}`)?.({ senderFrame: { url: PAGE }, sender: page.webContents } as never, input) as Promise<{ ok: boolean; value: never }>;

    await invoke('signUp', person);
    await until(() => expect(labels()[0]).toBe(NO_TRACKERS));
    expect(other.webContents.sent).toEqual([]);

    await invoke('createTracker', { name: 'Meditated', settings: { type: 'boolean' } });
    await until(() => expect(labels()[0]).toBe('Meditated'));
    // The page that wrote shows it already; the other window reads again.
    expect(page.webContents.sent).toEqual([]);
    expect(other.webContents.sent).toEqual(['event:entries-changed']);

    // Only the refresh asked for here reads: had the read through IPC started one, this would wait for a second.
    const before = Menu.built.length;
    await invoke('listTrackers', {});
    await tray.refresh();
    expect(Menu.built.length).toBe(before + 1);

    await invoke('lock', {});
    await until(() => expect(labels()[0]).toBe('Locked'));
  });

  it('Lock locks the profile through the core, tells the page, and shows the locked menu', async () => {
    const session = await signedUp();
    await trackerOf(session, 'Meditated', { type: 'boolean' });
    const desktop = new DesktopSession(client, Date.now, session);
    const { tray, spies } = openTray(desktop);
    await tray.refresh();

    item('Lock').click?.();

    await until(() => expect(labels()).toEqual(['Locked', 'Open to unlock…', '—', 'Quit']));
    expect(item('Locked').enabled).toBe(false);
    expect(desktop.session).toBeNull();
    expect(spies.onSessionLocked).toHaveBeenCalledOnce();
    expect((await call(client, 'listTrackers', {}, session)).result).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });
    item('Open to unlock…').click?.();
    expect(spies.openMainWindow).toHaveBeenCalledOnce();
  });

  it('a click on a profile locked meanwhile writes nothing, throws nothing and shows the locked menu', async () => {
    const session = await signedUp();
    const meditated = await trackerOf(session, 'Meditated', { type: 'boolean' });
    const desktop = new DesktopSession(client, Date.now, session);
    const { tray, spies } = openTray(desktop);
    await tray.refresh();
    core.lockProfile(session.profileId);

    expect(() => item('Meditated').click?.()).not.toThrow();

    await until(() => expect(labels()[0]).toBe('Locked'));
    expect(desktop.session).toBeNull();
    expect(spies.onSessionLocked).toHaveBeenCalled();
    expect(spies.onDataChanged).not.toHaveBeenCalled();
    await call(client, 'logIn', { email: person.email, password: person.password }, null);
    expect(await logsOf(session, meditated)).toEqual([]);
  });

  it('a session past its auto-lock minutes is locked by the tray’s next read', async () => {
    const session = await signedUp();
    await call(client, 'updateSettings', { autoLockMinutes: 5 }, session);
    let clock = Date.now();
    const desktop = new DesktopSession(client, () => clock, session);
    const { tray, spies } = openTray(desktop, { now: () => clock });
    clock += 6 * 60_000;
    await tray.refresh();
    expect(labels()[0]).toBe('Locked');
    expect(spies.onSessionLocked).toHaveBeenCalledOnce();
  });
});

describe('the tray when the core fails', () => {
  it('a click whose call throws is logged and shown, never thrown into Electron', async () => {
    const handlers = fakeHandlers();
    const signUp = await inThreadClient(handlers).dispatch('signUp', person, null);
    let broken = false;
    const healthy = inThreadClient({ ...handlers, dashboard: async () => ({ cards: [] }) });
    useClient({ ...healthy, dispatch: (method, input, session) => (broken ? Promise.reject(new Error('worker gone')) : healthy.dispatch(method, input, session)) });
    const created = await client.dispatch('createTracker', { name: 'Meditated', settings: { type: 'boolean' } }, signUp.session);
    expect(created.result.ok).toBe(true);
    const { tray, spies } = openTray(new DesktopSession(client, Date.now, signUp.session));
    await tray.refresh();
    broken = true;

    expect(() => item('Meditated').click?.()).not.toThrow();

    await until(() => expect(labels()[0]).toMatch(/^Trackers unavailable/));
    expect(spies.onError).toHaveBeenCalled();
  });

  it('a write the core refuses shows why atop the menu', async () => {
    const handlers: Handlers = { ...fakeHandlers(), dashboard: async () => ({ cards: [] }) };
    const refusing = inThreadClient({ ...handlers, addLog: async () => Promise.reject(new AppFailure('LOG_VALUE_INVALID', 'Disk says no.')) });
    const signUp = await refusing.dispatch('signUp', person, null);
    await refusing.dispatch('createTracker', { name: 'Meditated', settings: { type: 'boolean' } }, signUp.session);
    useClient(refusing);
    const { tray } = openTray(new DesktopSession(client, Date.now, signUp.session));
    await tray.refresh();

    item('Meditated').click?.();

    await until(() => expect(labels()[0]).toBe('Not saved: Disk says no.'));
    expect(labels()[2]).toBe('Meditated');
  });
});

describe('the tray’s day', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reads again when the person’s day ends (their zone’s midnight), and when the computer wakes', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const handlers = fakeHandlers();
    const dashboard = vi.fn(async () => ({ cards: [] }));
    useClient(inThreadClient({ ...handlers, dashboard }));
    const signUp = await client.dispatch('signUp', person, null);
    // fakeHandlers' profile counts days in UTC: one minute to midnight.
    const now = () => Date.parse('2026-11-25T23:59:00Z');
    const { tray } = openTray(new DesktopSession(client, Date.now, signUp.session), { now });
    await tray.refresh();
    expect(dashboard).toHaveBeenCalledTimes(1);

    await vi.advanceTimersByTimeAsync(60_000);
    expect(dashboard).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(dashboard).toHaveBeenCalledTimes(2);

    powerMonitor.emit('resume');
    expect(dashboard).toHaveBeenCalledTimes(3);
  });

  it('a destroyed tray reads no more and leaves no timer behind', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const dashboard = vi.fn(async () => ({ cards: [] }));
    useClient(inThreadClient({ ...fakeHandlers(), dashboard }));
    const signUp = await client.dispatch('signUp', person, null);
    const { tray } = openTray(new DesktopSession(client, Date.now, signUp.session));
    await tray.refresh();
    expect(vi.getTimerCount()).toBe(1);

    tray.destroy();

    expect(vi.getTimerCount()).toBe(0);
    expect(Tray.created[0]?.destroyed).toBe(true);
    powerMonitor.emit('resume');
    expect(dashboard).toHaveBeenCalledTimes(1);
  });

  it('on Windows a left click opens the menu too', async () => {
    const { tray } = openTray(new DesktopSession(client), { platform: 'win32' });
    await tray.refresh();
    Tray.created[0]?.emit('click');
    expect(Tray.created[0]?.popUps).toBe(1);
  });
});

describe('the tray over the core’s worker', () => {
  it('a yes/no click writes through the worker, and the menu is rebuilt from the worker’s answers', async () => {
    const { host } = await startHost();
    const signUp = await call(host, 'signUp', person, null);
    if (signUp.session === null) throw new Error('sign-up failed');
    const created = await call(host, 'createTracker', { name: 'Meditated', settings: { type: 'boolean' } }, signUp.session);
    if (!created.result.ok) throw new Error(created.result.error.message);
    const { tray } = openTray(new DesktopSession(host, Date.now, signUp.session), { client: host });
    await tray.refresh();
    expect(item('Meditated').checked).toBe(false);

    item('Meditated').click?.();
    await until(() => expect(item('Meditated').checked).toBe(true));
    const logs = await call(host, 'listLogs', { trackerId: created.result.value.tracker.id }, signUp.session);
    expect(logs.result).toMatchObject({ ok: true, value: { logs: [{ value: true }], total: 1 } });
  });
});
