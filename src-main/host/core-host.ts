/**
 * The core's host: runs the core in a worker thread and is the shell's `CoreClient`. Both
 * shells use it — the desktop app's main thread (windows, tray, menus, IPC) and the browser
 * shell's thread (HTTP) — so neither ever waits on a file read, an export or an import check.
 *
 * The host holds the data-folder lock for the life of the process, so a worker that dies
 * is replaced without another process slipping in between. Calls in flight when it dies are
 * answered CORE_RESTARTED (a write acknowledged before was durable: the core acknowledges
 * only after its files are synced); the new worker starts with every profile locked, so
 * sessions end and the person logs in again. A worker that keeps dying is not restarted
 * for ever: after MAX_RESTARTS within RESTART_WINDOW_MS calls answer CORE_STOPPED.
 *
 * Two things are answered here rather than in the worker, because they must not wait for
 * it: a profile's auto-lock minutes (the shells' idle checks are synchronous; the worker
 * reports them with every answer) and `jobProgress` (polled while the worker is busy with
 * the very job it asks about; the worker publishes every change).
 */
import { mkdir } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import type { AppError, JobView, Method, Profile, Result } from '../../src-preload/contract';
import type { Dispatched, Session } from '../core/dispatch';
import { AppFailure } from '../core/errors';
import { acquireDataFolderLock, dataLayout, FOLDER_MODE, type DataFolderLock } from '../core/index';
import type { ErrorCode } from '../core/errors';
import type { AutoLockNote, Controls, ControlName, FromWorker, PortCall, ShellPorts, ToWorker, WorkerSetup } from './channel';
import type { CoreClient } from './core-client';
import { answerPortCall } from './port-calls';
import { answerProgress } from './progress-answer';

/** Bodies from this size on are moved to the worker, not copied. */
const TRANSFER_FROM_BYTES = 64 * 1024;

/** Restarts allowed within RESTART_WINDOW_MS before the host gives up. */
export const MAX_RESTARTS = 3;
export const RESTART_WINDOW_MS = 60_000;

export interface CoreHostOptions extends Omit<WorkerSetup, 'ports'> {
  /**
   * The worker's script: the built `core-worker.js`, which each shell's entry names beside
   * itself (shared code lands in a chunk folder, so only an entry knows where it is); or a
   * function making the worker (tests run the TypeScript sources and kill workers through it).
   */
  readonly worker: URL | ((setup: WorkerSetup) => Worker);
  /** Capabilities the shell lends the core (the desktop app's keychain; a notifier and a printer). */
  readonly ports?: Partial<ShellPorts>;
  /** Told when the worker died and a new one took over (or, `stopped`, when none will). */
  readonly onRestart?: (event: RestartEvent) => void;
  /** Told every change of a long job's progress (null: it is over), as the worker publishes it. */
  readonly onProgress?: (profileId: string, job: JobView | null) => void;
  readonly now?: () => number;
}

export interface RestartEvent {
  /** What ended the old worker, for the log. */
  readonly reason: string;
  /** True when the host gave up: it will not start another worker. */
  readonly stopped: boolean;
}


interface Pending {
  readonly settle: (message: Extract<FromWorker, { kind: 'answer' } | { kind: 'control-answer' }> | null) => void;
}

const failure = (code: ErrorCode, message: string): Result<never> => ({ ok: false, error: { code, message } });
const RESTARTED = failure('CORE_RESTARTED', 'Quantified Self’s engine stopped unexpectedly and was restarted. Check whether your last change was saved, then try again (you may need to log in again).');
const STOPPED = failure('CORE_STOPPED', 'Quantified Self’s engine keeps stopping, so it was not started again. Quit the app and start it again; the log has the details.');
const CLOSED = failure('CORE_CLOSED', 'Quantified Self is closing; try again in a moment.');

/** One worker and what is waiting on it. */
interface Generation {
  readonly worker: Worker;
  readonly pending: Map<number, Pending>;
  /** Settles once the core in it is open (or could not open). */
  readonly opened: Promise<void>;
  exited: boolean;
}

export class CoreHost implements CoreClient {
  readonly #setup: WorkerSetup;
  readonly #options: CoreHostOptions;
  readonly #lock: DataFolderLock;
  readonly #autoLocks = new Map<string, number | null>();
  readonly #progress = new Map<string, JobView>();
  readonly #crashTimes: number[] = [];
  #generation: Generation;
  #nextId = 0;
  /** `starting`: the first worker is opening; one that dies then fails the start, unreplaced. */
  #state: 'starting' | 'running' | 'stopped' | 'closing' | 'closed' = 'starting';

