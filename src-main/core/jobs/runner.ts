/**
 * The job runner: the one place that acts on the decisions of this folder. For an unlocked
 * profile it reads what the decisions need (settings, trackers, the entries of the days
 * asked about, the run record), shows due nudges through the shell's notifier, makes a due
 * monthly report through the shell's printer and saves it, mails either when the person
 * asked for that (jobs/mail-jobs.ts, retried with back-off), and records every outcome with
 * its last check in one write. It never throws from a look: what fails is a recorded run
 * (and what cannot even be recorded is left for the next look, which decides it again).
 *
 * A look at one profile never overlaps another look at it (nor a report made on demand),
 * so a timer and an unlock arriving together cannot nudge twice.
 */
import type { JobRun, Log, Tracker } from '../../../src-preload/contract';
import { AppFailure, fail } from '../errors';
import { DayCalendar } from '../insights/day-calendar';
import { addDays, type Day } from '../insights/days';
import { reportModel } from '../report/report-model';
import { reportHtml } from '../report/report-html';
import { reportMonth } from '../report/report-month';
import { reportPrintOptions } from '../report/report-pdf-options';
import type { SendMailOptions } from '../mail/send-mail';
import type { BackupService } from '../services/backups';
import type { JobRunService } from '../services/job-runs';
import type { Notifier, NudgeAction } from '../services/notifier';
import type { NudgeSnoozes } from '../services/nudge-snoozes';
import { PortFailure } from '../services/port-failure';
import type { Printer } from '../services/printer';
import type { ReportService, SavedReport } from '../services/reports';
import type { SettingsService } from '../services/settings';
import { publicTracker } from '../services/tracker-lookup';
import type { StoredTracker } from '../store/formats';
import type { ProfileDirectory } from '../store/profile-directory';
import type { ProfileStore } from '../store/profile-store';
import type { LastCheck } from './job-input';
import { jobsMayRun } from './locked-profiles';
import { MailJobs } from './mail-jobs';
import { nextCheckAt } from './next-check';
import { nudgeText } from '../../../src-preload/jobs/nudge-text';
import { dueNudges, MISSED_NUDGE_DAYS, type Nudge, type NudgeTracker } from './nudges';
import { backupRun, reportRun, nudgeRuns, type RunResult } from './run-record';
import { dueBackup, type DueBackup } from './backups';
import { dueReport, type DueReport } from './reports';
import { reportKey } from '../../../src-preload/jobs/run-keys';
import { snoozedNudges } from './snoozed-nudges';
import { monthOf } from './wall-clock';

export interface JobRunnerDeps {
  readonly now: () => Date;
  readonly newId: () => string;
  /** The shell's notifier; null where the shell lends none (nudges are then recorded failed, with why). */
  readonly notifier: Notifier | null;
  /** Nudges the person snoozed; left out, nudges offer no "Snooze 1 hour" and nothing comes back. */
  readonly snoozes?: NudgeSnoozes;
  /** The shell's printer; null where the shell lends none (NO_PRINTER). */
  readonly printer: Printer | null;
  readonly directory: ProfileDirectory;
  readonly settings: SettingsService;
  readonly jobRuns: JobRunService;
  readonly reports: ReportService;
  /** Makes the daily backup (jobs/backups.ts decides when); left out, no backup is scheduled. */
  readonly backups?: BackupService;
  /** BCP 47 locale for the report's dates and paper size; the runtime's when left out. */
  readonly locale?: string;
  /** How mail is sent (timeouts, trusted certificates); production defaults when left out. */
  readonly mail?: SendMailOptions;
}

/** What one look did, for the timer (and tests). */
export interface LookResult {
  /** When this profile should be looked at again; null when it could not be read (locked, damaged). */
  readonly nextCheckAt: Date | null;
  /** The runs recorded by this look. */
  readonly runs: readonly JobRun[];
}

const NOTHING: LookResult = { nextCheckAt: null, runs: [] };

const NO_NOTIFIER = 'This app cannot show notifications here.';
const NO_PRINTER = 'This app cannot make a PDF here.';

/** Why something failed, in the person's words where the failure has them. */
function reasonOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.trim() === '' ? 'An unknown error.' : text;
}

const nudgeTracker = (tracker: StoredTracker): NudgeTracker => ({
  id: tracker.id,
  name: tracker.name,
  archived: tracker.archived,
  deleted: tracker.deletedAt !== null,
  createdAt: tracker.createdAt,
  reminder: tracker.reminder,
});

