/**
 * An API client that retries a write after a dropped connection sends the same
 * `Idempotency-Key`: the server answers the first request's answer again instead of
 * writing twice. The server over the real core, in a temp data folder.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Handlers } from '../../../src-main/core/dispatch';
import { openCore, type Core } from '../../../src-main/core/index';
import { nodeFs, type FsPort } from '../../../src-main/core/store/fs-port';
import { failingAppends } from '../core/helpers';
import { startTestServer, type TestServer } from './server-harness';

const CHEAP_SCRYPT = { N: 2 ** 10, r: 8, p: 1 };
const person = (email: string) => ({ email, password: 'correct horse battery', name: 'Ada', age: 36, gender: 'female', backupCode: 'backup code 1234' });

let dataDir: string;
let core: Core;
let server: TestServer;
let diskFull = false;
/** Set by a test to hold addLog until it says so. */
let beforeAddLog: (() => Promise<void>) | null = null;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'qs-server-idempotency-'));
  diskFull = false;
  beforeAddLog = null;
  const fs: FsPort = failingAppends({ ...nodeFs, rename: (from, to) => (diskFull ? Promise.reject(Object.assign(new Error('full'), { code: 'ENOSPC' })) : nodeFs.rename(from, to)) }, () => diskFull);
  core = await openCore({ dataDir, scrypt: CHEAP_SCRYPT, fs });
  const handlers: Handlers = {
    ...core.handlers,
    addLog: async (input, ctx) => {
      await beforeAddLog?.();
      return core.handlers.addLog(input, ctx);
    },
  };
  server = await startTestServer(handlers);
});
afterEach(async () => {
  await server.close();
  await core.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function signedUpWithTracker(email = 'ada@example.com'): Promise<{ token: string; trackerId: string }> {
  const token = ((await (await server.call('POST', '/api/profiles', { body: person(email) })).json()) as { token: string }).token;
  const created = (await (await server.call('POST', '/api/trackers', { token, body: { name: 'Sleep', settings: { type: 'numerical', unit: 'h' } } })).json()) as { value: { tracker: { id: string } } };
  return { token, trackerId: created.value.tracker.id };
}

const addLog = (token: string, trackerId: string, key: string | null, value = 7.5) =>
  server.call('POST', `/api/trackers/${trackerId}/logs`, { token, body: { value, at: '2026-01-02T07:00:00Z' }, headers: key === null ? {} : { 'Idempotency-Key': key } });

async function logCount(token: string, trackerId: string): Promise<number> {
  const listed = (await (await server.call('POST', `/api/trackers/${trackerId}/logs/query`, { token, body: {} })).json()) as { value: { logs: unknown[] } };
  return listed.value.logs.length;
}

describe('Idempotency-Key', () => {
  it('a retried write with the same key is answered again, not written twice', async () => {
    const { token, trackerId } = await signedUpWithTracker();
    const first = await addLog(token, trackerId, 'retry-1');
    const again = await addLog(token, trackerId, 'retry-1');
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(await first.json());
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(await logCount(token, trackerId)).toBe(1);
    // Without a key, or with another one, a write is a new write.
    await addLog(token, trackerId, null);
    await addLog(token, trackerId, 'retry-2');
    expect(await logCount(token, trackerId)).toBe(3);
  });

  it('the same key with a different request is refused with 422 IDEMPOTENCY_KEY_REUSED, and nothing is written', async () => {
    const { token, trackerId } = await signedUpWithTracker();
    await addLog(token, trackerId, 'k');
    const other = await addLog(token, trackerId, 'k', 8);
    expect(other.status).toBe(422);
    expect(await other.json()).toMatchObject({ ok: false, error: { code: 'IDEMPOTENCY_KEY_REUSED' } });
    const elsewhere = await server.call('POST', '/api/trackers', { token, body: { name: 'Mood', settings: { type: 'boolean' } }, headers: { 'Idempotency-Key': 'k' } });
    expect(elsewhere.status).toBe(422);
    expect(await logCount(token, trackerId)).toBe(1);
    expect(((await (await server.call('GET', '/api/trackers', { token })).json()) as { value: { trackers: unknown[] } }).value.trackers).toHaveLength(1);
  });

  it('two requests with one key at once write once and get the same answer', async () => {
    const { token, trackerId } = await signedUpWithTracker();
    let entered: () => void = () => undefined;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    let calls = 0;
    beforeAddLog = async () => {
      calls += 1;
      entered();
      await released;
    };
    const first = addLog(token, trackerId, 'same');
    await inside;
    // Whether the second arrives before the first is released or after, it must not write
    // (the wait itself is shown in remembered-answers.test.ts).
    const second = addLog(token, trackerId, 'same');
    release();
    const [a, b] = await Promise.all([first, second]);
    expect(await b.json()).toEqual(await a.json());
    expect(calls).toBe(1);
    expect(await logCount(token, trackerId)).toBe(1);
  });

  it('a write that failed is not remembered: its retry runs again', async () => {
    const { token, trackerId } = await signedUpWithTracker();
    diskFull = true;
    const failed = await addLog(token, trackerId, 'after-full-disk');
    expect(await failed.json()).toMatchObject({ ok: false, error: { code: 'WRITE_FAILED' } });
    diskFull = false;
    const retried = await addLog(token, trackerId, 'after-full-disk');
    expect(await retried.json()).toMatchObject({ ok: true });
    expect(await logCount(token, trackerId)).toBe(1);
  });

  it('keys are per profile: two profiles may use the same key', async () => {
    const ada = await signedUpWithTracker('ada@example.com');
    const bob = await signedUpWithTracker('bob@example.com');
    expect(await (await addLog(ada.token, ada.trackerId, 'shared')).json()).toMatchObject({ ok: true });
    expect(await (await addLog(bob.token, bob.trackerId, 'shared')).json()).toMatchObject({ ok: true });
    expect(await logCount(bob.token, bob.trackerId)).toBe(1);
  });

  it('a quoted key (the draft’s structured-field string) is the same key as the bare one', async () => {
    const { token, trackerId } = await signedUpWithTracker();
    await addLog(token, trackerId, '"8e03978e-40d5-43e8-bc93-6894a57f9324"');
    const again = await addLog(token, trackerId, '8e03978e-40d5-43e8-bc93-6894a57f9324');
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await logCount(token, trackerId)).toBe(1);
  });

  it.each([
    ['empty', ''],
    ['too long', 'k'.repeat(256)],
    ['not visible ASCII', 'clé'],
    ['an unfinished quote', '"abc'],
  ])('an invalid key (%s) is refused with 400 IDEMPOTENCY_KEY_INVALID, and nothing is written', async (_name, key) => {
    const { token, trackerId } = await signedUpWithTracker();
    const refused = await addLog(token, trackerId, key);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ ok: false, error: { code: 'IDEMPOTENCY_KEY_INVALID' } });
    expect(await logCount(token, trackerId)).toBe(0);
  });

  it('reads sent by POST run every time: they change nothing, and their answers are not kept', async () => {
    const { token, trackerId } = await signedUpWithTracker();
    const query = () => server.call('POST', `/api/trackers/${trackerId}/logs/query`, { token, body: {}, headers: { 'Idempotency-Key': 'read' } });
    expect(await (await query()).json()).toMatchObject({ value: { total: 0 } });
    await addLog(token, trackerId, null);
    const second = await query();
    expect(await second.json()).toMatchObject({ value: { total: 1 } });
    expect(second.headers.get('idempotent-replayed')).toBeNull();
  });
});
