/**
 * The browser shell's HTTP server: the REST API under `/api/` and the built renderer
 * everywhere else, behind the Host/Origin checks of `security.ts` and the headers of
 * `response-headers.ts`. Plain `node:http`; the server is small enough not to need more.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Result } from '../../src-preload/contract';
import type { CoreClient } from '../host/core-client';
import { answerApiRequest, failure, type ApiReply } from './api-requests';
import { statusOf } from './http-status';
import { ANSWER_MEMORY } from './idempotency';
import { documentAt, isDocumentPath } from './openapi/served-document';
import { RememberedAnswers } from './remembered-answers';
import { DEFAULT_BODY_READING } from './request-body';
import { SECURITY_HEADERS } from './response-headers';
import { hostForUrl, isAllowedHost, isAllowedOrigin, type ServerAddress } from './security';
import { PRUNE_EVERY_MS, SessionTokens } from './session-tokens';
import { resolveStaticPath, sendStaticFile } from './static-files';

export const DEFAULT_HOST = '127.0.0.1';

export interface ServerOptions {
  /** The core (its worker's host in the app): operations, and each profile's auto-lock and lock. */
  readonly client: CoreClient;
  /** The folder of the built renderer (`out/renderer`). */
  readonly staticDir: string;
  /** Default 127.0.0.1: the server is for this machine only unless told otherwise. */
  readonly host?: string;
  /** 0 picks any free port. */
  readonly port: number;
  readonly onUnexpected?: (error: unknown) => void;
  /** Idle minutes after which a token ends (`--session-idle-minutes`, default 30; 0 = no limit but a week). */
  readonly sessionIdleMinutes?: number;
  /** The clock of token idleness; tests pass a fake one. */
  readonly now?: () => number;
  /** How long the server waits for a client; tests make them short. */
  readonly timeouts?: Partial<ServerTimeouts>;
}

/** How long a client may keep a connection without sending what it must (each in ms). */
export interface ServerTimeouts {
  /** Until a request's headers are complete (also a connection that sends nothing). */
  readonly headersMs: number;
  /** Without a byte of a request's body (see `BodyReading`). */
  readonly bodyIdleMs: number;
  /**
   * Until a whole request has arrived, headers and body: the bound for a body that trickles.
   * 256 MiB (the largest import) in this time needs 2.2 MB/s, far below what loopback carries.
   */
  readonly requestMs: number;
  /** An open connection with no request after the last answer. */
  readonly keepAliveMs: number;
}

/** Node's defaults held a stalled upload for five minutes; these give up within seconds. */
export const DEFAULT_TIMEOUTS: ServerTimeouts = { headersMs: 10_000, bodyIdleMs: DEFAULT_BODY_READING.idleMs, requestMs: 120_000, keepAliveMs: 5_000 };

export interface RunningServer {
  /** `http://127.0.0.1:<port>/` (or the bound host). */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '[::]']);

function sendJson(response: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
    ...extra,
  });
  response.end(text);
}

function sendText(response: ServerResponse, contentType: string, text: string): void {
  response.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': contentType, 'Content-Length': String(Buffer.byteLength(text)), 'Cache-Control': 'no-cache' });
  response.end(text);
}

function pathnameOf(target: string | undefined): string | null {
  try {
    return new URL(target ?? '/', 'http://placeholder').pathname;
  } catch {
    return null;
  }
}

const sendFailure = (response: ServerResponse, result: Result<never>, extra?: Record<string, string>): void =>
  sendJson(response, statusOf(result), result, extra);

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const host = options.host ?? DEFAULT_HOST;
  const timeouts: ServerTimeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const onUnexpected = options.onUnexpected ?? ((error: unknown) => console.error(error));
  const tokens = new SessionTokens({
    ...(options.sessionIdleMinutes === undefined ? {} : { idleMinutes: options.sessionIdleMinutes }),
    locks: options.client,
    ...(options.now === undefined ? {} : { now: options.now }),
  });
  let address: ServerAddress = { port: options.port, boundHost: host };
  const answers = new RememberedAnswers<ApiReply>({ ...ANSWER_MEMORY, now: options.now ?? Date.now });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!isAllowedHost(request.headers.host, address)) {
      return sendFailure(response, failure('FORBIDDEN_HOST', 'This server answers only requests addressed to itself.'));
    }
    const pathname = pathnameOf(request.url);
    if (pathname === null) return sendFailure(response, failure('NOT_FOUND', 'The request target is not a path.'));
    if (pathname === '/api' || pathname.startsWith('/api/')) {
      if (!isAllowedOrigin(request.headers.origin, address)) {
        return sendFailure(response, failure('FORBIDDEN_ORIGIN', 'Requests from other web sites are refused.'));
      }
      // The API's own document: public, like the log-in, so a script can read it before it has a token.
      if (request.method === 'GET' && isDocumentPath(pathname)) {
        const document = documentAt(pathname);
        return sendText(response, document.contentType, document.body);
      }
      const reply = await answerApiRequest(request, pathname, { client: options.client, tokens, onUnexpected, bodyIdleMs: timeouts.bodyIdleMs, answers });
      // An oversized or stalled body was left unread: close the connection rather than drain it.
      return sendJson(response, reply.status, reply.body, { ...reply.headers, ...(reply.status === 413 || reply.status === 408 ? { Connection: 'close' } : {}) });
    }
    const file = request.method === 'GET' || request.method === 'HEAD' ? resolveStaticPath(options.staticDir, pathname) : null;
    if (file && (await sendStaticFile(response, file, SECURITY_HEADERS, request.method === 'HEAD'))) return;
    sendFailure(response, failure('NOT_FOUND', `Nothing is at ${pathname}.`));
  }

  const server = createServer(
    {
      headersTimeout: timeouts.headersMs,
      requestTimeout: timeouts.requestMs,
      keepAliveTimeout: timeouts.keepAliveMs,
      // Node checks the first two only this often (default 30 s): a fraction of the shortest.
      connectionsCheckingInterval: Math.min(1_000, Math.max(10, Math.floor(timeouts.headersMs / 4))),
    },
    (request, response) => {
      handle(request, response).catch((error: unknown) => {
        onUnexpected(error);
        if (!response.headersSent) sendFailure(response, failure('INTERNAL', 'Something went wrong; nothing was changed.'));
        else response.destroy();
      });
    },
  );

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(options.port, host, () => {
      server.off('error', rejectListen);
      resolveListen();
    });
  });
  const port = (server.address() as AddressInfo).port;
  address = { port, boundHost: host };
  const shownHost = WILDCARD_HOSTS.has(host) ? DEFAULT_HOST : hostForUrl(host);
  // Ends idle tokens (and forgets their profiles' keys) and old answers even while no request comes in.
  const pruning = setInterval(() => {
    tokens.prune();
    answers.prune();
  }, PRUNE_EVERY_MS);
  pruning.unref();

  return {
    url: `http://${shownHost}:${port}/`,
    port,
    close: () =>
      new Promise<void>((resolveClose, rejectClose) => {
        clearInterval(pruning);
        server.close((error) => (error ? rejectClose(error) : resolveClose()));
        // Idle keep-alive connections would otherwise hold `close` open for seconds.
        server.closeAllConnections();
      }),
  };
}
