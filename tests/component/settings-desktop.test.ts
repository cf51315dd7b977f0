/** Settings › Desktop app: shown only with the desktop bridge, and each setting through it. */
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import SettingsPage from '../../src-renderer/src/features/settings/SettingsPage.svelte';
import { desktopSettingsBridge } from '../../src-renderer/src/features/settings/desktop-bridge';
import type { DesktopSettings, DesktopSettingsBridge } from '../../src-preload/desktop-settings';
import { ada, noStayUnlocked, settings } from './session-fixtures';
import { ok, stubApi } from './stub-api';

const installed: DesktopSettings = {
  closeToTray: true,
  openAtLogin: false,
  openAtLoginUnavailable: null,
  quickLogShortcut: 'CommandOrControl+Shift+L',
  quickLogShortcutProblem: null,
};

const api = stubApi({
  currentProfile: () => ok({ profile: ada }),
  getSettings: () => ok({ settings, stayUnlocked: noStayUnlocked }),
  getMailSettings: () => ok({ mail: null }),
  listBackups: () => ok({ settings: { enabled: true, keep: 7, folder: null, effectiveFolder: '/data/backups' }, backups: [] }),
});

/** A bridge that answers `start`, and applies each change it is given (unless told to refuse). */
function bridge(start: DesktopSettings = installed, update?: DesktopSettingsBridge['updateDesktopSettings']) {
  let current = start;
  return {
    getDesktopSettings: vi.fn<DesktopSettingsBridge['getDesktopSettings']>(() => ok(current)),
    updateDesktopSettings: vi.fn<DesktopSettingsBridge['updateDesktopSettings']>(
      update ??
        (async (patch) => {
          current = { ...current, ...patch };
          return { ok: true, value: current };
        }),
    ),
  };
}

function renderWith(desktop: DesktopSettingsBridge | null) {
  render(SettingsPage, { props: { api, desktop } });
}

const desktopRegion = () => screen.findByRole('region', { name: 'Desktop app' });

