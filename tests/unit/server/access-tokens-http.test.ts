/**
 * Personal access tokens through the real browser shell: the HTTP server over the core in
 * its worker, a temp data folder, real files. A script's token works with nobody logged in,
 * across a restart of the server; it is refused where its scope or any token may not go,
 * and once revoked; and it is never written anywhere under the data folder.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../src-main/server/http-server';
import { filesOf, SIGN_UP, tempDir } from '../core/helpers';
import { startHost } from '../host/host-helpers';

interface Shell {
  readonly dataDir: string;
  readonly url: string;
  call(verb: string, path: string, options?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<{ status: number; body: Answer }>;
  stop(): Promise<void>;
}
interface Answer {
  readonly ok: boolean;
  readonly value?: Record<string, unknown>;
  readonly error?: { code: string; message: string };
  readonly token?: string;
}

const servers: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** The browser shell as `npm run serve` starts it: a core host (the worker from the sources) and the server. */
async function serve(dataDir?: string): Promise<Shell> {
  const { host, dataDir: dir } = await startHost(dataDir === undefined ? {} : { dataDir });
  const server = await startServer({ client: host, staticDir: await tempDir(), port: 0, onUnexpected: () => undefined });
  servers.push(server);
  return {
    dataDir: dir,
    url: server.url,
    async call(verb, path, options = {}) {
      const response = await fetch(new URL(path, server.url), {
        method: verb,
        headers: {
          ...(options.body === undefined ? {} : { 'Content-Type': 'application/json' }),
          ...(options.token === undefined ? {} : { Authorization: `Bearer ${options.token}` }),
          ...options.headers,
        },
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      });
      return { status: response.status, body: (await response.json()) as Answer };
    },
    async stop() {
      servers.splice(servers.indexOf(server), 1);
      await server.close();
      await host.close();
    },
  };
}

const PERSON = { ...SIGN_UP, email: 'ada@example.com' };

/** A person signed up with a Weight tracker, a read-write token and a read-only one. */
async function withTokens(shell: Shell) {
  const signedUp = await shell.call('POST', '/api/profiles', { body: PERSON });
  const session = signedUp.body.token ?? '';
  const profileId = (signedUp.body.value?.['profile'] as { id: string }).id;
  const created = await shell.call('POST', '/api/trackers', { token: session, body: { name: 'Weight', settings: { type: 'numerical', unit: 'kg' } } });
  const trackerId = (created.body.value?.['tracker'] as { id: string }).id;
  const made = async (name: string, scope: string) => {
    const answer = await shell.call('POST', '/api/tokens', { token: session, body: { name, scope } });
    expect(answer.status).toBe(200);
    return answer.body.value as { token: string; accessToken: { id: string; name: string } };
  };
  return { session, profileId, trackerId, readWrite: await made('Scale', 'read-write'), readOnly: await made('Notebook', 'read') };
}

/** Every form a token could be written in: as text, and its secret as raw bytes, hex, base64. */
function formsOf(token: string): Buffer[] {
  const secret = Buffer.from(token.slice(-64), 'hex');
  return [
    Buffer.from(token, 'utf8'),
    Buffer.from(token, 'utf16le'),
    Buffer.from(Buffer.from(token, 'utf8').toString('base64'), 'utf8'),
    Buffer.from(Buffer.from(token, 'utf8').toString('hex'), 'utf8'),
    Buffer.from(token.slice(-64), 'utf8'),
    secret,
    Buffer.from(secret.toString('base64'), 'utf8'),
    Buffer.from(secret.toString('base64url'), 'utf8'),
  ];
}

async function filesHolding(dir: string, needles: readonly Buffer[]): Promise<string[]> {
  const found: string[] = [];
  let scanned = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const bytes = await readFile(path);
    scanned += 1;
    if (needles.some((needle) => bytes.includes(needle))) found.push(path);
  }
  // The scan saw the profile's files, not an empty folder.
  expect(scanned).toBeGreaterThanOrEqual(4);
  return found;
}

