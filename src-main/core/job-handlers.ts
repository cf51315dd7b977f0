/** The job operations of the contract (mail settings, the Activity record), each mapped onto a service call. */
import type { jobOperations } from '../../src-preload/contract';
import type { Handlers } from './dispatch';
import type { JobRunService } from './services/job-runs';
import type { SettingsService } from './services/settings';

export type JobMethod = keyof typeof jobOperations;

export interface JobServices {
  readonly settings: SettingsService;
  readonly jobRuns: JobRunService;
}

export function createJobHandlers({ settings, jobRuns }: JobServices): Pick<Handlers, JobMethod> {
  return {
    getMailSettings: async (_input, ctx) => ({ mail: settings.mail(ctx.profileId) }),
    updateMailSettings: async (input, ctx) => ({ mail: await settings.updateMail(ctx.profileId, input.mail) }),
    listActivity: async (input, ctx) => jobRuns.list(ctx.profileId, input),
  };
}
