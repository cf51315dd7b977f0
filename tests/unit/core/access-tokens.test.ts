/**
 * Personal access tokens in the core: made, listed, revoked, expired; each a key slot of
 * its own in account.json that opens the profile with nobody logged in; what a token may
 * call; and how a token's requests and the person's session live side by side.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { dispatch, type Session } from '../../../src-main/core/dispatch';
import { dataLayout, type Core } from '../../../src-main/core/index';
import { LAST_USED_SAVE_EVERY_MS } from '../../../src-main/core/services/access-tokens';
import type { Notifier, Nudge } from '../../../src-main/core/services/notifier';
import { accountFormat, accountV1toV2 } from '../../../src-main/core/store/account-formats';
import { migrate } from '../../../src-main/core/store/migrate';
import { MAX_ACCESS_TOKENS, type Input, type Method, type Output, type Result } from '../../../src-preload/contract';
import { API_METHODS, OPERATIONS, tokenAccess } from '../../../src-preload/operations';
import { Client, filesOf, SIGN_UP, signedIn, startCore } from './helpers';

/** A clock the test moves. */
function clock(start = '2026-11-30T08:00:00.000Z') {
  let ms = Date.parse(start);
  return { now: () => new Date(ms), advance: (minutes: number) => (ms += minutes * 60_000) };
}

/** Calls as a script with `token` would: the profile from the token, the token with every call. */
function asToken(core: Core, profileId: string, token: string) {
  const session: Session = { profileId, accessToken: token };
  return async <M extends Method>(method: M, input: Input<M>): Promise<Result<Output<M>>> =>
    (await dispatch(core.handlers, method, input, session, (error) => {
      throw error;
    })).result as Result<Output<M>>;
}

const codeOf = (result: Result<unknown>): string => (result.ok ? 'ok' : result.error.code);

async function accountJson(core: Core & { dataDir: string }, profileId: string): Promise<{ version: number; tokens: { id: string; name: string; scope: string; lastUsedAt: string | null; slot: Record<string, string> }[] }> {
  return JSON.parse(await readFile(dataLayout(core.dataDir).accountFile(profileId), 'utf8')) as never;
}

