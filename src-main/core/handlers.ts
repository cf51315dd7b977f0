/** The contract's operations, each mapped onto a service call. */
import type { Handlers } from './dispatch';
import type { AccountService } from './services/accounts';
import type { LogService } from './services/logs';
import type { TrackerService } from './services/trackers';

export interface Services {
  readonly accounts: AccountService;
  readonly trackers: TrackerService;
  readonly logs: LogService;
}

export function createHandlers({ accounts, trackers, logs }: Services): Handlers {
  return {
    signUp: async (input) => ({ profile: await accounts.signUp(input) }),
    logIn: async (input) => ({ profile: await accounts.logIn(input) }),
    logOut: async () => ({}),
    resetPassword: async (input) => {
      await accounts.resetPassword(input);
      return {};
    },
    currentProfile: async (_input, ctx) => ({ profile: await accounts.currentProfile(ctx.profileId) }),
    listTrackers: async (_input, ctx) => ({ trackers: await trackers.list(ctx.profileId) }),
    createTracker: async (input, ctx) => ({ tracker: await trackers.create(ctx.profileId, input) }),
    deleteTracker: async (input, ctx) => {
      await trackers.delete(ctx.profileId, input.trackerId);
      return {};
    },
    addLog: async (input, ctx) => ({ log: await logs.add(ctx.profileId, input) }),
    listLogs: async (input, ctx) => ({ logs: await logs.list(ctx.profileId, input.trackerId) }),
  };
}
