/** The personal access token operations of the contract, each mapped onto a service call. */
import type { accessTokenOperations } from '../../src-preload/contract';
import type { Handlers } from './dispatch';
import type { AccessTokenService } from './services/access-tokens';

export type AccessTokenMethod = keyof typeof accessTokenOperations;

export function createAccessTokenHandlers(tokens: AccessTokenService): Pick<Handlers, AccessTokenMethod> {
  return {
    createAccessToken: async (input, ctx) => tokens.create(ctx.profileId, input),
    listAccessTokens: async (_input, ctx) => ({ accessTokens: await tokens.list(ctx.profileId) }),
    revokeAccessToken: async (input, ctx) => {
      await tokens.revoke(ctx.profileId, input.tokenId);
      return {};
    },
  };
}