describe('making, listing and revoking tokens', () => {
  it('shows the token once, lists it without its secret, and revoking deletes its key slot from account.json', async () => {
    const time = clock();
    const { core, client, profile } = await signedIn({ now: time.now });
    const made = await client.ok('createAccessToken', { name: '  Scale script ', scope: 'read-write', expiresInDays: 30 });
    expect(made.token).toMatch(new RegExp(`^qs_pat_${profile.id}_${made.accessToken.id}_[0-9a-f]{64}$`));
    expect(made.accessToken).toEqual({
      id: made.accessToken.id,
      name: 'Scale script',
      scope: 'read-write',
      createdAt: '2026-11-30T08:00:00.000Z',
      expiresAt: '2026-12-30T08:00:00.000Z',
      lastUsedAt: null,
      expired: false,
    });
    const other = await client.ok('createAccessToken', { name: 'Notebook', scope: 'read' });
    const listed = await client.ok('listAccessTokens', {});
    expect(listed.accessTokens.map((token) => [token.name, token.scope, token.expiresAt])).toEqual([
      ['Scale script', 'read-write', '2026-12-30T08:00:00.000Z'],
      ['Notebook', 'read', null],
    ]);
    expect(JSON.stringify(listed)).not.toContain(made.token.slice(-64));

    const before = await accountJson(core, profile.id);
    expect(before.version).toBe(2);
    expect(before.tokens.map((token) => token.id)).toEqual([made.accessToken.id, other.accessToken.id]);
    expect(before.tokens[0]?.slot).toEqual({ kdf: 'hkdf-sha256', salt: expect.any(String), iv: expect.any(String), tag: expect.any(String), wrapped: expect.any(String) });

    await client.ok('revokeAccessToken', { tokenId: made.accessToken.id });
    const after = await accountJson(core, profile.id);
    expect(after.tokens.map((token) => token.id)).toEqual([other.accessToken.id]);
    const text = await readFile(dataLayout(core.dataDir).accountFile(profile.id), 'utf8');
    expect(text).not.toContain(made.accessToken.id);
    // The writer's .bak of the previous account.json would still hold the slot.
    await expect(readFile(`${dataLayout(core.dataDir).accountFile(profile.id)}.bak`)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(codeOf(await asToken(core, profile.id, made.token)('listTrackers', {}))).toBe('TOKEN_INVALID');
    expect(codeOf(await client.call('revokeAccessToken', { tokenId: made.accessToken.id }))).toBe('ACCESS_TOKEN_NOT_FOUND');
  });

  it.each([
    [{ name: '   ', scope: 'read' }, 'ACCESS_TOKEN_NAME_INVALID', 'name'],
    [{ name: 'x'.repeat(101), scope: 'read' }, 'ACCESS_TOKEN_NAME_INVALID', 'name'],
    [{ name: 'SCALE script', scope: 'read' }, 'ACCESS_TOKEN_NAME_TAKEN', 'name'],
    [{ name: 'Past', scope: 'read', expiresAt: '2026-11-30T07:59:59Z' }, 'ACCESS_TOKEN_EXPIRY_INVALID', 'expiresAt'],
    [{ name: 'Now', scope: 'read', expiresAt: '2026-11-30T08:00:00Z' }, 'ACCESS_TOKEN_EXPIRY_INVALID', 'expiresAt'],
    [{ name: 'No zone', scope: 'read', expiresAt: '2027-01-01T00:00:00' }, 'ACCESS_TOKEN_EXPIRY_INVALID', 'expiresAt'],
    [{ name: 'Not a date', scope: 'read', expiresAt: 'next week' }, 'ACCESS_TOKEN_EXPIRY_INVALID', 'expiresAt'],
    [{ name: 'Far', scope: 'read', expiresAt: '2040-01-01T00:00:00Z' }, 'ACCESS_TOKEN_EXPIRY_INVALID', 'expiresAt'],
    [{ name: 'Zero', scope: 'read', expiresInDays: 0 }, 'ACCESS_TOKEN_EXPIRY_INVALID', 'expiresInDays'],
    [{ name: 'Half', scope: 'read', expiresInDays: 1.5 }, 'ACCESS_TOKEN_EXPIRY_INVALID', 'expiresInDays'],
    [{ name: 'Both', scope: 'read', expiresInDays: 3, expiresAt: '2027-01-01T00:00:00Z' }, 'ACCESS_TOKEN_EXPIRY_INVALID', 'expiresInDays'],
  ] as const)('refuses %j with %s and writes nothing', async (input, code, field) => {
    const { core, client } = await signedIn({ now: clock().now });
    await client.ok('createAccessToken', { name: 'Scale script', scope: 'read' });
    const files = await filesOf(core.dataDir);
    expect(await client.call('createAccessToken', input)).toMatchObject({ ok: false, error: { code, field } });
    expect(await filesOf(core.dataDir)).toEqual(files);
  });

  it(`refuses a token beyond ${MAX_ACCESS_TOKENS} with ACCESS_TOKEN_LIMIT`, async () => {
    const { client } = await signedIn();
    for (let n = 1; n <= MAX_ACCESS_TOKENS; n += 1) await client.ok('createAccessToken', { name: `script ${n}`, scope: 'read' });
    expect(codeOf(await client.call('createAccessToken', { name: 'one more', scope: 'read' }))).toBe('ACCESS_TOKEN_LIMIT');
    expect((await client.ok('listAccessTokens', {})).accessTokens).toHaveLength(MAX_ACCESS_TOKENS);
  });

  it('expires: refused with TOKEN_EXPIRED from its expiry on, and listed as expired', async () => {
    const time = clock();
    const { core, client, profile } = await signedIn({ now: time.now });
    const { token } = await client.ok('createAccessToken', { name: 'Week', scope: 'read', expiresInDays: 7 });
    const script = asToken(core, profile.id, token);
    time.advance(7 * 24 * 60 - 1);
    expect(codeOf(await script('listTrackers', {}))).toBe('ok');
    time.advance(1);
    expect(codeOf(await script('listTrackers', {}))).toBe('TOKEN_EXPIRED');
    expect((await client.ok('listAccessTokens', {})).accessTokens[0]).toMatchObject({ name: 'Week', expired: true });
  });
});

describe('a request with a token', () => {
  it('opens the profile on its own, with nobody logged in, after the core was closed and opened again', async () => {
    const { core, client, profile } = await signedIn();
    const { tracker } = await client.ok('createTracker', { name: 'Weight', settings: { type: 'numerical', unit: 'kg' } });
    const { token } = await client.ok('createAccessToken', { name: 'Scale', scope: 'read-write' });
    await core.close();

    const again = await startCore({ dataDir: core.dataDir });
    const script = asToken(again, profile.id, token);
    expect(await script('addLog', { trackerId: tracker.id, value: 71.5, at: '2026-11-30T07:00:00+01:00' })).toMatchObject({ ok: true, value: { log: { value: 71.5 } } });
    expect(await script('listLogs', { trackerId: tracker.id })).toMatchObject({ ok: true, value: { logs: [{ value: 71.5 }] } });
    expect(await script('currentProfile', {})).toMatchObject({ ok: true, value: { profile: { id: profile.id } } });
    // The profile is open for the token only: not for the person, nor for their auto-lock or jobs.
    expect(again.autoLockMinutes(profile.id)).toBeNull();
    const stale = new Client(again);
    stale.session = { profileId: profile.id };
    expect(await stale.call('currentProfile', {})).toEqual({ ok: true, value: { profile: null } });
    expect(codeOf(await stale.call('listTrackers', {}))).toBe('SESSION_LOCKED');
  });

  it('runs no jobs: a profile open only for a token is locked for nudges and reports', async () => {
    const time = clock('2026-11-30T18:00:00.000Z');
    const shown: Nudge[] = [];
    const notifier: Notifier = {
      notify: (nudge) => {
        shown.push(nudge);
        return Promise.resolve({ shown: true });
      },
    };
    const { core, client, profile } = await signedIn({ now: time.now, jobs: { notifier, printer: null } });
    await client.ok('createTracker', { name: 'Meditated', settings: { type: 'boolean' } });
    const { token } = await client.ok('createAccessToken', { name: 'Shortcut', scope: 'read-write' });
    await client.ok('logOut', {});
    expect(codeOf(await asToken(core, profile.id, token)('updateSettings', { nudges: { enabled: true, time: '18:30', text: 'generic', byMail: false } }))).toBe('ok');
    // The nudge time passes with no entry today: due, were the person logged in.
    time.advance(60);
    expect(codeOf(await asToken(core, profile.id, token)('dashboard', {}))).toBe('ok');
    expect(await core.jobs.look(profile.id)).toEqual({ nextCheckAt: null, runs: [] });
    expect(shown).toEqual([]);
    await client.ok('logIn', { email: SIGN_UP.email, password: SIGN_UP.password });
    await core.jobs.look(profile.id);
    expect(shown).toEqual([expect.objectContaining({ profileId: profile.id, title: expect.any(String) })]);
  });

  it('keeps working when the person logs out or is locked, and does not keep the person logged in', async () => {
    const { core, client, profile } = await signedIn();
    const { token } = await client.ok('createAccessToken', { name: 'Scale', scope: 'read' });
    const script = asToken(core, profile.id, token);
    expect(codeOf(await script('listTrackers', {}))).toBe('ok');
    const session = client.session;
    await client.ok('logOut', {});
    expect(codeOf(await script('dashboard', {}))).toBe('ok');
    const stale = new Client(core);
    stale.session = session;
    expect(codeOf(await stale.call('listTrackers', {}))).toBe('SESSION_LOCKED');
    // The person logs in again: their session works beside the token's requests.
    await client.ok('logIn', { email: SIGN_UP.email, password: SIGN_UP.password });
    core.lockProfile(profile.id);
    expect(codeOf(await client.call('listTrackers', {}))).toBe('SESSION_LOCKED');
    expect(codeOf(await script('listTrackers', {}))).toBe('ok');
  });

  it('refuses a wrong, garbled or misplaced token with TOKEN_INVALID', async () => {
    const { core, client, profile } = await signedIn();
    const { token, accessToken } = await client.ok('createAccessToken', { name: 'Scale', scope: 'read' });
    const secret = token.slice(-64);
    const flipped = `${token.slice(0, -1)}${token.endsWith('0') ? '1' : '0'}`;
    const cases: [string, string][] = [
      [profile.id, flipped],
      [profile.id, token.slice(0, -2)],
      [profile.id, `${token}00`],
      [profile.id, token.toUpperCase()],
      [profile.id, `qs_pat_${profile.id}_no-such-token_${secret}`],
      [profile.id, 'qs_pat_'],
      [profile.id, 'not a token at all'],
      ['someone-else', token],
      ['someone-else', `qs_pat_someone-else_${accessToken.id}_${secret}`],
    ];
    for (const [profileId, text] of cases) expect([text, codeOf(await asToken(core, profileId, text)('listTrackers', {}))]).toEqual([text, 'TOKEN_INVALID']);
  });

  it('is bound to its scope and id: account.json edited to widen the scope or to move the slot opens nothing', async () => {
    const { core, client, profile } = await signedIn();
    const read = await client.ok('createAccessToken', { name: 'Reader', scope: 'read' });
    const other = await client.ok('createAccessToken', { name: 'Other', scope: 'read' });
    const file = dataLayout(core.dataDir).accountFile(profile.id);
    await core.close();
    const account = JSON.parse(await readFile(file, 'utf8')) as { tokens: { id: string; scope: string; slot: unknown }[] };
    const [first, second] = account.tokens;
    if (first === undefined || second === undefined) throw new Error('two tokens expected');
    first.scope = 'read-write';
    second.slot = first.slot;
    await writeFile(file, JSON.stringify(account));

    const again = await startCore({ dataDir: core.dataDir });
    expect(codeOf(await asToken(again, profile.id, read.token)('createTracker', { name: 'Sneaky', settings: { type: 'boolean' } }))).toBe('TOKEN_INVALID');
    expect(codeOf(await asToken(again, profile.id, other.token)('listTrackers', {}))).toBe('TOKEN_INVALID');
    expect(codeOf(await asToken(again, profile.id, `qs_pat_${profile.id}_${other.accessToken.id}_${read.token.slice(-64)}`)('listTrackers', {}))).toBe('TOKEN_INVALID');
  });
});

describe('what a token may call', () => {
  /** A valid input for each operation a token may never call: the refusal is about the caller, not the input. */
  const PERSON_ONLY_INPUTS: { [M in Method]?: Input<M> } = {
    signUp: { ...SIGN_UP, email: 'other@example.com' },
    logIn: { email: SIGN_UP.email, password: SIGN_UP.password },
    logOut: {},
    lock: {},
    resetPassword: { email: SIGN_UP.email, backupCode: SIGN_UP.backupCode, newPassword: 'a new long password' },
    changePassword: { currentPassword: SIGN_UP.password, newPassword: 'a new long password' },
    updateProfile: { name: 'Mallory' },
    deleteProfile: { password: SIGN_UP.password },
    setStayUnlocked: { enabled: false },
    createAccessToken: { name: 'Escalated', scope: 'read-write' },
    listAccessTokens: {},
    revokeAccessToken: { tokenId: 'whatever' },
    updateBackupSettings: { enabled: true, keep: 7, folder: '/tmp/elsewhere' },
    findBackups: {},
    previewBackup: { path: '/tmp/elsewhere', password: SIGN_UP.password },
    restoreBackup: { path: '/tmp/elsewhere', password: SIGN_UP.password },
  };

  it('never calls the account’s own operations, whatever its scope, and changes nothing trying', async () => {
    const never = API_METHODS.filter((method) => tokenAccess(method) === 'never');
    expect(never.sort()).toEqual(Object.keys(PERSON_ONLY_INPUTS).sort());
    // Whatever opens or ends a session is among them.
    expect(API_METHODS.filter((method) => OPERATIONS[method].session === 'opens' || OPERATIONS[method].session === 'closes').every((method) => never.includes(method))).toBe(true);
    const { core, client, profile } = await signedIn();
    const { token } = await client.ok('createAccessToken', { name: 'Full', scope: 'read-write' });
    const script = asToken(core, profile.id, token);
    await script('listTrackers', {});
    const files = await filesOf(core.dataDir);
    for (const method of never) {
      const result = await script(method, PERSON_ONLY_INPUTS[method] as Input<typeof method>);
      expect([method, codeOf(result)]).toEqual([method, 'TOKEN_NOT_ALLOWED']);
    }
    expect(await filesOf(core.dataDir)).toEqual(files);
    expect(codeOf(await client.call('listTrackers', {}))).toBe('ok');
  });

  it('reads with a read-only token and is refused every write with TOKEN_READ_ONLY', async () => {
    const { core, client, profile } = await signedIn();
    const { tracker } = await client.ok('createTracker', { name: 'Weight', settings: { type: 'numerical', unit: 'kg' } });
    const { token } = await client.ok('createAccessToken', { name: 'Notebook', scope: 'read' });
    const script = asToken(core, profile.id, token);
    expect(await script('listTrackers', {})).toMatchObject({ ok: true, value: { trackers: [{ name: 'Weight' }] } });
    expect(codeOf(await script('trackerStats', { trackerId: tracker.id, range: { from: '2026-11-01', to: '2026-11-30' } }))).toBe('ok');
    const files = await filesOf(core.dataDir);
    expect(codeOf(await script('addLog', { trackerId: tracker.id, value: 70 }))).toBe('TOKEN_READ_ONLY');
    expect(codeOf(await script('createTracker', { name: 'Sneaky', settings: { type: 'boolean' } }))).toBe('TOKEN_READ_ONLY');
    expect(codeOf(await script('deleteTracker', { trackerId: tracker.id }))).toBe('TOKEN_READ_ONLY');
    expect(codeOf(await script('updateSettings', { autoLockMinutes: 0 }))).toBe('TOKEN_READ_ONLY');
    expect(await filesOf(core.dataDir)).toEqual(files);
  });
});

describe('when a token was last used', () => {
  it('is exact in the list and saved to account.json at most once an hour', async () => {
    const time = clock();
    const { core, client, profile } = await signedIn({ now: time.now });
    const { token, accessToken } = await client.ok('createAccessToken', { name: 'Scale', scope: 'read' });
    const script = asToken(core, profile.id, token);
    const savedLastUse = async () => (await accountJson(core, profile.id)).tokens[0]?.lastUsedAt;

    time.advance(1);
    await script('listTrackers', {});
    expect(await savedLastUse()).toBe('2026-11-30T08:01:00.000Z');
    const files = await filesOf(core.dataDir);
    time.advance(30);
    await script('listTrackers', {});
    expect(await filesOf(core.dataDir)).toEqual(files);
    expect((await client.ok('listAccessTokens', {})).accessTokens).toEqual([{ ...accessToken, lastUsedAt: '2026-11-30T08:31:00.000Z' }]);
    time.advance(LAST_USED_SAVE_EVERY_MS / 60_000);
    await script('listTrackers', {});
    expect(await savedLastUse()).toBe('2026-11-30T09:31:00.000Z');
  });
});

describe('account.json version 1', () => {
  it('migrates to version 2 with no tokens, keeping everything else', () => {
    const v1 = { version: 1, id: 'p1', email: 'ada@example.com', slots: { password: { kdf: 'scrypt' }, backupCode: { kdf: 'scrypt' } }, upgradePending: false };
    expect(accountV1toV2(v1)).toEqual({ ...v1, version: 2, tokens: [] });
    expect(migrate(v1, accountFormat.version, accountFormat.migrations)).toEqual({ ok: true, record: { ...v1, version: 2, tokens: [] } });
  });

  it('is read as version 2: the profile opens and has no tokens', async () => {
    const { core, profile } = await signedIn();
    const file = dataLayout(core.dataDir).accountFile(profile.id);
    await core.close();
    const { tokens, ...v1 } = JSON.parse(await readFile(file, 'utf8')) as { tokens: unknown[] };
    expect(tokens).toEqual([]);
    await writeFile(file, JSON.stringify({ ...v1, version: 1 }));

    const client = new Client(await startCore({ dataDir: core.dataDir }));
    await client.ok('logIn', { email: SIGN_UP.email, password: SIGN_UP.password });
    expect(await client.ok('listAccessTokens', {})).toEqual({ accessTokens: [] });
    await client.ok('createAccessToken', { name: 'First', scope: 'read' });
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ version: 2, tokens: [{ name: 'First' }] });
  });
});
