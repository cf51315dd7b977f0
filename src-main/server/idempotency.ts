/**
 * The REST API's `Idempotency-Key` request header (the IETF httpapi draft's name): a client
 * that sends one with a write, and sends the same request again with the same key (a retry
 * after a dropped connection), gets the first answer again instead of a second write. The
 * answers are kept per profile in `RememberedAnswers`; this module says which requests the
 * key applies to, what a valid key is, and what makes two requests "the same".
 */
import type { Method } from '../../src-preload/contract';
import { onlyReads, type SessionRule } from '../../src-preload/operations';
import type { RememberedAnswersOptions } from './remembered-answers';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** Sent with an answer given again for a repeated key. */
export const REPLAYED_HEADER = 'Idempotent-Replayed';

/** A day of answers, bounded in count and size; a restart of the server forgets them. */
export const ANSWER_MEMORY: Omit<RememberedAnswersOptions, 'now'> = { ttlMs: 24 * 60 * 60 * 1000, maxEntries: 10_000, maxBytes: 16 * 1024 * 1024 };

/**
 * Writes in a session whose answer carries a secret the server must not keep: a new access
 * token, shown once. A retry cannot duplicate it silently (a second token of the same name
 * is refused with ACCESS_TOKEN_NAME_TAKEN).
 */
const CARRIES_SECRET: ReadonlySet<Method> = new Set<Method>(['createAccessToken']);

/**
 * Whether a key on this request is honoured: every write that runs in a session but
 * `createAccessToken`. Sign-up,
 * log-in and password reset ignore it: a retry of them cannot duplicate anything (one profile
 * per e-mail; a reset replaces the backup code), and their answers carry secrets (a session
 * token, a backup code) the server does not keep. Operations that end the session
 * (log-out, lock, deletion) leave no session for a retry to be answered in.
 */
export const honoursIdempotencyKey = (method: Method, rule: SessionRule): boolean => rule === 'session' && !onlyReads(method) && !CARRIES_SECRET.has(method);

const MAX_KEY_LENGTH = 255;
const VISIBLE_ASCII = /^[\x20-\x7e]+$/;
/** An sf-string (RFC 8941): double quotes around visible ASCII, `"` and `\` escaped by `\`. */
const SF_STRING = /^"((?:[\x20\x21\x23-\x5b\x5d-\x7e]|\\["\\])*)"$/;

export type ParsedKey = { readonly ok: true; readonly key: string | null } | { readonly ok: false; readonly message: string };

const INVALID: ParsedKey = {
  ok: false,
  message: `Idempotency-Key takes 1 to ${MAX_KEY_LENGTH} visible ASCII characters (a UUID, for example), bare or in double quotes.`,
};

/**
 * The key of the header's value: the draft's quoted form (`"8e03…"`) and the bare form
 * that most clients send are the same key. No header: null.
 */
export function parseIdempotencyKey(value: string | readonly string[] | undefined): ParsedKey {
  if (value === undefined) return { ok: true, key: null };
  if (typeof value !== 'string') return INVALID;
  const text = value.trim();
  let key = text;
  if (text.startsWith('"')) {
    const quoted = SF_STRING.exec(text)?.[1];
    if (quoted === undefined) return INVALID;
    key = quoted.replace(/\\(["\\])/g, '$1');
  }
  return key.length > 0 && key.length <= MAX_KEY_LENGTH && VISIBLE_ASCII.test(key) ? { ok: true, key } : INVALID;
}

/** Two requests with one key are the same request when method, path and body bytes are. */
export const fingerprintOf = (verb: string, pathname: string, bodyDigest: string): string => `${verb} ${pathname} ${bodyDigest}`;
