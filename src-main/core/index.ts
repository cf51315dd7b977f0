/**
 * The core's front door: everything a shell needs to run the product over one data folder.
 * `openCore` takes the data-folder lock and returns the contract's handlers; nothing is read
 * until a handler needs it (a profile's trackers on first use, a tracker's logs when listed).
 */
import { randomUUID } from 'node:crypto';
import type { AppError, Method, ParsedInput, Profile } from '../../src-preload/contract';
import type { HandlerContext, Handlers } from './dispatch';
import type { Operations, SessionBound } from '../../src-preload/operations';
import { guardAccess } from './access-guard';
import { AppFailure } from './errors';
import { createHandlers } from './handlers';
import { machineOffsetMinutes } from './domain/log-time';
import { AccessTokenService } from './services/access-tokens';
import { AccountService } from './services/accounts';
import { BackupService } from './services/backups';
import { recoverRestores } from './backups/install-backup';
import { CsvService } from './services/csv';
import type { Keychain } from './services/keychain';
import type { JobListener } from './services/job-progress';
import { LoginThrottle } from './services/login-throttle';
import { InsightService } from './services/insights';
import { JobRunService } from './services/job-runs';
import { JobTimer } from './jobs/job-timer';
import { JobRunner } from './jobs/runner';
import type { Notifier } from './services/notifier';
import type { NudgeSnoozes } from './services/nudge-snoozes';
import type { Printer } from './services/printer';
import { ReportService } from './services/reports';
import { TestMailService } from './services/test-mail';
import type { SendMailOptions } from './mail/send-mail';
import { LogService } from './services/logs';
import { PRODUCTION_SCRYPT, type ScryptParams } from './services/secrets';
import { SettingsService } from './services/settings';
import { Summaries } from './services/summaries';
import { TimerService } from './services/timers';
import { TrackerService } from './services/trackers';
import { createAtomicWriter } from './store/atomic-writer';
import { acquireDataFolderLock, type DataFolderLock } from './store/data-folder-lock';
import { nodeFs, type FsPort } from './store/fs-port';
import { KeyedQueue } from './store/keyed-queue';
import { dataLayout } from './store/layout';
import { ProfileDirectory } from './store/profile-directory';

export { defaultDataDir, type DataDirContext } from './store/default-data-dir';
export { acquireDataFolderLock, type DataFolderLock } from './store/data-folder-lock';
export { dataLayout, monthOf, type DataLayout } from './store/layout';
export { encodeLogShard, encodeTrackersFile, type StoredLog } from './store/formats';
export { PRODUCTION_SCRYPT, type ScryptParams } from './services/secrets';
export { FOLDER_MODE, nodeFs, type FsPort } from './store/fs-port';
export { removeOrphanedTemps, tempFileFor } from './store/temp-files';
export type { Keychain, KeychainAvailability } from './services/keychain';
export { openProfileCodec } from './store/profile-codec';
export type { FileCodec } from './store/file-codec';
export { isIdleExpired, idleLimitMinutes, LOCKED_FOR_INACTIVITY } from './services/session-idle';

