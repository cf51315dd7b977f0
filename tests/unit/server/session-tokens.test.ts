import { afterEach, describe, expect, it } from 'vitest';
import { bearerToken, EXPIRED, EXPIRED_TOKEN_KEPT_MINUTES, SessionTokens, UNUSED_TOKEN_LIMIT_MINUTES } from '../../../src-main/server/session-tokens';
import { openCore, type Core } from '../../../src-main/core/index';
import { fakeHandlers } from './fake-handlers';
import { startTestServer, type TestServer } from './server-harness';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const MINUTE = 60_000;

function lockRecorder(minutes: number | null = 15) {
  const locked: string[] = [];
  return { locked, locks: { autoLockMinutes: () => minutes, lockProfile: (profileId: string) => void locked.push(profileId) } };
}

describe('SessionTokens', () => {
  it('issues random 256-bit tokens', () => {
    const tokens = new SessionTokens();
    const a = tokens.issue({ profileId: 'p' });
    const b = tokens.issue({ profileId: 'p' });
    expect(a).not.toBe(b);
    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
    expect(bearerToken(`Bearer ${a}`)).toBe(a);
  });

  it('expires after the shell’s idle minutes, counting each use, and locks the profile', () => {
    let now = 0;
    const { locked, locks } = lockRecorder(0);
    const tokens = new SessionTokens({ idleMinutes: 30, locks, now: () => now });
    const token = tokens.issue({ profileId: 'p' });
    now += 29 * MINUTE;
    expect(tokens.lookUp(token)).toEqual({ profileId: 'p' });
    now += 29 * MINUTE;
    expect(tokens.lookUp(token)).toEqual({ profileId: 'p' });
    now += 30 * MINUTE;
    expect(tokens.lookUp(token)).toBe(EXPIRED);
    expect(locked).toEqual(['p']);
    expect(tokens.lookUp(token)).toBeNull();
  });

  it('follows the profile’s auto-lock when it is shorter', () => {
    let now = 0;
    const { locks } = lockRecorder(5);
    const tokens = new SessionTokens({ idleMinutes: 30, locks, now: () => now });
    const token = tokens.issue({ profileId: 'p' });
    now += 5 * MINUTE;
    expect(tokens.lookUp(token)).toBe(EXPIRED);
  });

  it('keeps the key while another token of the profile is alive; revokeProfile ends them all', () => {
    let now = 0;
    const { locked, locks } = lockRecorder(0);
    const tokens = new SessionTokens({ idleMinutes: 10, locks, now: () => now });
    const idle = tokens.issue({ profileId: 'p' });
    now += 9 * MINUTE;
    const busy = tokens.issue({ profileId: 'p' });
    const other = tokens.issue({ profileId: 'q' });
    now += 2 * MINUTE;
    expect(tokens.lookUp(idle)).toBe(EXPIRED);
    expect(locked).toEqual([]);
    tokens.revokeProfile('p');
    expect(tokens.lookUp(busy)).toBeNull();
    expect(tokens.lookUp(other)).toEqual({ profileId: 'q' });
  });

  it('0 idle minutes means no shell limit', () => {
    let now = 0;
    const tokens = new SessionTokens({ idleMinutes: 0, locks: lockRecorder(0).locks, now: () => now });
    const token = tokens.issue({ profileId: 'p' });
    now += 10_000 * MINUTE;
    expect(tokens.lookUp(token)).toEqual({ profileId: 'p' });
  });
});

