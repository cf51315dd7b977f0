/** The tracker, log, timer and insight operations of the contract, each mapped onto a service call. */
import type { insightOperations, logOperations, trackerOperations } from '../../src-preload/contract';
import type { Handlers } from './dispatch';
import type { InsightService } from './services/insights';
import type { LogService } from './services/logs';
import type { TimerService } from './services/timers';
import type { TrackerService } from './services/trackers';

export type TrackerMethod = keyof typeof trackerOperations | keyof typeof logOperations | keyof typeof insightOperations;

export interface TrackerServices {
  readonly trackers: TrackerService;
  readonly logs: LogService;
  readonly timers: TimerService;
  readonly insights: InsightService;
}

export function createTrackerHandlers({ trackers, logs, timers, insights }: TrackerServices): Pick<Handlers, TrackerMethod> {
  return {
    listTrackers: async (_input, ctx) => ({ trackers: await trackers.list(ctx.profileId) }),
    createTracker: async (input, ctx) => ({ tracker: await trackers.create(ctx.profileId, input) }),
    updateTracker: async ({ trackerId, ...change }, ctx) => ({ tracker: await trackers.update(ctx.profileId, trackerId, change) }),
    reorderTrackers: async (input, ctx) => {
      await trackers.reorder(ctx.profileId, input.trackerIds);
      return {};
    },
    deleteTracker: async (input, ctx) => {
      await trackers.delete(ctx.profileId, input.trackerId);
      return {};
    },
    listDeletedTrackers: async (_input, ctx) => ({ trackers: await trackers.listDeleted(ctx.profileId) }),
    restoreTracker: async (input, ctx) => ({ tracker: await trackers.restore(ctx.profileId, input.trackerId) }),
    purgeTracker: async (input, ctx) => {
      await trackers.purge(ctx.profileId, input.trackerId);
      return {};
    },

    addLog: async (input, ctx) => ({ log: await logs.add(ctx.profileId, input) }),
    updateLog: async (input, ctx) => ({ log: await logs.update(ctx.profileId, input) }),
    deleteLog: async (input, ctx) => ({ log: await logs.delete(ctx.profileId, input.trackerId, input.logId) }),
    restoreLog: async (input, ctx) => ({ log: await logs.restore(ctx.profileId, input.log) }),
    listLogs: async (input, ctx) => logs.list(ctx.profileId, input),
    listTimers: async (_input, ctx) => ({ timers: await timers.list(ctx.profileId) }),
    startTimer: async (input, ctx) => ({ timer: await timers.start(ctx.profileId, input.trackerId) }),
    stopTimer: async (input, ctx) => ({ log: await timers.stop(ctx.profileId, input.trackerId, input.note) }),
    cancelTimer: async (input, ctx) => {
      await timers.cancel(ctx.profileId, input.trackerId);
      return {};
    },

    dashboard: async (_input, ctx) => ({ cards: await insights.dashboard(ctx.profileId) }),
    trackerStats: async (input, ctx) => ({ stats: await insights.stats(ctx.profileId, input.trackerId, input.range) }),
    chartSeries: async (input, ctx) => ({ series: await insights.chart(ctx.profileId, input.trackerId, input.range, input.granularity) }),
  };
}
