/**
 * Personal access tokens as key slots of their own (issue 13). A token is
 *
 *   qs_pat_<profile id>_<token id>_<secret>
 *
 * where the secret is 32 random bytes (256 bits) in lower-case hex. The prefix makes a token
 * recognisable (in a script, in a leak scan) and tells the server, before any key is known,
 * which profile and which slot to try: one slot is tried, never all of them. Ids are not
 * secret (the profile picker lists profile ids; the token list shows token ids).
 *
 * The slot wraps the profile's data key with AES-256-GCM under a key derived from the
 * secret by HKDF-SHA256. A fast derivation is enough: scrypt slows guesses at a password a
 * person chose, but nobody guesses 256 random bits. The associated data binds the slot to
 * its profile, its id, its scope and its expiry, so a slot copied to another profile or id,
 * or edited in account.json to widen its scope or extend its expiry, no longer opens.
 *
 * Only the wrapped key is stored — no hash of the token beside it. The GCM tag already
 * proves the secret: a wrong one derives another key and the tag check fails (a 2^-128
 * chance otherwise), in constant time, in microseconds. A hash would be a second verifier
 * and add nothing.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { KEY_BYTES } from './kdf';

export const ACCESS_TOKEN_PREFIX = 'qs_pat_';
const SECRET_BYTES = 32;
const SALT_BYTES = 16;
const IV_BYTES = 12;
/** Token ids carry no `_`, so the profile id (which may) is what lies before the last two parts. */
const TOKEN_ID = /^[A-Za-z0-9-]{1,64}$/;
const TOKEN_FORMAT = /^qs_pat_([A-Za-z0-9_-]{1,64})_([A-Za-z0-9-]{1,64})_([0-9a-f]{64})$/;
const HKDF_INFO = Buffer.from('qs-access-token-slot:v1', 'utf8');

export type AccessScope = 'read' | 'read-write';

/** A token slot as stored in account.json (base64 fields). */
export interface TokenSlot {
  readonly kdf: 'hkdf-sha256';
  /** base64, 16 bytes */
  readonly salt: string;
  /** base64, 12 bytes */
  readonly iv: string;
  /** base64, 16 bytes */
  readonly tag: string;
  /** base64: the data key, encrypted */
  readonly wrapped: string;
}

/** What the slot is bound to: changing any of it makes the slot refuse every token. */
export interface TokenBinding {
  readonly profileId: string;
  readonly tokenId: string;
  readonly scope: AccessScope;
  /** UTC ISO-8601, or null for a token that does not expire. */
  readonly expiresAt: string | null;
}

export interface ParsedAccessToken {
  readonly profileId: string;
  readonly tokenId: string;
  readonly secret: Buffer;
}

/** Whether `tokenId` can be part of a token (the parse depends on it carrying no `_`). */
export const isTokenId = (tokenId: string): boolean => TOKEN_ID.test(tokenId);

/** True for anything that starts like an access token, well formed or not. */
export const looksLikeAccessToken = (text: string): boolean => text.startsWith(ACCESS_TOKEN_PREFIX);

/** The parts of a well-formed token, or null. Says nothing about whether it opens anything. */
export function parseAccessToken(token: string): ParsedAccessToken | null {
  const match = TOKEN_FORMAT.exec(token);
  if (match === null) return null;
  const [, profileId = '', tokenId = '', secret = ''] = match;
  return { profileId, tokenId, secret: Buffer.from(secret, 'hex') };
}

/** A new token for a slot: its text (shown once) and its secret. */
export function mintAccessToken(profileId: string, tokenId: string): { token: string; secret: Buffer } {
  const secret = randomBytes(SECRET_BYTES);
  return { token: `${ACCESS_TOKEN_PREFIX}${profileId}_${tokenId}_${secret.toString('hex')}`, secret };
}

const bindingLabel = (binding: TokenBinding): Buffer =>
  Buffer.from(JSON.stringify(['qs-access-token', binding.profileId, binding.tokenId, binding.scope, binding.expiresAt]), 'utf8');

const slotKey = (secret: Buffer, salt: Buffer): Buffer => Buffer.from(hkdfSync('sha256', secret, salt, HKDF_INFO, KEY_BYTES));

export function wrapKeyForToken(dataKey: Buffer, secret: Buffer, binding: TokenBinding): TokenSlot {
  const salt = randomBytes(SALT_BYTES);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', slotKey(secret, salt), iv);
  cipher.setAAD(bindingLabel(binding));
  const wrapped = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  return { kdf: 'hkdf-sha256', salt: salt.toString('base64'), iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), wrapped: wrapped.toString('base64') };
}

/** The data key, or null when the secret (or anything the slot is bound to) is not this slot's. */
export function unwrapKeyWithToken(slot: TokenSlot, secret: Buffer, binding: TokenBinding): Buffer | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', slotKey(secret, Buffer.from(slot.salt, 'base64')), Buffer.from(slot.iv, 'base64'));
    decipher.setAAD(bindingLabel(binding));
    decipher.setAuthTag(Buffer.from(slot.tag, 'base64'));
    const key = Buffer.concat([decipher.update(Buffer.from(slot.wrapped, 'base64')), decipher.final()]);
    return key.length === KEY_BYTES ? key : null;
  } catch {
    // A wrong secret fails the tag; a damaged slot (bad IV or tag length) fails earlier.
    return null;
  }
}