describe('personal access tokens in browser mode', () => {
  it('work with nobody logged in and after a restart, and are never written to any file', async () => {
    const first = await serve();
    const { session, profileId, trackerId, readWrite, readOnly } = await withTokens(first);
    const listed = await first.call('GET', '/api/tokens', { token: session });
    expect(listed.body.value?.['accessTokens']).toEqual([
      expect.objectContaining({ id: readWrite.accessToken.id, name: 'Scale', scope: 'read-write', lastUsedAt: null }),
      expect.objectContaining({ id: readOnly.accessToken.id, name: 'Notebook', scope: 'read', lastUsedAt: null }),
    ]);
    expect(JSON.stringify(listed.body)).not.toContain(readWrite.token.slice(-64));

    expect((await first.call('POST', `/api/trackers/${trackerId}/logs`, { token: readWrite.token, body: { value: 72, at: '2026-11-29T07:00:00Z' } })).status).toBe(200);
    expect((await first.call('DELETE', '/api/session', { token: session })).status).toBe(200);
    expect((await first.call('GET', '/api/trackers', { token: session })).status).toBe(401);
    // The person logged out; the script goes on.
    expect(await first.call('GET', '/api/trackers', { token: readWrite.token })).toMatchObject({ status: 200, body: { value: { trackers: [{ id: trackerId }] } } });
    await first.stop();

    const second = await serve(first.dataDir);
    expect(await second.call('GET', '/api/session')).toMatchObject({ status: 200, body: { value: { profile: null } } });
    expect((await second.call('POST', `/api/trackers/${trackerId}/logs`, { token: readWrite.token, body: { value: 71.5, at: '2026-11-30T07:00:00Z' } })).status).toBe(200);
    expect(await second.call('POST', `/api/trackers/${trackerId}/logs/query`, { token: readOnly.token, body: { order: 'oldest' } })).toMatchObject({
      status: 200,
      body: { value: { logs: [{ value: 72 }, { value: 71.5 }] } },
    });
    expect(await second.call('GET', '/api/session', { token: readOnly.token })).toMatchObject({ status: 200, body: { value: { profile: { id: profileId } } } });
    // Polled while nobody is logged in: the host sends it to the worker, which proves the token.
    expect(await second.call('GET', '/api/progress', { token: readOnly.token })).toMatchObject({ status: 200, body: { value: { job: null } } });
    // A token's requests did not log anybody in.
    expect(await second.call('GET', '/api/session')).toMatchObject({ body: { value: { profile: null } } });
    await second.stop();

    expect(await filesHolding(first.dataDir, [...formsOf(readWrite.token), ...formsOf(readOnly.token)])).toEqual([]);
    // The same scan does find what account.json holds in plain text: the token's id.
    expect(await filesHolding(first.dataDir, [Buffer.from(readWrite.accessToken.id, 'utf8')])).toEqual([join(first.dataDir, 'profiles', profileId, 'account.json')]);
  });

  it('refuse a read-only token on a write with 403 TOKEN_READ_ONLY, and write nothing', async () => {
    const shell = await serve();
    const { trackerId, readOnly } = await withTokens(shell);
    expect((await shell.call('GET', '/api/dashboard', { token: readOnly.token })).status).toBe(200);
    const files = await filesOf(shell.dataDir);
    const writes: [string, string, unknown][] = [
      ['POST', '/api/trackers', { name: 'Sneaky', settings: { type: 'boolean' } }],
      ['POST', `/api/trackers/${trackerId}/logs`, { value: 70 }],
      ['PATCH', `/api/trackers/${trackerId}`, { name: 'Renamed' }],
      ['DELETE', `/api/trackers/${trackerId}`, undefined],
      ['PATCH', '/api/settings', { autoLockMinutes: 0 }],
      ['POST', '/api/import', { kind: 'logs', files: [{ name: 'l.csv', text: 'tracker,time,value,note\nWeight,2026-11-04T07:30:00+01:00,70,\n' }] }],
    ];
    for (const [verb, path, body] of writes) {
      const answer = await shell.call(verb, path, { token: readOnly.token, ...(body === undefined ? {} : { body }) });
      expect([verb, path, answer.status, answer.body.error?.code]).toEqual([verb, path, 403, 'TOKEN_READ_ONLY']);
    }
    expect(await filesOf(shell.dataDir)).toEqual(files);
  });

  it('refuse every token, whatever its scope, on the account’s own routes with 403 TOKEN_NOT_ALLOWED', async () => {
    const shell = await serve();
    const { readWrite, readOnly } = await withTokens(shell);
    await shell.call('GET', '/api/trackers', { token: readWrite.token });
    const files = await filesOf(shell.dataDir);
    const denied: [string, string, unknown][] = [
      ['POST', '/api/tokens', { name: 'Escalated', scope: 'read-write' }],
      ['GET', '/api/tokens', undefined],
      ['DELETE', `/api/tokens/${readOnly.accessToken.id}`, undefined],
      ['POST', '/api/profile/password', { currentPassword: PERSON.password, newPassword: 'a new long password' }],
      ['POST', '/api/password-reset', { email: PERSON.email, backupCode: PERSON.backupCode, newPassword: 'a new long password' }],
      ['PATCH', '/api/profile', { name: 'Mallory' }],
      ['POST', '/api/profile/deletion', { password: PERSON.password }],
      ['DELETE', '/api/session', undefined],
      ['POST', '/api/session/lock', undefined],
      ['POST', '/api/settings/stay-unlocked', { enabled: false }],
      ['POST', '/api/session', { email: PERSON.email, password: PERSON.password }],
      ['POST', '/api/profiles', { ...PERSON, email: 'mallory@example.com' }],
    ];
    for (const token of [readWrite.token, readOnly.token]) {
      for (const [verb, path, body] of denied) {
        const answer = await shell.call(verb, path, { token, ...(body === undefined ? {} : { body }) });
        expect([verb, path, answer.status, answer.body.error?.code, answer.body.token]).toEqual([verb, path, 403, 'TOKEN_NOT_ALLOWED', undefined]);
      }
    }
    expect(await filesOf(shell.dataDir)).toEqual(files);
  });

  it('answer a revoked, wrong or garbled token with 401, and a revoked one’s slot is gone from account.json', async () => {
    const shell = await serve();
    const { session, profileId, readWrite, readOnly } = await withTokens(shell);
    expect((await shell.call('DELETE', `/api/tokens/${readOnly.accessToken.id}`, { token: session })).status).toBe(200);
    expect(await shell.call('GET', '/api/trackers', { token: readOnly.token })).toMatchObject({ status: 401, body: { error: { code: 'TOKEN_INVALID' } } });
    const account = JSON.parse(await readFile(join(shell.dataDir, 'profiles', profileId, 'account.json'), 'utf8')) as { tokens: { id: string }[] };
    expect(account.tokens.map((token) => token.id)).toEqual([readWrite.accessToken.id]);

    const flipped = `${readWrite.token.slice(0, -1)}${readWrite.token.endsWith('0') ? '1' : '0'}`;
    for (const bad of [flipped, readWrite.token.slice(0, -1), 'qs_pat_garbage', `qs_pat_no-such-profile_${readWrite.accessToken.id}_${readWrite.token.slice(-64)}`]) {
      const answer = await shell.call('GET', '/api/trackers', { token: bad });
      expect([bad, answer.status, answer.body.error?.code]).toEqual([bad, 401, 'TOKEN_INVALID']);
    }
    expect((await shell.call('GET', '/api/trackers', { token: readWrite.token })).status).toBe(200);
  });

  it('are checked before the body: a token that opens nothing, or may not write, is refused whatever the body holds', async () => {
    const shell = await serve();
    const { profileId, readWrite, readOnly } = await withTokens(shell);
    const forged = `qs_pat_${profileId}_${readWrite.accessToken.id}_${'0'.repeat(64)}`;
    const raw = async (token: string, body: string) => {
      const response = await fetch(new URL('/api/trackers', shell.url), { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body });
      return [response.status, ((await response.json()) as Answer).error?.code];
    };
    expect(await raw(forged, '{ this is not json')).toEqual([401, 'TOKEN_INVALID']);
    expect(await raw(readOnly.token, '{ this is not json')).toEqual([403, 'TOKEN_READ_ONLY']);
    expect(await raw(readWrite.token, '{ this is not json')).toEqual([400, 'INVALID_INPUT']);
  });

  it('replay a token’s retried write once, and never to another token of the profile', async () => {
    const shell = await serve();
    const { session, trackerId, readWrite } = await withTokens(shell);
    const write = { body: { value: 70, at: '2026-11-30T07:00:00Z' }, headers: { 'Idempotency-Key': 'weigh-in-2026-11-30' } };
    const first = await shell.call('POST', `/api/trackers/${trackerId}/logs`, { token: readWrite.token, ...write });
    expect(first.status).toBe(200);
    expect(await shell.call('POST', `/api/trackers/${trackerId}/logs`, { token: readWrite.token, ...write })).toEqual(first);
    const forged = `${readWrite.token.slice(0, -1)}${readWrite.token.endsWith('0') ? '1' : '0'}`;
    expect((await shell.call('POST', `/api/trackers/${trackerId}/logs`, { token: forged, ...write })).status).toBe(401);
    const logs = await shell.call('POST', `/api/trackers/${trackerId}/logs/query`, { token: session, body: {} });
    expect(logs.body.value?.['logs']).toHaveLength(1);
  });
});
