/**
 * Error messages travel to the UI, to API clients and into logs: they name a data file by
 * its place in the data folder (`profiles/<id>/trackers.json`), never by its absolute path,
 * which would show the person's user name and folders.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AppError } from '../../../src-preload/contract';
import { openCore } from '../../../src-main/core/index';
import { hashSecret } from '../../../src-main/core/services/secrets';
import { nodeFs, type FsPort } from '../../../src-main/core/store/fs-port';
import { dataFolderPath, dataLayout } from '../../../src-main/core/store/layout';
import { Client, failingAppends, SIGN_UP, startCore, tempDir, TEST_SCRYPT } from './helpers';

const logIn = { email: SIGN_UP.email, password: SIGN_UP.password };

function expectNamed(error: AppError | null, dataDir: string, code: string, named: string): void {
  expect(error).toMatchObject({ code });
  expect(error?.message).toContain(named);
  expect(error?.message).not.toContain(dataDir);
}

const errorOf = (result: { ok: true } | { ok: false; error: AppError }): AppError | null => (result.ok ? null : result.error);

async function closedProfile() {
  const core = await startCore();
  const client = new Client(core);
  const { profile } = await client.ok('signUp', SIGN_UP);
  const { tracker } = await client.ok('createTracker', { name: 'Weight', settings: { type: 'numerical', unit: 'kg' } });
  await core.close();
  return { dataDir: core.dataDir, layout: dataLayout(core.dataDir), id: profile.id, trackerId: tracker.id };
}

describe('file names in error messages', () => {
  it('dataFolderPath names a file from the data folder with /, and never climbs out of it', () => {
    const dataDir = join('/home', 'ada', '.config', 'Quantified Self');
    expect(dataFolderPath(dataDir, join(dataDir, 'profiles', 'p1', 'logs', 't1', '2026-01.json'))).toBe('profiles/p1/logs/t1/2026-01.json');
    expect(dataFolderPath(dataDir, join(dataDir, '.lock'))).toBe('.lock');
    expect(dataFolderPath(dataDir, join(dataDir, '..lock.tmp'))).toBe('..lock.tmp');
    expect(dataFolderPath(dataDir, join('/home', 'ada', 'elsewhere', 'x.json'))).toBe('x.json');
    expect(dataFolderPath(dataDir, dataDir)).toBe('Quantified Self');
  });

  it('DATA_FILE_DAMAGED names the damaged file and its .corrupt copy', async () => {
    const { dataDir, layout, id } = await closedProfile();
    await writeFile(layout.trackersFile(id), 'not an envelope');
    const client = new Client(await startCore({ dataDir }));
    await client.ok('logIn', logIn);
    const error = errorOf(await client.call('listTrackers', {}));
    expectNamed(error, dataDir, 'DATA_FILE_DAMAGED', `profiles/${id}/trackers.json`);
    expect(error?.message).toContain(`profiles/${id}/trackers.json.corrupt`);
  });

  it('DATA_FILE_TOO_NEW names the file', async () => {
    const { dataDir, layout, id } = await closedProfile();
    const account = JSON.parse(await readFile(layout.accountFile(id), 'utf8')) as Record<string, unknown>;
    await writeFile(layout.accountFile(id), JSON.stringify({ ...account, version: 99 }));
    const error = errorOf(await new Client(await startCore({ dataDir })).call('logIn', logIn));
    expectNamed(error, dataDir, 'DATA_FILE_TOO_NEW', `profiles/${id}/account.json`);
  });

  it('WRITE_FAILED names the file that could not be saved', async () => {
    const { dataDir, id, trackerId } = await closedProfile();
    const diskFull: FsPort = failingAppends({ ...nodeFs, rename: () => Promise.reject(Object.assign(new Error('full'), { code: 'ENOSPC' })) }, () => true);
    const client = new Client(await startCore({ dataDir, fs: diskFull }));
    await client.ok('logIn', logIn);
    const error = errorOf(await client.call('addLog', { trackerId, value: 70, at: '2026-01-10T08:00:00.000Z' }));
    // An entry is saved by its journal record: the segment it could not be appended to is named.
    expectNamed(error, dataDir, 'WRITE_FAILED', `profiles/${id}/journal/`);
    expect(error?.message).toMatch(/journal\/\d{20}\.qsj/);
  });

  it('a missing profile file and an account file of another profile are named', async () => {
    const { dataDir, layout, id } = await closedProfile();
    await rm(layout.profileFile(id));
    expectNamed(errorOf(await new Client(await startCore({ dataDir })).call('logIn', logIn)), dataDir, 'DATA_FILE_DAMAGED', `profiles/${id}/profile.json`);

    const other = await closedProfile();
    const account = JSON.parse(await readFile(other.layout.accountFile(other.id), 'utf8')) as Record<string, unknown>;
    await writeFile(other.layout.accountFile(other.id), JSON.stringify({ ...account, id: 'someone-else' }));
    const error = errorOf(await new Client(await startCore({ dataDir: other.dataDir })).call('logIn', logIn));
    expectNamed(error, other.dataDir, 'DATA_FILE_DAMAGED', `profiles/${other.id}/account.json`);
  });

  it('a failed upgrade of a plaintext profile names the file it could not encrypt', async () => {
    const dataDir = await tempDir();
    const folder = join(dataDir, 'profiles', 'legacy-1');
    await mkdir(folder, { recursive: true });
    const profile = { id: 'legacy-1', email: 'old@example.com', name: 'Old', age: 40, gender: 'female', createdAt: '2025-01-01T00:00:00.000Z' };
    await writeFile(join(folder, 'profile.json'), JSON.stringify({ version: 1, profile, password: await hashSecret('old password', TEST_SCRYPT), backupCode: await hashSecret('old code', TEST_SCRYPT) }));
    await writeFile(join(folder, 'trackers.json'), JSON.stringify({ version: 1, trackers: [] }));
    // The account file lands; the first data file's rename fails.
    let renames = 0;
    const failing: FsPort = { ...nodeFs, rename: (from, to) => (++renames > 1 ? Promise.reject(Object.assign(new Error('full'), { code: 'ENOSPC' })) : nodeFs.rename(from, to)) };
    const error = errorOf(await new Client(await startCore({ dataDir, fs: failing })).call('logIn', { email: 'old@example.com', password: 'old password' }));
    expect(error).toMatchObject({ code: 'WRITE_FAILED' });
    expect(error?.message).toMatch(/Could not encrypt profiles\/legacy-1\/(trackers|profile)\.json /);
    expect(error?.message).not.toContain(dataDir);
  });

  it('DATA_FOLDER_LOCKED names the lock file from the data folder', async () => {
    const { dataDir } = await closedProfile();
    await startCore({ dataDir });
    const failure = await openCore({ dataDir, scrypt: TEST_SCRYPT }).then(
      () => null,
      (error: unknown) => error as { code: string; message: string },
    );
    expect(failure).toMatchObject({ code: 'DATA_FOLDER_LOCKED' });
    expect(failure?.message).toContain('.lock');
    expect(failure?.message).not.toContain(dataDir);
  });
});
