import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import SignUpForm from '../../src-renderer/src/features/session/SignUpForm.svelte';
import type { Api, FieldIssue } from '../../src-preload/contract';
import { stubApi } from './stub-api';

async function fillAndSubmit() {
  await fireEvent.input(screen.getByLabelText('Email'), { target: { value: 'ada@example.org' } });
  await fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'short' } });
  await fireEvent.input(screen.getByLabelText('Name'), { target: { value: 'Ada' } });
  await fireEvent.input(screen.getByLabelText('Age'), { target: { value: '36' } });
  await fireEvent.change(screen.getByLabelText('Gender'), { target: { value: 'female' } });
  await fireEvent.input(screen.getByLabelText('Backup code'), { target: { value: 'blue whale 42' } });
  await fireEvent.click(screen.getByRole('button', { name: 'Sign up' }));
}

describe('SignUpForm', () => {
  it('shows the core’s message next to the field it names', async () => {
    const signUp = vi.fn<Api['signUp']>(async () => ({
      ok: false,
      error: { code: 'PASSWORD_TOO_SHORT', message: 'Use at least 8 characters.', field: 'password' },
    }));
    render(SignUpForm, { props: { api: stubApi({ signUp }), onsignedup: () => {} } });

    await fillAndSubmit();

    expect(signUp).toHaveBeenCalledWith({
      email: 'ada@example.org',
      password: 'short',
      name: 'Ada',
      age: 36,
      gender: 'female',
      backupCode: 'blue whale 42',
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Use at least 8 characters.');
    const password = screen.getByLabelText('Password');
    expect(password.getAttribute('aria-invalid')).toBe('true');
    expect(password.getAttribute('aria-describedby')).toBe(alert.id);
  });

  it('shows an error without a field at the top of the form', async () => {
    const signUp = vi.fn<Api['signUp']>(async () => ({
      ok: false,
      error: { code: 'NETWORK', message: 'Could not reach Quantified Self.' },
    }));
    render(SignUpForm, { props: { api: stubApi({ signUp }), onsignedup: () => {} } });

    await fillAndSubmit();

    const alert = await screen.findByRole('alert');
    expect(alert.classList.contains('form-error')).toBe(true);
    expect(alert.textContent).toBe('Could not reach Quantified Self.');
  });

  it('disables the button while the request is in flight, then reports the profile', async () => {
    let answer: (value: Awaited<ReturnType<Api['signUp']>>) => void = () => {};
    const signUp = vi.fn<Api['signUp']>(() => new Promise((resolve) => (answer = resolve)));
    const onsignedup = vi.fn();
    render(SignUpForm, { props: { api: stubApi({ signUp }), onsignedup } });

    await fillAndSubmit();
    const button = screen.getByRole('button', { name: /Creating account/ });
    expect((button as HTMLButtonElement).disabled).toBe(true);

    const profile = {
      id: 'p1', email: 'ada@example.org', name: 'Ada', age: 36, gender: 'female' as const, createdAt: '2026-01-01T00:00:00Z',
    };
    answer({ ok: true, value: { profile } });
    await vi.waitFor(() => expect(onsignedup).toHaveBeenCalledWith(profile));
    expect((screen.getByRole('button', { name: 'Sign up' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('shows every field’s error at once for an empty form, each tied to its input', async () => {
    const issues: FieldIssue[] = [
      { code: 'EMAIL_INVALID', message: 'Enter an e-mail address such as name@example.com.', field: 'email' },
      { code: 'PASSWORD_TOO_SHORT', message: 'The password needs at least 8 characters.', field: 'password' },
      { code: 'NAME_REQUIRED', message: 'Enter your name.', field: 'name' },
      { code: 'AGE_INVALID', message: 'Enter your age in years.', field: 'age' },
      { code: 'BACKUP_CODE_TOO_SHORT', message: 'The backup code needs at least 8 characters.', field: 'backupCode' },
    ];
    const signUp = vi.fn<Api['signUp']>(async () => ({ ok: false, error: { ...issues[0]!, issues } }));
    render(SignUpForm, { props: { api: stubApi({ signUp }), onsignedup: () => {} } });

    await fireEvent.click(screen.getByRole('button', { name: 'Sign up' }));

    // The core checks every field, the empty age too, and answers for all of them at once.
    expect(signUp).toHaveBeenCalledWith(expect.objectContaining({ email: '', password: '', name: '', age: null, backupCode: '' }));
    await vi.waitFor(() => expect(screen.getAllByRole('alert')).toHaveLength(5));
    for (const [label, message] of [
      ['Email', issues[0]!.message],
      ['Password', issues[1]!.message],
      ['Name', issues[2]!.message],
      ['Age', issues[3]!.message],
      ['Backup code', issues[4]!.message],
    ] as const) {
      const input = screen.getByLabelText(label);
      expect(input.getAttribute('aria-invalid')).toBe('true');
      const described = (input.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent);
      expect(described).toContain(message);
    }
    expect(screen.getByLabelText('Gender').getAttribute('aria-invalid')).toBe('false');

    // Fixing one field takes away its message only.
    await fireEvent.input(screen.getByLabelText('Name'), { target: { value: 'Ada' } });
    expect(screen.getAllByRole('alert').map((alert) => alert.textContent)).not.toContain('Enter your name.');
    expect(screen.getAllByRole('alert')).toHaveLength(4);
  });
});
