/**
 * The renderer's only seam to the shell. In the desktop app the preload bridge exposes the
 * contract as `window.qs`; in browser mode (the loopback server) the same operations go
 * over HTTP with a bearer token. Screens never know which one they talk to.
 */
import type { Api, AppError, Method, Result } from '../../../src-preload/contract';
import { API_METHODS, OPERATIONS } from '../../../src-preload/operations';

declare global {
  interface Window {
    /** Present only in the desktop app, set by the preload bridge. */
    qs?: Api;
  }
}

/** Where the session token lives: sessionStorage keeps it across a reload of this tab only. */
export const TOKEN_KEY = 'quantified-self.token';

/** Operations whose success answer carries a session token next to the value. */
const OPENS_SESSION: ReadonlySet<Method> = new Set<Method>(['signUp', 'logIn']);

export interface HttpApiOptions {
  /** Defaults to the global `fetch`; tests pass a fake. */
  readonly fetch?: typeof fetch;
  /** Where the token is kept; defaults to `sessionStorage`. */
  readonly storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  /** Prefix of every route; defaults to the page's own origin. */
  readonly baseUrl?: string;
}

const failure = (code: AppError['code'], message: string): { ok: false; error: AppError } => ({
  ok: false,
  error: { code, message },
});

/**
 * Split an input into the URL of its route (`:name` segments filled from the input) and
 * the fields that remain for the body.
 */
export function buildRequest(
  method: Method,
  input: Record<string, unknown>,
): { verb: string; path: string; body: Record<string, unknown> | undefined } {
  const [verb, template] = OPERATIONS[method].route.split(' ') as [string, string];
  const rest: Record<string, unknown> = { ...input };
  const path = template.replace(/:([A-Za-z]+)/g, (_match, name: string) => {
    const value = rest[name];
    delete rest[name];
    return encodeURIComponent(String(value ?? ''));
  });
  const body = verb === 'GET' || verb === 'DELETE' ? undefined : rest;
  return { verb, path, body };
}

function isResult(value: unknown): value is Result<unknown> & { token?: unknown } {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

/** The contract over REST, one function per operation, built from the list of names. */
export function createHttpApi(options: HttpApiOptions = {}): Api {
  const doFetch = options.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  const storage = options.storage ?? sessionStorage;
  const baseUrl = options.baseUrl ?? '';

  async function call(method: Method, input: unknown): Promise<Result<unknown>> {
    const { verb, path, body } = buildRequest(method, (input ?? {}) as Record<string, unknown>);
    const headers: Record<string, string> = { Accept: 'application/json' };
    const token = storage.getItem(TOKEN_KEY);
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    // Logging out ends the session here whatever the server answers: a stale token is useless.
    if (method === 'logOut') storage.removeItem(TOKEN_KEY);

    let response: Response;
    try {
      response = await doFetch(`${baseUrl}${path}`, {
        method: verb,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      return failure('NETWORK', 'Could not reach Quantified Self. Is it still running?');
    }

    let payload: unknown;
    try {
      payload = await response.json();
    } catch {
      return failure('BAD_RESPONSE', `Unexpected answer from the app (HTTP ${response.status}).`);
    }
    if (!isResult(payload)) return failure('BAD_RESPONSE', `Unexpected answer from the app (HTTP ${response.status}).`);
    if (!payload.ok) return { ok: false, error: payload.error };
    if (OPENS_SESSION.has(method) && typeof payload.token === 'string') storage.setItem(TOKEN_KEY, payload.token);
    return { ok: true, value: payload.value };
  }

  return Object.fromEntries(API_METHODS.map((method) => [method, (input: unknown) => call(method, input)])) as Api;
}

let chosen: Api | undefined;

/** The bridge when the desktop preload set one, otherwise the HTTP client (chosen once). */
export function getApi(): Api {
  chosen ??= window.qs ?? createHttpApi();
  return chosen;
}