describe('the Desktop app section', () => {
  it('is not there in browser mode', async () => {
    renderWith(null);
    await screen.findByRole('form', { name: 'Locking and time' });
    expect(screen.queryByRole('region', { name: 'Desktop app' })).toBeNull();
    expect(screen.queryByLabelText('Quick-log shortcut')).toBeNull();
  });

  it('shows the settings as they are', async () => {
    renderWith(bridge({ ...installed, closeToTray: false, openAtLogin: true, quickLogShortcut: 'Alt+Shift+Q' }));
    const region = await desktopRegion();
    expect((within(region).getByRole('checkbox', { name: 'Keep running in the tray when the window is closed' }) as HTMLInputElement).checked).toBe(false);
    expect((within(region).getByRole('checkbox', { name: 'Open at login' }) as HTMLInputElement).checked).toBe(true);
    expect((within(region).getByLabelText('Quick-log shortcut') as HTMLInputElement).value).toBe('Alt+Shift+Q');
  });

  it('turns close to tray off through the bridge', async () => {
    const desktop = bridge();
    renderWith(desktop);
    const box = within(await desktopRegion()).getByRole('checkbox', { name: 'Keep running in the tray when the window is closed' }) as HTMLInputElement;
    await fireEvent.click(box);
    expect(desktop.updateDesktopSettings).toHaveBeenCalledWith({ closeToTray: false });
    await vi.waitFor(() => expect(box.checked).toBe(false));
  });

  it('turns open at login on, and shows the system’s refusal by the box, which stays off', async () => {
    const desktop = bridge(installed, async () => ({
      ok: false,
      error: { code: 'OPEN_AT_LOGIN_FAILED', message: 'The system did not accept the change: EACCES', field: 'openAtLogin' },
    }));
    renderWith(desktop);
    const region = await desktopRegion();
    const box = within(region).getByRole('checkbox', { name: 'Open at login' }) as HTMLInputElement;
    await fireEvent.click(box);
    expect(desktop.updateDesktopSettings).toHaveBeenCalledWith({ openAtLogin: true });
    const alert = await within(region).findByRole('alert');
    expect(alert.textContent).toBe('The system did not accept the change: EACCES');
    expect(box.checked).toBe(false);
    expect(box.getAttribute('aria-invalid')).toBe('true');
    expect(box.getAttribute('aria-describedby')).toContain(alert.id);
  });

  it('says why open at login is not offered, and does not let it be turned on', async () => {
    renderWith(bridge({ ...installed, openAtLoginUnavailable: 'Only the installed app can open at login.' }));
    const region = await desktopRegion();
    expect((within(region).getByRole('checkbox', { name: 'Open at login' }) as HTMLInputElement).disabled).toBe(true);
    expect(within(region).getByRole('note').textContent).toBe('Not offered here. Only the installed app can open at login.');
  });

  it('saves a new shortcut and says so', async () => {
    const desktop = bridge();
    renderWith(desktop);
    const form = within(await desktopRegion()).getByRole('form', { name: 'Change the quick-log shortcut' });
    await fireEvent.input(within(form).getByLabelText('Quick-log shortcut'), { target: { value: 'Alt+Shift+Q' } });
    await fireEvent.click(within(form).getByRole('button', { name: 'Save shortcut' }));
    expect(desktop.updateDesktopSettings).toHaveBeenCalledWith({ quickLogShortcut: 'Alt+Shift+Q' });
    expect((await within(form).findByRole('status')).textContent).toBe('Saved.');
  });

  it('shows a shortcut another app holds as the field’s error', async () => {
    const desktop = bridge(installed, async () => ({
      ok: false,
      error: { code: 'SHORTCUT_UNAVAILABLE', message: 'Another app already uses Ctrl+Alt+T. Choose another shortcut.', field: 'quickLogShortcut' },
    }));
    renderWith(desktop);
    const form = within(await desktopRegion()).getByRole('form', { name: 'Change the quick-log shortcut' });
    const field = within(form).getByLabelText('Quick-log shortcut');
    await fireEvent.input(field, { target: { value: 'Ctrl+Alt+T' } });
    await fireEvent.click(within(form).getByRole('button', { name: 'Save shortcut' }));

    const alert = await within(form).findByRole('alert');
    expect(alert.textContent).toBe('Another app already uses Ctrl+Alt+T. Choose another shortcut.');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(field.getAttribute('aria-describedby')).toContain(alert.id);
    expect(within(form).queryByRole('status')).toBeNull();
  });

  it('turns the shortcut off with an empty field', async () => {
    const desktop = bridge();
    renderWith(desktop);
    const form = within(await desktopRegion()).getByRole('form', { name: 'Change the quick-log shortcut' });
    await fireEvent.input(within(form).getByLabelText('Quick-log shortcut'), { target: { value: '' } });
    await fireEvent.click(within(form).getByRole('button', { name: 'Save shortcut' }));
    expect(desktop.updateDesktopSettings).toHaveBeenCalledWith({ quickLogShortcut: '' });
    expect((await within(form).findByRole('status')).textContent).toBe('Saved: no shortcut.');
  });

  it('shows by the field why the saved shortcut does not work since this start', async () => {
    renderWith(bridge({ ...installed, quickLogShortcut: 'Ctrl+Alt+T', quickLogShortcutProblem: 'Ctrl+Alt+T is already used by another app.' }));
    const form = within(await desktopRegion()).getByRole('form', { name: 'Change the quick-log shortcut' });
    const field = within(form).getByLabelText('Quick-log shortcut');
    const alert = within(form).getByRole('alert');
    expect(alert.textContent).toBe('Ctrl+Alt+T is already used by another app.');
    expect(field.getAttribute('aria-describedby')).toContain(alert.id);
  });

  it('says so when the desktop app could not read its settings, and shows the rest of the page', async () => {
    renderWith({
      getDesktopSettings: async () => ({ ok: false, error: { code: 'INTERNAL', message: 'no answer' } }),
      updateDesktopSettings: vi.fn(),
    });
    expect((await screen.findByText(/The desktop app’s settings could not be read/)).textContent).toContain('no answer');
    expect(screen.getByRole('form', { name: 'Locking and time' })).toBeTruthy();
  });
});

describe('desktopSettingsBridge', () => {
  it('is null without the desktop preload, and the bridge’s methods with it', async () => {
    expect(desktopSettingsBridge(undefined)).toBeNull();
    expect(desktopSettingsBridge(api)).toBeNull();
    const desktop = bridge();
    const found = desktopSettingsBridge({ ...api, ...desktop });
    expect(await found?.getDesktopSettings()).toEqual({ ok: true, value: installed });
    await found?.updateDesktopSettings({ closeToTray: false });
    expect(desktop.updateDesktopSettings).toHaveBeenCalledWith({ closeToTray: false });
  });
});