/** The UTC months (`YYYY-MM`, shard names) holding any moment of the days `from`…`to` in any zone. */
function shardMonthsFor(from: Day, to: Day): string[] {
  // A zone is at most 14 hours from UTC: a day's moments lie within the day before and after in UTC.
  const first = addDays(from, -1).slice(0, 7);
  const last = addDays(to, 1).slice(0, 7);
  const months = [first];
  let month = first;
  while (month < last) {
    const next = addDays(`${month}-28`, 7).slice(0, 7);
    months.push(next);
    month = next;
  }
  return months;
}

async function logsOf(store: ProfileStore, trackerId: string, months: readonly string[]): Promise<Log[]> {
  const shards = await Promise.all(months.map((month) => store.shardOnce(trackerId, month)));
  return shards.flatMap((shard) => shard.logs);
}

export class JobRunner {
  /** Per profile, the look (or report) under way: the next waits for it. */
  readonly #turns = new Map<string, Promise<unknown>>();

  readonly #mail: MailJobs;

  constructor(private readonly deps: JobRunnerDeps) {
    this.#mail = new MailJobs({ now: deps.now, newId: deps.newId, reports: deps.reports, options: deps.mail ?? {} });
  }

  /** Run `work` after whatever is under way for the profile; failures do not block the next turn. */
  #inTurn<T>(profileId: string, work: () => Promise<T>): Promise<T> {
    const before = this.#turns.get(profileId) ?? Promise.resolve();
    const turn = before.then(work, work);
    const settled = turn.then(
      () => undefined,
      () => undefined,
    );
    this.#turns.set(profileId, settled);
    void settled.then(() => {
      if (this.#turns.get(profileId) === settled) this.#turns.delete(profileId);
    });
    return turn;
  }

