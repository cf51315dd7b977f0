/**
 * Reading a JSON request body: with a declared length its bytes go into one buffer of that
 * size as they arrive, without one (chunked transfer) its chunks are joined at the end;
 * either way the same value comes out, a body over the cap is refused, and a body longer
 * than it declared is malformed.
 */
import { Readable } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { readJsonBody } from '../../../src-main/server/request-body';

/** A request whose body arrives in pieces of `size` bytes, with the given length header (or none). */
function request(body: string, size: number, contentLength: number | null): IncomingMessage {
  const bytes = Buffer.from(body);
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
  return Object.assign(Readable.from(chunks), { headers: contentLength === null ? {} : { 'content-length': String(contentLength) } }) as unknown as IncomingMessage;
}

const value = { kind: 'logs', files: [{ name: 'é.csv', text: `tracker,time,value\n${'Weight,2026-01-01T08:00:00Z,70 ☕\n'.repeat(2_000)}` }] };
const body = JSON.stringify(value);
const length = Buffer.byteLength(body);

describe('readJsonBody', () => {
  it.each([1, 7, 4096, length])('reads a body of declared length in pieces of %i bytes (multi-byte characters split between pieces)', async (size) => {
    expect(await readJsonBody(request(body, size, length), length)).toEqual({ ok: true, value });
  });

  it('reads a body of no declared length (chunked transfer)', async () => {
    expect(await readJsonBody(request(body, 1000, null), length)).toEqual({ ok: true, value });
  });

  it('refuses a body over the cap, declared or not', async () => {
    expect(await readJsonBody(request(body, 1000, length), length - 1)).toEqual({ ok: false, reason: 'too-large' });
    expect(await readJsonBody(request(body, 1000, null), length - 1)).toEqual({ ok: false, reason: 'too-large' });
  });

  it('refuses a body longer than it declared as malformed', async () => {
    expect(await readJsonBody(request(body, 1000, length - 10), length)).toEqual({ ok: false, reason: 'malformed' });
  });
});
