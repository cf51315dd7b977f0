/** The account operations of the contract (profiles, sessions, settings), each mapped onto a service call. */
import type { accountOperations } from '../../src-preload/contract';
import type { Handlers } from './dispatch';
import type { AccountService } from './services/accounts';
import type { SettingsService } from './services/settings';

export type AccountMethod = keyof typeof accountOperations;

export interface AccountServices {
  readonly accounts: AccountService;
  readonly settings: SettingsService;
}

export function createAccountHandlers({ accounts, settings }: AccountServices): Pick<Handlers, AccountMethod> {
  return {
    listProfiles: async () => ({ profiles: await accounts.listProfiles() }),
    signUp: async (input) => ({ profile: await accounts.signUp(input) }),
    logIn: async (input) => accounts.logIn(input),
    logOut: async (_input, ctx) => {
      await accounts.lock(ctx.profileId);
      return {};
    },
    lock: async (_input, ctx) => {
      await accounts.lock(ctx.profileId);
      return {};
    },
    currentProfile: async (_input, ctx) => ({ profile: await accounts.currentProfile(ctx.profileId, ctx.accessToken !== undefined) }),
    resetPassword: async (input) => ({ backupCode: await accounts.resetPassword(input) }),
    changePassword: async (input, ctx) => {
      await accounts.changePassword(ctx.profileId, input);
      return {};
    },
    updateProfile: async (input, ctx) => ({ profile: await accounts.updateProfile(ctx.profileId, input) }),
    deleteProfile: async (input, ctx) => {
      await accounts.deleteProfile(ctx.profileId, input);
      return {};
    },
    getSettings: async (_input, ctx) => ({ settings: settings.get(ctx.profileId), stayUnlocked: await settings.stayUnlocked(ctx.profileId) }),
    updateSettings: async (input, ctx) => ({ settings: await settings.update(ctx.profileId, input) }),
    setStayUnlocked: async (input, ctx) => ({ stayUnlocked: await settings.setStayUnlocked(ctx.profileId, input.enabled) }),
  };
}
