/**
 * Reads a JSON request body with a size cap. Oversized and malformed bodies become typed
 * failures (413, 400) instead of exceptions, so a bad request can never produce a 500.
 */
import type { IncomingMessage } from 'node:http';
import type { Method } from '../../src-preload/contract';

export const MAX_BODY_BYTES = 1024 * 1024;
/**
 * An import carries whole CSV files as JSON text (the core refuses any one file over
 * 200 MB); every other operation keeps the small cap, so a stray huge body costs little.
 */
export const IMPORT_BODY_BYTES = 256 * 1024 * 1024;
const LARGE_BODIES: Partial<Record<Method, number>> = { previewImport: IMPORT_BODY_BYTES, commitImport: IMPORT_BODY_BYTES };

/** The largest body an operation accepts. */
export const bodyLimitOf = (method: Method): number => LARGE_BODIES[method] ?? MAX_BODY_BYTES;

export type BodyResult =
  | { readonly ok: true; readonly value: Record<string, unknown> }
  | { readonly ok: false; readonly reason: 'too-large' | 'malformed' };

export async function readJsonBody(request: IncomingMessage, maxBytes = MAX_BODY_BYTES): Promise<BodyResult> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > maxBytes) return { ok: false, reason: 'too-large' };
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) return { ok: false, reason: 'too-large' };
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return { ok: true, value: {} };
  try {
    const value: unknown = JSON.parse(text);
    // Operations take objects; path parameters are merged into them.
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, reason: 'malformed' };
    return { ok: true, value: value as Record<string, unknown> };
  } catch {
    return { ok: false, reason: 'malformed' };
  }
}
