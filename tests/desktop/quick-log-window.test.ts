/** The quick-log window: where it opens, how it is made, one at a time, gone on blur. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { anchorPoint, PLACEMENT_GAP, quickLogPosition, type Rect } from '../../src-main/desktop/tray/quick-log-placement';
import { createQuickLogWindow, QUICK_LOG_SIZE, quickLogHash } from '../../src-main/desktop/tray/quick-log-window';
import type { AppLocation } from '../../src-main/desktop/security';
import { BrowserWindow, resetFake, screen } from './electron-fake';

vi.mock('electron', () => import('./electron-fake'));

const built: AppLocation = { pageUrl: 'qs://app/index.html', devServerUrl: null };
const size = { width: 420, height: 260 };

describe('quickLogPosition', () => {
  // A 1920×1080 screen; the work area is what the menu bar or taskbar leaves.
  const menuBarTop: Rect = { x: 0, y: 25, width: 1920, height: 1055 };
  const taskbarBottom: Rect = { x: 0, y: 0, width: 1920, height: 1040 };

  it('opens below a tray icon in a menu bar at the top, centred under it, a gap inside the work area', () => {
    expect(quickLogPosition(size, menuBarTop, { x: 1500, y: 0, width: 24, height: 24 })).toEqual({ x: 1512 - 210, y: 25 + PLACEMENT_GAP });
  });

  it('opens above a tray icon in a taskbar at the bottom', () => {
    expect(quickLogPosition(size, taskbarBottom, { x: 1500, y: 1044, width: 32, height: 32 })).toEqual({ x: 1516 - 210, y: 1040 - PLACEMENT_GAP - 260 });
  });

  it('opens above an icon inside the work area (a panel the work area includes), a gap off the icon', () => {
    expect(quickLogPosition(size, taskbarBottom, { x: 1500, y: 900, width: 32, height: 32 }).y).toBe(900 - PLACEMENT_GAP - 260);
  });

  it('stays inside the work area when the icon is near a corner', () => {
    const position = quickLogPosition(size, taskbarBottom, { x: 1900, y: 1044, width: 20, height: 32 });
    expect(position).toEqual({ x: 1920 - PLACEMENT_GAP - 420, y: 1040 - PLACEMENT_GAP - 260 });
  });

  it('opens beside a taskbar on the left or right', () => {
    const leftBar: Rect = { x: 48, y: 0, width: 1872, height: 1080 };
    expect(quickLogPosition(size, leftBar, { x: 8, y: 1000, width: 32, height: 32 })).toEqual({ x: 48 + PLACEMENT_GAP, y: 1080 - PLACEMENT_GAP - 260 });
    const rightBar: Rect = { x: 0, y: 0, width: 1872, height: 1080 };
    expect(quickLogPosition(size, rightBar, { x: 1880, y: 500, width: 32, height: 32 })).toEqual({ x: 1872 - PLACEMENT_GAP - 420, y: 516 - 130 });
  });

  it('without the icon’s place (Linux, the shortcut) opens centred, a third of the way down', () => {
    expect(quickLogPosition(size, taskbarBottom, null)).toEqual({ x: 750, y: 260 });
    expect(quickLogPosition(size, taskbarBottom, { x: 0, y: 0, width: 0, height: 0 })).toEqual({ x: 750, y: 260 });
  });

  it('on a work area smaller than the window, starts at its top-left corner', () => {
    expect(quickLogPosition(size, { x: 100, y: 50, width: 300, height: 200 }, { x: 150, y: 0, width: 24, height: 24 })).toEqual({ x: 108, y: 58 });
  });

  it('picks the display of the icon, else of the pointer', () => {
    expect(anchorPoint({ x: 1500, y: 0, width: 24, height: 24 }, { x: 5, y: 5 })).toEqual({ x: 1512, y: 12 });
    expect(anchorPoint(null, { x: 5, y: 5 })).toEqual({ x: 5, y: 5 });
  });
});

describe('the quick-log window', () => {
  beforeEach(() => resetFake());

  const window = (index = 0): BrowserWindow => {
    const found = BrowserWindow.created[index];
    if (!found) throw new Error('no window was made');
    return found;
  };

  it('is small, frameless, on top, out of the taskbar, near the tray, and locked down like every app window', () => {
    createQuickLogWindow(built, { trayBounds: () => ({ x: 1500, y: 0, width: 24, height: 24 }) }).open('t-1');
    expect(window().options).toMatchObject({
      ...QUICK_LOG_SIZE,
      x: 1302,
      y: 25 + PLACEMENT_GAP,
      frame: false,
      alwaysOnTop: true,
      skipTaskbar: true,
      resizable: false,
      show: false,
      webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false },
    });
    expect(screen.asked).toEqual([{ x: 1512, y: 12 }]);
  });

  it('loads the tracker’s quick-log route, or the picker', () => {
    const quickLog = createQuickLogWindow(built);
    quickLog.open('t 1/2');
    expect(window().loadedUrl).toBe('qs://app/index.html#/quick-log/t%201%2F2');
    expect(window().loadedHash).toBe('/quick-log/t%201%2F2');
    expect(quickLogHash(null)).toBe('#/quick-log');
    quickLog.close();
    quickLog.open(null);
    expect(window(1).loadedHash).toBe('/quick-log');
  });

  it('shows and focuses itself once painted', () => {
    createQuickLogWindow(built).open(null);
    expect(window().shown).toBe(false);
    window().emit('ready-to-show');
    expect(window().shown).toBe(true);
    expect(window().focused).toBe(true);
  });

  it('is one window: opening again re-routes and focuses it', () => {
    const quickLog = createQuickLogWindow(built);
    quickLog.open('t-1');
    quickLog.open('t-2');
    expect(BrowserWindow.created).toHaveLength(1);
    expect(window().loadedHash).toBe('/quick-log/t-2');
    expect(window().focused).toBe(true);
    expect(quickLog.current()).toBe(window());
  });

  it('closes when it loses focus; the next open makes a new one', () => {
    const quickLog = createQuickLogWindow(built);
    quickLog.open('t-1');
    window().emit('blur');
    expect(window().isDestroyed()).toBe(true);
    expect(quickLog.current()).toBeNull();
    quickLog.open('t-1');
    expect(BrowserWindow.created).toHaveLength(2);
  });

  it('opens on the pointer’s display when the tray gives no place', () => {
    screen.cursor = { x: 2500, y: 300 };
    createQuickLogWindow(built, { trayBounds: () => null }).open(null);
    expect(screen.asked).toEqual([{ x: 2500, y: 300 }]);
    expect(window().options).toMatchObject({ x: 750, y: Math.round(25 + (1055 - 260) / 3) });
  });
});
