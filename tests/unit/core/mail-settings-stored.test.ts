/**
 * Mail settings as a profile keeps them (the rules themselves are mail-settings.test.ts's):
 * only inside the profile's encrypted settings file, the password write-only (never
 * answered, never readable in any file of the data folder), every wrong field named at once
 * under the input's names (`mail.port`) with nothing saved, and removable.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { dataLayout, openProfileCodec } from '../../../src-main/core/index';
import type { Input } from '../../../src-preload/contract';
import { filesContaining } from './encryption-helpers';
import { Client, filesOf, SIGN_UP, signedIn, startCore } from './helpers';

const PASSWORD = 'smtp-Pa55word-that-must-never-show';

const MAIL = {
  host: ' smtp.example.org ',
  port: 587,
  tls: 'starttls',
  user: 'ada@example.org',
  password: PASSWORD,
  from: 'Ada@Example.org',
  to: 'ada+reports@example.org',
} as const satisfies Input<'updateMailSettings'>['mail'];

const VIEW = { host: 'smtp.example.org', port: 587, tls: 'starttls', user: 'ada@example.org', hasPassword: true, from: 'Ada@Example.org', to: 'ada+reports@example.org' };


/** The settings file as the profile's key opens it. */
async function storedSettings(dataDir: string, profileId: string): Promise<Record<string, unknown>> {
  const codec = await openProfileCodec(dataDir, profileId, SIGN_UP.password);
  const file = dataLayout(dataDir).settingsFile(profileId);
  return JSON.parse(codec.decode(file, await readFile(file))) as Record<string, unknown>;
}

