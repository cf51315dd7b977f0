import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API_METHODS, OPERATIONS } from '../../../src-preload/operations';
import { CONTENT_SECURITY_POLICY } from '../../../src-main/server/response-headers';
import { fakeHandlers } from './fake-handlers';
import { rawRequest, startTestServer, type TestServer } from './server-harness';

const person = { email: 'ada@example.com', password: 'correct horse battery', name: 'Ada', age: 36, gender: 'female', backupCode: 'backup code 1234' };

/** The route of an operation with its `:params` filled with a plausible id. */
const pathOf = (route: string): [string, string] => {
  const [verb = '', path = ''] = route.split(' ');
  return [verb, path.replace(/:[A-Za-z]+/g, 'id1')];
};

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer(fakeHandlers());
});
afterEach(async () => {
  await server.close();
});

async function signUp(): Promise<string> {
  const response = await server.call('POST', '/api/profiles', { body: person });
  const body = (await response.json()) as { ok: boolean; token: string };
  expect(response.status).toBe(200);
  return body.token;
}

describe('tokens', () => {
  it.each(API_METHODS.filter((m) => OPERATIONS[m].session === 'session' || OPERATIONS[m].session === 'closes'))(
    '%s answers 401 NOT_LOGGED_IN without a token, and with an unknown one',
    async (method) => {
      const [verb, path] = pathOf(OPERATIONS[method].route);
      const body = verb === 'GET' || verb === 'DELETE' ? undefined : {};
      for (const token of [undefined, 'not-a-real-token']) {
        const response = await server.call(verb, path, { body, ...(token ? { token } : {}) });
        expect(response.status).toBe(401);
        expect(await response.json()).toMatchObject({ ok: false, error: { code: 'NOT_LOGGED_IN' } });
      }
    },
  );

  it('issues a random 256-bit token on sign-up and log-in', async () => {
    const first = await signUp();
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const response = await server.call('POST', '/api/session', { body: { email: person.email, password: person.password } });
    const body = (await response.json()) as { ok: boolean; value: unknown; token: string };
    expect(body).toMatchObject({ ok: true, value: { profile: { email: person.email } } });
    expect(body.token).not.toBe(first);
  });

  it('runs sign up → create tracker → log → list with the token', async () => {
    const token = await signUp();
    const created = await server.call('POST', '/api/trackers', { token, body: { name: 'Sleep', settings: { type: 'numerical', unit: 'h' } } });
    const { value: { tracker } } = (await created.json()) as { value: { tracker: { id: string } } };
    expect(created.status).toBe(200);
    const logged = await server.call('POST', `/api/trackers/${tracker.id}/logs`, { token, body: { value: 7.5, note: 'ok' } });
    expect(logged.status).toBe(200);
    const listed = await server.call('POST', `/api/trackers/${tracker.id}/logs/query`, { token, body: {} });
    expect(await listed.json()).toMatchObject({ ok: true, value: { logs: [{ trackerId: tracker.id, value: 7.5, note: 'ok' }] } });
    const trackers = await server.call('GET', '/api/trackers', { token });
    expect(await trackers.json()).toMatchObject({ ok: true, value: { trackers: [{ id: tracker.id, name: 'Sleep' }] } });
  });

  it('takes path parameters from the URL, not the body', async () => {
    const token = await signUp();
    const response = await server.call('POST', '/api/trackers/missing/logs', { token, body: { trackerId: 'elsewhere', value: 1 } });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'TRACKER_NOT_FOUND' } });
  });

  it('log out invalidates the token', async () => {
    const token = await signUp();
    expect((await server.call('GET', '/api/session', { token })).status).toBe(200);
    const out = await server.call('DELETE', '/api/session', { token });
    expect(await out.json()).toEqual({ ok: true, value: {} });
    const after = await server.call('GET', '/api/trackers', { token });
    expect(after.status).toBe(401);
  });

  it('currentProfile answers null without a token and the profile with one', async () => {
    const anonymous = await server.call('GET', '/api/session');
    expect(await anonymous.json()).toEqual({ ok: true, value: { profile: null } });
    const token = await signUp();
    const known = await server.call('GET', '/api/session', { token });
    expect(await known.json()).toMatchObject({ ok: true, value: { profile: { email: person.email } } });
  });
});