  /** Every look and report under way, settled. */
  async idle(): Promise<void> {
    while (this.#turns.size > 0) await Promise.all(this.#turns.values());
  }

  /**
   * Look at one profile now: show what is due, make what is due, record it all. A locked
   * profile is not looked at (jobs/locked-profiles.ts). Never throws.
   */
  look(profileId: string): Promise<LookResult> {
    return this.#inTurn(profileId, () => this.#look(profileId).catch(() => NOTHING));
  }

  async #look(profileId: string): Promise<LookResult> {
    const { directory, jobRuns, settings } = this.deps;
    const unlocked = directory.unlocked(profileId);
    if (!jobsMayRun(unlocked === null ? 'locked' : 'unlocked') || unlocked === null) return NOTHING;
    const now = this.deps.now();
    const { timeZone, nudges, reports } = settings.get(profileId);
    const store = await unlocked.store();
    const stored = store.trackers.data.trackers;
    const trackers = stored.map(nudgeTracker);
    const record = await jobRuns.read(profileId);
    const runs: JobRun[] = [];
    const shownNudges: Nudge[] = [];
    let madeReport: { due: DueReport; pdf: Uint8Array } | null = null;

    // A decision that refuses its input (damaged data) costs its own job, not the other.
    try {
      const calendar = new DayCalendar(timeZone);
      const today = calendar.dayOf(now.getTime());
      const entryDays = await this.#entryDays(store, stored, calendar, addDays(today, -MISSED_NUDGE_DAYS), today);
      const decision = dueNudges({
        now,
        timeZone,
        nudges,
        trackers,
        runs: record.runs,
        lastCheck: record.lastCheck,
        hasEntryOn: (trackerId, day) => entryDays.get(trackerId)?.has(day) ?? false,
      });
      for (const nudge of decision.missed) runs.push(...nudgeRuns(nudge, { outcome: 'missed', ranAt: now }, this.deps.newId));
      const yesNo = new Set(stored.filter((tracker) => tracker.settings.type === 'boolean').map((tracker) => tracker.id));
      for (const nudge of decision.show) {
        runs.push(...nudgeRuns(nudge, await this.#show(profileId, nudge, nudges.text, yesNo), this.deps.newId));
        shownNudges.push(nudge);
      }
      const snoozes = this.deps.snoozes;
      if (snoozes !== undefined) {
        const ended = snoozes.takeDueOf(profileId, now.getTime());
        const returning = snoozedNudges({ ended, enabled: nudges.enabled, calendar, today, trackers: stored, entryDays, runs: [...record.runs, ...runs] });
        // Not mailed: the day's mail went with the nudge itself.
        for (const nudge of returning) runs.push(...nudgeRuns(nudge, await this.#show(profileId, nudge, nudges.text, yesNo), this.deps.newId));
      }
    } catch {
      // Nothing recorded for nudges: the next look decides them again.
    }

    try {
      const decision = dueReport({ now, timeZone, reports, profileCreatedAt: unlocked.details.data.createdAt, runs: record.runs, lastCheck: record.lastCheck });
      for (const missed of decision.missed) runs.push(reportRun(missed, { outcome: 'missed', ranAt: now }, this.deps.newId()));
      if (decision.make !== null) {
        const made = await this.#scheduledReport(profileId, store, decision.make);
        runs.push(reportRun(decision.make, made.result, this.deps.newId()));
        if (made.pdf !== null) madeReport = { due: decision.make, pdf: made.pdf };
      }
    } catch {
      // As for nudges.
    }

    const backups = this.deps.backups;
    if (backups !== undefined) {
      try {
        const due = dueBackup(now, timeZone, await backups.settings(profileId), [...record.runs, ...runs], record.lastCheck);
        if (due !== null) runs.push(await this.#scheduledBackup(profileId, backups, due));
      } catch {
        // As for nudges.
      }
    }

    // After the report is saved and the nudges shown: a slow mail server delays only the mail.
    // Nothing in it may cost the runs already made: they must be recorded, or they repeat.
    const mail = await Promise.resolve()
      .then(() =>
        this.#mail.run({
          profileId,
          dataKey: unlocked.dataKey,
          settings: settings.mailOf(profileId),
          nudges,
          reports,
          runs: [...record.runs, ...runs],
          madeReport,
          shownNudges,
          trackerNames: new Map(stored.map((tracker) => [tracker.id, tracker.name])),
          today: new DayCalendar(timeZone).dayOf(now.getTime()),
        }),
      )
      .catch(() => ({ runs: [], wakeAt: null }));
    runs.push(...mail.runs);

    const lastCheck: LastCheck = { at: now, timeZone };
    await jobRuns.record(profileId, runs, lastCheck);
    const next = nextCheckAt({ now: this.deps.now(), timeZone, nudges, reports, trackers, runs: [...record.runs, ...runs] });
    // A mail waiting for its retry wakes the runner then, not at the next hourly look.
    const mailWake = mail.wakeAt !== null && mail.wakeAt < next ? mail.wakeAt : next;
    // A snooze ends between the hourly looks: wake for it. One already past (its look failed before taking it) waits for the next look rather than spinning the timer.
    const snoozeEnd = this.deps.snoozes?.nextEndOf(profileId) ?? null;
    const wake = snoozeEnd !== null && snoozeEnd > now.getTime() && snoozeEnd < mailWake.getTime() ? new Date(snoozeEnd) : mailWake;
    return { nextCheckAt: wake, runs };
  }

  /** For each tracker with a reminder, the days `from`…`to` (in `calendar`) on which it has an entry: only the shards of those days are read. */
  async #entryDays(store: ProfileStore, trackers: readonly StoredTracker[], calendar: DayCalendar, from: Day, to: Day): Promise<Map<string, Set<Day>>> {
    const months = shardMonthsFor(from, to);
    const days = new Map<string, Set<Day>>();
    for (const tracker of trackers) {
      if (!tracker.reminder.enabled || tracker.archived || tracker.deletedAt !== null) continue;
      const logs = await logsOf(store, tracker.id, months);
      days.set(tracker.id, new Set(logs.map((log) => calendar.dayOf(log.at))));
    }
    return days;
  }

  async #show(profileId: string, nudge: Nudge, text: 'names' | 'generic', yesNo: ReadonlySet<string>): Promise<RunResult> {
    const notifier = this.deps.notifier;
    if (notifier === null) return { outcome: 'failed', ranAt: this.deps.now(), error: `Not shown: ${NO_NOTIFIER}` };
    const { title, body } = nudgeText(
      nudge.trackers.map((item) => item.trackerName),
      text,
    );
    const trackerIds = nudge.trackers.map((item) => item.trackerId);
    // "Snooze 1 hour" only where a snooze comes back (a runner given `snoozes`).
    const actions: NudgeAction[] = [...(this.deps.snoozes === undefined ? [] : ['snooze' as const]), ...(trackerIds.every((id) => yesNo.has(id)) ? ['done-for-today' as const] : [])];
    try {
      const delivery = await notifier.notify({ profileId, title, body, trackerIds, actions });
      return delivery.shown ? { outcome: 'done', ranAt: this.deps.now() } : { outcome: 'failed', ranAt: this.deps.now(), error: `Not shown: ${delivery.reason}` };
    } catch (error) {
      return { outcome: 'failed', ranAt: this.deps.now(), error: `Not shown: ${reasonOf(error)}` };
    }
  }

  async #scheduledReport(profileId: string, store: ProfileStore, due: DueReport): Promise<{ result: RunResult; pdf: Uint8Array | null }> {
    try {
      const { pdf } = await this.#makeAndSave(profileId, store, due.month);
      return { result: { outcome: 'done', ranAt: this.deps.now() }, pdf };
    } catch (error) {
      return { result: { outcome: 'failed', ranAt: this.deps.now(), error: reasonOf(error) }, pdf: null };
    }
  }

