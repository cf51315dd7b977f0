/**
 * Open at login: the plan per platform, carried out through Electron's login items (a
 * mocked `app`) or a real autostart file in a temp folder, and the hidden start.
 */
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  applyLoginItem,
  autostartEntry,
  desktopExecWord,
  loginItemAvailability,
  loginItemPlan,
  startsHidden,
  type LoginItemContext,
} from '../../src-main/desktop/settings/login-item';
import { openAtLoginControl } from '../../src-main/desktop/settings/open-at-login';
import { app, resetFake } from './electron-fake';

vi.mock('electron', () => import('./electron-fake'));

const installed = (platform: NodeJS.Platform, extra: Partial<LoginItemContext> = {}): LoginItemContext => ({
  platform,
  isPackaged: true,
  execPath: '/opt/Quantified Self/quantified-self',
  autostartDir: () => '/home/ada/.config/autostart',
  appName: 'Quantified Self',
  ...extra,
});

describe('loginItemPlan', () => {
  it('asks macOS for a login item that follows the setting (macOS passes no arguments)', () => {
    expect(loginItemPlan(true, installed('darwin'))).toEqual({ kind: 'login-item', settings: { openAtLogin: true } });
    expect(loginItemPlan(false, installed('darwin'))).toEqual({ kind: 'login-item', settings: { openAtLogin: false } });
  });

  it('asks Windows for a login item started with --hidden', () => {
    expect(loginItemPlan(true, installed('win32'))).toEqual({ kind: 'login-item', settings: { openAtLogin: true, args: ['--hidden'] } });
    expect(loginItemPlan(false, installed('win32'))).toEqual({ kind: 'login-item', settings: { openAtLogin: false, args: ['--hidden'] } });
  });

  it('writes a freedesktop autostart entry on Linux, and removes it when off', () => {
    expect(loginItemPlan(true, installed('linux'))).toEqual({
      kind: 'autostart-file',
      file: '/home/ada/.config/autostart/quantified-self.desktop',
      contents: '[Desktop Entry]\nType=Application\nName=Quantified Self\nExec="/opt/Quantified Self/quantified-self" --hidden\nTerminal=false\nX-GNOME-Autostart-enabled=true\n',
    });
    expect(loginItemPlan(false, installed('linux'))).toEqual({ kind: 'autostart-file', file: '/home/ada/.config/autostart/quantified-self.desktop', contents: null });
  });

  it('starts an AppImage by its own path, not by the temporary mount it runs from', () => {
    const plan = loginItemPlan(true, installed('linux', { execPath: '/tmp/.mount_QuantiXyZ/quantified-self', appImagePath: '/home/ada/Apps/QS.AppImage' }));
    expect(plan).toMatchObject({ kind: 'autostart-file', contents: expect.stringContaining('Exec=/home/ada/Apps/QS.AppImage --hidden\n') });
  });

  it('does nothing from the source tree, where it would register a bare Electron', () => {
    const context = { ...installed('win32'), isPackaged: false };
    expect(loginItemPlan(true, context)).toEqual({ kind: 'unavailable', reason: 'Only the installed app can open at login.' });
    expect(loginItemAvailability(context)).toEqual({ available: false, reason: 'Only the installed app can open at login.' });
  });

  it('is unavailable on systems without login items', () => {
    expect(loginItemPlan(true, installed('freebsd'))).toMatchObject({ kind: 'unavailable' });
    expect(loginItemAvailability(installed('linux'))).toEqual({ available: true, reason: null });
  });

  it('refuses an executable path that would add lines to the autostart file', () => {
    expect(loginItemPlan(true, installed('linux', { execPath: '/opt/qs\nExec=/bin/evil' }))).toMatchObject({ kind: 'unavailable' });
  });
});

