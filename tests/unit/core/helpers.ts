/** Shared set-up for core tests: a real temp data folder per test and a cheap scrypt. */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect } from 'vitest';
import { dispatch, type Session } from '../../../src-main/core/dispatch';
import { dataLayout, openCore, type Core, type CoreOptions } from '../../../src-main/core/index';
import type { FsPort } from '../../../src-main/core/store/fs-port';
import type { Input, Method, Output, Result } from '../../../src-preload/contract';

/** Cheap enough for tests; production uses N=2^17. */
export const TEST_SCRYPT = { N: 2 ** 10, r: 8, p: 1 } as const;

const tempDirs: string[] = [];
const openCores: Core[] = [];

afterEach(async () => {
  await Promise.all(openCores.splice(0).map((core) => core.close()));
  await Promise.all(tempDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Every call of the FsPort and of the handles it opens, by name. */
export type FsCallKind =
  | 'open'
  | 'writeFile'
  | 'sync'
  | 'close'
  | 'openAppend'
  | 'writeAt'
  | 'truncate'
  | 'datasync'
  | 'closeAppend'
  | 'rename'
  | 'unlink'
  | 'link'
  | 'copyFile'
  | 'mkdir'
  | 'chmod'
  | 'readFile'
  | 'readBytes'
  | 'readdir'
  | 'rm';

/** One call as `faultyFs` sees it: its kind and the file (for a rename or link, the new name). */
export interface FsCall {
  readonly kind: FsCallKind;
  readonly path: string;
}

/** How a call fails: with this Node error code; `partial` writes half the bytes first (a disk that fills up mid-write). */
export interface Fault {
  readonly code: string;
  readonly partial?: boolean;
}

export const systemError = (code: string): NodeJS.ErrnoException =>
  Object.assign(new Error(code === 'ENOSPC' ? 'no space left on device' : `${code}: injected failure`), { code });

/**
 * `fs` with every call, and every call of the handles it opens, shown to `fault` first: it
 * answers how that call fails, or null to let it run. A test records calls with it
 * (answering null) and makes any one of them fail.
 */
export function faultyFs(fs: FsPort, fault: (call: FsCall) => Fault | null): FsPort {
  const check = (kind: FsCallKind, path: string): Fault | null => fault({ kind, path });
  /** Runs `run` unless its call fails; a partial fault runs `half` first. */
  const guarded = async <T>(kind: FsCallKind, path: string, run: () => Promise<T>, half?: () => Promise<unknown>): Promise<T> => {
    const failure = check(kind, path);
    if (failure === null) return run();
    if (failure.partial === true && half !== undefined) await half();
    throw systemError(failure.code);
  };
  /** A close that fails has still released the descriptor, as close(2) does. */
  const closing = async (kind: FsCallKind, path: string, close: () => Promise<void>): Promise<void> => {
    const failure = check(kind, path);
    await close();
    if (failure !== null) throw systemError(failure.code);
  };
  return {
    open: (path, flags, mode) =>
      guarded('open', path, async () => {
        const handle = await fs.open(path, flags, mode);
        return {
          writeFile: (data, encoding) => guarded('writeFile', path, () => handle.writeFile(data, encoding), () => handle.writeFile(data.slice(0, Math.floor(data.length / 2)), encoding)),
          sync: () => guarded('sync', path, () => handle.sync()),
          close: () => closing('close', path, () => handle.close()),
        };
      }),
    openAppend: (path) =>
      guarded('openAppend', path, async () => {
        const handle = await fs.openAppend(path);
        return {
          writeAt: (data, position) => guarded('writeAt', path, () => handle.writeAt(data, position), () => handle.writeAt(data.subarray(0, Math.floor(data.length / 2)), position)),
          truncate: (length) => guarded('truncate', path, () => handle.truncate(length)),
          datasync: () => guarded('datasync', path, () => handle.datasync()),
          close: () => closing('closeAppend', path, () => handle.close()),
        };
      }),
    rename: (from, to) => guarded('rename', to, () => fs.rename(from, to)),
    unlink: (path) => guarded('unlink', path, () => fs.unlink(path)),
    link: (existing, newPath) => guarded('link', newPath, () => fs.link(existing, newPath)),
    copyFile: (from, to) => guarded('copyFile', to, () => fs.copyFile(from, to)),
    mkdir: (path, options) => guarded('mkdir', path, () => fs.mkdir(path, options)),
    chmod: (path, mode) => guarded('chmod', path, () => fs.chmod(path, mode)),
    readFile: (path, encoding) => guarded('readFile', path, () => fs.readFile(path, encoding)),
    readBytes: (path) => guarded('readBytes', path, () => fs.readBytes(path)),
    readdir: (path) => guarded('readdir', path, () => fs.readdir(path)),
    rm: (path, options) => guarded('rm', path, () => fs.rm(path, options)),
  };
}

/**
 * `fs` whose journal appends (the open, the write and the sync of a record) fail with `code`
 * while `failing()` says so: a full disk, or an I/O error, as the journal meets it.
 */
export function failingAppends(fs: FsPort, failing: () => boolean, code = 'ENOSPC'): FsPort {
  const appendSteps = new Set<FsCallKind>(['openAppend', 'writeAt', 'datasync']);
  return faultyFs(fs, (call) => (appendSteps.has(call.kind) && failing() ? { code } : null));
}

export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'qs-core-'));
  tempDirs.push(dir);
  return dir;
}

