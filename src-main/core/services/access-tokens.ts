/**
 * Personal access tokens (issue 13): made, listed and revoked by the person; checked on
 * every request a script makes with one. Each token is a key slot in account.json
 * (crypto/token-slots.ts), so a token opens the profile on its own — nobody logged in, the
 * server just restarted — and revoking it deletes the slot, after which nothing opens with it.
 *
 * While tokens' requests run, and for TOKEN_HOLD_MS after the last one, the profile's key
 * is held for tokens (ProfileDirectory.openForTokens): a script's burst of requests reuses
 * what the first one decrypted, and the key is forgotten soon after. That hold is not the
 * person's: their log-out or auto-lock still locks the profile for them, a token's request
 * in flight keeps working, and no token request unlocks the profile for the person's screens.
 *
 * When a token was last used is kept exactly in memory and saved to account.json at most
 * once per LAST_USED_SAVE_EVERY_MS per token, so reading the API is not a disk write per
 * request; after a restart the list may show a time up to that much older.
 */
import { randomUUID } from 'node:crypto';
import {
  ACCESS_TOKEN_NAME_MAX,
  MAX_ACCESS_TOKEN_DAYS,
  MAX_ACCESS_TOKENS,
  type AccessScope,
  type AccessToken,
  type AppError,
  type Method,
} from '../../../src-preload/contract';
import { tokenAccess } from '../../../src-preload/operations';
import { isTokenId, mintAccessToken, parseAccessToken, unwrapKeyWithToken, wrapKeyForToken, type TokenBinding } from '../crypto/token-slots';
import { AppFailure, fail } from '../errors';
import type { AccountFile, StoredAccessToken } from '../store/account-formats';
import type { KeyedQueue } from '../store/keyed-queue';
import type { ProfileDirectory, ProfileEntry } from '../store/profile-directory';
import { ACCOUNTS_QUEUE } from './accounts';

export const LAST_USED_SAVE_EVERY_MS = 60 * 60_000;
/** How long a profile's key stays held for tokens after their last request ended. */
export const TOKEN_HOLD_MS = 5 * 60_000;
const DAY_MS = 24 * 60 * 60_000;
/** An ISO-8601 moment with its offset: what `expiresAt` accepts. */
const ISO_MOMENT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export interface AccessTokenDeps {
  readonly directory: ProfileDirectory;
  /** The account files' queue (shared with AccountService): one writer of account.json at a time. */
  readonly queue: KeyedQueue;
  readonly now: () => Date;
  readonly newId: () => string;
}

export interface NewAccessToken {
  readonly name: string;
  readonly scope: AccessScope;
  readonly expiresAt?: string | null | undefined;
  readonly expiresInDays?: number | null | undefined;
}

const INVALID = 'This access token is not valid: it was revoked, or it was never made here. Make a new one in Settings › API.';
const EXPIRED = 'This access token has expired. Make a new one in Settings › API.';

const bindingOf = (profileId: string, token: StoredAccessToken): TokenBinding => ({ profileId, tokenId: token.id, scope: token.scope, expiresAt: token.expiresAt });

interface Hold {
  calls: number;
  timer: ReturnType<typeof setTimeout> | null;
}

export class AccessTokenService {
  /** `profileId/tokenId` → last accepted request (ms), newer than what account.json may say. */
  readonly #lastUsed = new Map<string, number>();
  readonly #holds = new Map<string, Hold>();

  constructor(private readonly deps: AccessTokenDeps) {}

  /** Make a token for the person's profile (unlocked by them): the token, shown once, and its listing. */
  async create(profileId: string, input: NewAccessToken): Promise<{ token: string; accessToken: AccessToken }> {
    const { dataKey } = this.deps.directory.requireUnlocked(profileId);
    const name = input.name.trim();
    if (name.length === 0 || name.length > ACCESS_TOKEN_NAME_MAX) {
      fail('ACCESS_TOKEN_NAME_INVALID', `Give the token a name of 1 to ${ACCESS_TOKEN_NAME_MAX} characters, such as the script that will use it.`, 'name');
    }
    const now = this.deps.now();
    const expiresAt = expiryOf(input, now);
    return this.deps.queue.run(ACCOUNTS_QUEUE, async () => {
      const account = await this.account(profileId);
      if (account.tokens.length >= MAX_ACCESS_TOKENS) {
        fail('ACCESS_TOKEN_LIMIT', `A profile can have at most ${MAX_ACCESS_TOKENS} access tokens. Revoke one you no longer use first.`);
      }
      const folded = name.toLocaleLowerCase();
      if (account.tokens.some((token) => token.name.toLocaleLowerCase() === folded)) {
        fail('ACCESS_TOKEN_NAME_TAKEN', 'Another access token has that name; choose another.', 'name');
      }
      const made = this.deps.newId();
      // The token's text is parsed by its last parts, so its id must not contain `_`.
      const tokenId = isTokenId(made) ? made : randomUUID();
      const { token, secret } = mintAccessToken(profileId, tokenId);
      const binding: TokenBinding = { profileId, tokenId, scope: input.scope, expiresAt };
      const stored: StoredAccessToken = {
        id: tokenId,
        name,
        scope: input.scope,
        createdAt: now.toISOString(),
        expiresAt,
        lastUsedAt: null,
        slot: wrapKeyForToken(dataKey, secret, binding),
      };
      secret.fill(0);
      await this.deps.directory.saveAccount({ ...account, tokens: [...account.tokens, stored] });
      return { token, accessToken: this.listed(profileId, stored) };
    });
  }

