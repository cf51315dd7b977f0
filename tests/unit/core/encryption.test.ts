import { appendFile, copyFile, readFile, truncate, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { dataFolderPath, dataLayout } from '../../../src-main/core/store/layout';
import { allFiles, fileHashes, filesContaining } from './encryption-helpers';
import { Client, SIGN_UP, startCore } from './helpers';

const SECRETS = {
  name: 'Zebulon Quartermaine',
  tracker: 'Midnight Glucose Readings',
  description: 'kept from my doctor',
  option: 'Periwinkle feeling',
  note: 'argued with Bartholomew about the inheritance',
  value: 7345.25,
};

async function profileWithSecrets() {
  const core = await startCore();
  const client = new Client(core);
  const { profile } = await client.ok('signUp', { ...SIGN_UP, name: SECRETS.name, timeZone: 'Pacific/Chatham' });
  const numeric = (await client.ok('createTracker', { name: SECRETS.tracker, description: SECRETS.description, settings: { type: 'numerical', unit: 'mg/dL' } })).tracker;
  const choice = (await client.ok('createTracker', { name: 'Mood', settings: { type: 'multiple_choice', options: [SECRETS.option, 'Grey'] } })).tracker;
  await client.ok('addLog', { trackerId: numeric.id, value: SECRETS.value, note: SECRETS.note, at: '2026-03-04T05:06:07Z' });
  await client.ok('addLog', { trackerId: numeric.id, value: 1, note: '', at: '2026-03-05T05:06:07Z' });
  await client.ok('addLog', { trackerId: choice.id, value: [SECRETS.option], note: '', at: '2026-03-04T05:06:07Z' });
  return { core, client, profile, numeric, choice, layout: dataLayout(core.dataDir) };
}

describe('encryption at rest', () => {
  it('leaves no tracker name, note, value, option, name or time zone readable anywhere in the profile folder', async () => {
    const { core, profile, layout } = await profileWithSecrets();
    await core.close();
    const folder = layout.profileDir(profile.id);
    expect((await allFiles(folder)).length).toBeGreaterThanOrEqual(6);
    for (const secret of [...Object.values(SECRETS).map(String), 'Pacific/Chatham', 'mg/dL', SIGN_UP.password, SIGN_UP.backupCode]) {
      expect({ secret, files: await filesContaining(folder, secret) }).toEqual({ secret, files: [] });
    }
    // Only the account file is plaintext: the picker's e-mail and the key slots. Journal
    // segments are not envelopes: each record is encrypted on its own (store/journal/README.md).
    const plaintext = [];
    const segments = [];
    for (const file of await allFiles(folder)) {
      const magic = (await readFile(file)).subarray(0, 4).toString('latin1');
      if (magic === 'QSJL') segments.push(file);
      else if (magic !== 'QSEF') plaintext.push(file);
    }
    expect(plaintext).toEqual([layout.accountFile(profile.id)]);
    expect(segments.length).toBeGreaterThan(0);
    for (const segment of segments) expect(segment).toMatch(/\/journal\/\d{20}\.qsj$/);
  });

  it('a wrong password changes no file and answers LOGIN_FAILED', async () => {
    const { core } = await profileWithSecrets();
    const before = await fileHashes(core.dataDir);
    const stranger = new Client(core);
    expect(await stranger.call('logIn', { email: SIGN_UP.email, password: 'not the password' })).toMatchObject({ ok: false, error: { code: 'LOGIN_FAILED' } });
    expect(await fileHashes(core.dataDir)).toEqual(before);
  });

  it('reset with the backup code keeps every log; old password and old backup code refused, new ones work', async () => {
    const { core, numeric, choice } = await profileWithSecrets();
    const client = new Client(core);
    const { backupCode } = await client.ok('resetPassword', { email: SIGN_UP.email, backupCode: SIGN_UP.backupCode, newPassword: 'brand new password' });
    expect(backupCode).not.toBe(SIGN_UP.backupCode);
    expect(await client.call('logIn', { email: SIGN_UP.email, password: SIGN_UP.password })).toMatchObject({ ok: false, error: { code: 'LOGIN_FAILED' } });
    expect(await client.call('resetPassword', { email: SIGN_UP.email, backupCode: SIGN_UP.backupCode, newPassword: 'another password' })).toMatchObject({
      ok: false,
      error: { code: 'BACKUP_CODE_WRONG' },
    });
    await client.ok('logIn', { email: SIGN_UP.email, password: 'brand new password' });
    expect((await client.ok('listLogs', { trackerId: numeric.id })).logs.map((log) => [log.value, log.note])).toEqual([
      [1, ''],
      [SECRETS.value, SECRETS.note],
    ]);
    expect((await client.ok('listLogs', { trackerId: choice.id })).logs).toHaveLength(1);
    await client.ok('logOut', {});
    // The new backup code works in turn.
    await client.ok('resetPassword', { email: SIGN_UP.email, backupCode, newPassword: 'third password' });
    await client.ok('logIn', { email: SIGN_UP.email, password: 'third password' });
    expect((await client.ok('listTrackers', {})).trackers).toHaveLength(2);
  });

  it.each([
    ['a changed byte', async (file: string) => {
      const bytes = await readFile(file);
      bytes[bytes.length - 3] = (bytes[bytes.length - 3] ?? 0) ^ 0x01;
      await writeFile(file, bytes);
    }],
    ['a truncated file', async (file: string) => truncate(file, 40)],
    ['a byte appended', async (file: string) => appendFile(file, 'x')],
  ])('%s in a log shard → DATA_FILE_DAMAGED naming it; other files untouched; the core still answers', async (_name, damage) => {
    const { core, numeric, choice, profile, layout } = await profileWithSecrets();
    const shard = layout.logShardFile(profile.id, numeric.id, '2026-03');
    await core.close();
    await damage(shard);
    const folder = layout.profileDir(profile.id);
    const before = await fileHashes(folder);

    const reopened = await startCore({ dataDir: core.dataDir });
    const again = new Client(reopened);
    await again.ok('logIn', { email: SIGN_UP.email, password: SIGN_UP.password });
    const listed = await again.call('listLogs', { trackerId: numeric.id });
    expect(listed).toMatchObject({ ok: false, error: { code: 'DATA_FILE_DAMAGED' } });
    expect(listed.ok ? '' : listed.error.message).toContain(dataFolderPath(core.dataDir, shard));
    expect((await again.ok('listLogs', { trackerId: choice.id })).logs).toHaveLength(1);
    expect((await again.ok('listTrackers', {})).trackers).toHaveLength(2);
    const after = await fileHashes(folder);
    // The only new file is the `.corrupt` copy; every existing file is byte for byte the same.
    expect(Object.keys(after).filter((file) => !(file in before))).toEqual([`${shard}.corrupt`]);
    for (const [file, hash] of Object.entries(before)) expect(after[file]).toBe(hash);
  });

  it('a truncated trackers file → DATA_FILE_DAMAGED naming trackers.json', async () => {
    const { core, profile, layout } = await profileWithSecrets();
    await core.close();
    await truncate(layout.trackersFile(profile.id), 20);
    const reopened = await startCore({ dataDir: core.dataDir });
    const again = new Client(reopened);
    await again.ok('logIn', { email: SIGN_UP.email, password: SIGN_UP.password });
    const listed = await again.call('listTrackers', {});
    expect(listed).toMatchObject({ ok: false, error: { code: 'DATA_FILE_DAMAGED' } });
    expect(listed.ok ? '' : listed.error.message).toContain(dataFolderPath(core.dataDir, layout.trackersFile(profile.id)));
    expect(await again.call('getSettings', {})).toMatchObject({ ok: true });
  });

  it('a file copied over another (same key, other path) is refused, not read as the wrong data', async () => {
    const { core, profile, numeric, choice, layout } = await profileWithSecrets();
    await core.close();
    const victim = layout.logShardFile(profile.id, choice.id, '2026-03');
    await copyFile(layout.logShardFile(profile.id, numeric.id, '2026-03'), victim);
    const reopened = await startCore({ dataDir: core.dataDir });
    const again = new Client(reopened);
    await again.ok('logIn', { email: SIGN_UP.email, password: SIGN_UP.password });
    const listed = await again.call('listLogs', { trackerId: choice.id });
    expect(listed).toMatchObject({ ok: false, error: { code: 'DATA_FILE_DAMAGED' } });
    expect(listed.ok ? '' : listed.error.message).toContain(dataFolderPath(core.dataDir, victim));
  });

  it('each profile is readable only with its own key', async () => {
    const { core, numeric } = await profileWithSecrets();
    const other = new Client(core);
    await other.ok('signUp', { ...SIGN_UP, email: 'grace@example.com' });
    expect((await other.ok('listTrackers', {})).trackers).toEqual([]);
    expect(await other.call('listLogs', { trackerId: numeric.id })).toMatchObject({ ok: false, error: { code: 'TRACKER_NOT_FOUND' } });
  });
});
