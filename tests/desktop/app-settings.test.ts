/**
 * The app-level settings: defaults, each key checked on its own, written through, and a
 * real electron-store file in a temp folder (electron-store runs against the Electron fake).
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  APP_SETTINGS_DEFAULTS,
  AppSettings,
  memorySettingsStore,
  openAppSettings,
  sanitizeAppSettings,
  type AppSettingsValues,
} from '../../src-main/desktop/settings/app-settings';
import { ipcMain, resetFake } from './electron-fake';

vi.mock('electron', () => import('./electron-fake'));

let dir: string;
beforeEach(async () => {
  resetFake();
  dir = await mkdtemp(join(tmpdir(), 'qs-app-settings-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('sanitizeAppSettings', () => {
  it('gives the defaults for nothing stored: close to tray on, open at login off, Ctrl/Cmd+Shift+L, no window state', () => {
    expect(sanitizeAppSettings(undefined)).toEqual({
      closeToTray: true,
      openAtLogin: false,
      quickLogShortcut: 'CommandOrControl+Shift+L',
      closeHintShown: false,
      windowState: { bounds: null, maximized: false },
    });
  });

  it.each([null, 42, 'text', [], [1, 2]])('gives the defaults for a store that is not an object: %j', (raw) => {
    expect(sanitizeAppSettings(raw)).toEqual(APP_SETTINGS_DEFAULTS);
  });

  it('keeps each valid key and defaults each wrong one on its own', () => {
    const raw = {
      closeToTray: 'yes',
      openAtLogin: true,
      quickLogShortcut: 'Alt+Q',
      closeHintShown: 1,
      windowState: { bounds: { x: 10, y: 20, width: 900, height: 'tall' }, maximized: 'true' },
      somethingElse: { nested: true },
    };
    expect(sanitizeAppSettings(raw)).toEqual({
      closeToTray: true,
      openAtLogin: true,
      quickLogShortcut: 'Alt+Q',
      closeHintShown: false,
      windowState: { bounds: null, maximized: false },
    });
  });

  it.each(['', 'Alt+Shift+Q', 'Ctrl + L'])('keeps the stored shortcut %j (empty is none; the keys are checked when registered)', (quickLogShortcut) => {
    expect(sanitizeAppSettings({ quickLogShortcut }).quickLogShortcut).toBe(quickLogShortcut);
  });

  it.each(['Ctrl+\nL', 'Ctrl+\u0000L', 'x'.repeat(101), 42, null, ['Ctrl', 'L']])('refuses the stored shortcut %j', (quickLogShortcut) => {
    expect(sanitizeAppSettings({ quickLogShortcut }).quickLogShortcut).toBe('CommandOrControl+Shift+L');
  });

  it.each([
    { x: Number.NaN, y: 0, width: 800, height: 600 },
    { x: 0, y: Number.POSITIVE_INFINITY, width: 800, height: 600 },
    { x: 0, y: 0, width: 800 },
    { x: '0', y: 0, width: 800, height: 600 },
    [0, 0, 800, 600],
  ])('forgets window bounds that are not four finite numbers: %j', (bounds) => {
    expect(sanitizeAppSettings({ windowState: { bounds, maximized: true } }).windowState).toEqual({ bounds: null, maximized: true });
  });
});

describe('AppSettings', () => {
  it('writes every change through and answers it at once', () => {
    const store = memorySettingsStore();
    const settings = new AppSettings(store);
    settings.update({ closeToTray: false });
    settings.update({ windowState: { bounds: { x: 1, y: 2, width: 900, height: 700 }, maximized: true } });
    expect(settings.get()).toMatchObject({ closeToTray: false, windowState: { bounds: { x: 1, y: 2, width: 900, height: 700 }, maximized: true } });
    expect(store.written).toHaveLength(2);
    expect(store.written.at(-1)).toEqual(settings.get());
  });

  it('keeps what it had when the write fails, so the app never acts on a setting that is not on disk', () => {
    const settings = new AppSettings({
      read: () => ({}),
      write: () => {
        throw new Error('ENOSPC: no space left on device');
      },
    });
    expect(() => settings.update({ openAtLogin: true })).toThrow(/ENOSPC/);
    expect(settings.get().openAtLogin).toBe(false);
  });
});

describe('openAppSettings (electron-store in a real folder)', () => {
  const file = (): string => join(dir, 'app-settings.json');

  it('creates app-settings.json with the defaults in the given folder, and reads changes back after a restart', async () => {
    const settings = openAppSettings(dir);
    expect(settings.get()).toEqual(APP_SETTINGS_DEFAULTS);
    settings.update({ openAtLogin: true, quickLogShortcut: 'Alt+Shift+Q', windowState: { bounds: { x: -1200, y: 40, width: 1000, height: 700 }, maximized: false } });

    const onDisk = JSON.parse(await readFile(file(), 'utf8')) as AppSettingsValues;
    expect(onDisk).toMatchObject({ openAtLogin: true, quickLogShortcut: 'Alt+Shift+Q' });
    const reopened = openAppSettings(dir);
    expect(reopened.get()).toMatchObject({ openAtLogin: true, quickLogShortcut: 'Alt+Shift+Q', windowState: { bounds: { x: -1200, y: 40, width: 1000, height: 700 } } });
  });

  it('closes the synchronous IPC channel electron-store opens for renderer-side stores', () => {
    openAppSettings(dir);
    expect(ipcMain.listeners.has('electron-store-get-data')).toBe(false);
  });

  it('refuses to write a wrong shape (the schema), leaving the file as it was', async () => {
    const settings = openAppSettings(dir);
    settings.update({ closeToTray: false });
    const before = await readFile(file(), 'utf8');
    // The sanitizer would never let this through; the schema is the second line.
    const store = (settings as unknown as { store: { write(values: unknown): void } }).store;
    expect(() => store.write({ ...settings.get(), closeToTray: 'no' })).toThrow(/schema/i);
    expect(await readFile(file(), 'utf8')).toBe(before);
  });

  it.each([
    ['does not parse', '{"closeToTray": fal'],
    ['fails the schema', JSON.stringify({ ...APP_SETTINGS_DEFAULTS, quickLogShortcut: 7 })],
  ])('keeps a file that %s as app-settings.json.corrupt, says so, and starts from the defaults', async (_what, text) => {
    await writeFile(file(), text);
    const warn = vi.fn();
    const settings = openAppSettings(dir, { warn });
    expect(settings.get()).toEqual(APP_SETTINGS_DEFAULTS);
    expect(await readFile(`${file()}.corrupt`, 'utf8')).toBe(text);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('app-settings.json.corrupt'), expect.anything());
    settings.update({ closeToTray: false });
    expect(JSON.parse(await readFile(file(), 'utf8'))).toMatchObject({ closeToTray: false });
  });

  it('lasts until the app quits when no file can be kept there, rather than not starting', async () => {
    // A folder path through a plain file fails for every user, root included.
    await writeFile(join(dir, 'blocker'), 'not a folder');
    const warn = vi.fn();
    const settings = openAppSettings(join(dir, 'blocker', 'inner'), { warn });
    settings.update({ closeToTray: false });
    expect(settings.get().closeToTray).toBe(false);
    expect(warn).toHaveBeenLastCalledWith(expect.stringContaining('last until the app quits'), expect.anything());
    expect(await readdir(dir)).toEqual(['blocker']);
  });
});
