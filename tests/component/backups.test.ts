/** Settings › Backups and the picker's restore flow: what they show, what they send, and that a restore asks first. */
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import BackupsSection from '../../src-renderer/src/features/backups/BackupsSection.svelte';
import RestoreBackup from '../../src-renderer/src/features/backups/RestoreBackup.svelte';
import type { Api, Backup, BackupPreview, FoundBackup } from '../../src-preload/contract';
import { ok, stubApi } from './stub-api';

const backup: Backup = { path: '/data/backups/p1/2026-11-29T20-00-03Z', name: '2026-11-29T20-00-03Z', madeAt: '2026-11-29T20:00:03.000Z', size: 43_008, reason: 'scheduled' };
const found: FoundBackup = { ...backup, profileId: 'p1', email: 'ada@example.com', profileExists: true };
const preview: BackupPreview = { profileId: 'p1', email: 'ada@example.com', name: 'Ada', madeAt: backup.madeAt, trackers: ['Sleep', 'Mood'], entries: 1204, replaces: true };
const settings = { enabled: true, keep: 7, folder: null, effectiveFolder: '/data/backups' };

describe('Settings › Backups', () => {
  it('lists the backups with size, saves the settings as given, and backs up now', async () => {
    const updateBackupSettings = vi.fn<Api['updateBackupSettings']>(async (input) => ok({ settings: { ...input, effectiveFolder: input.folder ?? '/data/backups' } }));
    const backupNow = vi.fn<Api['backupNow']>(() => ok({ backup: { ...backup, reason: 'manual' } }));
    render(BackupsSection, { props: { api: stubApi({ listBackups: () => ok({ settings, backups: [backup] }), updateBackupSettings, backupNow }) } });
    const list = await screen.findByRole('list', { name: 'In /data/backups' });
    expect(within(list).getAllByRole('listitem').map((item) => item.textContent)).toEqual([expect.stringMatching(/^29 Nov 2026, \d{2}:00 · 42 KB$/)]);

    await fireEvent.input(screen.getByLabelText('Backups to keep'), { target: { value: '30' } });
    await fireEvent.input(screen.getByLabelText('Folder'), { target: { value: ' /home/ada/Sync ' } });
    await fireEvent.submit(screen.getByRole('form', { name: 'Backup settings' }));
    expect(updateBackupSettings).toHaveBeenCalledWith({ enabled: true, keep: 30, folder: '/home/ada/Sync' });

    await fireEvent.click(screen.getByRole('button', { name: 'Back up now' }));
    expect((await screen.findByText(/^Backed up:/)).textContent).toMatch(/· made by hand\.$/);
    expect(backupNow).toHaveBeenCalledTimes(1);
  });

  it('shows a refused folder next to the field', async () => {
    render(BackupsSection, {
      props: {
        api: stubApi({
          listBackups: () => ok({ settings, backups: [] }),
          updateBackupSettings: () => Promise.resolve({ ok: false as const, error: { code: 'BACKUP_FOLDER_INVALID' as const, message: 'Give the backup folder as a full path.', field: 'folder' } }),
        }),
      },
    });
    await screen.findByText('No backups yet.');
    await fireEvent.input(screen.getByLabelText('Folder'), { target: { value: 'relative' } });
    await fireEvent.submit(screen.getByRole('form', { name: 'Backup settings' }));
    expect((await screen.findByText('Give the backup folder as a full path.')).id).toMatch(/-folder-error$/);
    expect(screen.getByLabelText('Folder').getAttribute('aria-invalid')).toBe('true');
  });
});

describe('Restore from a backup', () => {
  it('opens the chosen backup with its password, previews it, and restores only after the confirmation', async () => {
    const previewBackup = vi.fn<Api['previewBackup']>(() => ok({ preview }));
    const restoreBackup = vi.fn<Api['restoreBackup']>(() => ok({ profileId: 'p1', email: 'ada@example.com', replaced: true, safetyCopy: { ...backup, reason: 'before-restore' } }));
    const onrestored = vi.fn();
    render(RestoreBackup, { props: { api: stubApi({ findBackups: () => ok({ backups: [found] }), previewBackup, restoreBackup }), onrestored } });
    await fireEvent.click(await screen.findByRole('button', { name: /ada@example\.com/ }));
    await fireEvent.input(screen.getByLabelText('Password of this backup’s profile'), { target: { value: 'correct horse' } });
    await fireEvent.submit(screen.getByRole('form', { name: 'Open the backup' }));
    expect(previewBackup).toHaveBeenCalledWith({ path: backup.path, password: 'correct horse' });
    const region = await screen.findByRole('region', { name: 'What the backup holds' });
    expect(region.textContent).toContain('1,204 entries in 2 trackers: Sleep, Mood.');
    expect(region.textContent).toContain('restoring replaces what it holds now');

    await fireEvent.click(within(region).getByRole('button', { name: 'Restore this backup…' }));
    expect(restoreBackup).not.toHaveBeenCalled();
    const dialog = within(region).getByRole('alertdialog');
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(restoreBackup).not.toHaveBeenCalled();
    await fireEvent.click(within(region).getByRole('button', { name: 'Restore this backup…' }));
    await fireEvent.click(within(region).getByRole('button', { name: 'Yes, restore' }));
    expect(restoreBackup).toHaveBeenCalledWith({ path: backup.path, password: 'correct horse' });
    await vi.waitFor(() => expect(onrestored).toHaveBeenCalledWith('ada@example.com', expect.stringContaining('so this can be undone')));
  });

  it('says so when no backup is found', async () => {
    render(RestoreBackup, { props: { api: stubApi({ findBackups: () => ok({ backups: [] }) }), onrestored: () => {} } });
    expect((await screen.findByText(/No backups were found/)).textContent).toContain('the folders your profiles back up to');
  });
});
