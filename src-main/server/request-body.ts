/**
 * Reads a request body with a size cap, as bytes: the core decodes them where it runs
 * (host/json-input.ts). Oversized, cut-short and stalled bodies become typed failures
 * (413, 400, 408) instead of exceptions, so a bad request can never produce a 500.
 */
import { createHash } from 'node:crypto';
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
  /** `digest`: the body's SHA-256 (base64url), when asked for. */
  | { readonly ok: true; readonly bytes: Buffer; readonly digest?: string }
  | { readonly ok: false; readonly reason: 'too-large' | 'malformed' | 'timeout' };

export interface BodyReading {
  /**
   * Give up once no byte has come for this long (a half-open upload): an idle limit, not a
   * total one, so a 256 MiB import takes as long as it needs while its bytes keep flowing.
   */
  readonly idleMs: number;
  /** Also answer the body's digest (an idempotency key's request fingerprint). */
  readonly digest?: boolean;
}

export const DEFAULT_BODY_READING: BodyReading = { idleMs: 10_000 };

/**
 * The body's bytes. On 'too-large' and 'timeout' the rest is left unread: the caller
 * answers and closes the connection. The digest is made as the bytes arrive, so a large
 * body's hash never holds the thread at once.
 */
export function readBody(request: IncomingMessage, maxBytes = MAX_BODY_BYTES, reading: BodyReading = DEFAULT_BODY_READING): Promise<BodyResult> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > maxBytes) return Promise.resolve({ ok: false, reason: 'too-large' });
  return new Promise((resolve) => {
    // A declared length: the bytes are copied into one buffer of that size as they arrive.
    // Gathering the chunks and then joining them held a large import's bytes twice while its
    // text and JSON were made. More bytes than declared (Node's HTTP parser never hands them
    // over) make the body malformed.
    const into = Number.isSafeInteger(declared) && declared > 0 ? Buffer.allocUnsafe(declared) : null;
    const chunks: Buffer[] = [];
    const hash = reading.digest === true ? createHash('sha256') : null;
    let size = 0;
    const finish = (result: BodyResult): void => {
      clearTimeout(idle);
      request.off('data', onData).off('end', onEnd).off('error', onError).off('close', onError);
      if (!result.ok) request.pause();
      resolve(result);
    };
    const idle = setTimeout(() => finish({ ok: false, reason: 'timeout' }), reading.idleMs);
    const onData = (chunk: Buffer): void => {
      idle.refresh();
      hash?.update(chunk);
      if (into !== null) {
        if (size + chunk.length > into.length) return finish({ ok: false, reason: 'malformed' });
        chunk.copy(into, size);
        size += chunk.length;
        return;
      }
      size += chunk.length;
      if (size > maxBytes) return finish({ ok: false, reason: 'too-large' });
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      const bytes = into === null ? Buffer.concat(chunks) : into.subarray(0, size);
      finish(hash === null ? { ok: true, bytes } : { ok: true, bytes, digest: hash.digest('base64url') });
    };
    // The client went away mid-body: nobody reads the answer, which says the body was cut short.
    const onError = (): void => finish({ ok: false, reason: 'malformed' });
    request.on('data', onData).on('end', onEnd).on('error', onError).on('close', onError);
  });
}

