/**
 * Backups and restore through the core (issue 14): a restored backup equals the profile
 * at the time of the snapshot; rotation keeps N; a damaged backup is refused and changes
 * nothing; a backup cut short by a crash is neither listed nor left behind.
 */
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freezeFolder } from '../../../src-main/core/backups/backup-folder';
import { dataLayout } from '../../../src-main/core/store/layout';
import { Client, SIGN_UP, signedIn, startCore, tempDir } from './helpers';
import { fileHashes } from './encryption-helpers';

/** A clock the test moves: every backup gets its own second. */
function clock(start = '2026-11-30T08:00:00.000Z') {
  let now = Date.parse(start);
  return { now: () => new Date(now), advance: (ms: number) => (now += ms) };
}

/** Everything a person can read of the profile: trackers (the trash too) and every entry of each. */
async function everything(client: Client) {
  const { trackers } = await client.ok('listTrackers', {});
  const { trackers: deleted } = await client.ok('listDeletedTrackers', {});
  const logs: Record<string, unknown> = {};
  for (const tracker of trackers) logs[tracker.id] = (await client.ok('listLogs', { trackerId: tracker.id, order: 'oldest', limit: 1000 })).logs;
  return { trackers, deleted, logs };
}

async function profileWithEntries(options: Parameters<typeof signedIn>[0] = {}) {
  const { core, client, profile } = await signedIn(options);
  const { tracker: sleep } = await client.ok('createTracker', { name: 'Sleep', settings: { type: 'duration' } });
  const { tracker: mood } = await client.ok('createTracker', { name: 'Mood', settings: { type: 'multiple_choice', options: ['Good', 'Bad'] } });
  const { tracker: water } = await client.ok('createTracker', { name: 'Water', settings: { type: 'numerical', unit: 'l' } });
  for (const [day, hours] of [['2026-09-14', 7.5], ['2026-10-02', 6], ['2026-11-29', 8]] as const) {
    await client.ok('addLog', { trackerId: sleep.id, at: `${day}T07:00:00.000Z`, value: `${hours}h`, note: `night of ${day}` });
  }
  await client.ok('addLog', { trackerId: mood.id, at: '2026-11-28T20:00:00.000Z', value: 'Good' });
  await client.ok('addLog', { trackerId: water.id, at: '2026-11-29T12:00:00.000Z', value: '1.5' });
  await client.ok('deleteTracker', { trackerId: water.id });
  return { core, client, profile, sleep, mood };
}

