/** Starts the HTTP server in-process on a free port, and sends raw requests to it. */
import { request } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Handlers } from '../../../src-main/core/dispatch';
import { inThreadClient, type SessionLocks } from '../../../src-main/host/core-client';
import { startServer, type RunningServer, type ServerOptions } from '../../../src-main/server/http-server';

export interface TestServer extends RunningServer {
  /** `fetch` relative to the server, with a JSON body when one is given. */
  call(verb: string, path: string, options?: { body?: unknown; token?: string; headers?: Record<string, string> }): Promise<Response>;
}

/** `locks`: the core's auto-lock and lock (a real core), else nothing auto-locks. */
export async function startTestServer(handlers: Handlers, staticDir?: string, extra: Partial<ServerOptions> & { locks?: SessionLocks } = {}): Promise<TestServer> {
  const dir = staticDir ?? (await mkdtemp(join(tmpdir(), 'qs-static-')));
  const { locks, ...options } = extra;
  const client = inThreadClient(handlers, locks, () => undefined);
  const server = await startServer({ client, staticDir: dir, port: 0, onUnexpected: () => undefined, ...options });
  return {
    ...server,
    // A folder made here goes with the server, so test runs leave nothing in the temp folder.
    close: async () => {
      await server.close();
      if (staticDir === undefined) await rm(dir, { recursive: true, force: true });
    },
    call: (verb, path, options = {}) =>
      fetch(new URL(path, server.url), {
        method: verb,
        headers: {
          ...(options.body === undefined ? {} : { 'Content-Type': 'application/json' }),
          ...(options.token === undefined ? {} : { Authorization: `Bearer ${options.token}` }),
          ...options.headers,
        },
        ...(options.body === undefined ? {} : { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }),
      }),
  };
}

export interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** A request with exactly the headers given (fetch would set `Host` itself). */
export function rawRequest(port: number, options: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: options.headers, setHost: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}
