/**
 * Who may run an operation, decided before its handler runs: the person, or a script with a
 * personal access token. Every handler of the core is wrapped here (index.ts), so no shell
 * and no test can reach a handler around it.
 *
 * - A call with a token (`ctx.accessToken`) is proven and checked against `tokenAccess`
 *   (operations.ts) by AccessTokenService.run, which holds the profile's key for it.
 * - A call of the person whose profile is open only for tokens — the person logged out or
 *   was locked while a script kept working — is SESSION_LOCKED, as if the key were gone:
 *   a token's request never unlocks the profile for the person. Log-out, lock and deletion
 *   (the `closes` rule) are never held back; deletion proves the password anyway.
 */
import { OPERATIONS } from '../../src-preload/operations';
import type { Handlers } from './dispatch';
import { fail } from './errors';
import type { AccessTokenService } from './services/access-tokens';
import { SESSION_LOCKED_MESSAGE, type ProfileDirectory } from './store/profile-directory';

export interface AccessGuardDeps {
  readonly tokens: AccessTokenService;
  readonly directory: ProfileDirectory;
}

type AnyHandler = (input: unknown, ctx: { readonly profileId: string | null; readonly accessToken?: string }) => Promise<unknown>;

export function guardAccess(handlers: Handlers, { tokens, directory }: AccessGuardDeps): Handlers {
  const guarded: Record<string, AnyHandler> = {};
  for (const [method, handler] of Object.entries(handlers) as [keyof Handlers, AnyHandler][]) {
    guarded[method] = async (input, ctx) => {
      const { profileId, accessToken } = ctx;
      if (accessToken !== undefined) {
        if (profileId === null) return fail('TOKEN_INVALID', 'This access token is not valid.');
        return tokens.run(profileId, accessToken, method, () => handler(input, ctx));
      }
      if (profileId !== null && OPERATIONS[method].session === 'session' && directory.openForTokensOnly(profileId)) {
        return fail('SESSION_LOCKED', SESSION_LOCKED_MESSAGE);
      }
      return handler(input, ctx);
    };
  }
  return guarded as Handlers;
}