  private constructor(options: CoreHostOptions, lock: DataFolderLock) {
    this.#options = options;
    this.#lock = lock;
    this.#setup = {
      dataDir: options.dataDir,
      ports: Object.keys(options.ports ?? {}) as (keyof ShellPorts)[],
      ...(options.scrypt === undefined ? {} : { scrypt: options.scrypt }),
      ...(options.exportRowsPerPart === undefined ? {} : { exportRowsPerPart: options.exportRowsPerPart }),
    };
    this.#generation = this.#spawn();
  }

  /** Take the data-folder lock and open the core in its worker; fails as opening the core fails. */
  static async start(options: CoreHostOptions): Promise<CoreHost> {
    await mkdir(options.dataDir, { recursive: true, mode: FOLDER_MODE });
    const lock = await acquireDataFolderLock(dataLayout(options.dataDir).lockFile);
    const host = new CoreHost(options, lock);
    try {
      await host.#generation.opened;
    } catch (error) {
      await host.#stopWorker();
      await lock.release();
      throw error;
    }
    host.#state = 'running';
    return host;
  }

  async dispatch(method: Method, input: unknown, session: Session | null): Promise<Dispatched> {
    // A personal access token is proven only in the worker, so its poll goes there too.
    if (method === 'jobProgress' && session?.accessToken === undefined) return answerProgress(input, session, (profileId) => this.#progress.get(profileId) ?? null);
    return this.#call((id) => ({ kind: 'call', id, method, input, session }));
  }

  /**
   * A large body's memory is handed to the worker rather than copied (the server reads each
   * body into a buffer of its own); a small one, perhaps in Node's shared pool, is copied.
   */
  async dispatchJson(method: Method, body: Uint8Array, params: Readonly<Record<string, string>>, session: Session | null): Promise<Dispatched> {
    const own = body.byteOffset === 0 && body.byteLength === body.buffer.byteLength && body.byteLength >= TRANSFER_FROM_BYTES && body.buffer instanceof ArrayBuffer;
    return this.#call((id) => ({ kind: 'call-json', id, method, body, params, session }), own ? [body.buffer as ArrayBuffer] : []);
  }

  autoLockMinutes(profileId: string): number | null {
    return this.#autoLocks.get(profileId) ?? null;
  }

  lockProfile(profileId: string): void {
    this.#autoLocks.set(profileId, null);
    void this.#control('lockProfile', { profileId });
  }

  /** The refusal a call with this personal access token would get, or null (Core.checkAccess). */
  async checkAccess(session: Session, method: Method): Promise<AppError | null> {
    if (session.accessToken === undefined) return null;
    const answer = await this.#control('checkAccess', { profileId: session.profileId, accessToken: session.accessToken, method });
    // No answer (the worker died, the host closes): the call that follows says why.
    return (answer as AppError | null | undefined) ?? null;
  }

  /** Open a profile with its remembered key (desktop "stay unlocked"); null when none opens it. */
  async unlockRemembered(profileId: string): Promise<Profile | null> {
    return ((await this.#control('unlockRemembered', { profileId })) as Profile | null | undefined) ?? null;
  }

  /** Read the profile's dashboard ahead of the page (see core/warm-up.ts). */
  warmUp(profileId: string): void {
    void this.#control('warmUp', { profileId });
  }

  /**
   * The person snoozed a nudge (channel.ts, "Nudges and the way back"): the job runner holds
   * these trackers' nudges back until `until` (ms since the epoch), then nudges again.
   */
  async snoozeNudge(profileId: string, trackerIds: readonly string[], until: number): Promise<void> {
    await this.#control('snoozeNudge', { profileId, trackerIds: [...trackerIds], until });
  }

  /**
   * The machine woke from sleep: its timers ran late (a sleeping machine's clock moves on,
   * a timer's does not), so the job runner looks now rather than up to an hour later.
   */
  lookForJobs(): void {
    void this.#control('lookForJobs', {});
  }

  /** Let pending writes land, end the worker and release the data-folder lock. */
  async close(): Promise<void> {
    if (this.#state === 'closing' || this.#state === 'closed') return;
    const wasRunning = this.#state === 'running';
    this.#state = 'closing';
    if (wasRunning) await this.#control('close', {}, true);
    await this.#stopWorker();
    await this.#lock.release();
    this.#state = 'closed';
  }

  #spawn(): Generation {
    const make = this.#options.worker;
    const worker = make instanceof URL ? new Worker(make, { workerData: this.#setup }) : make(this.#setup);
    let resolveOpened!: () => void;
    let rejectOpened!: (error: Error) => void;
    const opened = new Promise<void>((resolve, reject) => {
      resolveOpened = resolve;
      rejectOpened = reject;
    });
    // A worker that dies before it opens rejects `opened`; nobody may be listening yet.
    opened.catch(() => undefined);
    const generation: Generation = { worker, pending: new Map(), opened, exited: false };
    worker.on('message', (message: FromWorker) => {
      switch (message.kind) {
        case 'opened':
          return resolveOpened();
        case 'open-failed':
          return rejectOpened(new AppFailure((message.code ?? 'INTERNAL') as ErrorCode, message.message));
        case 'answer':
        case 'control-answer':
          this.#noteAutoLocks(message.autoLocks);
          generation.pending.get(message.id)?.settle(message);
          generation.pending.delete(message.id);
          return;
        case 'port-call':
          return void this.#answerPortCall(worker, message);
        case 'progress':
          if (message.job === null) this.#progress.delete(message.profileId);
          else this.#progress.set(message.profileId, message.job);
          this.#options.onProgress?.(message.profileId, message.job);
          return;
      }
    });
    let reason = 'the worker ended';
    worker.on('error', (error) => {
      reason = error instanceof Error ? (error.stack ?? error.message) : String(error);
    });
    worker.on('exit', (code) => {
      generation.exited = true;
      rejectOpened(new AppFailure('CORE_STOPPED', `The core's worker ended before it opened (exit code ${code}).`));
      for (const pending of generation.pending.values()) pending.settle(null);
      generation.pending.clear();
      if (this.#generation === generation && this.#state === 'running') this.#replace(`${reason} (exit code ${code})`);
    });
    return generation;
  }

  /** The worker died while the host was running: start another, or give up if it keeps dying. */
  #replace(reason: string): void {
    const now = (this.#options.now ?? Date.now)();
    this.#crashTimes.push(now);
    while (this.#crashTimes.length > 0 && now - (this.#crashTimes[0] ?? now) > RESTART_WINDOW_MS) this.#crashTimes.shift();
    // The new worker has every profile locked and no job running.
    this.#autoLocks.clear();
    this.#progress.clear();
    if (this.#crashTimes.length > MAX_RESTARTS) {
      this.#state = 'stopped';
      this.#options.onRestart?.({ reason, stopped: true });
      return;
    }
    this.#generation = this.#spawn();
    this.#options.onRestart?.({ reason, stopped: false });
  }

  /** Send a message to the current worker once its core is open; null when it died first. */
  async #send(make: (id: number) => ToWorker, evenWhileClosing = false, transfer: readonly ArrayBuffer[] = []): Promise<Extract<FromWorker, { kind: 'answer' } | { kind: 'control-answer' }> | null> {
    const open = this.#state === 'running' || this.#state === 'starting';
    if (!open && !(evenWhileClosing && this.#state === 'closing')) return null;
    const generation = this.#generation;
    try {
      await generation.opened;
    } catch {
      return null;
    }
    if (generation.exited) return null;
    const id = (this.#nextId += 1);
    return new Promise((resolve) => {
      generation.pending.set(id, { settle: resolve });
      generation.worker.postMessage(make(id), [...transfer]);
    });
  }

  /** An operation's answer; without one (the worker died, the host closed) the reason, and no session. */
  async #call(make: (id: number) => ToWorker, transfer: readonly ArrayBuffer[] = []): Promise<Dispatched> {
    const answer = await this.#send(make, false, transfer);
    return answer?.kind === 'answer' ? answer.dispatched : { result: this.#unavailable(), session: null };
  }

  async #control<C extends ControlName>(control: C, input: Controls[C]['input'], evenWhileClosing = false): Promise<unknown> {
    const answer = await this.#send((id) => ({ kind: 'control', id, control, input }), evenWhileClosing);
    return answer?.kind === 'control-answer' ? answer.value : undefined;
  }

  #unavailable(): Result<never> {
    if (this.#state === 'stopped') return STOPPED;
    if (this.#state === 'closing' || this.#state === 'closed') return CLOSED;
    return RESTARTED;
  }

  #noteAutoLocks(notes: readonly AutoLockNote[]): void {
    for (const note of notes) this.#autoLocks.set(note.profileId, note.minutes);
  }

  async #answerPortCall(worker: Worker, call: { readonly id: number } & PortCall): Promise<void> {
    const { answer, transfer } = await answerPortCall(this.#options.ports ?? {}, call);
    // The worker may have died while the shell answered: nobody is left to tell.
    if (!this.#generation.exited && this.#generation.worker === worker) worker.postMessage(answer, transfer);
  }

  async #stopWorker(): Promise<void> {
    const generation = this.#generation;
    if (generation.exited) return;
    const exited = new Promise<void>((resolve) => generation.worker.once('exit', () => resolve()));
    // After `close` the worker ends by itself; terminate covers a worker that never opened.
    if (this.#state !== 'closing') await generation.worker.terminate();
    await exited;
  }
}
