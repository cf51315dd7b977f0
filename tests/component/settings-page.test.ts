import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import SettingsPage from '../../src-renderer/src/features/settings/SettingsPage.svelte';
import type { Api, StayUnlocked } from '../../src-preload/contract';
import { ada, noStayUnlocked, settings } from './session-fixtures';
import { ok, stubApi } from './stub-api';

function renderSettings(api: Partial<Api>, stayUnlocked: StayUnlocked = noStayUnlocked) {
  const handlers = { onsettingschanged: vi.fn(), onprofilechanged: vi.fn(), ondeleted: vi.fn() };
  render(SettingsPage, {
    props: {
      api: stubApi({
        currentProfile: () => ok({ profile: ada }),
        getSettings: () => ok({ settings, stayUnlocked }),
        getMailSettings: () => ok({ mail: null }),
        listBackups: () => ok({ settings: { enabled: true, keep: 7, folder: null, effectiveFolder: '/data/backups' }, backups: [] }),
        ...api,
      }),
      ...handlers,
    },
  });
  return handlers;
}

const section = (name: string) => screen.findByRole(name === 'Danger zone' || name.startsWith('Stay') ? 'region' : 'form', { name });

describe('the settings page', () => {
  it('saves the auto-lock minutes and the time zone, chosen from the zones the browser knows', async () => {
    const updateSettings = vi.fn<Api['updateSettings']>(async (input) => ok({ settings: { ...settings, ...input } }));
    const { onsettingschanged } = renderSettings({ updateSettings });
    const form = await section('Locking and time');

    const minutes = within(form).getByLabelText('Lock after idle minutes') as HTMLInputElement;
    const zone = within(form).getByLabelText('Time zone') as HTMLSelectElement;
    expect(minutes.value).toBe('15');
    expect(zone.value).toBe('Europe/Paris');
    expect([...zone.options].map((option) => option.value)).toContain('Asia/Tokyo');

    await fireEvent.input(minutes, { target: { value: '0' } });
    await fireEvent.change(zone, { target: { value: 'Asia/Tokyo' } });
    await fireEvent.click(within(form).getByRole('button', { name: 'Save' }));

    expect(updateSettings).toHaveBeenCalledWith({ autoLockMinutes: 0, timeZone: 'Asia/Tokyo' });
    expect((await within(form).findByRole('status')).textContent).toBe('Saved.');
    expect(onsettingschanged).toHaveBeenCalledWith({ ...settings, autoLockMinutes: 0, timeZone: 'Asia/Tokyo' });
  });

  it('refuses a negative number of minutes before asking the app', async () => {
    const updateSettings = vi.fn<Api['updateSettings']>();
    renderSettings({ updateSettings });
    const form = await section('Locking and time');

    await fireEvent.input(within(form).getByLabelText('Lock after idle minutes'), { target: { value: '-5' } });
    await fireEvent.click(within(form).getByRole('button', { name: 'Save' }));

    expect(updateSettings).not.toHaveBeenCalled();
    expect(within(form).getByRole('alert').textContent).toMatch(/whole number of minutes/);
    expect(within(form).getByLabelText('Lock after idle minutes').getAttribute('aria-invalid')).toBe('true');
  });

  it('edits the profile and reports the saved one', async () => {
    const updateProfile = vi.fn<Api['updateProfile']>(async (input) => ok({ profile: { ...ada, ...input } }));
    const { onprofilechanged } = renderSettings({ updateProfile });
    const form = await section('Profile');

    expect((within(form).getByLabelText('Name') as HTMLInputElement).value).toBe('Ada');
    await fireEvent.input(within(form).getByLabelText('Name'), { target: { value: 'Ada L.' } });
    await fireEvent.input(within(form).getByLabelText('Age'), { target: { value: '37' } });
    await fireEvent.click(within(form).getByRole('button', { name: 'Save profile' }));

    expect(updateProfile).toHaveBeenCalledWith({ email: 'ada@example.org', name: 'Ada L.', age: 37, gender: 'female' });
    await vi.waitFor(() => expect(onprofilechanged).toHaveBeenCalledWith({ ...ada, name: 'Ada L.', age: 37 }));
  });

  it('shows the app’s message by the e-mail when another profile has it', async () => {
    const updateProfile = vi.fn<Api['updateProfile']>(async () => ({
      ok: false,
      error: { code: 'EMAIL_TAKEN', message: 'Another profile on this computer uses that e-mail.', field: 'email' },
    }));
    renderSettings({ updateProfile });
    const form = await section('Profile');
    await fireEvent.input(within(form).getByLabelText('Email'), { target: { value: 'grace@example.org' } });
    await fireEvent.click(within(form).getByRole('button', { name: 'Save profile' }));

    const alert = await within(form).findByRole('alert');
    expect(alert.textContent).toBe('Another profile on this computer uses that e-mail.');
    expect(within(form).getByLabelText('Email').getAttribute('aria-describedby')).toBe(alert.id);
  });

  describe('change password', () => {
    async function fill(current: string, next: string, repeat: string) {
      const form = await section('Change password');
      await fireEvent.input(within(form).getByLabelText('Current password'), { target: { value: current } });
      await fireEvent.input(within(form).getByLabelText('New password'), { target: { value: next } });
      await fireEvent.input(within(form).getByLabelText('Repeat new password'), { target: { value: repeat } });
      await fireEvent.click(within(form).getByRole('button', { name: 'Change password' }));
      return form;
    }

    it('asks for the same new password twice before calling the app', async () => {
      const changePassword = vi.fn<Api['changePassword']>();
      renderSettings({ changePassword });
      const form = await fill('old-password-1', 'new-password-2', 'new-password-3');
      expect(changePassword).not.toHaveBeenCalled();
      expect(within(form).getByRole('alert').textContent).toBe('The two new passwords are not the same.');
    });

    it('changes it, empties the fields and says so', async () => {
      const changePassword = vi.fn<Api['changePassword']>(() => ok({}));
      renderSettings({ changePassword });
      const form = await fill('old-password-1', 'new-password-2', 'new-password-2');

      expect(changePassword).toHaveBeenCalledWith({ currentPassword: 'old-password-1', newPassword: 'new-password-2' });
      expect((await within(form).findByRole('status')).textContent).toMatch(/Password changed/);
      expect((within(form).getByLabelText('Current password') as HTMLInputElement).value).toBe('');
    });

    it('shows a wrong current password by its field', async () => {
      const changePassword = vi.fn<Api['changePassword']>(async () => ({
        ok: false,
        error: { code: 'PASSWORD_WRONG', message: 'That is not your current password.', field: 'currentPassword' },
      }));
      renderSettings({ changePassword });
      const form = await fill('wrong', 'new-password-2', 'new-password-2');
      expect((await within(form).findByRole('alert')).textContent).toBe('That is not your current password.');
      expect(within(form).getByLabelText('Current password').getAttribute('aria-invalid')).toBe('true');
    });
  });

  describe('stay unlocked on this computer', () => {
    it('is not offered where it is unavailable, and says why', async () => {
      renderSettings({});
      const region = await section('Stay unlocked on this computer');
      expect(within(region).queryByRole('checkbox')).toBeNull();
      expect(within(region).getByRole('note').textContent).toContain('Browser mode cannot keep the key in a keychain.');
      expect(region.textContent).toMatch(/anyone who can use your account on this\s+computer can read your data/);
    });

    it('turns on through the app where the keychain is real', async () => {
      const setStayUnlocked = vi.fn<Api['setStayUnlocked']>(async ({ enabled }) =>
        ok({ stayUnlocked: { available: true, reason: null, enabled } }),
      );
      renderSettings({ setStayUnlocked }, { available: true, reason: null, enabled: false });
      const region = await section('Stay unlocked on this computer');
      const box = within(region).getByRole('checkbox', { name: 'Stay unlocked on this computer' }) as HTMLInputElement;

      await fireEvent.click(box);

      expect(setStayUnlocked).toHaveBeenCalledWith({ enabled: true });
      await vi.waitFor(() => expect(box.checked).toBe(true));
    });

    it('shows the refusal and leaves the box as it really is', async () => {
      const setStayUnlocked = vi.fn<Api['setStayUnlocked']>(async () => ({
        ok: false,
        error: { code: 'STAY_UNLOCKED_UNAVAILABLE', message: 'The keychain is not available.' },
      }));
      renderSettings({ setStayUnlocked }, { available: true, reason: null, enabled: false });
      const region = await section('Stay unlocked on this computer');
      const box = within(region).getByRole('checkbox') as HTMLInputElement;

      await fireEvent.click(box);

      expect((await within(region).findByRole('alert')).textContent).toBe('The keychain is not available.');
      expect(box.checked).toBe(false);
    });
  });

  describe('delete profile', () => {
    async function openDanger() {
      const region = await section('Danger zone');
      await fireEvent.click(within(region).getByRole('button', { name: 'Delete profile…' }));
      const form = within(region).getByRole('form', { name: 'Delete profile' });
      return form;
    }

    it('needs the typed confirmation before asking the app', async () => {
      const deleteProfile = vi.fn<Api['deleteProfile']>();
      renderSettings({ deleteProfile });
      const form = await openDanger();
      expect(document.activeElement).toBe(within(form).getByLabelText('Your password'));

      await fireEvent.input(within(form).getByLabelText('Your password'), { target: { value: 'first-password-1' } });
      await fireEvent.input(within(form).getByLabelText('Type DELETE to confirm'), { target: { value: 'delete' } });
      await fireEvent.click(within(form).getByRole('button', { name: 'Delete my profile and data' }));

      expect(deleteProfile).not.toHaveBeenCalled();
      expect(within(form).getByRole('alert').textContent).toBe('Type DELETE to confirm.');
    });

    it('deletes with the password and the word, then reports it', async () => {
      const deleteProfile = vi.fn<Api['deleteProfile']>(() => ok({}));
      const { ondeleted } = renderSettings({ deleteProfile });
      const form = await openDanger();

      await fireEvent.input(within(form).getByLabelText('Your password'), { target: { value: 'first-password-1' } });
      await fireEvent.input(within(form).getByLabelText('Type DELETE to confirm'), { target: { value: 'DELETE' } });
      await fireEvent.click(within(form).getByRole('button', { name: 'Delete my profile and data' }));

      expect(deleteProfile).toHaveBeenCalledWith({ password: 'first-password-1' });
      await vi.waitFor(() => expect(ondeleted).toHaveBeenCalledOnce());
    });

    it('keeps everything on a wrong password and says so by the field', async () => {
      const deleteProfile = vi.fn<Api['deleteProfile']>(async () => ({
        ok: false,
        error: { code: 'PASSWORD_WRONG', message: 'That is not your password.', field: 'password' },
      }));
      const { ondeleted } = renderSettings({ deleteProfile });
      const form = await openDanger();
      await fireEvent.input(within(form).getByLabelText('Your password'), { target: { value: 'nope' } });
      await fireEvent.input(within(form).getByLabelText('Type DELETE to confirm'), { target: { value: 'DELETE' } });
      await fireEvent.click(within(form).getByRole('button', { name: 'Delete my profile and data' }));

      expect((await within(form).findByRole('alert')).textContent).toBe('That is not your password.');
      expect(ondeleted).not.toHaveBeenCalled();
    });
  });

  it('shows why the page could not load', async () => {
    renderSettings({ getSettings: async () => ({ ok: false, error: { code: 'DATA_FILE_DAMAGED', message: 'settings.json is damaged.' } }) });
    expect((await screen.findByRole('alert')).textContent).toBe('settings.json is damaged.');
  });
});
