/**
 * A request that stops arriving (a half-open upload, headers never finished, a connection
 * that says nothing) is answered 408 and its socket closed within the server's timeouts,
 * instead of holding it for Node's default five minutes. The tests give the server short
 * timeouts and wait for the socket's `close` event.
 */
import { connect } from 'node:net';
import { PassThrough } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_TIMEOUTS } from '../../../src-main/server/http-server';
import { readBody } from '../../../src-main/server/request-body';
import { fakeHandlers } from './fake-handlers';
import { startTestServer, type TestServer } from './server-harness';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer(fakeHandlers(), undefined, { timeouts: { headersMs: 200, bodyIdleMs: 200, requestMs: 60_000, keepAliveMs: 200 } });
});
afterEach(async () => {
  await server.close();
});

/** Sends `text` on a raw socket, then nothing more; resolves with all it received once the server closed it. */
function sendAndStall(text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let received = '';
    const socket = connect(server.port, '127.0.0.1', () => socket.write(text));
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (received += chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(received));
  });
}

const headersOf = (port: number, length: number, extra = ''): string =>
  `POST /api/session HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n${extra}\r\n`;

describe('slow and half-open requests', () => {
  it('a body that stops arriving is answered 408 REQUEST_TIMEOUT and the socket closed', async () => {
    const received = await sendAndStall(`${headersOf(server.port, 100)}{"email":"ada@exa`);
    expect(received).toMatch(/^HTTP\/1\.1 408 /);
    expect(received).toContain('"code":"REQUEST_TIMEOUT"');
  });

  it('headers that never finish are answered 408 and the socket closed', async () => {
    expect(await sendAndStall(`POST /api/session HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n`)).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('a connection that sends nothing is closed', async () => {
    expect(await sendAndStall('')).toMatch(/^(HTTP\/1\.1 408 |$)/);
  });

  const wrongLogIn = JSON.stringify({ email: 'nobody@example.com', password: 'wrong password' });

  it('a whole request on the same kind of socket is answered as usual', async () => {
    const received = await sendAndStall(`${headersOf(server.port, Buffer.byteLength(wrongLogIn), 'Connection: close\r\n')}${wrongLogIn}`);
    expect(received).toMatch(/^HTTP\/1\.1 400 /);
    expect(received).toContain('"code":"LOGIN_FAILED"');
  });

  it('a kept-alive connection left idle after its answer is closed', async () => {
    const received = await sendAndStall(`${headersOf(server.port, Buffer.byteLength(wrongLogIn))}${wrongLogIn}`);
    expect(received).toMatch(/^HTTP\/1\.1 400 /);
    expect(received).toMatch(/Keep-Alive: timeout=\d+/i);
  });

  it('by default the server gives up within seconds, not minutes', () => {
    expect(DEFAULT_TIMEOUTS.headersMs).toBeLessThanOrEqual(10_000);
    expect(DEFAULT_TIMEOUTS.bodyIdleMs).toBeLessThanOrEqual(10_000);
    expect(DEFAULT_TIMEOUTS.keepAliveMs).toBeLessThanOrEqual(10_000);
  });
});

describe('the body idle timeout', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const requestStream = (): PassThrough & IncomingMessage => Object.assign(new PassThrough(), { headers: {} }) as unknown as PassThrough & IncomingMessage;

  it('counts the time without bytes, so a large body that keeps flowing is read whole', async () => {
    const request = requestStream();
    const reading = readBody(request, 1024, { idleMs: 1_000 });
    // 0.9 s between chunks, 3.6 s in all: longer than the idle limit, but never idle that long.
    for (const part of ['{"a":', '"b', 'c"', '}']) {
      request.write(part);
      await vi.advanceTimersByTimeAsync(900);
    }
    request.end();
    expect(await reading).toEqual({ ok: true, bytes: Buffer.from('{"a":"bc"}') });
  });

  it('gives up once no byte came for the idle limit', async () => {
    const request = requestStream();
    const reading = readBody(request, 1024, { idleMs: 1_000 });
    request.write('{"a":');
    await vi.advanceTimersByTimeAsync(900);
    request.write('"b');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await reading).toEqual({ ok: false, reason: 'timeout' });
  });
});
