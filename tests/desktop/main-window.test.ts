/**
 * The main window's life with a mocked Electron: restored where it was, closed to the tray
 * (with a one-time hint) unless the app is quitting or the setting is off, brought back by
 * a second launch or the dock, and kept hidden on a start at login.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppSettings, memorySettingsStore, type AppSettingsValues } from '../../src-main/desktop/settings/app-settings';
import { closeHintText, showCloseHint } from '../../src-main/desktop/window/close-hint';
import { closeAction, displayWorkAreas, installMainWindowLifecycle, MainWindow, type AppEvents } from '../../src-main/desktop/window/main-window';
import type { AppLocation } from '../../src-main/desktop/security';
import { SAVE_DELAY_MS } from '../../src-main/desktop/window/window-state';
import { app, BrowserWindow, dialog, Notification, resetFake, screen } from './electron-fake';

vi.mock('electron', () => import('./electron-fake'));

const location: AppLocation = { pageUrl: 'qs://app/index.html', devServerUrl: null };

function setUp(stored: Partial<AppSettingsValues> = {}) {
  const store = memorySettingsStore(stored);
  const settings = new AppSettings(store);
  const hint = vi.fn();
  const mainWindow = new MainWindow({ location, settings, workAreas: () => displayWorkAreas(screen), showCloseHint: hint, warn: vi.fn() });
  return { store, settings, hint, mainWindow };
}

const fake = (window: unknown): BrowserWindow => window as BrowserWindow;
/** The fake's untyped emitter, as the lifecycle sees Electron's `app`. */
const appEvents = app as unknown as AppEvents;

beforeEach(() => resetFake());
afterEach(() => vi.useRealTimers());

describe('closeAction', () => {
  it.each([
    [true, false, 'hide'],
    [true, true, 'close'],
    [false, false, 'close'],
    [false, true, 'close'],
  ] as const)('close to tray %s, quitting %s: %s', (closeToTray, quitting, action) => {
    expect(closeAction(closeToTray, quitting)).toBe(action);
  });
});

