/**
 * Personal access tokens (issue 13): a named key a script keeps to call the REST API with
 * `Authorization: Bearer qs_pat_…`, without a log-in. Each token is a key slot of its own
 * (src-main/core/crypto/token-slots.ts), so it opens the profile while nobody is logged in,
 * and revoking it deletes the slot. These operations are the person's own: no token can
 * call them (operations.ts, `tokenAccess`).
 */
import { z } from 'zod';
import { empty, id, nothing, op, text } from './shared';

/** `read`: only operations that read. `read-write`: also those that write (never the account's own; see `tokenAccess`). */
export const ACCESS_SCOPES = ['read', 'read-write'] as const;
export const accessScopeSchema = z.enum(ACCESS_SCOPES);
export type AccessScope = z.infer<typeof accessScopeSchema>;

/** A token's name, once trimmed: 1 to this many characters, unique per profile (any case). */
export const ACCESS_TOKEN_NAME_MAX = 100;
/** Tokens a profile may hold at once. */
export const MAX_ACCESS_TOKENS = 50;
/** The longest expiry a token may be given, in days (ten years). */
export const MAX_ACCESS_TOKEN_DAYS = 3650;

/** A token as listed: never its secret, which is shown once, when it is made. */
export const accessTokenSchema = z.object({
  id,
  name: z.string(),
  scope: accessScopeSchema,
  /** UTC ISO-8601. */
  createdAt: z.string(),
  /** UTC ISO-8601; null: it does not expire. */
  expiresAt: z.string().nullable(),
  /** UTC ISO-8601 of the last accepted request; null: never used. Saved at most once an hour, exact while the app runs. */
  lastUsedAt: z.string().nullable(),
  /** Its expiry has passed: it answers 401 TOKEN_EXPIRED until revoked. */
  expired: z.boolean(),
});
export type AccessToken = z.infer<typeof accessTokenSchema>;

export const accessTokenOperations = {
  /**
   * Make a token. It is in the answer's `token` this once and nowhere else (the app keeps
   * only a slot it opens): show it, once. `expiresAt` (an ISO-8601 moment in the future) or
   * `expiresInDays` (1 to 3650), not both; neither: it never expires. Names are unique per
   * profile (ACCESS_TOKEN_NAME_TAKEN), at most MAX_ACCESS_TOKENS tokens (ACCESS_TOKEN_LIMIT).
   */
  createAccessToken: op(
    z.object({
      name: text(500),
      scope: accessScopeSchema,
      expiresAt: text(64).nullable().optional(),
      expiresInDays: z.number().nullable().optional(),
    }),
    z.object({ token: z.string(), accessToken: accessTokenSchema }),
  ),
  /** The profile's tokens, oldest first, without their secrets. */
  listAccessTokens: op(empty, z.object({ accessTokens: z.array(accessTokenSchema) })),
  /** Revoke a token: its key slot is deleted, and its next request answers 401 TOKEN_INVALID. */
  revokeAccessToken: op(z.object({ tokenId: id }), nothing),
} as const;
