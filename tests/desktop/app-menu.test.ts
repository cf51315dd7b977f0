/** The application menu per platform, its folder items, and its installation. */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { appMenuTemplate, installAppMenu, openFolder, type AppMenuContext } from '../../src-main/desktop/window/app-menu';
import { dialog, Menu, resetFake, shell } from './electron-fake';

vi.mock('electron', () => import('./electron-fake'));

beforeEach(() => resetFake());

const actions = { openDataFolder: vi.fn(), openReportsFolder: vi.fn() };
const context = (platform: NodeJS.Platform, isPackaged = true): AppMenuContext => ({ platform, isPackaged, appName: 'Quantified Self' });

/** Each menu as `label: role-or-label, …`, so a test reads like the menu bar. */
function outline(template: MenuItemConstructorOptions[]): Record<string, string[]> {
  return Object.fromEntries(
    template.map((menu) => [
      String(menu.label),
      (menu.submenu as MenuItemConstructorOptions[]).map((item) => (item.type === 'separator' ? '—' : (item.role ?? String(item.label)))),
    ]),
  );
}

describe('appMenuTemplate', () => {
  it('has the macOS app menu (About, Hide, Quit) and the usual Edit, View, Window and Help', () => {
    expect(outline(appMenuTemplate(context('darwin'), actions))).toEqual({
      'Quantified Self': ['about', '—', 'hide', 'hideOthers', 'unhide', '—', 'quit'],
      Edit: ['undo', 'redo', '—', 'cut', 'copy', 'paste', '—', 'selectAll'],
      View: ['resetZoom', 'zoomIn', 'zoomOut', '—', 'togglefullscreen'],
      Window: ['minimize', 'zoom', '—', 'front', '—', 'close'],
      Help: ['Open Data Folder', 'Open Reports Folder'],
    });
  });

  it.each(['win32', 'linux'] as const)('has File › Quit and Help › About on %s, with access keys', (platform) => {
    expect(outline(appMenuTemplate(context(platform), actions))).toEqual({
      '&File': ['quit'],
      '&Edit': ['undo', 'redo', '—', 'cut', 'copy', 'paste', '—', 'selectAll'],
      '&View': ['resetZoom', 'zoomIn', 'zoomOut', '—', 'togglefullscreen'],
      '&Window': ['minimize', 'close'],
      '&Help': ['Open Data Folder', 'Open Reports Folder', '—', 'about'],
    });
  });

  it.each(['darwin', 'win32', 'linux'] as const)('offers reload and developer tools on %s only when not packaged', (platform) => {
    const view = (packaged: boolean) => Object.entries(outline(appMenuTemplate(context(platform, packaged), actions))).find(([label]) => label.endsWith('View'))?.[1];
    expect(view(false)?.slice(0, 3)).toEqual(['reload', 'forceReload', 'toggleDevTools']);
    const packaged = view(true) ?? [];
    for (const role of ['reload', 'forceReload', 'toggleDevTools']) expect(packaged).not.toContain(role);
  });

  it('opens the data and reports folders from Help', () => {
    const help = appMenuTemplate(context('linux'), actions).find((menu) => menu.role === 'help');
    const items = help?.submenu as MenuItemConstructorOptions[];
    const click = (label: string) => items.find((item) => item.label === label)?.click?.({} as never, undefined, {} as never);
    click('Open Data Folder');
    click('Open Reports Folder');
    expect(actions.openDataFolder).toHaveBeenCalledTimes(1);
    expect(actions.openReportsFolder).toHaveBeenCalledTimes(1);
  });
});

describe('openFolder', () => {
  it('creates a folder that is not there yet, then opens it', async () => {
    const base = await mkdtemp(join(tmpdir(), 'qs-menu-'));
    try {
      const reports = join(base, 'reports');
      await openFolder(reports);
      expect((await stat(reports)).isDirectory()).toBe(true);
      expect(shell.openedPaths).toEqual([reports]);
      expect(dialog.errorBoxes).toEqual([]);
    } finally {
      await rm(base, { recursive: true, force: true });
    }
  });

  it('shows the system’s answer when the folder cannot be opened', async () => {
    const showError = vi.fn();
    await openFolder('/data', { openPath: () => Promise.resolve('No application is registered for folders'), showError, makeFolder: () => Promise.resolve() });
    expect(showError).toHaveBeenCalledWith('The folder could not be opened', 'No application is registered for folders\n\n/data');
  });

  it('shows a folder that cannot be made', async () => {
    const showError = vi.fn();
    const openPath = vi.fn();
    await openFolder('/read-only/reports', { openPath, showError, makeFolder: () => Promise.reject(new Error('EROFS: read-only file system')) });
    expect(openPath).not.toHaveBeenCalled();
    expect(showError).toHaveBeenCalledWith('The folder could not be opened', expect.stringContaining('EROFS'));
  });
});

describe('installAppMenu', () => {
  it('sets the application menu, whose folder items open the given folders', async () => {
    const base = await mkdtemp(join(tmpdir(), 'qs-menu-'));
    try {
      installAppMenu({ dataDir: base, reportsDir: join(base, 'reports') });
      const template = Menu.application?.items as unknown as MenuItemConstructorOptions[];
      const help = template.find((menu) => menu.role === 'help')?.submenu as MenuItemConstructorOptions[];
      help.find((item) => item.label === 'Open Reports Folder')?.click?.({} as never, undefined, {} as never);
      await vi.waitFor(() => expect(shell.openedPaths).toEqual([join(base, 'reports')]));
      // Tests run unpackaged: the developer's reload is there.
      expect(JSON.stringify(template)).toContain('"role":"reload"');
    } finally {
      await rm(base, { recursive: true, force: true });
    }
  });
});
