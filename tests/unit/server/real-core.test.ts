/** The server over the real core, in a temp data folder (cheap scrypt keeps it fast). */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../src-main/core/index';
import { startTestServer, type TestServer } from './server-harness';

const CHEAP_SCRYPT = { N: 2 ** 10, r: 8, p: 1 };
const person = { email: 'ada@example.com', password: 'correct horse battery', name: 'Ada', age: 36, gender: 'female', backupCode: 'backup code 1234' };

let dataDir: string;
let core: Core;
let server: TestServer;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'qs-server-core-'));
  core = await openCore({ dataDir, scrypt: CHEAP_SCRYPT });
  server = await startTestServer(core.handlers);
});
afterEach(async () => {
  await server.close();
  await core.close();
  await rm(dataDir, { recursive: true, force: true });
});

const json = async (response: Response): Promise<Record<string, unknown>> => (await response.json()) as Record<string, unknown>;

describe('server over the real core', () => {
  it('signs up, creates a tracker, logs, lists, logs out and logs back in', async () => {
    const signedUp = await json(await server.call('POST', '/api/profiles', { body: person }));
    expect(signedUp).toMatchObject({ ok: true, value: { profile: { email: person.email } } });
    const token = signedUp.token as string;

    const created = await json(await server.call('POST', '/api/trackers', { token, body: { name: 'Sleep', settings: { type: 'numerical', unit: 'h' } } }));
    expect(created).toMatchObject({ ok: true, value: { tracker: { name: 'Sleep' } } });
    const trackerId = (created.value as { tracker: { id: string } }).tracker.id;

    const logged = await server.call('POST', `/api/trackers/${trackerId}/logs`, { token, body: { value: '7.5', at: '2026-01-02T07:00:00+01:00', note: 'good' } });
    expect(await json(logged)).toMatchObject({ ok: true, value: { log: { value: 7.5, offsetMinutes: 60, note: 'good' } } });

    const listed = await json(await server.call('POST', `/api/trackers/${trackerId}/logs/query`, { token, body: {} }));
    expect(listed).toMatchObject({ ok: true, value: { logs: [{ trackerId, value: 7.5 }] } });

    expect((await server.call('DELETE', '/api/session', { token })).status).toBe(200);
    expect((await server.call('GET', '/api/trackers', { token })).status).toBe(401);

    const loggedIn = await json(await server.call('POST', '/api/session', { body: { email: 'ADA@example.com', password: person.password } }));
    expect(loggedIn).toMatchObject({ ok: true, value: { profile: { email: person.email } } });
    const trackers = await json(await server.call('GET', '/api/trackers', { token: loggedIn.token as string }));
    expect(trackers).toMatchObject({ ok: true, value: { trackers: [{ id: trackerId }] } });
  });

  it('answers the core’s domain errors with 400 and their code', async () => {
    const token = (await json(await server.call('POST', '/api/profiles', { body: person }))).token as string;
    const wrong = await server.call('POST', '/api/session', { body: { email: person.email, password: 'nope nope nope' } });
    expect(wrong.status).toBe(400);
    expect(await json(wrong)).toMatchObject({ ok: false, error: { code: 'LOGIN_FAILED' } });
    const missing = await server.call('POST', '/api/trackers/no-such-tracker/logs/query', { token, body: {} });
    expect(missing.status).toBe(400);
    expect(await json(missing)).toMatchObject({ ok: false, error: { code: 'TRACKER_NOT_FOUND' } });
  });

  it('refuses a second core on the same folder while the server holds it', async () => {
    await expect(openCore({ dataDir, scrypt: CHEAP_SCRYPT })).rejects.toMatchObject({ code: 'DATA_FOLDER_LOCKED' });
  });
});
