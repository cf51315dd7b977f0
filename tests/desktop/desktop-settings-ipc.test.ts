/**
 * Settings › Desktop in main: bad input is a typed error that saves nothing; a shortcut
 * another app holds or a login item the OS refuses changes nothing (and puts back what
 * was already applied); only the app's own page may ask.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AppSettings, memorySettingsStore, type AppSettingsValues } from '../../src-main/desktop/settings/app-settings';
import {
  createDesktopSettingsService,
  parseDesktopSettingsPatch,
  registerDesktopSettingsHandlers,
  type DesktopSettingsDeps,
  type ShortcutApplier,
} from '../../src-main/desktop/settings/desktop-settings-ipc';
import type { AppLocation } from '../../src-main/desktop/security';
import { desktopChannelOf } from '../../src-preload/desktop-settings';
import { ipcMain, resetFake } from './electron-fake';

vi.mock('electron', () => import('./electron-fake'));

const location: AppLocation = { pageUrl: 'qs://app/index.html', devServerUrl: null };

function setUp(
  options: {
    stored?: Partial<AppSettingsValues>;
    applyShortcut?: ShortcutApplier;
    applyOpenAtLogin?: (on: boolean) => Promise<void>;
    unavailable?: string | null;
    initialShortcutProblem?: string | null;
  } = {},
) {
  const store = memorySettingsStore(options.stored ?? {});
  const settings = new AppSettings(store);
  const shortcuts: string[] = [];
  const logins: boolean[] = [];
  const deps: DesktopSettingsDeps = {
    settings,
    applyShortcut: (accelerator) => {
      shortcuts.push(accelerator);
      return options.applyShortcut ? options.applyShortcut(accelerator) : { ok: true };
    },
    applyOpenAtLogin: (on) => {
      logins.push(on);
      return options.applyOpenAtLogin ? options.applyOpenAtLogin(on) : Promise.resolve();
    },
    openAtLoginUnavailable: () => options.unavailable ?? null,
    initialShortcutProblem: options.initialShortcutProblem ?? null,
    platform: 'linux',
  };
  return { store, settings, shortcuts, logins, service: createDesktopSettingsService(deps), deps };
}

beforeEach(() => resetFake());

describe('parseDesktopSettingsPatch', () => {
  it('takes any subset of the three settings, trimming the shortcut', () => {
    expect(parseDesktopSettingsPatch({}, 'linux')).toEqual({ ok: true, value: {} });
    expect(parseDesktopSettingsPatch({ closeToTray: false, openAtLogin: true, quickLogShortcut: '  Alt+Shift+Q ' }, 'linux')).toEqual({
      ok: true,
      value: { closeToTray: false, openAtLogin: true, quickLogShortcut: 'Alt+Shift+Q' },
    });
  });

  it('takes an empty shortcut as none', () => {
    expect(parseDesktopSettingsPatch({ quickLogShortcut: '   ' }, 'linux')).toEqual({ ok: true, value: { quickLogShortcut: '' } });
  });

  it('says what is wrong with a shortcut that is not one, in the accelerator check’s words', () => {
    expect(parseDesktopSettingsPatch({ quickLogShortcut: 'Ctrl+' }, 'linux')).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'quickLogShortcut', message: expect.stringContaining('has a + with no key beside it') },
    });
    expect(parseDesktopSettingsPatch({ quickLogShortcut: 'L' }, 'linux')).toMatchObject({ ok: false, error: { message: expect.stringContaining('needs Ctrl, Alt, Cmd or Super') } });
  });

  it.each([
    [null, undefined],
    ['closeToTray', undefined],
    [[true], undefined],
    [{ closeToTray: 'false' }, 'closeToTray'],
    [{ openAtLogin: 1 }, 'openAtLogin'],
    [{ openAtLogin: null }, 'openAtLogin'],
    [{ quickLogShortcut: 'Ctrl+Shift' }, 'quickLogShortcut'],
    [{ quickLogShortcut: 'Ctrl+L+K' }, 'quickLogShortcut'],
    [{ quickLogShortcut: 'Ctrl+\u0000L' }, 'quickLogShortcut'],
    [{ quickLogShortcut: `Ctrl+${'L'.repeat(120)}` }, 'quickLogShortcut'],
    [{ quickLogShortcut: ['Ctrl', 'L'] }, 'quickLogShortcut'],
    [{ quickLogShortcut: 42 }, 'quickLogShortcut'],
    [{ quickLogShortcut: null }, 'quickLogShortcut'],
    [{ closeHintShown: true }, 'closeHintShown'],
    [{ windowState: { bounds: null, maximized: true } }, 'windowState'],
    [{ __proto__: { closeToTray: false }, polluted: true }, 'polluted'],
  ])('refuses %j with INVALID_INPUT naming %s', (input, field) => {
    const result = parseDesktopSettingsPatch(input, 'linux');
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    if (!result.ok) expect(result.error.field).toBe(field);
  });
});

describe('the desktop settings service', () => {
  it('answers the settings with why open at login is unavailable', () => {
    const { service } = setUp({ unavailable: 'Only the installed app can open at login.' });
    expect(service.get()).toEqual({
      ok: true,
      value: {
        closeToTray: true,
        openAtLogin: false,
        openAtLoginUnavailable: 'Only the installed app can open at login.',
        quickLogShortcut: 'CommandOrControl+Shift+L',
        quickLogShortcutProblem: null,
      },
    });
  });

  it('saves close to tray', async () => {
    const { service, settings, shortcuts, logins } = setUp();
    expect(await service.update({ closeToTray: false })).toMatchObject({ ok: true, value: { closeToTray: false } });
    expect(settings.get().closeToTray).toBe(false);
    expect(shortcuts).toEqual([]);
    expect(logins).toEqual([]);
  });

  it('turns open at login on through the OS, then saves it', async () => {
    const { service, settings, logins } = setUp();
    expect(await service.update({ openAtLogin: true })).toMatchObject({ ok: true, value: { openAtLogin: true } });
    expect(logins).toEqual([true]);
    expect(settings.get().openAtLogin).toBe(true);
  });

  it('registers a new shortcut, then saves it; the same shortcut again asks the OS nothing', async () => {
    const { service, settings, shortcuts } = setUp();
    expect(await service.update({ quickLogShortcut: 'Alt+Shift+Q' })).toMatchObject({ ok: true, value: { quickLogShortcut: 'Alt+Shift+Q' } });
    expect(await service.update({ quickLogShortcut: 'Alt+Shift+Q' })).toMatchObject({ ok: true });
    expect(shortcuts).toEqual(['Alt+Shift+Q']);
    expect(settings.get().quickLogShortcut).toBe('Alt+Shift+Q');
  });

  it('turns the shortcut off with an empty one', async () => {
    const { service, settings, shortcuts } = setUp();
    expect(await service.update({ quickLogShortcut: '' })).toMatchObject({ ok: true, value: { quickLogShortcut: '' } });
    expect(shortcuts).toEqual(['']);
    expect(settings.get().quickLogShortcut).toBe('');
  });

  it('refuses a malformed shortcut before asking the OS, saving nothing', async () => {
    const { service, store, shortcuts } = setUp();
    expect(await service.update({ quickLogShortcut: 'Ctrl+Shift' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'quickLogShortcut' } });
    expect(shortcuts).toEqual([]);
    expect(store.written).toEqual([]);
  });

  it('shows why the saved shortcut did not work at start, and a save of the same one retries and clears it', async () => {
    const { service, shortcuts } = setUp({ stored: { quickLogShortcut: 'Ctrl+Alt+T' }, initialShortcutProblem: 'Ctrl+Alt+T is already used by another app.' });
    expect(service.get()).toMatchObject({ ok: true, value: { quickLogShortcut: 'Ctrl+Alt+T', quickLogShortcutProblem: 'Ctrl+Alt+T is already used by another app.' } });
    expect(await service.update({ closeToTray: false })).toMatchObject({ ok: true, value: { quickLogShortcutProblem: 'Ctrl+Alt+T is already used by another app.' } });
    expect(await service.update({ quickLogShortcut: 'Ctrl+Alt+T' })).toMatchObject({ ok: true, value: { quickLogShortcutProblem: null } });
    expect(shortcuts).toEqual(['Ctrl+Alt+T']);
  });

  it('shows a shortcut another app holds by its field, and saves nothing of the change', async () => {
    const { service, store, settings, logins } = setUp({ applyShortcut: () => ({ ok: false, message: 'Another app already uses Ctrl+Alt+T.' }) });
    const result = await service.update({ quickLogShortcut: 'Ctrl+Alt+T', closeToTray: false, openAtLogin: true });
    expect(result).toEqual({ ok: false, error: { code: 'SHORTCUT_UNAVAILABLE', message: 'Another app already uses Ctrl+Alt+T.', field: 'quickLogShortcut' } });
    expect(store.written).toEqual([]);
    expect(settings.get()).toMatchObject({ quickLogShortcut: 'CommandOrControl+Shift+L', closeToTray: true, openAtLogin: false });
    expect(logins).toEqual([]);
  });

  it('treats an applier that throws like one that refuses', async () => {
    const { service, store } = setUp({
      applyShortcut: () => {
        throw new TypeError('Error processing argument: conversion failure from Ctrl+F24');
      },
    });
    expect(await service.update({ quickLogShortcut: 'Ctrl+F24' })).toMatchObject({ ok: false, error: { code: 'SHORTCUT_UNAVAILABLE', message: expect.stringContaining('conversion failure'), field: 'quickLogShortcut' } });
    expect(store.written).toEqual([]);
  });

  it('puts the old shortcut back when the OS then refuses the login item, and saves nothing', async () => {
    const { service, store, shortcuts } = setUp({ applyOpenAtLogin: () => Promise.reject(new Error('EACCES: autostart folder')) });
    const result = await service.update({ quickLogShortcut: 'Alt+Shift+Q', openAtLogin: true });
    expect(result).toMatchObject({ ok: false, error: { code: 'OPEN_AT_LOGIN_FAILED', field: 'openAtLogin', message: expect.stringContaining('EACCES') } });
    expect(shortcuts).toEqual(['Alt+Shift+Q', 'CommandOrControl+Shift+L']);
    expect(store.written).toEqual([]);
  });

  it('refuses to turn open at login on where it is unavailable, asking the OS nothing', async () => {
    const { service, logins, store } = setUp({ unavailable: 'Only the installed app can open at login.' });
    expect(await service.update({ openAtLogin: true })).toEqual({
      ok: false,
      error: { code: 'OPEN_AT_LOGIN_UNAVAILABLE', message: 'Only the installed app can open at login.', field: 'openAtLogin' },
    });
    expect(logins).toEqual([]);
    expect(store.written).toEqual([]);
  });

  it('still lets open at login be turned off where it became unavailable', async () => {
    const { service, settings } = setUp({ stored: { openAtLogin: true }, unavailable: 'Only the installed app can open at login.' });
    expect(await service.update({ openAtLogin: false })).toMatchObject({ ok: true });
    expect(settings.get().openAtLogin).toBe(false);
  });

  it('puts the OS back when the settings file cannot be written', async () => {
    const { deps, shortcuts, logins } = setUp();
    const failing = new AppSettings({
      read: () => ({}),
      write: () => {
        throw new Error('ENOSPC');
      },
    });
    const service = createDesktopSettingsService({ ...deps, settings: failing });
    expect(await service.update({ quickLogShortcut: 'Alt+Shift+Q', openAtLogin: true })).toMatchObject({ ok: false, error: { code: 'SETTINGS_NOT_SAVED' } });
    expect(shortcuts).toEqual(['Alt+Shift+Q', 'CommandOrControl+Shift+L']);
    expect(logins).toEqual([true, false]);
    expect(failing.get()).toMatchObject({ quickLogShortcut: 'CommandOrControl+Shift+L', openAtLogin: false });
  });

  it('runs one change at a time, so two quick changes both land', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { service, settings } = setUp({ applyOpenAtLogin: () => gate });
    const first = service.update({ openAtLogin: true });
    const second = service.update({ closeToTray: false });
    release();
    await Promise.all([first, second]);
    expect(settings.get()).toMatchObject({ openAtLogin: true, closeToTray: false });
  });
});

describe('the IPC handlers', () => {
  const invoke = (method: 'getDesktopSettings' | 'updateDesktopSettings', input: unknown, url: string | null) => {
    const handler = ipcMain.handlers.get(desktopChannelOf(method));
    if (!handler) throw new Error(`${method} is not registered`);
    return handler({ senderFrame: url === null ? null : { url } }, input);
  };

  it('answer the app’s own page', async () => {
    const { deps, settings } = setUp();
    registerDesktopSettingsHandlers(deps, location);
    expect(await invoke('updateDesktopSettings', { closeToTray: false }, 'qs://app/index.html#/settings')).toMatchObject({ ok: true, value: { closeToTray: false } });
    expect(await invoke('getDesktopSettings', undefined, 'qs://app/index.html')).toMatchObject({ ok: true, value: { closeToTray: false } });
    expect(settings.get().closeToTray).toBe(false);
  });

  it.each(['https://evil.example/', 'file:///opt/qs/out/renderer/index.html', 'qs://app.evil/index.html', 'qs://app/assets/index.js', null])(
    'refuse a sender showing %j with FORBIDDEN_SENDER, changing nothing',
    async (url) => {
      const { deps, store } = setUp();
      registerDesktopSettingsHandlers(deps, location);
      expect(await invoke('updateDesktopSettings', { closeToTray: false }, url)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
      expect(await invoke('getDesktopSettings', undefined, url)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
      expect(store.written).toEqual([]);
    },
  );
});