export interface CoreOptions {
  /** The app's data folder; one sub-folder per profile lives under it. */
  readonly dataDir: string;
  /** The clock; tests pass a fixed one. */
  readonly now?: () => Date;
  /** The machine's UTC offset in minutes at a moment (east positive); default: the OS time zone. */
  readonly localOffsetMinutes?: (moment: Date) => number;
  /** scrypt cost for new key slots; default PRODUCTION_SCRYPT. Tests pass a cheap one (N=2^10). */
  readonly scrypt?: ScryptParams;
  /** File-system port for data files; tests inject failures through it. */
  readonly fs?: FsPort;
  /** Entries per part of a chunked logs export; default PART_ROWS (tests make parts small). */
  readonly exportRowsPerPart?: number;
  /**
   * Journal records between checkpoints (default 1,000; profile-journal.ts). Tests set it
   * low so checkpoints come often, and a kill can land in one.
   */
  readonly journalRecordsPerCheckpoint?: number;
  /**
   * The quiet moment before a checkpoint, in ms (default 2,000; profile-journal.ts). Tests
   * set it long so the files stay behind the journal, as a kill would leave them.
   */
  readonly journalQuietMs?: number;
  /** New ids; default `crypto.randomUUID`. */
  readonly newId?: () => string;
  /** Where "stay unlocked on this computer" keeps data keys; only the desktop shell has one. */
  readonly keychain?: Keychain;
  /**
   * The shell's ports for the background jobs (issue 12). Given, the core looks for due
   * nudges and reports on a timer and when a profile unlocks; left out (tests, benchmarks),
   * nothing runs on its own and a report made on demand answers NO_PRINTER.
   */
  readonly jobs?: { readonly notifier: Notifier | null; readonly printer: Printer | null; readonly snoozes?: NudgeSnoozes };
  /** Told every change of a long job's progress (see job-progress.ts). */
  readonly onJobProgress?: JobListener;
  /**
   * How mail is sent: tests shorten the timeouts and trust their loopback server's
   * self-signed certificate here. Left out, the production waits (DEFAULT_MAIL_TIMEOUTS)
   * and only the system's certificate roots; certificate checks cannot be turned off.
   */
  readonly mail?: SendMailOptions;
  /**
   * The data-folder lock is already held by this process's core host (host/core-host.ts),
   * which keeps it across restarts of the core's worker; the core then neither takes nor
   * releases it. Without it the core takes the lock itself.
   */
  readonly folderLockHeldByHost?: boolean;
  /**
   * Encrypt profile files at rest (default true). False only for the benchmark that
   * measures what encryption costs; no shell sets it.
   */
  readonly encryptAtRest?: boolean;
  /** The app's version, written into every backup's manifest; the shells pass theirs. */
  readonly appVersion?: string;
}

export interface Core {
  readonly handlers: Handlers;
  /**
   * The record of job runs, for the runner that makes them (and tests, until it exists):
   * `record` adds runs to an unlocked profile's jobs.json, `list` pages through it.
   */
  readonly jobRuns: JobRunService;
  /** The job runner (jobs/runner.ts): `look` at a profile, `makeReport`, `idle` until looks under way are done. */
  readonly jobs: JobRunner;
  /** Forget a profile's data key (a shell's idle lock); its sessions answer SESSION_LOCKED. */
  lockProfile(profileId: string): void;
  /**
   * What a call of `method` with a personal access token would be refused with (401/403
   * codes), or null: the browser shell asks before reading a body. The call itself is
   * checked again (access-guard.ts).
   */
  checkAccess(profileId: string, accessToken: string, method: Method): Promise<AppError | null>;
  /** The profile's auto-lock minutes while it is unlocked (0 = never), else null. */
  autoLockMinutes(profileId: string): number | null;
  /**
   * Open a profile with its remembered key ("stay unlocked", desktop only) without an
   * operation: the desktop shell starts its session with the answer. Null when none is kept.
   */
  unlockRemembered(profileId: string): Promise<Profile | null>;
  /**
   * Read the profile's dashboard in the background (see warm-up.ts); the shells call it
   * when a profile opens. Failures are left for the page's own request to report.
   */
  warmUp(profileId: string): void;
  /** Look at every unlocked profile's jobs now (the machine woke), then sleep until the next check. Nothing without `jobs`. */
  lookForJobs(): void;
  /**
   * Checkpoint every open profile's journal: its month shards and summaries.json then hold
   * every acknowledged write (for tools and tests that read the files).
   */
  checkpoint(): Promise<void>;
  /**
   * Resolves once no checkpoint is writing its files: a checkpoint begins in the profile's
   * queue and writes outside it (for tests that wait for one the core started).
   */
  checkpointsSettled(): Promise<void>;
  /** Flush pending writes, checkpoint every open profile, and release the data-folder lock. */
  close(): Promise<void>;
}