export async function startCore(options: Partial<CoreOptions> = {}): Promise<Core & { dataDir: string }> {
  const dataDir = options.dataDir ?? (await tempDir());
  const core = await openCore({ scrypt: TEST_SCRYPT, localOffsetMinutes: () => 60, ...options, dataDir });
  openCores.push(core);
  return Object.assign(core, { dataDir });
}

/** A client over `dispatch` that keeps its session, like a shell does. */
export class Client {
  session: Session | null = null;
  constructor(private readonly core: Core) {}

  /** Once no checkpoint the core started is still writing its files (they write outside the queue). */
  checkpointsSettled(): Promise<void> {
    return this.core.checkpointsSettled();
  }

  async call<M extends Method>(method: M, input: Input<M>): Promise<Result<Output<M>>> {
    const dispatched = await dispatch(this.core.handlers, method, input, this.session, (error) => {
      throw error;
    });
    this.session = dispatched.session;
    // A log-in or a change to the schedule starts a look at the profile's jobs: let it finish,
    // so it reads the clock of this call, not the one a test sets next.
    await this.core.jobs.idle();
    return dispatched.result as Result<Output<M>>;
  }

  /** Calls and expects success; returns the value. */
  async ok<M extends Method>(method: M, input: Input<M>): Promise<Output<M>> {
    const result = await this.call(method, input);
    if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
    return result.value;
  }
}

/**
 * Answers once everything queued in the profile before it has ended (starting a timer on a
 * numerical tracker is refused there, changing nothing), and a checkpoint begun meanwhile
 * has written its files (a checkpoint begins in the queue and writes outside it).
 */
export async function queueDrained(client: Client, numericalTrackerId: string): Promise<void> {
  expect(await client.call('startTimer', { trackerId: numericalTrackerId })).toMatchObject({ ok: false, error: { code: 'TIMER_NOT_SUPPORTED' } });
  await client.checkpointsSettled();
}

export const SIGN_UP = {
  email: 'Ada@Example.com',
  password: 'correct horse',
  name: 'Ada',
  age: 36,
  gender: 'female',
  backupCode: 'backup-code-1234',
} as const satisfies Input<'signUp'>;

/** A new core with SIGN_UP's profile signed up: the core, a client holding its session, the profile. */
export async function signedIn(options: Partial<CoreOptions> = {}) {
  const core = await startCore(options);
  const client = new Client(core);
  const { profile } = await client.ok('signUp', SIGN_UP);
  return { core, client, profile };
}

/** A core over a data folder written before, logged in as SIGN_UP's profile. */
export async function reopened(dataDir: string): Promise<Client> {
  const client = new Client(await startCore({ dataDir }));
  await client.ok('logIn', { email: SIGN_UP.email, password: SIGN_UP.password });
  return client;
}

/** A profile with one numerical tracker, Weight, and the core closed again: for tests that lay its files down by hand. */
export async function closedProfileWithWeight() {
  const core = await startCore();
  const client = new Client(core);
  const { profile } = await client.ok('signUp', SIGN_UP);
  const { tracker } = await client.ok('createTracker', { name: 'Weight', settings: { type: 'numerical', unit: 'kg' } });
  await core.close();
  return { dataDir: core.dataDir, profile, tracker, layout: dataLayout(core.dataDir) };
}

/** Every file under `dir` with its bytes (base64): equal before and after shows nothing was written. */
export async function filesOf(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(path, (await readFile(path)).toString('base64'));
  }
  return files;
}
