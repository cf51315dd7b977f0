import { readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Keychain } from '../../../src-main/core/index';
import { unwrapKey } from '../../../src-main/core/crypto/key-slots';
import { DEFAULT_NUDGES, DEFAULT_REPORTS } from '../../../src-preload/contract';
import { dataLayout } from '../../../src-main/core/store/layout';
import { allFiles } from './encryption-helpers';
import { Client, SIGN_UP, startCore } from './helpers';

const GRACE = { ...SIGN_UP, email: 'grace@example.com', name: 'Grace' };

function memoryKeychain(available = true): Keychain & { keys: Map<string, Buffer> } {
  const keys = new Map<string, Buffer>();
  return {
    keys,
    availability: () => Promise.resolve(available ? { available: true, reason: null } : { available: false, reason: 'No keychain here.' }),
    save: async (profileId, key) => void keys.set(profileId, Buffer.from(key)),
    load: async (profileId) => keys.get(profileId) ?? null,
    forget: async (profileId) => void keys.delete(profileId),
  };
}

describe('profiles', () => {
  it('listProfiles shows id and e-mail of every profile, before anyone logs in', async () => {
    const core = await startCore();
    const a = (await new Client(core).ok('signUp', SIGN_UP)).profile;
    const b = (await new Client(core).ok('signUp', GRACE)).profile;
    expect(await new Client(core).ok('listProfiles', {})).toEqual({
      profiles: [
        { id: a.id, email: 'ada@example.com' },
        { id: b.id, email: 'grace@example.com' },
      ],
    });
  });

  it('changePassword needs the current password; afterwards only the new one works, and no old slot is left on disk', async () => {
    const core = await startCore();
    const client = new Client(core);
    const { profile } = await client.ok('signUp', SIGN_UP);
    expect(await client.call('changePassword', { currentPassword: 'wrong password', newPassword: 'next password' })).toMatchObject({
      ok: false,
      error: { code: 'PASSWORD_WRONG', field: 'currentPassword' },
    });
    expect(await client.call('changePassword', { currentPassword: SIGN_UP.password, newPassword: 'short' })).toMatchObject({ ok: false, error: { code: 'PASSWORD_TOO_SHORT', field: 'newPassword' } });
    await client.ok('changePassword', { currentPassword: SIGN_UP.password, newPassword: 'next password' });
    await client.ok('logOut', {});
    expect(await client.call('logIn', { email: SIGN_UP.email, password: SIGN_UP.password })).toMatchObject({ ok: false, error: { code: 'LOGIN_FAILED' } });
    await client.ok('logIn', { email: SIGN_UP.email, password: 'next password' });
    const names = await readdir(dataLayout(core.dataDir).profileDir(profile.id));
    expect(names.filter((name) => name.startsWith('account.json'))).toEqual(['account.json']);
  });

  it('updateProfile edits details and e-mail; an e-mail of another profile (any case) is refused', async () => {
    const core = await startCore();
    await new Client(core).ok('signUp', GRACE);
    const client = new Client(core);
    await client.ok('signUp', SIGN_UP);
    expect(await client.call('updateProfile', { email: ' GRACE@Example.com ' })).toMatchObject({ ok: false, error: { code: 'EMAIL_TAKEN', field: 'email' } });
    expect(await client.call('updateProfile', { age: 0 })).toMatchObject({ ok: false, error: { code: 'AGE_INVALID' } });
    const { profile } = await client.ok('updateProfile', { email: 'Ada.L@Example.com', name: ' Ada L. ', age: 37, gender: 'other' });
    expect(profile).toMatchObject({ email: 'ada.l@example.com', name: 'Ada L.', age: 37, gender: 'other' });
    await client.ok('logOut', {});
    expect((await client.ok('logIn', { email: 'ada.l@example.com', password: SIGN_UP.password })).profile).toEqual(profile);
    // Keeping one's own e-mail is not "taken".
    await client.ok('updateProfile', { email: 'ADA.L@example.com' });
  });

  it('deleteProfile needs the password, removes the folder and ends the session', async () => {
    const core = await startCore();
    const keychain = memoryKeychain();
    const withKeychain = await startCore({ keychain });
    for (const instance of [core, withKeychain]) {
      const client = new Client(instance);
      const { profile } = await client.ok('signUp', SIGN_UP);
      if (instance === withKeychain) await client.ok('setStayUnlocked', { enabled: true });
      expect(await client.call('deleteProfile', { password: 'wrong password' })).toMatchObject({ ok: false, error: { code: 'PASSWORD_WRONG' } });
      await client.ok('deleteProfile', { password: SIGN_UP.password });
      expect(client.session).toBeNull();
      expect(await readdir(dataLayout(instance.dataDir).profilesDir)).not.toContain(profile.id);
      expect(await client.call('logIn', { email: SIGN_UP.email, password: SIGN_UP.password })).toMatchObject({ ok: false, error: { code: 'LOGIN_FAILED' } });
      expect((await client.ok('listProfiles', {})).profiles).toEqual([]);
    }
    expect(keychain.keys.size).toBe(0);
  });
});

