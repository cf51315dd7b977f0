/** The contract's operations, each mapped onto a service call. */
import { createAccountHandlers } from './account-handlers';
import type { Handlers } from './dispatch';
import type { AccountService } from './services/accounts';
import type { LogService } from './services/logs';
import type { SettingsService } from './services/settings';
import type { TrackerService } from './services/trackers';

export interface Services {
  readonly accounts: AccountService;
  /** Settings, and `timeZoneOf(profileId)` for counting days and streaks. */
  readonly settings: SettingsService;
  readonly trackers: TrackerService;
  readonly logs: LogService;
}

export function createHandlers({ accounts, settings, trackers, logs }: Services): Handlers {
  return {
    ...createAccountHandlers({ accounts, settings }),
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
