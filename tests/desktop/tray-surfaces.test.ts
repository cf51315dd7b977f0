/** The tray, quick-log window and shortcut as main.ts installs them together. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { inThreadClient } from '../../src-main/host/core-client';
import { DesktopSession } from '../../src-main/desktop/session-lock';
import { currentTrayIcon, installTraySurfaces } from '../../src-main/desktop/tray/tray-surfaces';
import { fakeHandlers } from '../unit/server/fake-handlers';
import { BrowserWindow, globalShortcut, nativeTheme, resetFake, Tray } from './electron-fake';

vi.mock('electron', () => import('./electron-fake'));

const location = { pageUrl: 'qs://app/index.html', devServerUrl: null };

function install(accelerator?: string) {
  const client = inThreadClient({ ...fakeHandlers(), dashboard: async () => ({ cards: [] }) });
  const spies = { openMainWindow: vi.fn(), quit: vi.fn(), onSessionLocked: vi.fn() };
  const surfaces = installTraySurfaces({ client, session: new DesktopSession(client), location, ...spies, ...(accelerator === undefined ? {} : { accelerator }) });
  return { surfaces, spies };
}

beforeEach(() => resetFake());

describe('installTraySurfaces', () => {
  it('creates the tray and registers the default shortcut, which opens the quick-log picker', async () => {
    const { surfaces } = install();
    await surfaces.tray.refresh();
    expect(Tray.created[0]?.contextMenu?.items.map((item) => item.label)[0]).toBe('Locked');
    expect(surfaces.shortcutOutcome).toEqual({ ok: true });
    expect([...globalShortcut.registered.keys()]).toEqual(['CommandOrControl+Shift+L']);

    globalShortcut.registered.get('CommandOrControl+Shift+L')?.();

    expect(BrowserWindow.created).toHaveLength(1);
    expect(BrowserWindow.created[0]?.loadedHash).toBe('/quick-log');
  });

  it('shows the icon for the panel’s colours, and changes it when they change', () => {
    install();
    expect(Tray.created[0]?.image).toBe(currentTrayIcon());
    expect(Tray.created[0]?.image).toMatch(/^\/fake\/app\/resources\/tray\/tray-on-light\.png$/);
    nativeTheme.shouldUseDarkColors = true;
    nativeTheme.emit('updated');
    expect(Tray.created[0]?.image).toMatch(/tray-on-dark\.png$/);
  });

  it('asks the taskbar’s own colours on Windows, and uses the template image on macOS', () => {
    nativeTheme.shouldUseDarkColors = false;
    nativeTheme.shouldUseDarkColorsForSystemIntegratedUI = true;
    expect(currentTrayIcon('win32')).toMatch(/tray-on-dark\.png$/);
    expect(currentTrayIcon('linux')).toMatch(/tray-on-light\.png$/);
    expect(currentTrayIcon('darwin')).toMatch(/trayTemplate\.png$/);
  });

  it('uses the saved shortcut, and reports one that is taken', () => {
    globalShortcut.taken.add('Alt+Shift+Q');
    const { surfaces } = install('Alt+Shift+Q');
    expect(surfaces.shortcutOutcome).toMatchObject({ ok: false, message: expect.stringMatching(/^Alt\+Shift\+Q is already used by another app/) });
    expect(globalShortcut.registered.size).toBe(0);
  });

  it('after a write from one window tells the others to read again', () => {
    const { surfaces } = install();
    const writer = new BrowserWindow({});
    const other = new BrowserWindow({});
    surfaces.afterCall('addLog', { ok: true, value: {} }, writer.webContents as never);
    surfaces.afterCall('listLogs', { ok: true, value: {} }, writer.webContents as never);
    surfaces.afterCall('logIn', { ok: true, value: {} }, writer.webContents as never);
    expect(writer.webContents.sent).toEqual([]);
    expect(other.webContents.sent).toEqual(['event:entries-changed']);
  });

  it('destroy gives everything back', () => {
    const { surfaces } = install();
    surfaces.quickLog.open(null);
    surfaces.destroy();
    expect(globalShortcut.registered.size).toBe(0);
    expect(Tray.created[0]?.destroyed).toBe(true);
    expect(BrowserWindow.created[0]?.isDestroyed()).toBe(true);
  });
});
