/**
 * Bearer tokens of the browser shell: random 256-bit values, kept only in memory, each
 * naming one core session. Restarting the server logs everybody out, which is what a
 * local app should do.
 */
import { randomBytes } from 'node:crypto';
import type { Session } from '../core/dispatch';

export class SessionTokens {
  readonly #sessions = new Map<string, Session>();

  issue(session: Session): string {
    const token = randomBytes(32).toString('base64url');
    this.#sessions.set(token, session);
    return token;
  }

  lookUp(token: string | null): Session | null {
    return token === null ? null : (this.#sessions.get(token) ?? null);
  }

  revoke(token: string | null): void {
    if (token !== null) this.#sessions.delete(token);
  }
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer ([A-Za-z0-9_-]{1,256})$/i.exec(header?.trim() ?? '');
  return match?.[1] ?? null;
}