describe('desktop entry quoting', () => {
  it.each([
    ['/usr/bin/quantified-self', '/usr/bin/quantified-self'],
    ['/opt/Quantified Self/qs', '"/opt/Quantified Self/qs"'],
    ['/opt/a"b/qs', '"/opt/a\\\\"b/qs"'],
    ['/opt/$HOME/qs', '"/opt/\\\\$HOME/qs"'],
    ['/opt/`id`/qs', '"/opt/\\\\`id\\\\`/qs"'],
    ['/opt/a\\b/qs', '"/opt/a\\\\\\\\b/qs"'],
    ['/opt/100%/qs', '/opt/100%%/qs'],
    ['/opt/100% sure/qs', '"/opt/100%% sure/qs"'],
  ])('quotes %j as %j', (word, quoted) => {
    expect(desktopExecWord(word)).toBe(quoted);
  });

  it('keeps the name on one line', () => {
    expect(autostartEntry('/usr/bin/qs', 'Quantified\nExec=/bin/evil')).toContain('Name=Quantified Exec=/bin/evil\n');
    expect(autostartEntry('/usr/bin/qs', 'Quantified\nExec=/bin/evil').match(/^Exec=/gm)).toHaveLength(1);
  });
});

describe('startsHidden', () => {
  it('stays in the tray when started with --hidden', () => {
    expect(startsHidden(['/opt/qs/qs', '--hidden'], 'win32', () => false)).toBe(true);
    expect(startsHidden(['/opt/qs/qs'], 'linux', () => true)).toBe(false);
    expect(startsHidden(['/opt/qs/qs', '--hidden=no'], 'linux', () => false)).toBe(false);
  });

  it('asks macOS whether it opened the app at login', () => {
    expect(startsHidden(['/Applications/QS.app/Contents/MacOS/QS'], 'darwin', () => true)).toBe(true);
    expect(startsHidden(['/Applications/QS.app/Contents/MacOS/QS'], 'darwin', () => false)).toBe(false);
  });
});

describe('applyLoginItem', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'qs-autostart-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the autostart entry into a folder it creates, and removes it again', async () => {
    const context = installed('linux', { autostartDir: () => join(dir, 'autostart') });
    const setLoginItemSettings = vi.fn();
    await applyLoginItem(loginItemPlan(true, context), { setLoginItemSettings });
    const text = await readFile(join(dir, 'autostart', 'quantified-self.desktop'), 'utf8');
    expect(text).toContain('Exec="/opt/Quantified Self/quantified-self" --hidden');
    await applyLoginItem(loginItemPlan(false, context), { setLoginItemSettings });
    expect(await readdir(join(dir, 'autostart'))).toEqual([]);
    // Removing what is not there is not an error.
    await applyLoginItem(loginItemPlan(false, context), { setLoginItemSettings });
    expect(setLoginItemSettings).not.toHaveBeenCalled();
  });

  it('rejects when the entry cannot be written', async () => {
    const plan = loginItemPlan(true, installed('linux', { autostartDir: () => join(dir, 'autostart') }));
    await expect(applyLoginItem(plan, { setLoginItemSettings: vi.fn(), writeFile: () => Promise.reject(new Error('EROFS')) })).rejects.toThrow('EROFS');
  });
});

describe('openAtLoginControl (Electron wiring)', () => {
  beforeEach(() => resetFake());
  afterEach(() => vi.unstubAllEnvs());

  it('sets the login item to follow the setting in an installed app', async () => {
    app.isPackaged = true;
    const control = openAtLoginControl(() => '/unused', 'win32');
    await control.apply(true);
    await control.apply(false);
    expect(app.loginItemCalls).toEqual([
      { openAtLogin: true, args: ['--hidden'] },
      { openAtLogin: false, args: ['--hidden'] },
    ]);
    expect(control.unavailable()).toBeNull();
  });

  it('touches nothing from the source tree, and says why', async () => {
    app.isPackaged = false;
    const control = openAtLoginControl(() => '/unused', 'darwin');
    await control.apply(true);
    expect(app.loginItemCalls).toEqual([]);
    expect(control.unavailable()).toBe('Only the installed app can open at login.');
  });

  it('knows a login start: --hidden, or macOS saying it opened the app at login', () => {
    expect(openAtLoginControl(() => '/unused', 'linux').startedHidden(['qs', '--hidden'])).toBe(true);
    expect(openAtLoginControl(() => '/unused', 'linux').startedHidden(['qs'])).toBe(false);
    app.wasOpenedAtLogin = true;
    expect(openAtLoginControl(() => '/unused', 'darwin').startedHidden(['qs'])).toBe(true);
  });
});