describe('lock and the session key', () => {
  it('lock ends the session; another session of the same profile answers SESSION_LOCKED; log-in opens it again', async () => {
    const core = await startCore();
    const first = new Client(core);
    await first.ok('signUp', SIGN_UP);
    const second = new Client(core);
    second.session = first.session;
    await first.ok('lock', {});
    expect(first.session).toBeNull();
    expect(await first.call('listTrackers', {})).toMatchObject({ ok: false, error: { code: 'NOT_LOGGED_IN' } });
    expect(await second.call('listTrackers', {})).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });
    expect(second.session).toBeNull();
    expect((await second.ok('currentProfile', {})).profile).toBeNull();
    await first.ok('logIn', { email: SIGN_UP.email, password: SIGN_UP.password });
    expect((await first.ok('listTrackers', {})).trackers).toEqual([]);
  });

  it('the core’s lockProfile (a shell’s idle lock) forgets the key the same way', async () => {
    const core = await startCore();
    const client = new Client(core);
    const { profile } = await client.ok('signUp', SIGN_UP);
    expect(core.autoLockMinutes(profile.id)).toBe(15);
    core.lockProfile(profile.id);
    expect(core.autoLockMinutes(profile.id)).toBeNull();
    expect(await client.call('getSettings', {})).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });
  });
});

describe('settings', () => {
  it('defaults: auto-lock 15 minutes, the sign-up time zone (or UTC); stored encrypted; changes survive a restart', async () => {
    const core = await startCore();
    const client = new Client(core);
    await client.ok('signUp', { ...SIGN_UP, timeZone: 'europe/paris' });
    expect(await client.ok('getSettings', {})).toEqual({
      settings: { autoLockMinutes: 15, timeZone: 'Europe/Paris', nudges: DEFAULT_NUDGES, reports: DEFAULT_REPORTS },
      stayUnlocked: { available: false, reason: expect.stringContaining('desktop app'), enabled: false },
    });
    const other = new Client(core);
    await other.ok('signUp', GRACE);
    expect((await other.ok('getSettings', {})).settings.timeZone).toBe('UTC');

    expect(await client.call('updateSettings', { timeZone: 'Mars/Olympus' })).toMatchObject({ ok: false, error: { code: 'TIME_ZONE_INVALID', field: 'timeZone' } });
    expect(await client.call('updateSettings', { autoLockMinutes: -1 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await client.ok('updateSettings', { autoLockMinutes: 0 })).toEqual({ settings: { autoLockMinutes: 0, timeZone: 'Europe/Paris', nudges: DEFAULT_NUDGES, reports: DEFAULT_REPORTS } });
    await core.close();
    const reopened = await startCore({ dataDir: core.dataDir });
    const again = new Client(reopened);
    await again.ok('logIn', { email: SIGN_UP.email, password: SIGN_UP.password });
    expect((await again.ok('getSettings', {})).settings).toEqual({ autoLockMinutes: 0, timeZone: 'Europe/Paris', nudges: DEFAULT_NUDGES, reports: DEFAULT_REPORTS });
    expect(reopened.autoLockMinutes(again.session?.profileId ?? '')).toBe(0);
  });

  it('a bad time zone at sign-up is refused before anything is written', async () => {
    const core = await startCore();
    expect(await new Client(core).call('signUp', { ...SIGN_UP, timeZone: 'Nowhere/Special' })).toMatchObject({ ok: false, error: { code: 'TIME_ZONE_INVALID' } });
    expect(await allFiles(core.dataDir)).toEqual([`${core.dataDir}/.lock`]);
  });
});

describe('stay unlocked (core side)', () => {
  it('is refused without a keychain (browser mode) with a clear message', async () => {
    const client = new Client(await startCore());
    await client.ok('signUp', SIGN_UP);
    const result = await client.call('setStayUnlocked', { enabled: true });
    expect(result).toMatchObject({ ok: false, error: { code: 'STAY_UNLOCKED_UNAVAILABLE', message: expect.stringContaining('Only the desktop app') } });
  });

  it('keeps the data key in the keychain and opens the profile with it after a restart, without the password', async () => {
    const keychain = memoryKeychain();
    const core = await startCore({ keychain });
    const client = new Client(core);
    const { profile } = await client.ok('signUp', SIGN_UP);
    await client.ok('createTracker', { name: 'Sleep', settings: { type: 'duration' } });
    expect(await client.ok('setStayUnlocked', { enabled: true })).toEqual({ stayUnlocked: { available: true, reason: null, enabled: true } });
    // What is kept is the data key itself (the account's password slot unwraps the same one).
    const account = await import('node:fs/promises').then((fs) => fs.readFile(dataLayout(core.dataDir).accountFile(profile.id), 'utf8'));
    const slot = (JSON.parse(account) as { slots: { password: Parameters<typeof unwrapKey>[0] } }).slots.password;
    expect(keychain.keys.get(profile.id)).toEqual(await unwrapKey(slot, SIGN_UP.password, profile.id, 'password'));
    await core.close();

    const reopened = await startCore({ dataDir: core.dataDir, keychain });
    expect(await reopened.unlockRemembered(profile.id)).toEqual(profile);
    const again = new Client(reopened);
    again.session = { profileId: profile.id };
    expect((await again.ok('listTrackers', {})).trackers.map((tracker) => tracker.name)).toEqual(['Sleep']);
    expect(await again.ok('setStayUnlocked', { enabled: false })).toMatchObject({ stayUnlocked: { enabled: false } });
    expect(keychain.keys.size).toBe(0);
    expect(await reopened.unlockRemembered(profile.id)).toBeNull();
  });
});