describe('mail settings', () => {
  it('are none until set; once set, answer everything but the password, trimmed, and keep the password in the encrypted settings', async () => {
    const { core, client, profile } = await signedIn();
    expect(await client.ok('getMailSettings', {})).toEqual({ mail: null });

    const saved = await client.ok('updateMailSettings', { mail: MAIL });
    expect(saved).toEqual({ mail: VIEW });
    expect(await client.ok('getMailSettings', {})).toEqual({ mail: VIEW });
    expect(JSON.stringify([saved, await client.ok('getMailSettings', {}), await client.ok('getSettings', {})])).not.toContain(PASSWORD);

    expect((await storedSettings(core.dataDir, profile.id))['mail']).toEqual({ ...MAIL, host: 'smtp.example.org', password: PASSWORD });
  });

  it('leave no trace of the password in any file of the data folder, however it was changed', async () => {
    const { core, client } = await signedIn();
    await client.ok('updateMailSettings', { mail: MAIL });
    // A second save puts the first version in settings.json.bak: it must be as unreadable.
    await client.ok('updateMailSettings', { mail: { ...MAIL, port: 465, tls: 'tls' } });
    await client.ok('updateSettings', { autoLockMinutes: 3 });
    await client.ok('lock', {});
    await core.close();

    const files = await filesOf(core.dataDir);
    expect([...files.keys()].some((file) => file.endsWith('settings.json.bak'))).toBe(true);
    expect(await filesContaining(core.dataDir, PASSWORD)).toEqual([]);
    // Not the user name, server or addresses either: they say whom the person mails.
    expect(await filesContaining(core.dataDir, 'smtp.example.org')).toEqual([]);
    expect(await filesContaining(core.dataDir, 'ada+reports@example.org')).toEqual([]);
  });

  it('keep the password when it is left out, drop it when it is empty, and survive a restart', async () => {
    const { core, client, profile } = await signedIn();
    await client.ok('updateMailSettings', { mail: MAIL });
    const { password: _left, ...withoutPassword } = MAIL;
    expect((await client.ok('updateMailSettings', { mail: { ...withoutPassword, port: 2525 } })).mail).toEqual({ ...VIEW, port: 2525, hasPassword: true });
    expect((await storedSettings(core.dataDir, profile.id))['mail']).toMatchObject({ port: 2525, password: PASSWORD });

    // A user needs a password (mail-settings.ts): clearing it alone is refused, by the password.
    expect(await client.call('updateMailSettings', { mail: { ...MAIL, password: '' } })).toMatchObject({ ok: false, error: { code: 'MAIL_SETTINGS_INVALID', field: 'mail.password' } });
    expect((await client.ok('updateMailSettings', { mail: { ...MAIL, user: '', password: '' } })).mail).toEqual({ ...VIEW, user: '', hasPassword: false });
    expect((await storedSettings(core.dataDir, profile.id))['mail']).toMatchObject({ user: '', password: '' });
    await core.close();

    const again = new Client(await startCore({ dataDir: core.dataDir }));
    await again.ok('logIn', { email: SIGN_UP.email, password: SIGN_UP.password });
    expect(await again.ok('getMailSettings', {})).toEqual({ mail: { ...VIEW, user: '', hasPassword: false } });
  });

  it('keep a password exactly as typed: an SMTP server compares it byte for byte', async () => {
    const { core, client, profile } = await signedIn();
    await client.ok('updateMailSettings', { mail: { ...MAIL, password: '  spaced  ' } });
    expect((await storedSettings(core.dataDir, profile.id))['mail']).toMatchObject({ password: '  spaced  ' });
  });

  it('are removed, password and all, by null', async () => {
    const { core, client, profile } = await signedIn();
    await client.ok('updateMailSettings', { mail: MAIL });
    expect(await client.ok('updateMailSettings', { mail: null })).toEqual({ mail: null });
    expect(await client.ok('getMailSettings', {})).toEqual({ mail: null });
    expect((await storedSettings(core.dataDir, profile.id))['mail']).toBeNull();
    // The other settings are untouched.
    expect((await client.ok('getSettings', {})).settings.autoLockMinutes).toBe(15);
  });

  it('name every wrong field at once, and change nothing', async () => {
    const { core, client } = await signedIn();
    await client.ok('updateMailSettings', { mail: MAIL });
    const before = await filesOf(core.dataDir);

    const refused = await client.call('updateMailSettings', { mail: { ...MAIL, host: '  ', port: 70_000, from: 'ada', to: 'ada@' } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'MAIL_SETTINGS_INVALID', field: 'mail.host' } });
    expect(!refused.ok && refused.error.issues?.map((issue) => [issue.code, issue.field])).toEqual([
      ['MAIL_SETTINGS_INVALID', 'mail.host'],
      ['MAIL_SETTINGS_INVALID', 'mail.port'],
      ['MAIL_SETTINGS_INVALID', 'mail.from'],
      ['MAIL_SETTINGS_INVALID', 'mail.to'],
    ]);
    expect(await filesOf(core.dataDir)).toEqual(before);
    expect(await client.ok('getMailSettings', {})).toEqual({ mail: VIEW });
  });

  it.each([
    ['a port of 0', { port: 0 }, 'mail.port', /from 1 to 65535/],
    ['a port that is not whole', { port: 587.5 }, 'mail.port', /from 1 to 65535/],
    ['a host with a scheme', { host: 'smtp://smtp.example.org' }, 'mail.host', /host name/],
    ['a password over a plain connection to another machine', { tls: 'none' }, 'mail.tls', /readable by anyone/],
    ['an unknown TLS mode', { tls: 'ssl' }, 'mail.tls', /expected one of/],
    ['a port that is text', { port: '587' }, 'mail.port', /expected number/],
  ])('refuse %s with a message by its field', async (_name, change, field, message) => {
    const { client } = await signedIn();
    const refused = await client.call('updateMailSettings', { mail: { ...MAIL, ...change } as Input<'updateMailSettings'>['mail'] });
    expect(refused).toMatchObject({ ok: false, error: { field } });
    expect(!refused.ok && refused.error.message).toMatch(message);
    expect(await client.ok('getMailSettings', {})).toEqual({ mail: null });
  });

  it('need a session, and an unlocked profile', async () => {
    const core = await startCore();
    const stranger = new Client(core);
    expect(await stranger.call('getMailSettings', {})).toMatchObject({ ok: false, error: { code: 'NOT_LOGGED_IN' } });
    expect(await stranger.call('updateMailSettings', { mail: MAIL })).toMatchObject({ ok: false, error: { code: 'NOT_LOGGED_IN' } });

    const client = new Client(core);
    const { profile } = await client.ok('signUp', SIGN_UP);
    core.lockProfile(profile.id);
    expect(await client.call('updateMailSettings', { mail: MAIL })).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });
  });
});