describe('a backup restored', () => {
  it('equals the profile at the time of the snapshot, and the replaced profile is kept as a backup', async () => {
    const time = clock();
    const { core, client, profile, sleep, mood } = await profileWithEntries({ now: time.now });
    const before = await everything(client);
    expect(before.logs[sleep.id]).toHaveLength(3);
    const { backup } = await client.ok('backupNow', {});
    expect(backup).toMatchObject({ name: '2026-11-30T08-00-00Z', madeAt: '2026-11-30T08:00:00.000Z', reason: 'manual' });
    expect(backup.path).toBe(join(core.dataDir, 'backups', profile.id, '2026-11-30T08-00-00Z'));

    // Changes after the snapshot: a new entry, an edited one, a deleted one, a renamed and a new tracker.
    time.advance(60_000);
    const sleepLogs = before.logs[sleep.id] as { id: string }[];
    await client.ok('addLog', { trackerId: sleep.id, at: '2026-11-30T07:00:00.000Z', value: '5h' });
    await client.ok('updateLog', { trackerId: sleep.id, logId: sleepLogs[0]?.id ?? '', note: 'changed' });
    await client.ok('deleteLog', { trackerId: mood.id, logId: (before.logs[mood.id] as { id: string }[])[0]?.id ?? '' });
    await client.ok('updateTracker', { trackerId: mood.id, name: 'Feeling' });
    await client.ok('createTracker', { name: 'Steps', settings: { type: 'numerical' } });
    const after = await everything(client);
    expect(after).not.toEqual(before);
    await client.ok('logOut', {});

    const picker = new Client(core);
    const { backups } = await picker.ok('findBackups', {});
    expect(backups).toEqual([{ ...backup, profileId: profile.id, email: 'ada@example.com', profileExists: true }]);
    const { preview } = await picker.ok('previewBackup', { path: backup.path, password: SIGN_UP.password });
    expect(preview).toEqual({ profileId: profile.id, email: 'ada@example.com', name: 'Ada', madeAt: backup.madeAt, trackers: ['Sleep', 'Mood'], entries: 4, replaces: true });
    const restored = await picker.ok('restoreBackup', { path: backup.path, password: SIGN_UP.password });
    expect(restored).toMatchObject({ profileId: profile.id, email: 'ada@example.com', replaced: true, safetyCopy: { reason: 'before-restore', name: '2026-11-30T08-01-00Z-before-restore' } });

    await picker.ok('logIn', { email: SIGN_UP.email, password: SIGN_UP.password });
    expect(await everything(picker)).toEqual(before);

    // The same after a restart (nothing only in memory), and the restore can be undone from the safety copy.
    await core.close();
    const reopened = new Client(await startCore({ dataDir: core.dataDir, now: time.now }));
    await reopened.ok('logIn', { email: SIGN_UP.email, password: SIGN_UP.password });
    expect(await everything(reopened)).toEqual(before);
    await reopened.ok('logOut', {});
    await reopened.ok('restoreBackup', { path: restored.safetyCopy?.path ?? '', password: SIGN_UP.password });
    await reopened.ok('logIn', { email: SIGN_UP.email, password: SIGN_UP.password });
    expect(await everything(reopened)).toEqual(after);
  });

  it('adds a profile that is no longer here (deleted since)', async () => {
    const { core, client } = await profileWithEntries();
    const before = await everything(client);
    const { backup } = await client.ok('backupNow', {});
    await client.ok('deleteProfile', { password: SIGN_UP.password });
    const picker = new Client(core);
    expect((await picker.ok('listProfiles', {})).profiles).toEqual([]);
    expect((await picker.ok('findBackups', {})).backups.map((found) => found.profileExists)).toEqual([false]);
    expect((await picker.ok('previewBackup', { path: backup.path, password: SIGN_UP.password })).preview.replaces).toBe(false);
    expect(await picker.ok('restoreBackup', { path: backup.path, password: SIGN_UP.password })).toMatchObject({ replaced: false, safetyCopy: null });
    await picker.ok('logIn', { email: SIGN_UP.email, password: SIGN_UP.password });
    expect(await everything(picker)).toEqual(before);
  });

  it('holds the files byte for byte as stored (encrypted), with their sizes and SHA-256 in the manifest', async () => {
    const { core, client, profile } = await profileWithEntries();
    const profileDir = dataLayout(core.dataDir).profileDir(profile.id);
    // A backup checkpoints first: the files compared are those it then copies.
    await core.checkpoint();
    const source = await fileHashes(profileDir);
    const { backup } = await client.ok('backupNow', {});
    const manifest = JSON.parse(await readFile(join(backup.path, 'manifest.json'), 'utf8')) as { version: number; profileId: string; appVersion: string; files: { path: string; size: number; sha256: string }[] };
    expect(manifest).toMatchObject({ version: 1, profileId: profile.id, appVersion: 'unknown' });
    const expected = Object.entries(source)
      .filter(([file]) => !file.endsWith('.bak'))
      .map(([file, sha256]) => [file.slice(profileDir.length + 1), sha256]);
    expect(manifest.files.map((file) => [file.path, file.sha256])).toEqual(expected);
    expect(backup.size).toBe(manifest.files.reduce((sum, file) => sum + file.size, 0));
    const trackers = await readFile(join(backup.path, 'profile', 'trackers.json'));
    expect(trackers.subarray(0, 4).toString('latin1')).toBe('QSEF');
    expect(trackers.includes(Buffer.from('Sleep'))).toBe(false);
  });
});