describe('status codes', () => {
  it('answers malformed JSON with 400 INVALID_INPUT, never 500', async () => {
    for (const body of ['{"email":', 'null', '[1,2]', '"text"', '\u0000']) {
      const response = await server.call('POST', '/api/profiles', { body });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
  });

  it('answers bad fields with 400 and the field named', async () => {
    const response = await server.call('POST', '/api/profiles', { body: { ...person, age: 'old' } });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'age' } });
  });

  it('answers domain errors with 400 and their code', async () => {
    await signUp();
    const response = await server.call('POST', '/api/profiles', { body: person });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'EMAIL_TAKEN', field: 'email' } });
  });

  it('answers a body over 1 MiB with 413', async () => {
    const response = await server.call('POST', '/api/profiles', { body: JSON.stringify({ name: 'x'.repeat(1024 * 1024 + 10) }) });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } });
  });

  it('answers unknown routes and wrong verbs with 404', async () => {
    for (const [verb, path] of [['GET', '/api/nothing'], ['PUT', '/api/trackers'], ['GET', '/api/trackers/a/b/c'], ['GET', '/api']]) {
      const response = await server.call(verb ?? 'GET', path ?? '/');
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
  });

  it('answers an unexpected core failure with 500 INTERNAL', async () => {
    const handlers = fakeHandlers();
    handlers.resetPassword = () => Promise.reject(new Error('disk on fire'));
    const broken = await startTestServer(handlers);
    try {
      const response = await broken.call('POST', '/api/password-reset', { body: { email: 'a@b.c', backupCode: 'x', newPassword: 'y' } });
      expect(response.status).toBe(500);
      expect(await response.json()).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    } finally {
      await broken.close();
    }
  });
});

describe('origin and host checks', () => {
  it('refuses a foreign Host with 403 (DNS rebinding)', async () => {
    const response = await rawRequest(server.port, { path: '/api/session', headers: { Host: `evil.example:${server.port}` } });
    expect(response.status).toBe(403);
    expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_HOST' } });
    const page = await rawRequest(server.port, { path: '/', headers: { Host: 'evil.example' } });
    expect(page.status).toBe(403);
  });

  it('refuses API calls from a foreign Origin with 403 (CSRF)', async () => {
    for (const origin of ['https://evil.example', 'null', `http://localhost:${server.port + 1}`]) {
      const response = await rawRequest(server.port, {
        method: 'POST',
        path: '/api/profiles',
        headers: { Host: `127.0.0.1:${server.port}`, Origin: origin, 'Content-Type': 'application/json' },
        body: JSON.stringify(person),
      });
      expect(response.status).toBe(403);
      expect(JSON.parse(response.body)).toMatchObject({ error: { code: 'FORBIDDEN_ORIGIN' } });
    }
  });

  it('accepts its own Host and Origin', async () => {
    const response = await rawRequest(server.port, {
      path: '/api/session',
      headers: { Host: `localhost:${server.port}`, Origin: `http://localhost:${server.port}` },
    });
    expect(response.status).toBe(200);
  });

  it('sends the security headers and no CORS headers on every response', async () => {
    const responses = [
      await rawRequest(server.port, { path: '/api/session', headers: { Host: `127.0.0.1:${server.port}`, Origin: 'https://evil.example' } }),
      await rawRequest(server.port, { path: '/api/trackers', headers: { Host: `127.0.0.1:${server.port}` } }),
      await rawRequest(server.port, { path: '/missing.js', headers: { Host: `127.0.0.1:${server.port}` } }),
      await rawRequest(server.port, { path: '/', headers: { Host: 'evil.example' } }),
    ];
    for (const response of responses) {
      expect(response.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      expect(Object.keys(response.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
    }
  });
});
