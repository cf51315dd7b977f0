/**
 * A backup that fails part-way (the disk fills while its files are written): BACKUP_FAILED,
 * nothing of it left behind, and the backups kept before are all still there — rotation
 * removes old ones only after a new one is whole. A restore that fails part-way leaves the
 * profile as it was. The file system is wrapped to fail the n-th file written into a backup
 * being made, or into a restore's staging folder.
 */
import * as fsp from 'node:fs/promises';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fileHashes } from './encryption-helpers';
import { Client, SIGN_UP, signedIn } from './helpers';

const failing = vi.hoisted(() => ({ afterFiles: Number.POSITIVE_INFINITY, written: 0, where: '.partial' }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof fsp>();
  return {
    ...real,
    open: (async (path: Parameters<typeof real.open>[0], flags?: Parameters<typeof real.open>[1], mode?: Parameters<typeof real.open>[2]) => {
      if (typeof path === 'string' && path.includes(failing.where) && flags === 'wx' && (failing.written += 1) > failing.afterFiles) {
        throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      }
      return real.open(path, flags, mode);
    }) as typeof real.open,
  };
});

beforeEach(() => {
  Object.assign(failing, { afterFiles: Number.POSITIVE_INFINITY, written: 0, where: '.partial' });
});

describe('a backup that fails part-way', () => {
  it('answers BACKUP_FAILED, leaves no partial folder, and keeps every older backup', async () => {
    let now = Date.parse('2026-11-30T08:00:00.000Z');
    const { core, client, profile } = await signedIn({ now: () => new Date(now) });
    const { tracker } = await client.ok('createTracker', { name: 'Sleep', settings: { type: 'duration' } });
    for (const month of ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11']) await client.ok('addLog', { trackerId: tracker.id, at: `2026-${month}-10T07:00:00.000Z`, value: '7h' });
    await client.ok('updateBackupSettings', { enabled: true, keep: 2, folder: null });
    const kept: string[] = [];
    for (let n = 0; n < 2; n++) {
      kept.push((await client.ok('backupNow', {})).backup.name);
      now += 3_600_000;
    }
    Object.assign(failing, { written: 0, afterFiles: 9 });
    const refused = await client.call('backupNow', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'BACKUP_FAILED', message: expect.stringContaining('ENOSPC') } });
    const folder = join(core.dataDir, 'backups', profile.id);
    expect((await readdir(folder)).sort()).toEqual([...kept].sort());
    expect((await readdir(join(core.dataDir, 'profiles'))).filter((name) => name.startsWith('.'))).toEqual([]);
    expect((await client.ok('listBackups', {})).backups.map((backup) => backup.name)).toEqual([...kept].reverse());

    // The disk has room again: the next backup is whole, and only then is the oldest removed.
    failing.afterFiles = Number.POSITIVE_INFINITY;
    const { backup } = await client.ok('backupNow', {});
    expect((await client.ok('listBackups', {})).backups.map((listed) => listed.name)).toEqual([backup.name, kept[1]]);
  });
});

describe('a restore that fails part-way', () => {
  it('answers BACKUP_FAILED and leaves the profile as it was, its files and what it reads', async () => {
    const { core, client, profile } = await signedIn();
    const { tracker } = await client.ok('createTracker', { name: 'Sleep', settings: { type: 'duration' } });
    for (const month of ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11']) await client.ok('addLog', { trackerId: tracker.id, at: `2026-${month}-10T07:00:00.000Z`, value: '7h' });
    const { backup } = await client.ok('backupNow', {});
    await client.ok('addLog', { trackerId: tracker.id, at: '2026-11-20T07:00:00.000Z', value: '5h' });
    const logs = (await client.ok('listLogs', { trackerId: tracker.id, limit: 100 })).logs;
    await client.ok('logOut', {});
    const profileDir = join(core.dataDir, 'profiles', profile.id);
    const before = await fileHashes(profileDir);

    Object.assign(failing, { where: '.restore-', written: 0, afterFiles: 5 });
    const picker = new Client(core);
    expect(await picker.call('restoreBackup', { path: backup.path, password: SIGN_UP.password })).toMatchObject({ ok: false, error: { code: 'BACKUP_FAILED', message: expect.stringContaining('The profile is as it was') } });
    expect(await fileHashes(profileDir)).toEqual(before);
    expect((await readdir(join(core.dataDir, 'profiles'))).filter((name) => name.startsWith('.'))).toEqual([]);
    await picker.ok('logIn', { email: SIGN_UP.email, password: SIGN_UP.password });
    expect((await picker.ok('listLogs', { trackerId: tracker.id, limit: 100 })).logs).toEqual(logs);
  });
});
