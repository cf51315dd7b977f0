import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../../src-renderer/src/App.svelte';
import { router } from '../../src-renderer/src/lib/router.svelte';
import type { Api } from '../../src-preload/contract';
import { ada, noStayUnlocked, settings, summaries } from './session-fixtures';
import { ok, stubApi } from './stub-api';

function api(extra: Partial<Api> = {}, autoLockMinutes = settings.autoLockMinutes) {
  return stubApi({
    currentProfile: () => ok({ profile: ada }),
    getSettings: () => ok({ settings: { ...settings, autoLockMinutes }, stayUnlocked: noStayUnlocked }),
    getMailSettings: () => ok({ mail: null }),
    listBackups: () => ok({ settings: { enabled: true, keep: 7, folder: null, effectiveFolder: '/data/backups' }, backups: [] }),
    listProfiles: () => ok({ profiles: summaries }),
    lock: () => ok({}),
    ...extra,
  });
}

beforeEach(() => {
  // The settings page needs only settings and account operations, so the frame is tested without the dashboard's.
  router.go({ name: 'settings' });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('the app frame', () => {
  it('shows the header with the current page marked, and the settings page by its route', async () => {
    render(App, { props: { api: api() } });

    const nav = await screen.findByRole('navigation', { name: 'Main' });
    expect(within(nav).getAllByRole('link').map((link) => link.textContent)).toEqual(['Dashboard', 'Import / export', 'Activity', 'Reports', 'Trash', 'Settings']);
    expect(within(nav).getByRole('link', { name: 'Settings' }).getAttribute('aria-current')).toBe('page');
    expect(within(nav).getByRole('link', { name: 'Dashboard' }).getAttribute('href')).toBe('#/');
    expect(await screen.findByRole('heading', { level: 1, name: 'Settings' })).toBeTruthy();
    expect(screen.getByText('Ada')).toBeTruthy();
  });

  it('Lock hides the data and returns to the password prompt of the same profile', async () => {
    const lock = vi.fn<Api['lock']>(() => ok({}));
    render(App, { props: { api: api({ lock }) } });

    await fireEvent.click(await screen.findByRole('button', { name: 'Lock' }));

    const form = await screen.findByRole('form', { name: 'Log in' });
    expect(lock).toHaveBeenCalledOnce();
    expect(screen.queryByRole('heading', { name: 'Settings' })).toBeNull();
    expect((within(form).getByLabelText('Email') as HTMLInputElement).value).toBe('ada@example.org');
    expect(within(form).getByRole('status').textContent).toBe('Locked. Type your password to continue.');
    const chosen = await screen.findByRole('button', { pressed: true });
    expect(chosen.textContent).toContain('ada@example.org');
  });

  it('locks by itself after the profile’s idle minutes without pointer or keyboard', async () => {
    vi.useFakeTimers();
    const lock = vi.fn<Api['lock']>(() => ok({}));
    render(App, { props: { api: api({ lock }, 2) } });
    await vi.waitFor(() => expect(screen.getByRole('heading', { level: 1, name: 'Settings' })).toBeTruthy());

    await vi.advanceTimersByTimeAsync(90_000);
    window.dispatchEvent(new Event('pointermove'));
    await vi.advanceTimersByTimeAsync(90_000);
    expect(lock).not.toHaveBeenCalled();

    await vi.advanceTimersByTimeAsync(60_000);
    expect(lock).toHaveBeenCalledOnce();
    await vi.waitFor(() =>
      expect(screen.getByRole('form', { name: 'Log in' }).textContent).toContain('Locked after 2 minutes without activity.'),
    );
  });

  it('an answer saying the session is locked returns to log-in with the app’s message', async () => {
    render(App, {
      props: {
        api: api({
          updateSettings: async () => ({ ok: false, error: { code: 'SESSION_LOCKED', message: 'This profile was locked.' } }),
        }),
      },
    });
    const form = await screen.findByRole('form', { name: 'Locking and time' });
    await fireEvent.click(within(form).getByRole('button', { name: 'Save' }));

    expect((await screen.findByRole('alert')).textContent).toBe('This profile was locked.');
    expect((screen.getByLabelText('Email') as HTMLInputElement).value).toBe('ada@example.org');
  });
});
