/**
 * A profile folder written in the skeleton's plaintext format (profile.json v1 with scrypt
 * hashes, trackers.json v1, log shards v1) — written here byte by byte, as the skeleton
 * wrote it — opens after the upgrade with all its data, encrypted, and a new backup code.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isEnvelope } from '../../../src-main/core/crypto/envelope';
import { hashSecret } from '../../../src-main/core/services/secrets';
import { nodeFs, type FsPort } from '../../../src-main/core/store/fs-port';
import { dataLayout } from '../../../src-main/core/store/layout';
import { allFiles, filesContaining } from './encryption-helpers';
import { Client, startCore, tempDir, TEST_SCRYPT } from './helpers';

const PROFILE_ID = 'legacy-profile-1';
const OLD = { email: 'ada@example.com', password: 'old skeleton password', backupCode: 'old-backup-code' };
const SLEEP = 'tracker-sleep';
const MOOD = 'tracker-mood';

async function writeSkeletonProfile(dataDir: string): Promise<void> {
  const folder = join(dataDir, 'profiles', PROFILE_ID);
  await mkdir(join(folder, 'logs', SLEEP), { recursive: true });
  await mkdir(join(folder, 'logs', MOOD), { recursive: true });
  const profile = { id: PROFILE_ID, email: OLD.email, name: 'Ada Skeleton', age: 36, gender: 'female', createdAt: '2025-01-01T00:00:00.000Z' };
  await writeFile(
    join(folder, 'profile.json'),
    JSON.stringify({ version: 1, profile, password: await hashSecret(OLD.password, TEST_SCRYPT), backupCode: await hashSecret(OLD.backupCode, TEST_SCRYPT) }),
  );
  const trackers = [
    { id: SLEEP, name: 'Hours of Sleeping Beauty', description: 'nightly', settings: { type: 'numerical', unit: 'h' }, createdAt: '2025-01-01T00:00:00.000Z' },
    { id: MOOD, name: 'Mood', description: '', settings: { type: 'multiple_choice', options: [{ id: 'opt-1', label: 'Elated Marmalade' }] }, createdAt: '2025-01-01T00:00:00.000Z' },
  ];
  await writeFile(join(folder, 'trackers.json'), JSON.stringify({ version: 1, trackers }));
  // The skeleton's writer kept the previous version beside each file.
  await writeFile(join(folder, 'trackers.json.bak'), JSON.stringify({ version: 1, trackers: trackers.slice(0, 1) }));
  const log = (id: string, trackerId: string, at: string, value: unknown, note: string) => ({ id, trackerId, at, offsetMinutes: 60, value, note });
  await writeFile(join(folder, 'logs', SLEEP, '2025-01.json'), JSON.stringify({ version: 1, logs: [log('l1', SLEEP, '2025-01-02T07:00:00.000Z', 7.5, 'dreamt of Xanadu Pelican')] }));
  await writeFile(join(folder, 'logs', SLEEP, '2025-02.json'), JSON.stringify({ version: 1, logs: [log('l2', SLEEP, '2025-02-02T07:00:00.000Z', 6, '')] }));
  await writeFile(join(folder, 'logs', MOOD, '2025-01.json'), JSON.stringify({ version: 1, logs: [log('l3', MOOD, '2025-01-03T07:00:00.000Z', ['opt-1'], '')] }));
}

const PLAINTEXT = ['Ada Skeleton', 'Hours of Sleeping Beauty', 'Elated Marmalade', 'dreamt of Xanadu Pelican', 'nightly'];

async function expectAllData(client: Client): Promise<void> {
  const { trackers } = await client.ok('listTrackers', {});
  expect(trackers.map((tracker) => tracker.name).sort()).toEqual(['Hours of Sleeping Beauty', 'Mood']);
  expect((await client.ok('listLogs', { trackerId: SLEEP })).logs.map((entry) => [entry.id, entry.value, entry.note])).toEqual([
    ['l2', 6, ''],
    ['l1', 7.5, 'dreamt of Xanadu Pelican'],
  ]);
  expect((await client.ok('listLogs', { trackerId: MOOD })).logs.map((entry) => entry.value)).toEqual([['opt-1']]);
  expect((await client.ok('currentProfile', {})).profile).toMatchObject({ id: PROFILE_ID, email: OLD.email, name: 'Ada Skeleton', age: 36 });
}

async function expectNoPlaintext(dataDir: string): Promise<void> {
  const folder = dataLayout(dataDir).profileDir(PROFILE_ID);
  for (const secret of PLAINTEXT) expect({ secret, files: await filesContaining(folder, secret) }).toEqual({ secret, files: [] });
  const files = await allFiles(folder);
  expect(files.filter((file) => file.endsWith('.tmp'))).toEqual([]);
  // Only encrypted previous versions: the log shards' upgrade to format 3 (at the first open
  // of the store) keeps each replaced shard's encrypted version, as every save does.
  const backups = files.filter((file) => file.endsWith('.bak'));
  expect(backups.filter((file) => !file.startsWith(`${join(folder, 'logs')}${sep}`))).toEqual([]);
  for (const file of backups) expect({ file, encrypted: isEnvelope(await readFile(file)) }).toEqual({ file, encrypted: true });
  expect(await readFile(dataLayout(dataDir).accountFile(PROFILE_ID), 'utf8')).not.toContain('hash');
}

describe('upgrade from the skeleton’s plaintext format', () => {
  it('the picker lists the old profile before any log-in', async () => {
    const dataDir = await tempDir();
    await writeSkeletonProfile(dataDir);
    const core = await startCore({ dataDir });
    expect(await new Client(core).ok('listProfiles', {})).toEqual({ profiles: [{ id: PROFILE_ID, email: OLD.email }] });
  });

  it('a wrong password upgrades nothing', async () => {
    const dataDir = await tempDir();
    await writeSkeletonProfile(dataDir);
    const core = await startCore({ dataDir });
    expect(await new Client(core).call('logIn', { email: OLD.email, password: 'wrong password' })).toMatchObject({ ok: false, error: { code: 'LOGIN_FAILED' } });
    expect(await filesContaining(dataLayout(dataDir).profileDir(PROFILE_ID), 'Xanadu')).toHaveLength(1);
  });

  it('opens with all data at the first log-in, encrypts every file, and answers a new backup code once', async () => {
    const dataDir = await tempDir();
    await writeSkeletonProfile(dataDir);
    const core = await startCore({ dataDir });
    const client = new Client(core);
    const first = await client.ok('logIn', { email: OLD.email, password: OLD.password });
    expect(first.newBackupCode).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
    await expectAllData(client);
    await expectNoPlaintext(dataDir);

    // The old backup code's hash cannot unwrap a key: it is refused; the new one works.
    await client.ok('logOut', {});
    expect(await client.call('resetPassword', { email: OLD.email, backupCode: OLD.backupCode, newPassword: 'new password 1' })).toMatchObject({
      ok: false,
      error: { code: 'BACKUP_CODE_WRONG' },
    });
    expect((await client.ok('logIn', { email: OLD.email, password: OLD.password })).newBackupCode).toBeNull();
    await client.ok('logOut', {});
    await client.ok('resetPassword', { email: OLD.email, backupCode: first.newBackupCode ?? '', newPassword: 'new password 1' });

    const reopened = await startCore({ dataDir: core.dataDir === dataDir ? await restart(core) : dataDir });
    const again = new Client(reopened);
    expect((await again.ok('logIn', { email: OLD.email, password: 'new password 1' })).newBackupCode).toBeNull();
    await expectAllData(again);
  });

  it('an upgrade interrupted by a failing disk resumes safely at the next log-in', async () => {
    const dataDir = await tempDir();
    await writeSkeletonProfile(dataDir);
    // Let the account file and two data files land, then fail every rename.
    let renames = 0;
    const failing: FsPort = {
      ...nodeFs,
      rename: (from, to) => {
        renames += 1;
        return renames > 3 ? Promise.reject(Object.assign(new Error('disk full'), { code: 'ENOSPC' })) : nodeFs.rename(from, to);
      },
    };
    const crashed = await startCore({ dataDir, fs: failing });
    expect(await new Client(crashed).call('logIn', { email: OLD.email, password: OLD.password })).toMatchObject({ ok: false });
    await crashed.close();

    const core = await startCore({ dataDir });
    const client = new Client(core);
    const resumed = await client.ok('logIn', { email: OLD.email, password: OLD.password });
    expect(resumed.newBackupCode).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
    await expectAllData(client);
    await expectNoPlaintext(dataDir);
  });

  it('reset with the old backup code upgrades the profile under the new password', async () => {
    const dataDir = await tempDir();
    await writeSkeletonProfile(dataDir);
    const core = await startCore({ dataDir });
    const client = new Client(core);
    const { backupCode } = await client.ok('resetPassword', { email: OLD.email, backupCode: OLD.backupCode, newPassword: 'reset password' });
    expect(backupCode).not.toBe(OLD.backupCode);
    expect(await client.call('logIn', { email: OLD.email, password: OLD.password })).toMatchObject({ ok: false, error: { code: 'LOGIN_FAILED' } });
    expect((await client.ok('logIn', { email: OLD.email, password: 'reset password' })).newBackupCode).toBeNull();
    await expectAllData(client);
    await expectNoPlaintext(dataDir);
  });
});

/** Close a core and hand back its folder, for a fresh start on the same data. */
async function restart(core: { close(): Promise<void>; dataDir: string }): Promise<string> {
  await core.close();
  return core.dataDir;
}
