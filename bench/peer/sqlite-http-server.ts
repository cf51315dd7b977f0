/**
 * `npx tsx bench/peer/sqlite-http-server.ts <database file>`: the SQLite peer behind plain
 * `node:http`, so the load benchmark can send it the same 50 loopback clients it sends the app.
 * Deliberately the least a server can do: no accounts, tokens, validation or encryption — one
 * JSON body parsed, one durable insert (bench/peer/sqlite-peer.ts), one JSON answer. It prints
 * `listening at http://127.0.0.1:<port>/` once ready.
 *
 * - `POST /trackers/:id/logs` `{ value, note }` → `{ ok: true, value: { log } }`
 * - `GET /trackers/:id/ids` → `{ ok: true, value: { ids } }`
 */
import { randomUUID } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openSqlitePeer } from './sqlite-peer';

const file = process.argv[2];
if (file === undefined) {
  console.error('usage: sqlite-http-server.ts <database file>');
  process.exit(2);
}
const peer = openSqlitePeer(file);

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(Buffer.byteLength(text)) });
  response.end(text);
}

const server = createServer((request, response) => {
  const path = new URL(request.url ?? '/', 'http://peer').pathname;
  const write = /^\/trackers\/([^/]+)\/logs$/.exec(path);
  const list = /^\/trackers\/([^/]+)\/ids$/.exec(path);
  if (request.method === 'GET' && list?.[1]) {
    send(response, 200, { ok: true, value: { ids: peer.idsOf(list[1]) } });
    return;
  }
  if (request.method !== 'POST' || !write?.[1]) {
    send(response, 404, { ok: false, error: { code: 'NOT_FOUND', message: 'No such route.' } });
    return;
  }
  const trackerId = write[1];
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    try {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { value?: unknown; note?: unknown };
      const at = new Date();
      const log = { id: randomUUID(), trackerId, at: at.toISOString(), offsetMinutes: -at.getTimezoneOffset(), value: body.value ?? null, note: typeof body.note === 'string' ? body.note : '' };
      peer.insert(log);
      send(response, 201, { ok: true, value: { log } });
    } catch (error) {
      send(response, 400, { ok: false, error: { code: 'BAD_REQUEST', message: error instanceof Error ? error.message : String(error) } });
    }
  });
});

server.listen(0, '127.0.0.1', () => {
  console.log(`listening at http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
});

const stop = () => {
  server.close(() => {
    peer.close();
    process.exit(0);
  });
  server.closeAllConnections();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