describe('rotation', () => {
  it('keeps the newest N and removes older ones only after the new one is whole', async () => {
    const time = clock();
    const { client } = await profileWithEntries({ now: time.now });
    expect((await client.ok('listBackups', {})).settings).toMatchObject({ enabled: true, keep: 7, folder: null });
    await client.ok('updateBackupSettings', { enabled: true, keep: 3, folder: null });
    const made: string[] = [];
    for (let n = 0; n < 5; n++) {
      made.push((await client.ok('backupNow', {})).backup.name);
      time.advance(3_600_000);
    }
    const { backups } = await client.ok('listBackups', {});
    expect(backups.map((backup) => backup.name)).toEqual(made.slice(2).reverse());
  });

  it('refuses a count outside 1..365, a relative folder and one inside the profiles, changing nothing', async () => {
    const { core, client, profile } = await profileWithEntries();
    expect(await client.call('updateBackupSettings', { enabled: true, keep: 0, folder: null })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'keep' } });
    expect(await client.call('updateBackupSettings', { enabled: true, keep: 366, folder: null })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'keep' } });
    expect(await client.call('updateBackupSettings', { enabled: true, keep: 3, folder: 'relative/folder' })).toMatchObject({ ok: false, error: { code: 'BACKUP_FOLDER_INVALID', field: 'folder' } });
    const inProfile = join(dataLayout(core.dataDir).profileDir(profile.id), 'backups');
    expect(await client.call('updateBackupSettings', { enabled: true, keep: 3, folder: inProfile })).toMatchObject({ ok: false, error: { code: 'BACKUP_FOLDER_INVALID', field: 'folder' } });
    expect((await client.ok('listBackups', {})).settings).toMatchObject({ keep: 7, folder: null });
  });

  it('writes into a folder the person chose, which the picker finds while every profile is locked', async () => {
    const { core, client, profile } = await profileWithEntries();
    const chosen = join(await tempDir(), 'Sync', 'qs-backups');
    expect((await client.ok('updateBackupSettings', { enabled: true, keep: 2, folder: chosen })).settings).toEqual({ enabled: true, keep: 2, folder: chosen, effectiveFolder: chosen });
    const { backup } = await client.ok('backupNow', {});
    expect(backup.path.startsWith(join(chosen, profile.id))).toBe(true);
    await client.ok('logOut', {});
    // The index the picker reads names the folder and nothing else.
    expect(JSON.parse(await readFile(join(core.dataDir, 'backup-folders.json'), 'utf8'))).toEqual({ version: 1, folders: { [profile.id]: [chosen] } });
    expect((await new Client(core).ok('findBackups', {})).backups.map((found) => found.path)).toEqual([backup.path]);

    // Another folder later: the backups left in the first are still found, and restoring one made there keeps both known.
    const picker = new Client(core);
    await picker.ok('logIn', { email: SIGN_UP.email, password: SIGN_UP.password });
    const other = join(await tempDir(), 'Elsewhere');
    await picker.ok('updateBackupSettings', { enabled: true, keep: 2, folder: other });
    const { backup: later } = await picker.ok('backupNow', {});
    await picker.ok('logOut', {});
    expect((await picker.ok('findBackups', {})).backups.map((found) => found.path).sort()).toEqual([backup.path, later.path].sort());
    await picker.ok('restoreBackup', { path: backup.path, password: SIGN_UP.password });
    expect(JSON.parse(await readFile(join(core.dataDir, 'backup-folders.json'), 'utf8'))).toEqual({ version: 1, folders: { [profile.id]: [chosen, other] } });
  });
});

describe('a damaged backup', () => {
  async function backedUp() {
    const { core, client, profile } = await profileWithEntries();
    const { backup } = await client.ok('backupNow', {});
    await client.ok('addLog', { trackerId: (await client.ok('listTrackers', {})).trackers[0]?.id ?? '', value: '4h' });
    await client.ok('logOut', {});
    const profileDir = dataLayout(core.dataDir).profileDir(profile.id);
    return { core, backup, profileDir, before: await fileHashes(profileDir) };
  }

  it('with one byte changed is refused with BACKUP_DAMAGED, and nothing changes', async () => {
    const { core, backup, profileDir, before } = await backedUp();
    const file = join(backup.path, 'profile', 'trackers.json');
    const bytes = await readFile(file);
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0x01;
    await writeFile(file, bytes);
    const picker = new Client(core);
    for (const method of ['previewBackup', 'restoreBackup'] as const) {
      expect(await picker.call(method, { path: backup.path, password: SIGN_UP.password })).toMatchObject({ ok: false, error: { code: 'BACKUP_DAMAGED', message: expect.stringContaining('trackers.json') } });
    }
    expect(await fileHashes(profileDir)).toEqual(before);
    expect((await readdir(dataLayout(core.dataDir).profilesDir)).length).toBe(1);
  });

  it('with a file missing is refused with BACKUP_DAMAGED, and nothing changes', async () => {
    const { core, backup, profileDir, before } = await backedUp();
    await rm(join(backup.path, 'profile', 'profile.json'));
    expect(await new Client(core).call('restoreBackup', { path: backup.path, password: SIGN_UP.password })).toMatchObject({ ok: false, error: { code: 'BACKUP_DAMAGED', message: expect.stringContaining('profile.json') } });
    expect(await fileHashes(profileDir)).toEqual(before);
  });

  it('is not opened with a wrong password, nor from a path the picker does not list', async () => {
    const { core, backup, profileDir, before } = await backedUp();
    const picker = new Client(core);
    expect(await picker.call('previewBackup', { path: backup.path, password: 'wrong password' })).toMatchObject({ ok: false, error: { code: 'BACKUP_PASSWORD_WRONG' } });
    expect(await picker.call('restoreBackup', { path: backup.path, password: 'wrong password' })).toMatchObject({ ok: false, error: { code: 'BACKUP_PASSWORD_WRONG' } });
    expect(await picker.call('restoreBackup', { path: profileDir, password: SIGN_UP.password })).toMatchObject({ ok: false, error: { code: 'BACKUP_NOT_FOUND' } });
    expect(await picker.call('restoreBackup', { path: join(backup.path, '..', '..', '..', 'profiles', 'x', backup.name), password: SIGN_UP.password })).toMatchObject({ ok: false, error: { code: 'BACKUP_NOT_FOUND' } });
    expect(await fileHashes(profileDir)).toEqual(before);
  });
});