  async list(profileId: string): Promise<AccessToken[]> {
    this.deps.directory.requireUnlocked(profileId);
    const account = await this.account(profileId);
    return account.tokens.map((token) => this.listed(profileId, token));
  }

  /** Delete the token's key slot; ACCESS_TOKEN_NOT_FOUND when there is none. */
  async revoke(profileId: string, tokenId: string): Promise<void> {
    this.deps.directory.requireUnlocked(profileId);
    await this.deps.queue.run(ACCOUNTS_QUEUE, async () => {
      const account = await this.account(profileId);
      if (!account.tokens.some((token) => token.id === tokenId)) {
        fail('ACCESS_TOKEN_NOT_FOUND', 'There is no such access token; it may have been revoked already.', 'tokenId');
      }
      // saveAccount also deletes account.json.bak, which would still hold the slot.
      await this.deps.directory.saveAccount({ ...account, tokens: account.tokens.filter((token) => token.id !== tokenId) });
    });
    this.#lastUsed.delete(`${profileId}/${tokenId}`);
  }

  /**
   * Run `work` — one operation — for a request made with `token`, or refuse it: 401
   * TOKEN_INVALID / TOKEN_EXPIRED when the token opens nothing, 403 TOKEN_NOT_ALLOWED /
   * TOKEN_READ_ONLY when it may not call `method` (operations.ts, `tokenAccess`). The token
   * is proven by unwrapping its slot, which also gives the key the operation needs.
   */
  async run<T>(profileId: string, token: string, method: Method, work: () => Promise<T>): Promise<T> {
    const { dataKey, stored } = await this.admit(profileId, token, method);
    this.#enter(profileId);
    try {
      await this.deps.directory.openForTokens(profileId, dataKey);
      await this.#noteUse(profileId, stored.id);
      return await work();
    } finally {
      this.#exit(profileId);
    }
  }

  /**
   * The refusal `run` would give a request with `token` for `method`, or null when it would
   * run it: the browser shell asks before it reads a request's body, so a request with a
   * token that opens nothing is answered 401 however large its body. Holds nothing, notes
   * no use; `run` proves the token again.
   */
  async check(profileId: string, token: string, method: Method): Promise<AppError | null> {
    try {
      await this.admit(profileId, token, method);
      return null;
    } catch (error) {
      if (error instanceof AppFailure) return error.toAppError();
      throw error;
    }
  }

