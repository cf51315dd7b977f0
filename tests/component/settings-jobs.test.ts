/** Settings › Reminders, Monthly report and Mail: each group saved whole, mail's password write-only. */
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import SettingsPage from '../../src-renderer/src/features/settings/SettingsPage.svelte';
import { portAfterModeChange } from '../../src-renderer/src/features/settings/mail-draft';
import type { Api, MailSettingsView } from '../../src-preload/contract';
import { ada, noStayUnlocked, settings } from './session-fixtures';
import { ok, stubApi } from './stub-api';

const KEPT: MailSettingsView = { host: 'smtp.example.org', port: 587, tls: 'starttls', user: 'ada', hasPassword: true, from: 'ada@example.org', to: 'ada@example.org' };

function renderSettings(api: Partial<Api>, mail: MailSettingsView | null = null) {
  const onsettingschanged = vi.fn();
  render(SettingsPage, {
    props: {
      api: stubApi({
        currentProfile: () => ok({ profile: ada }),
        getSettings: () => ok({ settings, stayUnlocked: noStayUnlocked }),
        getMailSettings: () => ok({ mail }),
        listBackups: () => ok({ settings: { enabled: true, keep: 7, folder: null, effectiveFolder: '/data/backups' }, backups: [] }),
        ...api,
      }),
      desktop: null,
      onsettingschanged,
    },
  });
  return { onsettingschanged };
}

const section = (name: string) => screen.findByRole('form', { name });
const field = (form: HTMLElement, label: string | RegExp) => within(form).getByLabelText(label) as HTMLInputElement;
const type = (form: HTMLElement, label: string | RegExp, value: string) => fireEvent.input(field(form, label), { target: { value } });

describe('Settings › Reminders', () => {
  it('shows the saved nudge settings and saves the whole group', async () => {
    const updateSettings = vi.fn<Api['updateSettings']>(async (input) => ok({ settings: { ...settings, ...input } }));
    const { onsettingschanged } = renderSettings({ updateSettings });
    const form = await section('Reminders');
    expect(field(form, 'Nudge me about trackers without an entry for the day').checked).toBe(true);
    expect(field(form, 'Nudge time').value).toBe('20:00');
    expect(field(form, /The trackers’ names/).checked).toBe(true);
    expect(within(form).getByRole('group', { name: 'What a nudge may show' }).textContent).toMatch(/locked or shared screen: the generic text tells nobody what you track/);

    await type(form, 'Nudge time', '21:15');
    await fireEvent.click(field(form, /Only “Time to log your trackers”/));
    await fireEvent.click(field(form, 'Also send the nudge by e-mail'));
    await fireEvent.click(within(form).getByRole('button', { name: 'Save reminders' }));

    const nudges = { enabled: true, time: '21:15', text: 'generic', byMail: true };
    expect(updateSettings).toHaveBeenCalledWith({ nudges });
    expect((await within(form).findByRole('status')).textContent).toBe('Saved.');
    expect(onsettingschanged).toHaveBeenCalledWith({ ...settings, nudges });
  });

  it('asks for a time before asking the app, and shows the app’s refusal by the time', async () => {
    const updateSettings = vi.fn<Api['updateSettings']>(async () => ({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'nudges.time: Expected a time as HH:MM (00:00 to 23:59).', field: 'nudges.time' },
    }));
    renderSettings({ updateSettings });
    const form = await section('Reminders');
    await type(form, 'Nudge time', '');
    await fireEvent.click(within(form).getByRole('button', { name: 'Save reminders' }));
    expect(updateSettings).not.toHaveBeenCalled();
    expect(within(form).getByRole('alert').textContent).toBe('Enter the time of the nudge, such as 20:00.');

    await type(form, 'Nudge time', '07:00');
    expect(within(form).queryByRole('alert')).toBeNull();
    await fireEvent.click(within(form).getByRole('button', { name: 'Save reminders' }));
    const alert = await within(form).findByRole('alert');
    expect(alert.textContent).toMatch(/Expected a time/);
    expect(field(form, 'Nudge time').getAttribute('aria-invalid')).toBe('true');
    expect(field(form, 'Nudge time').getAttribute('aria-describedby')).toContain(alert.id);
  });

  it('says that mail must be set up for nudges by e-mail, until it is', async () => {
    const updateMailSettings = vi.fn<Api['updateMailSettings']>(async () => ok({ mail: KEPT }));
    renderSettings({ updateMailSettings });
    const reminders = await section('Reminders');
    const hint = () => document.getElementById(field(reminders, 'Also send the nudge by e-mail').getAttribute('aria-describedby') ?? '')?.textContent;
    expect(hint()).toMatch(/Needs the Mail settings below/);

    const mail = await section('Mail');
    await type(mail, 'SMTP server', KEPT.host);
    await type(mail, 'From', KEPT.from);
    await type(mail, 'To', KEPT.to);
    await fireEvent.click(within(mail).getByRole('button', { name: 'Save mail settings' }));
    await vi.waitFor(() => expect(hint()).toBe('To the address in Mail below.'));
  });
});

