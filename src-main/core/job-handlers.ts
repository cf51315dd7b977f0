/** The job operations of the contract (mail settings and the test mail, the Activity record, reports), each mapped onto a service call. */
import type { jobOperations } from '../../src-preload/contract';
import type { Handlers } from './dispatch';
import type { JobRunner } from './jobs/runner';
import type { JobRunService } from './services/job-runs';
import type { ReportService } from './services/reports';
import type { SettingsService } from './services/settings';
import type { TestMailService } from './services/test-mail';

export type JobMethod = keyof typeof jobOperations;

export interface JobServices {
  readonly settings: SettingsService;
  readonly jobRuns: JobRunService;
  readonly reports: ReportService;
  /** Makes a report on demand, in turn with the profile's scheduled looks. */
  readonly jobs: JobRunner;
  readonly testMail: TestMailService;
}

/** The name a downloaded report is saved under. */
export const reportFileName = (month: string): string => `quantified-self-report-${month}.pdf`;

export function createJobHandlers({ settings, jobRuns, reports, jobs, testMail }: JobServices): Pick<Handlers, JobMethod> {
  return {
    getMailSettings: async (_input, ctx) => ({ mail: settings.mail(ctx.profileId) }),
    updateMailSettings: async (input, ctx) => ({ mail: await settings.updateMail(ctx.profileId, input.mail) }),
    sendTestMail: async (_input, ctx) => testMail.send(ctx.profileId),
    listActivity: async (input, ctx) => jobRuns.list(ctx.profileId, input),
    listReports: async (_input, ctx) => ({ reports: await reports.list(ctx.profileId) }),
    getReport: async (input, ctx) => {
      const { pdfBase64 } = await reports.get(ctx.profileId, input.month);
      return { fileName: reportFileName(input.month), pdfBase64 };
    },
    makeReport: async (input, ctx) => ({ report: await jobs.makeReport(ctx.profileId, input.month) }),
    reportPage: async (input, ctx) => ({ html: await jobs.reportPage(ctx.profileId, input.month) }),
  };
}
