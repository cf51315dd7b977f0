import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import AuthScreen from '../../src-renderer/src/features/session/AuthScreen.svelte';
import { Session } from '../../src-renderer/src/features/session/session.svelte';
import type { Api } from '../../src-preload/contract';
import { ada, settings, noStayUnlocked, summaries } from './session-fixtures';
import { ok, stubApi } from './stub-api';

/** What a region says, with the template's line breaks folded to spaces. */
const said = (element: HTMLElement) => (element.textContent ?? '').replace(/\s+/g, ' ');

function renderAuth(api: Partial<Api>, prepare: (session: Session) => void = () => {}) {
  const session = new Session(stubApi(api));
  // As after `start()` found nobody logged in.
  session.profile = null;
  prepare(session);
  render(AuthScreen, { props: { session } });
  return session;
}

const picker = () => screen.getByRole('region', { name: 'Profiles on this computer' });
const logInForm = () => screen.getByRole('form', { name: 'Log in' });

describe('the profile picker', () => {
  it('lists the profiles by e-mail; choosing one fills the e-mail and puts the cursor in the password', async () => {
    renderAuth({ listProfiles: () => ok({ profiles: summaries }) });

    const grace = await within(picker()).findByRole('button', { name: /grace@example\.org/ });
    // The initial is decoration (aria-hidden); the e-mail is the button's name.
    const names = within(picker()).getAllByRole('button', { pressed: false }).map((button) => button.querySelector('.email')?.textContent);
    expect(names).toEqual(['ada@example.org', 'grace@example.org']);

    await fireEvent.click(grace);

    const form = logInForm();
    expect((within(form).getByLabelText('Email') as HTMLInputElement).value).toBe('grace@example.org');
    expect(document.activeElement).toBe(within(form).getByLabelText('Password'));
    expect(grace.getAttribute('aria-pressed')).toBe('true');
  });

  it('“Use another account” empties the e-mail and puts the cursor there', async () => {
    renderAuth({ listProfiles: () => ok({ profiles: summaries }) });
    await fireEvent.click(await within(picker()).findByRole('button', { name: /ada@example\.org/ }));

    await fireEvent.click(screen.getByRole('button', { name: 'Use another account' }));

    const email = within(logInForm()).getByLabelText('Email') as HTMLInputElement;
    expect(email.value).toBe('');
    expect(document.activeElement).toBe(email);
    expect(within(picker()).queryAllByRole('button', { pressed: true })).toEqual([]);
  });

  it('says so when there is no profile yet, and offers to create one', async () => {
    renderAuth({ listProfiles: () => ok({ profiles: [] }) });

    expect(await screen.findByText(/There are no profiles on this computer yet/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Use another account' })).toBeNull();

    await fireEvent.click(screen.getByRole('button', { name: 'Create an account' }));
    expect(screen.getByRole('form', { name: 'Create your account' })).toBeTruthy();
  });

  it('comes back preselected after a lock, with the cursor in the password', async () => {
    const lock = vi.fn<Api['lock']>(() => ok({}));
    renderAuth(
      { listProfiles: () => ok({ profiles: summaries }), lock, getSettings: () => ok({ settings, stayUnlocked: noStayUnlocked }) },
      (session) => {
        session.opened(ada);
        session.lockedByShell('Locked after 15 minutes without activity.');
      },
    );

    const chosen = await within(picker()).findByRole('button', { pressed: true });
    expect(chosen.textContent).toContain('ada@example.org');
    const form = logInForm();
    expect((within(form).getByLabelText('Email') as HTMLInputElement).value).toBe('ada@example.org');
    expect(document.activeElement).toBe(within(form).getByLabelText('Password'));
    expect(within(form).getByRole('status').textContent).toBe('Locked after 15 minutes without activity.');
  });
});

describe('logging in', () => {
  it('shows the wait message when there were too many attempts', async () => {
    const logIn = vi.fn<Api['logIn']>(async () => ({
      ok: false,
      error: { code: 'TOO_MANY_ATTEMPTS', message: 'Too many failed attempts. Try again in 30 seconds.' },
    }));
    renderAuth({ listProfiles: () => ok({ profiles: summaries }), logIn });
    await fireEvent.click(await within(picker()).findByRole('button', { name: /ada@example\.org/ }));
    await fireEvent.input(within(logInForm()).getByLabelText('Password'), { target: { value: 'guess' } });
    await fireEvent.click(within(logInForm()).getByRole('button', { name: 'Log in' }));

    expect(logIn).toHaveBeenCalledWith({ email: 'ada@example.org', password: 'guess' });
    expect((await within(logInForm()).findByRole('alert')).textContent).toBe('Too many failed attempts. Try again in 30 seconds.');
  });

  it('after an upgrade shows the new backup code once, and opens the profile only after “I have saved it”', async () => {
    const logIn = vi.fn<Api['logIn']>(() => ok({ profile: ada, newBackupCode: 'tulip-anchor-7731' }));
    const session = renderAuth({
      listProfiles: () => ok({ profiles: summaries }),
      logIn,
      getSettings: () => ok({ settings, stayUnlocked: noStayUnlocked }),
    });
    await fireEvent.click(await within(picker()).findByRole('button', { name: /ada@example\.org/ }));
    await fireEvent.input(within(logInForm()).getByLabelText('Password'), { target: { value: 'first-password-1' } });
    await fireEvent.click(within(logInForm()).getByRole('button', { name: 'Log in' }));

    const screenRegion = await screen.findByRole('region', { name: 'Your new backup code' });
    expect(within(screenRegion).getByText('tulip-anchor-7731')).toBeTruthy();
    expect(said(screenRegion)).toContain('the one you chose at sign-up no longer works');
    expect(session.profile).toBeNull();

    await fireEvent.click(within(screenRegion).getByRole('button', { name: 'I have saved it' }));
    expect(session.profile).toEqual(ada);
  });

  it('reset shows the NEW backup code, says the old one is gone, then returns to log in with the e-mail filled', async () => {
    const resetPassword = vi.fn<Api['resetPassword']>(() => ok({ backupCode: 'new-code-9f3k' }));
    renderAuth({ listProfiles: () => ok({ profiles: summaries }), resetPassword });
    await fireEvent.click(screen.getByRole('button', { name: 'Forgot your password?' }));
    const form = screen.getByRole('form', { name: 'Reset your password' });
    await fireEvent.input(within(form).getByLabelText('Email'), { target: { value: 'ada@example.org' } });
    await fireEvent.input(within(form).getByLabelText('Backup code'), { target: { value: 'blue whale' } });
    await fireEvent.input(within(form).getByLabelText('New password'), { target: { value: 'second-password-2' } });
    await fireEvent.click(within(form).getByRole('button', { name: 'Set new password' }));

    expect(resetPassword).toHaveBeenCalledWith({ email: 'ada@example.org', backupCode: 'blue whale', newPassword: 'second-password-2' });
    const codeScreen = await screen.findByRole('region', { name: 'Your new backup code' });
    expect(within(codeScreen).getByText('new-code-9f3k')).toBeTruthy();
    expect(said(codeScreen)).toContain('Your old backup code no longer works');

    await fireEvent.click(within(codeScreen).getByRole('button', { name: 'I have saved it' }));
    const logIn = logInForm();
    expect(within(logIn).getByRole('status').textContent).toBe('Your password was changed. Log in with the new one.');
    expect((within(logIn).getByLabelText('Email') as HTMLInputElement).value).toBe('ada@example.org');
    expect(screen.queryByText('new-code-9f3k')).toBeNull();
  });
});