describe('Settings › Monthly report', () => {
  it('shows the saved report settings and saves the whole group', async () => {
    const updateSettings = vi.fn<Api['updateSettings']>(async (input) => ok({ settings: { ...settings, ...input } }));
    renderSettings({ updateSettings }, KEPT);
    const form = await section('Monthly report');
    expect(field(form, 'Make last month’s report on the 1st of each month').checked).toBe(true);
    expect(field(form, 'Time on the 1st').value).toBe('09:00');

    await fireEvent.click(field(form, 'Make last month’s report on the 1st of each month'));
    await type(form, 'Time on the 1st', '06:45');
    await fireEvent.click(field(form, 'Also e-mail it as a PDF attachment'));
    await fireEvent.click(within(form).getByRole('button', { name: 'Save report settings' }));

    expect(updateSettings).toHaveBeenCalledWith({ reports: { enabled: false, time: '06:45', byMail: true } });
    expect((await within(form).findByRole('status')).textContent).toBe('Saved.');
  });
});

describe('Settings › Mail', () => {
  it('sets up mail from a blank form (STARTTLS on 587), sending the password typed', async () => {
    const updateMailSettings = vi.fn<Api['updateMailSettings']>(async () => ok({ mail: KEPT }));
    renderSettings({ updateMailSettings });
    const form = await section('Mail');
    expect(field(form, 'Port').value).toBe('587');
    expect((within(form).getByLabelText('Encryption') as HTMLSelectElement).value).toBe('starttls');
    expect(within(form).queryByRole('button', { name: 'Remove mail settings' })).toBeNull();
    // Nothing saved yet: the test mail has no settings to go through.
    const test = within(form).getByRole('button', { name: 'Send test mail' }) as HTMLButtonElement;
    expect(test.disabled).toBe(true);
    expect(test.getAttribute('aria-describedby') && document.getElementById(test.getAttribute('aria-describedby') ?? '')?.textContent).toMatch(/Save the settings first/);

    await type(form, 'SMTP server', 'smtp.example.org');
    await type(form, 'User name', 'ada');
    await type(form, 'Password', 'secret-1');
    await type(form, 'From', 'ada@example.org');
    await type(form, 'To', 'ada@example.org');
    await fireEvent.click(within(form).getByRole('button', { name: 'Save mail settings' }));

    expect(updateMailSettings).toHaveBeenCalledWith({
      mail: { host: 'smtp.example.org', port: 587, tls: 'starttls', user: 'ada', password: 'secret-1', from: 'ada@example.org', to: 'ada@example.org' },
    });
    expect((await within(form).findByRole('status')).textContent).toBe('Saved.');
    // The password is not shown again, only that one is kept.
    expect(field(form, 'Password').value).toBe('');
    expect(field(form, 'Password').placeholder).toBe('kept');
  });

  it('offers the test mail once the settings are saved', async () => {
    renderSettings({ updateMailSettings: async () => ok({ mail: KEPT }) });
    const form = await section('Mail');
    const test = () => within(form).getByRole('button', { name: 'Send test mail' }) as HTMLButtonElement;
    expect(test().disabled).toBe(true);
    await type(form, 'SMTP server', 'smtp.example.org');
    // Typed but not saved: the test goes through saved settings only.
    expect(test().disabled).toBe(true);
    await fireEvent.click(within(form).getByRole('button', { name: 'Save mail settings' }));
    await vi.waitFor(() => expect(test().disabled).toBe(false));
    expect(within(form).getByText('Sends a short mail to ada@example.org through the saved settings.')).toBeTruthy();
  });

  it('shows each wrong field’s message by it, and takes each away when that field is edited', async () => {
    const updateMailSettings = vi.fn<Api['updateMailSettings']>(async () => ({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: 'Enter the mail server’s name, such as smtp.example.com.',
        field: 'mail.host',
        issues: [
          { code: 'INVALID_INPUT', message: 'Enter the mail server’s name, such as smtp.example.com.', field: 'mail.host' },
          { code: 'INVALID_INPUT', message: 'The port is a whole number from 1 to 65535.', field: 'mail.port' },
          { code: 'EMAIL_INVALID', message: 'Enter an e-mail address such as name@example.com.', field: 'mail.to' },
        ],
      },
    }));
    renderSettings({ updateMailSettings });
    const form = await section('Mail');
    await type(form, 'Port', '70000');
    await fireEvent.click(within(form).getByRole('button', { name: 'Save mail settings' }));

    await vi.waitFor(() => expect(within(form).getAllByRole('alert')).toHaveLength(3));
    for (const [label, message] of [
      ['SMTP server', /server’s name/],
      ['Port', /1 to 65535/],
      ['To', /e-mail address/],
    ] as const) {
      const input = field(form, label);
      expect(input.getAttribute('aria-invalid')).toBe('true');
      const errorId = input.getAttribute('aria-describedby')?.split(' ').find((describer) => describer.endsWith('-error'));
      expect(document.getElementById(errorId ?? '')?.textContent).toMatch(message);
    }
    expect(field(form, 'From').getAttribute('aria-invalid')).toBe('false');

    await type(form, 'Port', '2525');
    expect(within(form).getAllByRole('alert')).toHaveLength(2);
    expect(field(form, 'Port').getAttribute('aria-invalid')).toBe('false');
  });

  it('asks for a port before asking the app', async () => {
    const updateMailSettings = vi.fn<Api['updateMailSettings']>();
    renderSettings({ updateMailSettings });
    const form = await section('Mail');
    await type(form, 'Port', '');
    await fireEvent.click(within(form).getByRole('button', { name: 'Save mail settings' }));
    expect(updateMailSettings).not.toHaveBeenCalled();
    expect(within(form).getByRole('alert').textContent).toBe('Enter the port, a whole number from 1 to 65535.');
  });

  it('keeps the kept password when the field is left empty: the input has none', async () => {
    const updateMailSettings = vi.fn<Api['updateMailSettings']>(async () => ok({ mail: { ...KEPT, port: 2525 } }));
    renderSettings({ updateMailSettings }, KEPT);
    const form = await section('Mail');
    expect(field(form, 'SMTP server').value).toBe('smtp.example.org');
    expect(field(form, 'Password').value).toBe('');
    expect(field(form, 'Password').placeholder).toBe('kept');
    expect(within(form).getByText(/A password is kept. Leave this empty to keep it/)).toBeTruthy();

    await type(form, 'Port', '2525');
    await fireEvent.click(within(form).getByRole('button', { name: 'Save mail settings' }));
    const sent = updateMailSettings.mock.calls[0]?.[0].mail;
    expect(sent).toEqual({ host: 'smtp.example.org', port: 2525, tls: 'starttls', user: 'ada', from: 'ada@example.org', to: 'ada@example.org' });
    expect(sent && 'password' in sent).toBe(false);
  });

  it('clears the kept password with an empty one, and can think again before saving', async () => {
    const updateMailSettings = vi.fn<Api['updateMailSettings']>(async () => ok({ mail: { ...KEPT, hasPassword: false } }));
    renderSettings({ updateMailSettings }, KEPT);
    const form = await section('Mail');

    await fireEvent.click(within(form).getByRole('button', { name: 'Clear the kept password' }));
    expect(within(form).getByText(/^The kept password is removed when you save/)).toBeTruthy();
    expect(field(form, 'Password').disabled).toBe(true);
    await fireEvent.click(within(form).getByRole('button', { name: 'Keep the password' }));
    expect(field(form, 'Password').disabled).toBe(false);
    await fireEvent.click(within(form).getByRole('button', { name: 'Clear the kept password' }));
    await fireEvent.click(within(form).getByRole('button', { name: 'Save mail settings' }));

    expect(updateMailSettings.mock.calls[0]?.[0].mail).toMatchObject({ password: '' });
    await within(form).findByRole('status');
    expect(field(form, 'Password').placeholder).toBe('');
    expect(within(form).queryByRole('button', { name: 'Clear the kept password' })).toBeNull();
  });

  it('removes the mail settings with null, and the form is blank again', async () => {
    const updateMailSettings = vi.fn<Api['updateMailSettings']>(async () => ok({ mail: null }));
    renderSettings({ updateMailSettings }, KEPT);
    const form = await section('Mail');
    await fireEvent.click(within(form).getByRole('button', { name: 'Remove mail settings' }));
    expect(updateMailSettings).toHaveBeenCalledWith({ mail: null });
    expect((await within(form).findByRole('status')).textContent).toMatch(/removed/);
    expect(field(form, 'SMTP server').value).toBe('');
    expect(within(form).queryByRole('button', { name: 'Remove mail settings' })).toBeNull();
  });

  it('moves the port with the TLS mode while it is the mode’s usual one, and leaves a port of the person’s own', async () => {
    renderSettings({});
    const form = await section('Mail');
    const mode = within(form).getByLabelText('Encryption') as HTMLSelectElement;
    expect([...mode.options].map((option) => option.textContent)).toEqual([
      'STARTTLS: connects, then encrypts (usually port 587)',
      'TLS: encrypted from the start (usually port 465)',
      'None: not encrypted (only a relay on this computer or network)',
    ]);
    await fireEvent.change(mode, { target: { value: 'tls' } });
    expect(field(form, 'Port').value).toBe('465');
    await type(form, 'Port', '2465');
    await fireEvent.change(mode, { target: { value: 'starttls' } });
    expect(field(form, 'Port').value).toBe('2465');
    expect(portAfterModeChange(25, 'none', 'tls')).toBe(465);
    expect(portAfterModeChange(null, 'none', 'starttls')).toBe(587);
  });
});