/** The host releases the lock it holds when it closes. */
const HELD_BY_HOST: DataFolderLock = { release: () => Promise.resolve() };

export async function openCore(options: CoreOptions): Promise<Core> {
  const fs = options.fs ?? nodeFs;
  const layout = dataLayout(options.dataDir);
  await fs.mkdir(layout.dataDir, { recursive: true });
  const lock: DataFolderLock = options.folderLockHeldByHost === true ? HELD_BY_HOST : await acquireDataFolderLock(layout.lockFile);

  const writer = createAtomicWriter(fs);
  const profileQueue = new KeyedQueue();
  const directory = new ProfileDirectory({ layout, fs, writer, encrypt: options.encryptAtRest ?? true, queue: profileQueue, recordsPerCheckpoint: options.journalRecordsPerCheckpoint, quietMs: options.journalQuietMs });
  await directory.tidyDataFolder();
  // A restore a crash cut short: its profile folder is put back before anything reads it.
  await recoverRestores(layout.profilesDir);
  const accountQueue = new KeyedQueue();
  const now = options.now ?? (() => new Date());
  const newId = options.newId ?? (() => randomUUID());
  const keychain = options.keychain ?? null;
  const throttle = new LoginThrottle(() => now().getTime());
  const settings = new SettingsService({ directory, queue: accountQueue, keychain });
  const summaries = new Summaries();
  const localOffsetMinutes = options.localOffsetMinutes ?? machineOffsetMinutes;
  // Days, streaks and targets are counted in the profile's own time zone (its settings).
  const timeZoneOf = (profileId: string) => settings.timeZoneOf(profileId);
  const logs = new LogService({ directory, queue: profileQueue, now, newId, localOffsetMinutes, summaries, timeZoneOf });
  const jobRuns = new JobRunService({ directory, queue: profileQueue, now });
  const backups = new BackupService({
    directory,
    queue: profileQueue,
    accountQueue,
    fs,
    writer,
    now,
    newId,
    appVersion: options.appVersion ?? 'unknown',
    throttle,
    jobRuns,
    timeZoneOf,
    encrypt: options.encryptAtRest ?? true,
  });
  const services = {
    accounts: new AccountService({ directory, queue: accountQueue, scrypt: options.scrypt ?? PRODUCTION_SCRYPT, now, newId, throttle, keychain }),
    settings,
    trackers: new TrackerService({ directory, queue: profileQueue, now, newId, summaries }),
    logs,
    timers: new TimerService({ directory, queue: profileQueue, now, newId, localOffsetMinutes, logs }),
    insights: new InsightService({ directory, queue: profileQueue, now, summaries, timeZoneOf }),
    csv: new CsvService({ directory, queue: profileQueue, now, newId, summaries, timeZoneOf, rowsPerPart: options.exportRowsPerPart, onJobProgress: options.onJobProgress }),
    jobRuns,
    backups,
    reports: new ReportService({ directory, queue: profileQueue }),
    testMail: new TestMailService({ settings, mail: options.mail ?? {} }),
    accessTokens: new AccessTokenService({ directory, queue: accountQueue, now, newId }),
  };
  const runner = new JobRunner({
    now,
    newId,
    notifier: options.jobs?.notifier ?? null,
    printer: options.jobs?.printer ?? null,
    ...(options.jobs?.snoozes === undefined ? {} : { snoozes: options.jobs.snoozes }),
    directory,
    settings,
    jobRuns: services.jobRuns,
    reports: services.reports,
    backups,
    mail: options.mail ?? {},
  });
  const timer = options.jobs === undefined ? null : new JobTimer({ runner, unlockedIds: () => directory.unlockedIds(), now });
  // A profile that unlocks is looked at once (its catch-up), again after a change to its schedule, and otherwise by the timer.
  const lookAfterUnlock = (profileId: string): void => void timer?.lookAt(profileId);

  let closed = false;
  // The access guard is the outermost but one: no caller reaches a handler without it.
  const guarded = guardAccess(lookingAfterChanges(createHandlers({ ...services, jobs: runner }), lookAfterUnlock), { tokens: services.accessTokens, directory });
  const handlers = refuseAfterClose(guarded, () => closed);
  void timer?.lookAll();
  const warming = new Set<Promise<void>>();
  return {
    handlers,
    jobRuns: services.jobRuns,
    jobs: runner,
    lockProfile: (profileId) => void services.accounts.lock(profileId),
    checkAccess: (profileId, accessToken, method) => (closed ? Promise.resolve(null) : services.accessTokens.check(profileId, accessToken, method)),
    autoLockMinutes: (profileId) => settings.autoLockMinutesOf(profileId),
    async unlockRemembered(profileId) {
      const profile = await services.accounts.unlockRemembered(profileId);
      if (profile !== null) lookAfterUnlock(profileId);
      return profile;
    },
    lookForJobs() {
      if (!closed) void timer?.lookAll();
    },
    warmUp(profileId) {
      if (closed) return;
      const run = Promise.all([services.insights.dashboard(profileId), services.timers.list(profileId)]).then(
        () => undefined,
        () => undefined,
      );
      warming.add(run);
      void run.then(() => warming.delete(run));
    },
    checkpoint: () => directory.checkpointAll(),
    checkpointsSettled: () => directory.checkpointsSettled(),
    async close() {
      if (closed) return;
      closed = true;
      // A warm-up may still have to enter the queue (and could rebuild a summary): wait for it.
      await Promise.all(warming);
      await timer?.close();
      services.accessTokens.close();
      await runner.idle();
      await Promise.all([accountQueue.idle(), profileQueue.idle()]);
      await directory.closeAll();
      await writer.idle();
      await lock.release();
    },
  };
}