describe('tokens not used again', () => {
  it('end after the idle limit though nobody presents them: the profile of the last one is locked, and they are forgotten a while later', () => {
    let now = 0;
    const { locked, locks } = lockRecorder(0);
    const tokens = new SessionTokens({ idleMinutes: 30, locks, now: () => now });
    const issued = Array.from({ length: 100 }, (_, i) => tokens.issue({ profileId: `p${i}` }));
    now += 29 * MINUTE;
    const kept = tokens.issue({ profileId: 'p0' });
    tokens.prune();
    expect(locked).toEqual([]);
    now += 2 * MINUTE;
    tokens.prune();
    // p0 still has a token in use: its key stays.
    expect(locked).toEqual(Array.from({ length: 99 }, (_, i) => `p${i + 1}`));
    expect(tokens.size).toBe(101);
    // Remembered for a while, so a person who comes back is told why they must log in again.
    expect(tokens.lookUp(issued[1] ?? null)).toBe(EXPIRED);
    now += EXPIRED_TOKEN_KEPT_MINUTES * MINUTE;
    tokens.prune();
    expect(tokens.size).toBe(1);
    expect(locked).toContain('p0');
    expect(tokens.lookUp(kept)).toBe(EXPIRED);
    expect(tokens.size).toBe(0);
  });

  it('are pruned when a token is issued or looked up, with no call to prune', () => {
    let now = 0;
    const tokens = new SessionTokens({ idleMinutes: 30, locks: lockRecorder(0).locks, now: () => now });
    for (let i = 0; i < 50; i++) tokens.issue({ profileId: `p${i}` });
    now += (30 + EXPIRED_TOKEN_KEPT_MINUTES) * MINUTE;
    const fresh = tokens.issue({ profileId: 'q' });
    expect(tokens.size).toBe(1);
    expect(tokens.lookUp(fresh)).toEqual({ profileId: 'q' });
  });

  it('stay ended once pruning ended them, though the locked profile no longer has a shorter limit', () => {
    let now = 0;
    const unlocked = new Set(['p']);
    const locks = { autoLockMinutes: (id: string) => (unlocked.has(id) ? 15 : null), lockProfile: (id: string) => void unlocked.delete(id) };
    const tokens = new SessionTokens({ idleMinutes: 30, locks, now: () => now });
    const token = tokens.issue({ profileId: 'p' });
    now += 16 * MINUTE;
    tokens.prune();
    expect(unlocked.has('p')).toBe(false);
    expect(tokens.lookUp(token)).toBe(EXPIRED);
  });

  it('end after a week even when no idle limit is set', () => {
    let now = 0;
    const { locked, locks } = lockRecorder(0);
    const tokens = new SessionTokens({ idleMinutes: 0, locks, now: () => now });
    const token = tokens.issue({ profileId: 'p' });
    now += UNUSED_TOKEN_LIMIT_MINUTES * MINUTE - 1;
    expect(tokens.lookUp(token)).toEqual({ profileId: 'p' });
    now += UNUSED_TOKEN_LIMIT_MINUTES * MINUTE;
    expect(tokens.lookUp(token)).toBe(EXPIRED);
    expect(locked).toEqual(['p']);
  });
});

describe('tokens over HTTP', () => {
  let server: TestServer | null = null;
  let core: Core | null = null;
  afterEach(async () => {
    await server?.close();
    await core?.close();
    await Promise.all(dataDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
    server = null;
    core = null;
  });

  const dataDirs: string[] = [];
  const dataDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'qs-tokens-'));
    dataDirs.push(dir);
    return dir;
  };

  const person = { email: 'ada@example.com', password: 'correct horse', name: 'Ada', age: 36, gender: 'female', backupCode: 'backup-code-1' };

  it('an idle token answers 401 SESSION_LOCKED, and the profile’s key is forgotten', async () => {
    let now = 0;
    core = await openCore({ dataDir: await dataDir(), scrypt: { N: 1024, r: 8, p: 1 } });
    server = await startTestServer(core.handlers, undefined, { sessionIdleMinutes: 30, locks: core, now: () => now });
    const signedUp = (await (await server.call('POST', '/api/profiles', { body: person })).json()) as { token: string; value: { profile: { id: string } } };
    expect((await server.call('GET', '/api/trackers', { token: signedUp.token })).status).toBe(200);
    now += 16 * MINUTE; // the profile's default auto-lock (15) is shorter than the shell's 30
    const locked = await server.call('GET', '/api/trackers', { token: signedUp.token });
    expect(locked.status).toBe(401);
    expect(await locked.json()).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED', message: expect.stringContaining('inactivity') } });
    expect(core.autoLockMinutes(signedUp.value.profile.id)).toBeNull();
  });

  it('lock ends every token of the profile; TOO_MANY_ATTEMPTS is 429', async () => {
    server = await startTestServer(fakeHandlers());
    const first = ((await (await server.call('POST', '/api/profiles', { body: person })).json()) as { token: string }).token;
    const second = ((await (await server.call('POST', '/api/session', { body: { email: person.email, password: person.password } })).json()) as { token: string }).token;
    expect((await server.call('POST', '/api/session/lock', { token: first })).status).toBe(200);
    expect((await server.call('GET', '/api/trackers', { token: second })).status).toBe(401);
    core = await openCore({ dataDir: await dataDir(), scrypt: { N: 1024, r: 8, p: 1 } });
    await server.close();
    server = await startTestServer(core.handlers);
    await server.call('POST', '/api/profiles', { body: person });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await server.call('POST', '/api/session', { body: { email: person.email, password: `wrong ${i} guess` } })).status);
    expect(statuses).toEqual([400, 400, 400, 429]);
  });
});
