import { afterEach, describe, expect, it, vi } from 'vitest';
import { contract, type Method } from '../../src-preload/contract';
import { API_METHODS } from '../../src-preload/operations';
import { TOKEN_KEY, buildRequest, createHttpApi, getApi } from '../../src-renderer/src/lib/api';

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

/** A fake fetch answering each call with the next body, recording what was asked. */
function fakeFetch(...bodies: unknown[]) {
  return vi.fn<typeof globalThis.fetch>(async () => new Response(JSON.stringify(bodies.shift()), { status: 200 }));
}

afterEach(() => {
  delete window.qs;
});

describe('the operations table', () => {
  it('names exactly the contract’s operations', () => {
    expect([...API_METHODS].sort()).toEqual(Object.keys(contract).sort());
  });
});

describe('buildRequest', () => {
  it('fills :params from the input (encoded) and sends the rest as the body', () => {
    expect(buildRequest('addLog', { trackerId: 'a/b c', value: 3, note: 'x' })).toEqual({
      verb: 'POST',
      path: '/api/trackers/a%2Fb%20c/logs',
      body: { value: 3, note: 'x' },
    });
  });

  it('sends no body for GET and DELETE', () => {
    expect(buildRequest('listTimers', {})).toEqual({ verb: 'GET', path: '/api/timers', body: undefined });
    expect(buildRequest('deleteTracker', { trackerId: 't1' }).body).toBeUndefined();
  });
});

describe('the HTTP client', () => {
  const profile = { id: 'p1', email: 'a@b.c', name: 'Ada', age: 36, gender: 'female', createdAt: '2026-01-01T00:00:00Z' };

  it('has exactly the contract’s operations', () => {
    expect(Object.keys(createHttpApi({ storage: memoryStorage() })).sort()).toEqual([...API_METHODS].sort());
  });

  it('keeps the token from logIn, sends it as a bearer token, and forgets it on logOut', async () => {
    const storage = memoryStorage();
    const fetch = fakeFetch(
      { ok: true, value: { profile }, token: 'tok-123' },
      { ok: true, value: { trackers: [] } },
      { ok: true, value: {} },
    );
    const api = createHttpApi({ fetch, storage });

    expect(await api.logIn({ email: 'a@b.c', password: 'secret123' })).toEqual({ ok: true, value: { profile } });
    expect(storage.items.get(TOKEN_KEY)).toBe('tok-123');
    const [url, init] = fetch.mock.calls[0] ?? [];
    expect(url).toBe('/api/session');
    expect(init?.method).toBe('POST');
    expect(JSON.parse(String(init?.body))).toEqual({ email: 'a@b.c', password: 'secret123' });
    expect((init?.headers as Record<string, string>).Authorization).toBeUndefined();

    await api.listTrackers({});
    const [listUrl, listInit] = fetch.mock.calls[1] ?? [];
    expect(listUrl).toBe('/api/trackers');
    expect(listInit?.body).toBeUndefined();
    expect((listInit?.headers as Record<string, string>).Authorization).toBe('Bearer tok-123');

    await api.logOut({});
    expect(storage.items.has(TOKEN_KEY)).toBe(false);
  });

  it('passes the app’s errors through, field included', async () => {
    const error = { code: 'PASSWORD_TOO_SHORT', message: 'Use at least 8 characters.', field: 'password' };
    const fetch = vi.fn<typeof globalThis.fetch>(async () => new Response(JSON.stringify({ ok: false, error }), { status: 400 }));
    const storage = memoryStorage();
    const result = await createHttpApi({ fetch, storage }).signUp({
      email: 'a@b.c', password: 'x', name: 'Ada', age: 3, gender: 'other', backupCode: 'code',
    });
    expect(result).toEqual({ ok: false, error });
    expect(storage.items.size).toBe(0);
  });

  it('turns a network failure into a NETWORK error', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>(async () => {
      throw new TypeError('Failed to fetch');
    });
    const result = await createHttpApi({ fetch, storage: memoryStorage() }).currentProfile({});
    expect(result.ok ? undefined : result.error.code).toBe('NETWORK');
  });

  it('turns an answer that is not a Result into an error', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>(async () => new Response('<h1>Bad gateway</h1>', { status: 502 }));
    const result = await createHttpApi({ fetch, storage: memoryStorage() }).listTrackers({});
    expect(result.ok ? undefined : result.error.code).toBe('BAD_RESPONSE');
  });
});

describe('getApi', () => {
  it('prefers the desktop bridge when the preload set one', () => {
    const bridge = Object.fromEntries(API_METHODS.map((m: Method) => [m, vi.fn()])) as unknown as NonNullable<Window['qs']>;
    window.qs = bridge;
    expect(getApi()).toBe(bridge);
  });
});
