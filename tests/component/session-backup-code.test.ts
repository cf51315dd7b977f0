import { fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import BackupCodeScreen from '../../src-renderer/src/features/session/BackupCodeScreen.svelte';

const CODE = 'maple-orbit-4410-quartz';

/** Give jsdom (which has no clipboard) one whose writeText does what the test says. */
function clipboard(writeText: (text: string) => Promise<void>) {
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
}

afterEach(() => {
  Reflect.deleteProperty(navigator, 'clipboard');
  window.getSelection()?.removeAllRanges();
});

describe('the backup-code screen', () => {
  it('shows the code, moves focus to its heading, and goes on only when the person says it is saved', async () => {
    const ondone = vi.fn();
    render(BackupCodeScreen, { props: { code: CODE, ondone } });

    expect(screen.getByText(CODE)).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Your new backup code' }));
    expect(screen.getByText(/This is the only time it is shown/)).toBeTruthy();
    expect(ondone).not.toHaveBeenCalled();

    await fireEvent.click(screen.getByRole('button', { name: 'I have saved it' }));
    expect(ondone).toHaveBeenCalledOnce();
  });

  it('copies the code to the clipboard when allowed', async () => {
    const writeText = vi.fn(async (_text: string) => {});
    clipboard(writeText);
    render(BackupCodeScreen, { props: { code: CODE, ondone: () => {} } });

    await fireEvent.click(screen.getByRole('button', { name: 'Copy' }));

    expect(writeText).toHaveBeenCalledWith(CODE);
    expect((await screen.findByRole('status')).textContent).toMatch(/^Copied\./);
  });

  it('selects the code for Ctrl+C when the clipboard is denied', async () => {
    clipboard(() => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError')));
    render(BackupCodeScreen, { props: { code: CODE, ondone: () => {} } });

    await fireEvent.click(screen.getByRole('button', { name: 'Copy' }));

    expect((await screen.findByRole('status')).textContent).toMatch(/The code is selected: press Ctrl\+C/);
    expect(window.getSelection()?.toString()).toBe(CODE);
  });
});