  /** Forget every hold at once (the core closes). */
  close(): void {
    for (const hold of this.#holds.values()) if (hold.timer !== null) clearTimeout(hold.timer);
    this.#holds.clear();
  }

  /** The token proven (TOKEN_INVALID, TOKEN_EXPIRED) and allowed `method` (TOKEN_NOT_ALLOWED, TOKEN_READ_ONLY). */
  private async admit(profileId: string, token: string, method: Method): Promise<{ dataKey: Buffer; stored: StoredAccessToken }> {
    const proven = await this.prove(profileId, token);
    const access = tokenAccess(method);
    if (access === 'never') fail('TOKEN_NOT_ALLOWED', 'An access token cannot do this; only the person, logged in to the app, can.');
    if (access === 'write' && proven.stored.scope === 'read') fail('TOKEN_READ_ONLY', 'This access token may only read; it cannot change anything.');
    return proven;
  }

  private async prove(profileId: string, token: string): Promise<{ dataKey: Buffer; stored: StoredAccessToken }> {
    const parsed = parseAccessToken(token);
    if (parsed === null || parsed.profileId !== profileId) return fail('TOKEN_INVALID', INVALID);
    const entry = await this.deps.directory.entry(profileId);
    const stored = entry?.kind === 'account' ? entry.account.data.tokens.find((candidate) => candidate.id === parsed.tokenId) : undefined;
    const dataKey = stored === undefined ? null : unwrapKeyWithToken(stored.slot, parsed.secret, bindingOf(profileId, stored));
    parsed.secret.fill(0);
    if (stored === undefined || dataKey === null) return fail('TOKEN_INVALID', INVALID);
    // Only a proven token learns that it expired.
    if (isExpired(stored, this.deps.now())) return fail('TOKEN_EXPIRED', EXPIRED);
    return { dataKey, stored };
  }

  private listed(profileId: string, token: StoredAccessToken): AccessToken {
    const saved = token.lastUsedAt === null ? null : Date.parse(token.lastUsedAt);
    const seen = this.#lastUsed.get(`${profileId}/${token.id}`) ?? null;
    const lastUsed = saved === null ? seen : seen === null ? saved : Math.max(saved, seen);
    return {
      id: token.id,
      name: token.name,
      scope: token.scope,
      createdAt: token.createdAt,
      expiresAt: token.expiresAt,
      lastUsedAt: lastUsed === null ? null : new Date(lastUsed).toISOString(),
      expired: isExpired(token, this.deps.now()),
    };
  }

  private async account(profileId: string): Promise<AccountFile> {
    const entry: ProfileEntry | null = await this.deps.directory.entry(profileId);
    if (entry?.kind !== 'account') return fail('NOT_LOGGED_IN', 'Your profile is no longer on this computer; please log in again.');
    return entry.account.data;
  }

  /** Remember the use; save it when account.json's time is an hour old or more (best effort). */
  async #noteUse(profileId: string, tokenId: string): Promise<void> {
    const nowMs = this.deps.now().getTime();
    this.#lastUsed.set(`${profileId}/${tokenId}`, nowMs);
    const due = (token: StoredAccessToken | undefined): token is StoredAccessToken =>
      token !== undefined && (token.lastUsedAt === null || nowMs - Date.parse(token.lastUsedAt) >= LAST_USED_SAVE_EVERY_MS);
    const entry = await this.deps.directory.entry(profileId);
    if (entry?.kind !== 'account' || !due(entry.account.data.tokens.find((token) => token.id === tokenId))) return;
    await this.deps.queue
      .run(ACCOUNTS_QUEUE, async () => {
        // Looked at again in the queue: a request alongside may have saved it, or a revoke removed it.
        const account = await this.account(profileId);
        if (!due(account.tokens.find((token) => token.id === tokenId))) return;
        const lastUsedAt = new Date(nowMs).toISOString();
        await this.deps.directory.saveAccount({ ...account, tokens: account.tokens.map((token) => (token.id === tokenId ? { ...token, lastUsedAt } : token)) });
      })
      // A time that could not be saved must not fail the request it describes; memory has it.
      .catch(() => undefined);
  }

  #enter(profileId: string): void {
    const hold = this.#holds.get(profileId) ?? { calls: 0, timer: null };
    if (hold.timer !== null) clearTimeout(hold.timer);
    hold.timer = null;
    hold.calls += 1;
    this.#holds.set(profileId, hold);
  }

  #exit(profileId: string): void {
    const hold = this.#holds.get(profileId);
    if (hold === undefined) return;
    hold.calls -= 1;
    if (hold.calls > 0) return;
    hold.timer = setTimeout(() => {
      this.#holds.delete(profileId);
      this.deps.directory.releaseTokens(profileId);
    }, TOKEN_HOLD_MS);
    // The hold must not keep a process alive that has nothing else to do.
    hold.timer.unref();
  }
}

const isExpired = (token: StoredAccessToken, now: Date): boolean => token.expiresAt !== null && Date.parse(token.expiresAt) <= now.getTime();

/** The expiry a new token gets (UTC ISO-8601), or null for none; ACCESS_TOKEN_EXPIRY_INVALID for one it cannot have. */
function expiryOf(input: NewAccessToken, now: Date): string | null {
  const { expiresAt, expiresInDays } = input;
  const latest = now.getTime() + MAX_ACCESS_TOKEN_DAYS * DAY_MS;
  if (expiresAt != null && expiresInDays != null) {
    return fail('ACCESS_TOKEN_EXPIRY_INVALID', 'Give an expiry date or a number of days, not both.', 'expiresInDays');
  }
  if (expiresInDays != null) {
    if (!Number.isInteger(expiresInDays) || expiresInDays < 1 || expiresInDays > MAX_ACCESS_TOKEN_DAYS) {
      return fail('ACCESS_TOKEN_EXPIRY_INVALID', `A token expires after 1 to ${MAX_ACCESS_TOKEN_DAYS} whole days.`, 'expiresInDays');
    }
    return new Date(now.getTime() + expiresInDays * DAY_MS).toISOString();
  }
  if (expiresAt != null) {
    const at = ISO_MOMENT.test(expiresAt) ? Date.parse(expiresAt) : Number.NaN;
    if (!Number.isFinite(at)) return fail('ACCESS_TOKEN_EXPIRY_INVALID', 'The expiry must be a moment such as 2027-01-31T00:00:00Z.', 'expiresAt');
    if (at <= now.getTime()) return fail('ACCESS_TOKEN_EXPIRY_INVALID', 'The expiry is in the past; choose a moment to come.', 'expiresAt');
    if (at > latest) return fail('ACCESS_TOKEN_EXPIRY_INVALID', `A token can expire at most ${MAX_ACCESS_TOKEN_DAYS} days from now.`, 'expiresAt');
    return new Date(at).toISOString();
  }
  return null;
}