/**
 * Operations after which a profile's schedule may have moved: a time, a tracker's reminder,
 * the set of trackers, or the mail settings a waiting retry depends on. Without a look right
 * after them a change would wait for the timer, up to an hour: a nudge time set to ten
 * minutes from now would come late.
 */
const SCHEDULE_CHANGES = ['updateSettings', 'createTracker', 'updateTracker', 'restoreTracker', 'updateMailSettings'] as const satisfies readonly SessionMethod[];

/** The operations whose handlers always know the caller's profile. */
type SessionMethod = { [M in Method]: Operations[M]['session'] extends SessionBound ? M : never }[Method];

/**
 * The handlers, with `look(profileId)` called after every successful log-in (the profile
 * just unlocked: its catch-up) and every successful schedule change.
 */
function lookingAfterChanges(handlers: Handlers, look: (profileId: string) => void): Handlers {
  const looking: Record<string, unknown> = {
    ...handlers,
    logIn: async (input: ParsedInput<'logIn'>, ctx: HandlerContext<'logIn'>) => {
      const output = await handlers.logIn(input, ctx);
      look(output.profile.id);
      return output;
    },
  };
  for (const method of SCHEDULE_CHANGES) {
    const handler = handlers[method] as (input: unknown, ctx: { readonly profileId: string }) => Promise<unknown>;
    looking[method] = async (input: unknown, ctx: { readonly profileId: string }) => {
      const output = await handler(input, ctx);
      look(ctx.profileId);
      return output;
    };
  }
  return looking as Handlers;
}

/** After `close` the lock is gone, so a late call must not write. */
function refuseAfterClose(handlers: Handlers, isClosed: () => boolean): Handlers {
  const guarded: Record<string, unknown> = {};
  for (const [method, handler] of Object.entries(handlers) as [string, (input: unknown, ctx: unknown) => Promise<unknown>][]) {
    guarded[method] = (input: unknown, ctx: unknown) => {
      if (isClosed()) return Promise.reject(new AppFailure('CORE_CLOSED', 'Quantified Self is closing; try again in a moment.'));
      return handler(input, ctx);
    };
  }
  return guarded as Handlers;
}
