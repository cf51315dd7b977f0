/**
 * "Stay unlocked" in the desktop shell with `electron` mocked: the data key goes through
 * safeStorage into a file of the app's folder (not the profile folder) and comes back; it
 * is refused when safeStorage is unavailable or, on Linux, backed by `basic_text`.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dispatch, type Session } from '../../src-main/core/dispatch';
import { openCore, type Core } from '../../src-main/core/index';
import { createSafeStorageKeychain, safeStorageAvailability } from '../../src-main/desktop/keychain';
import { resetFake, safeStorage } from './electron-fake';

vi.mock('electron', () => import('./electron-fake'));

const person = { email: 'ada@example.com', password: 'correct horse', name: 'Ada', age: 36, gender: 'female', backupCode: 'backup-code-1' };
const dirs: string[] = [];
const cores: Core[] = [];

async function temp(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'qs-keychain-'));
  dirs.push(dir);
  return dir;
}

async function call(core: Core, method: string, input: unknown, session: Session | null) {
  return dispatch(core.handlers, method, input, session, (error) => {
    throw error;
  });
}

async function start(dataDir: string, keychainDir: string, platform: NodeJS.Platform = 'linux'): Promise<Core> {
  const core = await openCore({ dataDir, scrypt: { N: 1024, r: 8, p: 1 }, keychain: createSafeStorageKeychain(keychainDir, platform) });
  cores.push(core);
  return core;
}

beforeEach(() => resetFake());
afterEach(async () => {
  await Promise.all(cores.splice(0).map((core) => core.close()));
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('safeStorage availability', () => {
  it('is available with a real backend', () => {
    expect(safeStorageAvailability('linux')).toEqual({ available: true, reason: null });
  });

  it('is refused when encryption is unavailable', () => {
    safeStorage.available = false;
    expect(safeStorageAvailability('win32')).toEqual({ available: false, reason: expect.stringContaining('no protected storage') });
  });

  it('is refused on Linux with the basic_text backend (a fixed built-in key)', () => {
    safeStorage.backend = 'basic_text';
    expect(safeStorageAvailability('linux')).toEqual({ available: false, reason: expect.stringContaining('fixed built-in password') });
    expect(safeStorageAvailability('darwin')).toEqual({ available: true, reason: null });
  });
});

describe('stay unlocked through safeStorage', () => {
  it('stores the data key through safeStorage outside the profile folder and restores the profile after a restart', async () => {
    const dataDir = await temp();
    const keychainDir = join(await temp(), 'stay-unlocked');
    const core = await start(dataDir, keychainDir);
    const signedUp = await call(core, 'signUp', person, null);
    const profileId = (signedUp.session as Session).profileId;
    await call(core, 'createTracker', { name: 'Sleep', settings: { type: 'duration' } }, signedUp.session);
    const enabled = await call(core, 'setStayUnlocked', { enabled: true }, signedUp.session);
    expect(enabled.result).toEqual({ ok: true, value: { stayUnlocked: { available: true, reason: null, enabled: true } } });
    expect(safeStorage.encrypted).toHaveLength(1);
    expect(await readdir(keychainDir)).toEqual([`${profileId}.key`]);
    expect((await readFile(join(keychainDir, `${profileId}.key`), 'utf8')).startsWith('os-protected:')).toBe(true);
    expect((await readdir(join(dataDir, 'profiles', profileId))).some((name) => name.endsWith('.key'))).toBe(false);
    await core.close();

    const reopened = await start(dataDir, keychainDir);
    expect(await createSafeStorageKeychain(keychainDir).remembered()).toEqual([profileId]);
    expect(await reopened.unlockRemembered(profileId)).toMatchObject({ id: profileId, email: person.email });
    const listed = await call(reopened, 'listTrackers', {}, { profileId });
    expect(listed.result).toMatchObject({ ok: true, value: { trackers: [{ name: 'Sleep' }] } });
    expect((await call(reopened, 'getSettings', {}, { profileId })).result).toMatchObject({ ok: true, value: { stayUnlocked: { enabled: true } } });

    await call(reopened, 'setStayUnlocked', { enabled: false }, { profileId });
    expect(await readdir(keychainDir)).toEqual([]);
  });

  it.each([
    ['safeStorage is unavailable', () => void (safeStorage.available = false), 'no protected storage'],
    ['the Linux backend is basic_text', () => void (safeStorage.backend = 'basic_text'), 'fixed built-in password'],
  ])('is refused with a clear message when %s, and nothing is written', async (_name, configure, message) => {
    configure();
    const keychainDir = join(await temp(), 'stay-unlocked');
    const core = await start(await temp(), keychainDir);
    const signedUp = await call(core, 'signUp', person, null);
    expect((await call(core, 'getSettings', {}, signedUp.session)).result).toMatchObject({
      ok: true,
      value: { stayUnlocked: { available: false, reason: expect.stringContaining(message), enabled: false } },
    });
    const refused = await call(core, 'setStayUnlocked', { enabled: true }, signedUp.session);
    expect(refused.result).toMatchObject({ ok: false, error: { code: 'STAY_UNLOCKED_UNAVAILABLE', message: expect.stringContaining(message) } });
    expect(safeStorage.encrypted).toEqual([]);
    await expect(readdir(keychainDir)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('a blob safeStorage cannot decrypt opens nothing (the password is asked instead)', async () => {
    const dataDir = await temp();
    const keychainDir = join(await temp(), 'stay-unlocked');
    const core = await start(dataDir, keychainDir);
    const signedUp = await call(core, 'signUp', person, null);
    const profileId = (signedUp.session as Session).profileId;
    await call(core, 'setStayUnlocked', { enabled: true }, signedUp.session);
    await core.close();
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(keychainDir, `${profileId}.key`), 'garbage from another machine');
    const reopened = await start(dataDir, keychainDir);
    expect(await reopened.unlockRemembered(profileId)).toBeNull();
  });
});

describe('keychain temp files', () => {
  it('a key file half-written when the app crashed is removed when the app next looks for remembered keys; look-alikes stay', async () => {
    const keychainDir = await temp();
    const orphan = `.p1.key.${'0b5e8f36-6d1c-4c5a-9f0e-2b7f1c3d4e5f'}.tmp`;
    const lookAlikes = ['p1.key.tmp', '.p1.key.not-a-uuid.tmp', 'notes.txt'];
    for (const name of [orphan, ...lookAlikes]) await writeFile(join(keychainDir, name), 'x');
    await writeFile(join(keychainDir, 'p1.key'), 'os-protected:x');

    expect(await createSafeStorageKeychain(keychainDir).remembered()).toEqual(['p1']);
    expect((await readdir(keychainDir)).sort()).toEqual(['p1.key', ...lookAlikes].sort());
  });
});
