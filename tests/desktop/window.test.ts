import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BrowserWindow, resetFake, shell } from './electron-fake';
import { createAppWindow, createMainWindow, loadRenderer, revealWindow } from '../../src-main/desktop/window/window';
import type { AppLocation } from '../../src-main/desktop/security';

vi.mock('electron', () => import('./electron-fake'));

const built: AppLocation = { pageUrl: 'qs://app/index.html', devServerUrl: null };

function openWindow(location = built, options: Parameters<typeof createMainWindow>[1] = {}): BrowserWindow {
  createMainWindow(location, options);
  const window = BrowserWindow.created.at(-1);
  if (!window) throw new Error('no window was created');
  return window;
}

beforeEach(() => resetFake());

describe('the main window', () => {
  it('is created with the security settings and the CommonJS preload', () => {
    const window = openWindow();
    expect(window.options).toMatchObject({
      show: false,
      webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false },
    });
    const preload = (window.options.webPreferences as { preload: string }).preload;
    expect(preload).toMatch(/[\\/]preload[\\/]index\.cjs$/);
  });

  it('shows itself only when ready to show', () => {
    const window = openWindow();
    expect(window.shown).toBe(false);
    window.emit('ready-to-show');
    expect(window.shown).toBe(true);
  });

  it('loads the built page through the app scheme (never file://), or the dev server URL in development', () => {
    const window = openWindow();
    expect(window.loadedUrl).toBe('qs://app/index.html');
    expect(window.loadedFile).toBeNull();
    const devWindow = openWindow({ ...built, devServerUrl: 'http://localhost:5173/' });
    expect(devWindow.loadedUrl).toBe('http://localhost:5173/');
    expect(devWindow.loadedFile).toBeNull();
  });

  it('loads a route of the page in the hash, through the scheme and the dev server alike', () => {
    const window = createAppWindow(built, { show: false }) as unknown as BrowserWindow;
    loadRenderer(window as never, built, '#/quick-log/t-1');
    expect(window.loadedUrl).toBe('qs://app/index.html#/quick-log/t-1');
    const devWindow = createAppWindow({ ...built, devServerUrl: 'http://localhost:5173/' }, { show: false }) as unknown as BrowserWindow;
    loadRenderer(devWindow as never, { ...built, devServerUrl: 'http://localhost:5173/' }, '#/quick-log/t-1');
    expect(devWindow.loadedUrl).toBe('http://localhost:5173/#/quick-log/t-1');
  });

  it('opens at the placement it is given, never smaller than the minimum', () => {
    const window = openWindow(built, { placement: { x: 40, y: 30, width: 900, height: 700, maximized: false } });
    expect(window.options).toMatchObject({ x: 40, y: 30, width: 900, height: 700, minWidth: 480, minHeight: 400 });
    expect(openWindow().options).toMatchObject({ width: 1100, height: 760 });
    expect(openWindow().options).not.toHaveProperty('x');
  });

  it('a window left maximised is maximised when first shown, not before (maximize() would show it early)', () => {
    const window = openWindow(built, { placement: { width: 900, height: 700, maximized: true } });
    expect(window.actions).toEqual([]);
    window.emit('ready-to-show');
    expect(window.actions).toEqual(['maximize']);
    expect(window.shown).toBe(true);
    window.hide();
    revealWindow(window as never);
    expect(window.actions).toEqual(['maximize', 'hide', 'show']);
  });

  it('stays hidden when painted if asked to (a start at login)', () => {
    const window = openWindow(built, { showWhenReady: false, placement: { width: 900, height: 700, maximized: true } });
    window.emit('ready-to-show');
    expect(window.shown).toBe(false);
    expect(window.actions).toEqual([]);
  });

  it('denies navigation away from the app page', () => {
    const window = openWindow();
    const navigate = (url: string): boolean => {
      const event = { url, preventDefault: vi.fn() };
      window.webContents.emit('will-navigate', event);
      return event.preventDefault.mock.calls.length > 0;
    };
    expect(navigate('https://evil.example/')).toBe(true);
    expect(navigate('file:///etc/passwd')).toBe(true);
    expect(navigate('file:///opt/qs/out/renderer/index.html#/x')).toBe(true);
    expect(navigate('qs://app.evil/index.html')).toBe(true);
    expect(navigate('qs://app/index.html#/x')).toBe(false);
  });

  it('denies window.open, opening only safe https links in the browser', () => {
    const handler = openWindow().webContents.windowOpenHandler;
    expect(handler?.({ url: 'https://example.com/help' })).toEqual({ action: 'deny' });
    expect(handler?.({ url: 'http://example.com/' })).toEqual({ action: 'deny' });
    expect(handler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(shell.opened).toEqual(['https://example.com/help']);
  });

  it('denies webviews and every permission request', () => {
    const window = openWindow();
    const attach = { preventDefault: vi.fn() };
    window.webContents.emit('will-attach-webview', attach);
    expect(attach.preventDefault).toHaveBeenCalled();
    const granted = vi.fn();
    window.webContents.session.permissionRequestHandler?.(window.webContents, 'notifications', granted);
    expect(granted).toHaveBeenCalledWith(false);
    expect(window.webContents.session.permissionCheckHandler?.(window.webContents, 'media')).toBe(false);
  });

});
