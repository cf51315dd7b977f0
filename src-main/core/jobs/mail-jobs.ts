/**
 * The runner's mail: the month's report and the day's nudges, each sent once through the
 * person's SMTP settings, with every attempt recorded as a `mail` run under the mail's key.
 * The attempts of a key are the retry state (`nextMailAttempt` reads them), so a restart
 * neither loses a failed mail nor sends a delivered one again. A mail is only sent when its
 * `byMail` setting is on and mail is set up; otherwise nothing is sent or recorded. A
 * nudge's mail that failed is retried only while its day runs; its failure stays in Activity.
 *
 * Which settings an attempt used is a fingerprint keyed by the profile's data key: it changes
 * whenever any field changes, the password included (a refused login is mended by a new
 * password), yet the record, which Activity shows, reveals nothing about the settings.
 */
import { createHmac } from 'node:crypto';
import type { JobRun, NudgeSettings, ReportSettings } from '../../../src-preload/contract';
import { MAIL_ERROR_CODES, type MailFailureCode } from '../mail/mail-failure';
import { monthlyReportMail, monthTitle, nudgeMail, type MailMessage } from '../mail/mail-messages';
import { nextMailAttempt, type MailAttempt } from '../mail/mail-retry';
import type { MailSettings } from '../mail/mail-settings';
import { sendMail, type SendMailOptions } from '../mail/send-mail';
import type { ReportService } from '../services/reports';
import { nudgeText } from '../../../src-preload/jobs/nudge-text';
import type { Nudge } from './nudges';
import type { DueReport } from './reports';
import { mailRun, type MailJob } from './run-record';
import { nudgeMailKey, reportMailKey } from '../../../src-preload/jobs/run-keys';

export interface MailJobDeps {
  readonly now: () => Date;
  readonly newId: () => string;
  readonly reports: ReportService;
  readonly options: SendMailOptions;
}

/** What one look hands the mail step. */
export interface MailLook {
  readonly profileId: string;
  readonly dataKey: Buffer;
  /** Null when mail is not set up: nothing is sent, nothing recorded. */
  readonly settings: MailSettings | null;
  readonly nudges: NudgeSettings;
  readonly reports: ReportSettings;
  /** Every run recorded so far, this look's included. */
  readonly runs: readonly JobRun[];
  /** The report this look made and saved, with its bytes. */
  readonly madeReport: { readonly due: DueReport; readonly pdf: Uint8Array } | null;
  /** The nudges this look showed (or tried to). */
  readonly shownNudges: readonly Nudge[];
  /** Tracker names by id, for a nudge mail retried in a later look. */
  readonly trackerNames: ReadonlyMap<string, string>;
  /** The profile's today: a nudge mail is retried only on its own day ("no entry yet today" would be wrong after it). */
  readonly today: string;
}

export interface MailLookResult {
  readonly runs: JobRun[];
  /** The earliest pending retry, to wake for; null when none waits. */
  readonly wakeAt: Date | null;
}

/** A fingerprint of the settings, keyed so it says nothing about them. */
export function mailSettingsVersion(settings: MailSettings, dataKey: Buffer): string {
  const fields = [settings.host, settings.port, settings.tls, settings.user, settings.password, settings.from, settings.to];
  return createHmac('sha256', dataKey).update(`qs mail settings\u0000${JSON.stringify(fields)}`).digest('hex').slice(0, 32);
}

/** The recorded attempts of one mail. */
export function attemptsOf(runs: readonly JobRun[], key: string): MailAttempt[] {
  return runs
    .filter((run) => run.kind === 'mail' && run.key === key)
    .map((run) => ({
      at: run.ranAt,
      settingsVersion: run.mail?.settings ?? '',
      error: run.outcome === 'done' ? null : { code: failureCode(run.mail?.code), permanent: run.mail?.permanent ?? false },
    }));
}

const failureCode = (code: string | null | undefined): MailFailureCode => (MAIL_ERROR_CODES as readonly string[]).includes(code ?? '') ? (code as MailFailureCode) : 'INTERNAL';

interface Pending {
  readonly job: MailJob;
  readonly message: () => Promise<MailMessage>;
}

const reasonOf = (error: unknown): string => (error instanceof Error && error.message.trim() !== '' ? error.message : 'An unknown error.');

export class MailJobs {
  constructor(private readonly deps: MailJobDeps) {}

