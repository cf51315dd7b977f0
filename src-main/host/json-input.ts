/**
 * An operation's input from a REST request: its JSON body (bytes, decoded here) and its
 * path parameters, which win over body fields so a body cannot retarget the URL's resource.
 * Decoded where the core runs — in its worker — because a large import's body (a hundred
 * megabytes of JSON) takes a quarter of a second to decode and parse, and the server's
 * thread must not stop answering for that long.
 */

export type JsonInput = { readonly ok: true; readonly input: Record<string, unknown> } | { readonly ok: false; readonly message: string };

const MALFORMED: JsonInput = { ok: false, message: 'The request body is not a JSON object.' };

export function jsonInput(body: Uint8Array, params: Readonly<Record<string, string>>): JsonInput {
  const text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  if (text.trim() === '') return { ok: true, input: { ...params } };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return MALFORMED;
  }
  // Operations take objects; path parameters are merged into them.
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return MALFORMED;
  return { ok: true, input: { ...(value as Record<string, unknown>), ...params } };
}