describe('the main window', () => {
  it('opens where it was left on a display that is still there, maximised when shown', () => {
    screen.workArea = { x: 0, y: 0, width: 1440, height: 875 };
    screen.otherWorkAreas = [{ x: -1920, y: 0, width: 1920, height: 1040 }];
    const { mainWindow } = setUp({ windowState: { bounds: { x: -1500, y: 100, width: 1200, height: 800 }, maximized: true } });
    const window = fake(mainWindow.open());
    expect(window.options).toMatchObject({ x: -1500, y: 100, width: 1200, height: 800 });
    window.emit('ready-to-show');
    expect(window.actions).toEqual(['maximize']);
  });

  it('opens centred at its saved size once the display it was on is gone', () => {
    const { mainWindow } = setUp({ windowState: { bounds: { x: -1500, y: 100, width: 1200, height: 800 }, maximized: false } });
    const window = fake(mainWindow.open());
    expect(window.options).toMatchObject({ width: 1200, height: 800 });
    expect(window.options).not.toHaveProperty('x');
  });

  it('saves its bounds after it is moved, and on close', () => {
    vi.useFakeTimers();
    const { mainWindow, settings } = setUp({ closeToTray: false });
    const window = fake(mainWindow.open());
    window.normalBounds = { x: 50, y: 60, width: 1000, height: 700 };
    window.emit('move');
    vi.advanceTimersByTime(SAVE_DELAY_MS);
    expect(settings.get().windowState).toEqual({ bounds: { x: 50, y: 60, width: 1000, height: 700 }, maximized: false });
    window.normalBounds = { x: 70, y: 80, width: 900, height: 650 };
    window.maximized = true;
    window.close();
    expect(settings.get().windowState).toEqual({ bounds: { x: 70, y: 80, width: 900, height: 650 }, maximized: true });
  });

  it('hides instead of closing when close to tray is on, and says so once', () => {
    const { mainWindow, settings, hint } = setUp();
    const window = fake(mainWindow.open());
    window.show();
    expect(window.close()).toBe(false);
    expect(window.shown).toBe(false);
    expect(window.destroyed).toBe(false);
    expect(mainWindow.current).toBe(window);
    expect(hint).toHaveBeenCalledTimes(1);
    expect(settings.get().closeHintShown).toBe(true);

    window.show();
    window.close();
    expect(hint).toHaveBeenCalledTimes(1);
  });

  it('never shows the hint again after a restart', () => {
    const { mainWindow, hint } = setUp({ closeHintShown: true });
    const window = fake(mainWindow.open());
    window.close();
    expect(window.shown).toBe(false);
    expect(hint).not.toHaveBeenCalled();
  });

  it('closes for real when close to tray is off', () => {
    const { mainWindow, hint } = setUp({ closeToTray: false });
    const window = fake(mainWindow.open());
    expect(window.close()).toBe(true);
    expect(mainWindow.current).toBeNull();
    expect(hint).not.toHaveBeenCalled();
  });

  it('follows a change of the setting without a restart', () => {
    const { mainWindow, settings } = setUp();
    const window = fake(mainWindow.open());
    settings.update({ closeToTray: false });
    expect(window.close()).toBe(true);
  });

  it('closes for real once the app is quitting (Quit in a menu)', () => {
    const { mainWindow } = setUp();
    installMainWindowLifecycle(appEvents, mainWindow, 'linux');
    const window = fake(mainWindow.open());
    app.emit('before-quit', { preventDefault: vi.fn() });
    expect(window.close()).toBe(true);
  });

  it('closes for real when Windows ends the session', () => {
    const { mainWindow } = setUp();
    const window = fake(mainWindow.open());
    window.emit('session-end');
    expect(window.close()).toBe(true);
  });

  it('comes back from the tray on a second launch: shown, restored and focused', () => {
    const { mainWindow } = setUp();
    installMainWindowLifecycle(appEvents, mainWindow, 'linux');
    const window = fake(mainWindow.open());
    window.emit('ready-to-show');
    window.close();
    window.minimized = true;
    window.actions.length = 0;
    app.emit('second-instance', {}, ['/opt/qs/qs']);
    expect(window.actions).toEqual(['restore', 'show', 'focus']);
    expect(window.shown).toBe(true);
  });

  it('shows the window for a second launch whose arguments did not come through', () => {
    const { mainWindow } = setUp();
    installMainWindowLifecycle(appEvents, mainWindow, 'linux');
    const window = fake(mainWindow.open({ hidden: true }));
    app.emit('second-instance', {});
    expect(window.shown).toBe(true);
  });

  it('stays in the tray when the second launch is itself a start at login', () => {
    const { mainWindow } = setUp();
    installMainWindowLifecycle(appEvents, mainWindow, 'win32');
    const window = fake(mainWindow.open({ hidden: true }));
    app.emit('second-instance', {}, ['C:\\QS\\qs.exe', '--hidden']);
    expect(window.shown).toBe(false);
  });

  it('starts hidden in the tray on a start at login, and shows when asked (maximised if it was)', () => {
    const { mainWindow } = setUp({ windowState: { bounds: null, maximized: true } });
    const window = fake(mainWindow.open({ hidden: true }));
    window.emit('ready-to-show');
    expect(window.shown).toBe(false);
    expect(window.loadedUrl).toBe('qs://app/index.html');
    mainWindow.show();
    expect(window.actions).toEqual(['maximize', 'focus']);
  });

  it('is made again when asked for after it really closed (macOS dock click)', () => {
    const { mainWindow } = setUp({ closeToTray: false });
    installMainWindowLifecycle(appEvents, mainWindow, 'darwin');
    fake(mainWindow.open()).close();
    app.emit('activate');
    expect(BrowserWindow.created).toHaveLength(2);
    expect(mainWindow.current).toBe(BrowserWindow.created[1]);
  });

  it('opens only one window however often it is asked', () => {
    const { mainWindow } = setUp();
    expect(mainWindow.open()).toBe(mainWindow.open());
    mainWindow.show();
    expect(BrowserWindow.created).toHaveLength(1);
  });
});

describe('the close hint', () => {
  it('is a quiet notification where the system shows them', () => {
    showCloseHint('linux');
    expect(Notification.shown).toEqual([closeHintText('linux')]);
    expect(dialog.messageBoxes).toEqual([]);
  });

  it('is a message box where it does not', () => {
    Notification.supported = false;
    showCloseHint('win32');
    expect(Notification.shown).toEqual([]);
    expect(dialog.messageBoxes).toEqual([expect.objectContaining({ message: closeHintText('win32').title, detail: closeHintText('win32').body })]);
  });

  it('calls the tray the menu bar on macOS', () => {
    expect(closeHintText('darwin').title).toBe('Quantified Self is still running in the menu bar');
    expect(closeHintText('linux').title).toBe('Quantified Self is still running in the tray');
  });
});

describe('displayWorkAreas', () => {
  it('lists the primary display first', () => {
    screen.workArea = { x: 0, y: 0, width: 1440, height: 875 };
    screen.otherWorkAreas = [{ x: -1920, y: 0, width: 1920, height: 1040 }];
    expect(displayWorkAreas(screen)[0]).toEqual({ x: 0, y: 0, width: 1440, height: 875 });
  });
});