  /** The day's backup, `done` with its name and size or `failed` with why; never throws. */
  async #scheduledBackup(profileId: string, backups: BackupService, due: DueBackup): Promise<JobRun> {
    try {
      const made = await backups.backupNow(profileId, 'scheduled');
      return backupRun(due, { outcome: 'done', ranAt: this.deps.now() }, this.deps.newId(), { name: made.name, size: made.size, manual: false });
    } catch (error) {
      return backupRun(due, { outcome: 'failed', ranAt: this.deps.now(), error: reasonOf(error) }, this.deps.newId(), null);
    }
  }

  /** Model → HTML → PDF → saved. NO_PRINTER / PRINT_FAILED as AppFailures, so an operation can answer them. */
  async #makeAndSave(profileId: string, store: ProfileStore, month: string): Promise<{ saved: SavedReport; pdf: Uint8Array }> {
    const printer = this.deps.printer;
    if (printer === null) return fail('NO_PRINTER', NO_PRINTER);
    const html = await this.#reportHtml(profileId, store, month);
    let pdf: Uint8Array;
    try {
      pdf = await printer.printPdf(html, reportPrintOptions(this.deps.locale));
    } catch (error) {
      if (error instanceof PortFailure && error.code === 'NO_PRINTER') return fail('NO_PRINTER', error.message);
      return fail('PRINT_FAILED', error instanceof PortFailure ? error.message : `The report could not be printed to PDF: ${reasonOf(error)}`);
    }
    return { saved: await this.deps.reports.save(profileId, month, pdf, this.deps.now()), pdf };
  }

  /** The month's report as one HTML document: its model from the trackers not in the trash and their logs of this month and the one before. */
  async #reportHtml(profileId: string, store: ProfileStore, month: string): Promise<string> {
    const unlocked = this.deps.directory.requireUnlocked(profileId);
    const days = reportMonth(month);
    const shardMonths = shardMonthsFor(days.previousFirst, days.last);
    const trackers: { tracker: Tracker; logs: Log[] }[] = [];
    for (const stored of store.trackers.data.trackers) {
      if (stored.deletedAt !== null) continue;
      trackers.push({ tracker: publicTracker(stored), logs: await logsOf(store, stored.id, shardMonths) });
    }
    const locale = this.deps.locale;
    return reportHtml(
      reportModel({
        profileName: unlocked.details.data.name,
        month,
        timeZone: this.deps.settings.timeZoneOf(profileId),
        trackers,
        now: this.deps.now(),
        ...(locale === undefined ? {} : { locale }),
      }),
    );
  }

  /** RANGE_INVALID unless `month` is over in the profile's zone: a report of a month under way would be wrong tomorrow. */
  #requireMonthOver(profileId: string, month: string): void {
    const calendar = new DayCalendar(this.deps.settings.timeZoneOf(profileId));
    if (reportMonth(month).month >= monthOf(calendar.dayOf(this.deps.now().getTime()))) fail('RANGE_INVALID', `The report for ${month} can be made once the month is over.`, 'month');
  }

  /**
   * Make the report of a past month now, on demand (the Reports page), replacing one saved
   * before; recorded as a `done` run so the schedule does not make it again. Fails as an
   * operation fails: RANGE_INVALID for a month not yet over, NO_PRINTER, PRINT_FAILED —
   * nothing is saved or recorded then.
   */
  makeReport(profileId: string, month: string): Promise<SavedReport> {
    return this.#inTurn(profileId, async () => {
      const unlocked = this.deps.directory.requireUnlocked(profileId);
      this.#requireMonthOver(profileId, month);
      const now = this.deps.now();
      const { saved } = await this.#makeAndSave(profileId, await unlocked.store(), month);
      const due: DueReport = { month, key: reportKey(month), dueAt: now };
      try {
        await this.deps.jobRuns.record(profileId, [reportRun(due, { outcome: 'done', ranAt: this.deps.now() }, this.deps.newId())]);
      } catch (error) {
        // The report is saved, which is what was asked; the record is for Activity and the schedule.
        if (!(error instanceof AppFailure)) throw error;
      }
      return saved;
    });
  }

  /**
   * The report of a past month as HTML, for the browser to print where this app cannot make a
   * PDF. Saves and records nothing. RANGE_INVALID for a month not yet over.
   */
  reportPage(profileId: string, month: string): Promise<string> {
    return this.#inTurn(profileId, async () => {
      const unlocked = this.deps.directory.requireUnlocked(profileId);
      this.#requireMonthOver(profileId, month);
      return this.#reportHtml(profileId, await unlocked.store(), month);
    });
  }
}
