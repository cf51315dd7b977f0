/** The contract's operations, each mapped onto a service call. */
import { createAccessTokenHandlers } from './access-token-handlers';
import { createAccountHandlers } from './account-handlers';
import { createBackupHandlers } from './backup-handlers';
import { createCsvHandlers } from './csv-handlers';
import type { Handlers } from './dispatch';
import { createJobHandlers } from './job-handlers';
import type { AccessTokenService } from './services/access-tokens';
import type { InsightService } from './services/insights';
import type { AccountService } from './services/accounts';
import type { BackupService } from './services/backups';
import type { CsvService } from './services/csv';
import type { JobRunner } from './jobs/runner';
import type { JobRunService } from './services/job-runs';
import type { ReportService } from './services/reports';
import type { LogService } from './services/logs';
import type { SettingsService } from './services/settings';
import type { TestMailService } from './services/test-mail';
import type { TimerService } from './services/timers';
import type { TrackerService } from './services/trackers';
import { createTrackerHandlers } from './tracker-handlers';

export interface Services {
  readonly accounts: AccountService;
  /** Settings, and `timeZoneOf(profileId)` for counting days and streaks. */
  readonly settings: SettingsService;
  readonly trackers: TrackerService;
  readonly logs: LogService;
  readonly timers: TimerService;
  readonly insights: InsightService;
  readonly csv: CsvService;
  /** The record of job runs (nudges, reports, mail) that Activity lists. */
  readonly jobRuns: JobRunService;
  /** The saved monthly reports. */
  readonly reports: ReportService;
  /** The job runner, for reports made on demand. */
  readonly jobs: JobRunner;
  /** The settings screen's test mail. */
  readonly testMail: TestMailService;
  /** Personal access tokens: made, listed, revoked. */
  readonly accessTokens: AccessTokenService;
  /** Backups: made, listed, and restored from the picker. */
  readonly backups: BackupService;
}

export function createHandlers({ accounts, settings, trackers, logs, timers, insights, csv, jobRuns, reports, jobs, testMail, accessTokens, backups }: Services): Handlers {
  return {
    ...createAccountHandlers({ accounts, settings }),
    ...createTrackerHandlers({ trackers, logs, timers, insights }),
    ...createCsvHandlers(csv),
    ...createJobHandlers({ settings, jobRuns, reports, jobs, testMail }),
    ...createAccessTokenHandlers(accessTokens),
    ...createBackupHandlers(backups),
  };
}