describe('Settings › Mail › Send test mail', () => {
  /** A pending answer the test settles, so the busy state can be looked at. */
  function deferred<T>() {
    let settle!: (value: T) => void;
    const promise = new Promise<T>((resolve) => (settle = resolve));
    return { promise, settle };
  }

  it('is busy while sending, then says where the mail went', async () => {
    const answer = deferred<Awaited<ReturnType<Api['sendTestMail']>>>();
    const sendTestMail = vi.fn<Api['sendTestMail']>(() => answer.promise);
    renderSettings({ sendTestMail }, KEPT);
    const form = await section('Mail');
    const button = within(form).getByRole('button', { name: 'Send test mail' }) as HTMLButtonElement;
    // A real button: reachable by Tab, pressed with Enter or Space.
    expect(button.type).toBe('button');
    button.focus();
    expect(document.activeElement).toBe(button);

    await fireEvent.click(button);

    expect(sendTestMail).toHaveBeenCalledWith({});
    const busy = within(form).getByRole('button', { name: 'Sending…' }) as HTMLButtonElement;
    expect(busy.disabled).toBe(true);
    answer.settle({ ok: true, value: { messageId: '<1@example.org>', to: 'ada@example.org' } });
    expect((await within(form).findByText(/^Sent to/)).textContent).toBe('Sent to ada@example.org; check your inbox.');
    expect((within(form).getByRole('button', { name: 'Send test mail' }) as HTMLButtonElement).disabled).toBe(false);
    expect(sendTestMail).toHaveBeenCalledTimes(1);
  });

  it('shows the app’s message when the mail did not go, and can be tried again', async () => {
    const message = 'The mail server smtp.example.org:587 refused the login for “ada”. Check the user name and the password.';
    const sendTestMail = vi.fn<Api['sendTestMail']>(async () => ({ ok: false, error: { code: 'MAIL_LOGIN_REFUSED', message } }));
    renderSettings({ sendTestMail }, KEPT);
    const form = await section('Mail');

    await fireEvent.click(within(form).getByRole('button', { name: 'Send test mail' }));

    expect((await within(form).findByRole('alert')).textContent).toBe(message);
    expect(within(form).queryByText(/^Sent to/)).toBeNull();
    await fireEvent.click(within(form).getByRole('button', { name: 'Send test mail' }));
    await vi.waitFor(() => expect(sendTestMail).toHaveBeenCalledTimes(2));
  });

  it('forgets an answer about the settings once they are saved anew', async () => {
    const sendTestMail = vi.fn<Api['sendTestMail']>(async () => ({ ok: false, error: { code: 'MAIL_LOGIN_REFUSED', message: 'Refused.' } }));
    renderSettings({ sendTestMail, updateMailSettings: async () => ok({ mail: KEPT }) }, KEPT);
    const form = await section('Mail');
    await fireEvent.click(within(form).getByRole('button', { name: 'Send test mail' }));
    expect((await within(form).findByRole('alert')).textContent).toBe('Refused.');

    await fireEvent.click(within(form).getByRole('button', { name: 'Save mail settings' }));

    await vi.waitFor(() => expect(within(form).queryByText('Refused.')).toBeNull());
  });
});