describe('a backup cut short by a crash', () => {
  it('is not listed, and the next backup removes what it left', async () => {
    const time = clock();
    const { core, client, profile } = await profileWithEntries({ now: time.now });
    const profileRoot = join(core.dataDir, 'backups', profile.id);
    const partial = join(profileRoot, '.2026-11-30T07-00-00Z.0b7e1c52-7d0e-4c57-9a34-3c2b8d1f0a11.partial');
    await mkdir(join(partial, 'profile'), { recursive: true });
    await writeFile(join(partial, 'profile', 'trackers.json'), 'half');
    // A finished-looking folder without its manifest (a copy interrupted elsewhere) is not listed either.
    await mkdir(join(profileRoot, '2026-11-30T06-00-00Z', 'profile'), { recursive: true });
    expect((await client.ok('listBackups', {})).backups).toEqual([]);
    expect((await client.ok('findBackups', {})).backups).toEqual([]);
    const { backup } = await client.ok('backupNow', {});
    expect((await readdir(profileRoot)).sort()).toEqual(['2026-11-30T06-00-00Z', backup.name]);
    expect((await client.ok('listBackups', {})).backups.map((listed) => listed.name)).toEqual([backup.name]);
  });
});

describe('restore refuses', () => {
  it('a backup of another profile with the same id (another key): BACKUP_OF_ANOTHER_PROFILE, and nothing changes', async () => {
    // Two data folders whose profiles got the same id: the same id sequence.
    const sequence = () => {
      let n = 0;
      return () => `id-${++n}`;
    };
    const shared = join(await tempDir(), 'shared-backups');
    const a = await profileWithEntries({ newId: sequence() });
    await a.client.ok('updateBackupSettings', { enabled: true, keep: 7, folder: shared });
    const { backup } = await a.client.ok('backupNow', {});
    const b = await signedIn({ newId: sequence() });
    expect(b.profile.id).toBe(a.profile.id);
    await b.client.ok('updateBackupSettings', { enabled: true, keep: 7, folder: shared });
    await b.client.ok('logOut', {});
    const profileDir = dataLayout(b.core.dataDir).profileDir(b.profile.id);
    const before = await fileHashes(profileDir);
    const picker = new Client(b.core);
    expect((await picker.ok('findBackups', {})).backups.map((found) => found.path)).toContain(backup.path);
    expect(await picker.call('restoreBackup', { path: backup.path, password: SIGN_UP.password })).toMatchObject({ ok: false, error: { code: 'BACKUP_OF_ANOTHER_PROFILE' } });
    expect(await fileHashes(profileDir)).toEqual(before);
  });

  it('a backup made by a newer version: BACKUP_TOO_NEW', async () => {
    const { core, client } = await profileWithEntries();
    const { backup } = await client.ok('backupNow', {});
    const file = join(backup.path, 'manifest.json');
    const manifest = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    await writeFile(file, JSON.stringify({ ...manifest, version: 2 }));
    await client.ok('logOut', {});
    // Not listed (the picker cannot read it), and named for what it is when asked for by its path.
    expect((await new Client(core).ok('findBackups', {})).backups).toEqual([]);
    expect(await new Client(core).call('previewBackup', { path: backup.path, password: SIGN_UP.password })).toMatchObject({ ok: false, error: { code: 'BACKUP_TOO_NEW' } });
  });
});