  /** Send what is due now, record each attempt; never throws. */
  async run(look: MailLook): Promise<MailLookResult> {
    const settings = look.settings;
    if (settings === null) return { runs: [], wakeAt: null };
    const version = mailSettingsVersion(settings, look.dataKey);
    const pending = this.#pending(look);
    const runs: JobRun[] = [];
    let wakeAt: number | null = null;
    for (const { job, message } of pending.values()) {
      try {
        let decision = nextMailAttempt(attemptsOf(look.runs, job.key), this.deps.now(), version);
        let recorded: JobRun | null = null;
        if (decision.kind === 'give-up') {
          const error = `Gave up after ${decision.attempts} attempts; it will be tried again when the mail settings change. ${lastError(look.runs, job.key)}`.trim();
          recorded = mailRun(job, { outcome: 'failed', ranAt: this.deps.now(), error }, { settings: version, code: decision.code, permanent: true }, this.deps.newId(), true);
        } else if (decision.kind === 'send-now') {
          recorded = await this.#send(job, message, settings, version);
        }
        if (recorded !== null) {
          runs.push(recorded);
          // The attempt just made sets the next wait, which the runner must wake for.
          decision = nextMailAttempt(attemptsOf([...look.runs, recorded], job.key), this.deps.now(), version);
        }
        if (decision.kind === 'wait') {
          const until = Date.parse(decision.until);
          wakeAt = wakeAt === null ? until : Math.min(wakeAt, until);
        }
      } catch {
        // A mail whose decision or message fails (damaged record, a report no longer saved) waits for the next look.
      }
    }
    return { runs, wakeAt: wakeAt === null ? null : new Date(wakeAt) };
  }

  async #send(job: MailJob, message: () => Promise<MailMessage>, settings: MailSettings, version: string): Promise<JobRun> {
    let built: MailMessage;
    try {
      built = await message();
    } catch (error) {
      // A message that cannot be built now will not build later: wait for the person.
      return mailRun(job, { outcome: 'failed', ranAt: this.deps.now(), error: reasonOf(error) }, { settings: version, code: 'INTERNAL', permanent: true }, this.deps.newId());
    }
    const sent = await sendMail(settings, built, this.deps.options);
    const ranAt = this.deps.now();
    if (sent.ok) return mailRun(job, { outcome: 'done', ranAt }, { settings: version, code: null, permanent: false }, this.deps.newId());
    return mailRun(job, { outcome: 'failed', ranAt, error: sent.error.message }, { settings: version, code: sent.error.code, permanent: sent.error.permanent }, this.deps.newId());
  }

  /** This look's new mails, then every recorded one that may still be owed, by key. */
  #pending(look: MailLook): Map<string, Pending> {
    const pending = new Map<string, Pending>();
    const { reports: reportService } = this.deps;
    if (look.reports.byMail && look.madeReport !== null) {
      const { due, pdf } = look.madeReport;
      pending.set(reportMailKey(due.month), { job: reportJob(due.month, due.dueAt), message: () => Promise.resolve(monthlyReportMail({ month: due.month, pdf })) });
    }
    if (look.nudges.byMail) {
      for (const nudge of look.shownNudges) {
        const names = nudge.trackers.map((item) => item.trackerName);
        pending.set(nudgeMailKey(nudge.day, nudge.time), { job: nudgeJob(nudge.day, nudge.time, nudge.dueAt), message: () => Promise.resolve(nudgeMail(nudgeText(names, look.nudges.text))) });
      }
    }
    for (const run of look.runs) {
      if (run.kind !== 'mail' || pending.has(run.key) || run.day === null) continue;
      const report = /^mail:report:(\d{4}-\d{2})$/.exec(run.key);
      const nudge = /^mail:nudge:(\d{4}-\d{2}-\d{2}):(\d{2}:\d{2})$/.exec(run.key);
      const dueAt = new Date(run.dueAt);
      if (report?.[1] !== undefined && look.reports.byMail) {
        const month = report[1];
        pending.set(run.key, {
          job: reportJob(month, dueAt),
          message: async () => monthlyReportMail({ month, pdf: Buffer.from((await reportService.get(look.profileId, month)).pdfBase64, 'base64') }),
        });
      } else if (nudge?.[1] !== undefined && nudge[2] !== undefined && look.nudges.byMail && nudge[1] === look.today) {
        const names = nudgedNames(look.runs, nudge[1], run.dueAt, look.trackerNames);
        pending.set(run.key, { job: nudgeJob(nudge[1], nudge[2], dueAt), message: () => Promise.resolve(nudgeMail(nudgeText(names, look.nudges.text))) });
      }
    }
    return pending;
  }
}

const reportJob = (month: string, dueAt: Date): MailJob => ({ key: reportMailKey(month), dueAt, day: `${month}-01`, what: `the report for ${monthTitle(month)}` });

const nudgeJob = (day: string, time: string, dueAt: Date): MailJob => ({ key: nudgeMailKey(day, time), dueAt, day, what: `the ${time} nudge of ${day}` });

/** The names of the trackers a recorded nudge carried: its runs share the day and due time. */
function nudgedNames(runs: readonly JobRun[], day: string, dueAt: string, names: ReadonlyMap<string, string>): string[] {
  const due = Date.parse(dueAt);
  return runs
    .filter((run) => run.kind === 'nudge' && run.day === day && Date.parse(run.dueAt) === due)
    .map((run) => names.get(run.key.slice(`nudge:${day}:`.length)))
    .filter((name): name is string => name !== undefined);
}

function lastError(runs: readonly JobRun[], key: string): string {
  const failed = runs.filter((run) => run.kind === 'mail' && run.key === key && run.error !== null);
  return failed.at(-1)?.error ?? '';
}
