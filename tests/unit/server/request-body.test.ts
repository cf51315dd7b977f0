/**
 * Reading a request body: with a declared length its bytes go into one buffer of that size
 * as they arrive, without one (chunked transfer) its chunks are joined at the end; either
 * way the same bytes (and the same digest) come out, a body over the cap is refused, and a
 * body longer than it declared is malformed. Decoding them is json-input's.
 */
import { Readable } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { jsonInput } from '../../../src-main/host/json-input';
import { readBody, type BodyResult } from '../../../src-main/server/request-body';

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

/** The body read, decoded as the core will. */
const decoded = (read: BodyResult): unknown => (read.ok ? jsonInput(read.bytes, {}) : read);

describe('readBody', () => {
  it.each([1, 7, 4096, length])('reads a body of declared length in pieces of %i bytes (multi-byte characters split between pieces)', async (size) => {
    expect(decoded(await readBody(request(body, size, length), length))).toEqual({ ok: true, input: value });
  });

  it('reads a body of no declared length (chunked transfer)', async () => {
    expect(decoded(await readBody(request(body, 1000, null), length))).toEqual({ ok: true, input: value });
  });

  it('refuses a body over the cap, declared or not', async () => {
    expect(await readBody(request(body, 1000, length), length - 1)).toEqual({ ok: false, reason: 'too-large' });
    expect(await readBody(request(body, 1000, null), length - 1)).toEqual({ ok: false, reason: 'too-large' });
  });

  it('refuses a body longer than it declared as malformed', async () => {
    expect(await readBody(request(body, 1000, length - 10), length)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('answers the digest of the bytes when asked, made as they arrive', async () => {
    const read = await readBody(request(body, 7, length), length, { idleMs: 10_000, digest: true });
    expect(read).toMatchObject({ ok: true, digest: createHash('sha256').update(body).digest('base64url') });
    expect(await readBody(request(body, 7, length), length)).not.toHaveProperty('digest');
  });
});

describe('jsonInput', () => {
  const bytes = (text: string) => Buffer.from(text);

  it('merges path parameters over body fields, and reads an empty body as no fields', () => {
    expect(jsonInput(bytes('{"trackerId":"from-body","value":3}'), { trackerId: 'from-path' })).toEqual({ ok: true, input: { trackerId: 'from-path', value: 3 } });
    expect(jsonInput(bytes('  '), { trackerId: 't' })).toEqual({ ok: true, input: { trackerId: 't' } });
  });

  it.each(['[1,2]', '"text"', '42', 'null', '{"open":', '\u00ff'])('refuses %j as not a JSON object', (text) => {
    expect(jsonInput(bytes(text), {})).toEqual({ ok: false, message: 'The request body is not a JSON object.' });
  });
});