describe('consistency', () => {
  it('a backup taken while entries are being written holds whole writes only, and its summary agrees with its entries', async () => {
    const { core, client, sleep } = await profileWithEntries();
    const adds = Array.from({ length: 30 }, (_, n) => client.ok('addLog', { trackerId: sleep.id, at: `2026-11-${String(n + 1).padStart(2, '0')}T22:00:00.000Z`, value: '7h' }));
    const [{ backup }, ...added] = await Promise.all([client.ok('backupNow', {}), ...adds]);
    const addedIds = new Set(added.map(({ log }) => log.id));
    await client.ok('logOut', {});
    const picker = new Client(core);
    await picker.ok('restoreBackup', { path: backup.path, password: SIGN_UP.password });
    await picker.ok('logIn', { email: SIGN_UP.email, password: SIGN_UP.password });
    const { logs } = await picker.ok('listLogs', { trackerId: sleep.id, order: 'newest', limit: 1000 });
    const fromBefore = logs.filter((log) => !addedIds.has(log.id));
    expect(fromBefore).toHaveLength(3);
    const { cards } = await picker.ok('dashboard', {});
    expect(cards.find((card) => card.trackerId === sleep.id)?.lastLog).toEqual(logs[0]);
  });

  it('a restore cut short between its two renames is put back when the core opens', async () => {
    const { core, client, profile } = await profileWithEntries();
    const before = await everything(client);
    await core.close();
    const layout = dataLayout(core.dataDir);
    const aside = join(layout.profilesDir, `.replaced-${profile.id}-6f1d8c2e-1b7a-4c3d-9e5f-0a1b2c3d4e5f.partial`);
    const staging = join(layout.profilesDir, `.restore-${profile.id}-0a1b2c3d-4e5f-4a1b-8c2d-3e4f5a6b7c8d.partial`);
    await rename(layout.profileDir(profile.id), aside);
    await mkdir(staging, { recursive: true });
    // A backup's frozen view that a crash left behind goes too.
    await mkdir(join(layout.profilesDir, `.snapshot-${profile.id}-1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d.partial`, 'logs'), { recursive: true });
    const reopened = new Client(await startCore({ dataDir: core.dataDir }));
    await reopened.ok('logIn', { email: SIGN_UP.email, password: SIGN_UP.password });
    expect(await everything(reopened)).toEqual(before);
    expect(await readdir(layout.profilesDir)).toEqual([profile.id]);
  });
});

describe('backups made at once', () => {
  it('by the button and the schedule in the same second are both whole, under two names', async () => {
    const { core, client, profile } = await profileWithEntries({ now: () => new Date('2026-11-30T08:00:00.000Z') });
    const [first, second] = await Promise.all([client.ok('backupNow', {}), client.ok('backupNow', {})]);
    expect([first.backup.name, second.backup.name].sort()).toEqual(['2026-11-30T08-00-00Z', '2026-11-30T08-00-00Z-1']);
    expect((await readdir(join(core.dataDir, 'backups', profile.id))).sort()).toEqual(['2026-11-30T08-00-00Z', '2026-11-30T08-00-00Z-1']);
  });
});

describe('the frozen view a backup is copied from', () => {
  it('links the files written by rename and copies the others (a journal segment appended in place)', async () => {
    const dir = await tempDir();
    const profileDir = join(dir, 'profile');
    await mkdir(join(profileDir, 'journal'), { recursive: true });
    await writeFile(join(profileDir, 'trackers.json'), 'renamed into place');
    await writeFile(join(profileDir, 'journal', '00000000000000000001.qsj'), 'appended');
    await writeFile(join(profileDir, 'trackers.json.bak'), 'left out');
    await writeFile(join(profileDir, 'notes copy (1).txt'), 'a file the app never names so: left out');
    const view = join(dir, 'view');
    await freezeFolder(profileDir, view);
    expect((await stat(join(view, 'trackers.json'))).ino).toBe((await stat(join(profileDir, 'trackers.json'))).ino);
    expect((await stat(join(view, 'journal', '00000000000000000001.qsj'))).ino).not.toBe((await stat(join(profileDir, 'journal', '00000000000000000001.qsj'))).ino);
    await writeFile(join(profileDir, 'journal', '00000000000000000001.qsj'), 'appended, and more', { flag: 'a' });
    expect(await readFile(join(view, 'journal', '00000000000000000001.qsj'), 'utf8')).toBe('appended');
    expect((await readdir(view)).sort()).toEqual(['journal', 'trackers.json']);
  });
});
