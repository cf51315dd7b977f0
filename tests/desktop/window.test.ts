import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BrowserWindow, resetFake, shell } from './electron-fake';
import { createMainWindow } from '../../src-main/desktop/window';
import type { AppLocation } from '../../src-main/desktop/security';

vi.mock('electron', () => import('./electron-fake'));

const built: AppLocation = { rendererFileUrl: 'file:///opt/qs/out/renderer/index.html', devServerUrl: null };

function openWindow(location = built): BrowserWindow {
  createMainWindow(location);
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

  it('loads the built renderer file, or the dev server URL in development', () => {
    const window = openWindow();
    expect(window.loadedFile).toMatch(/[\\/]renderer[\\/]index\.html$/);
    const devWindow = openWindow({ ...built, devServerUrl: 'http://localhost:5173/' });
    expect(devWindow.loadedUrl).toBe('http://localhost:5173/');
    expect(devWindow.loadedFile).toBeNull();
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
    expect(navigate('file:///opt/qs/out/renderer/index.html#/x')).toBe(false);
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
