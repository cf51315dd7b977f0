/** Shared set-up for core tests: a real temp data folder per test and a cheap scrypt. */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
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

/**
 * `fs` whose journal appends (the write and the sync of a record) fail with `code` while
 * `failing()` says so: a full disk, or an I/O error, as the journal meets it.
 */
export function failingAppends(fs: FsPort, failing: () => boolean, code = 'ENOSPC'): FsPort {
  const failure = () => Promise.reject(Object.assign(new Error(code === 'ENOSPC' ? 'no space left on device' : 'I/O error'), { code }));
  return {
    ...fs,
    openAppend: async (path) => {
      if (failing()) return failure();
      const handle = await fs.openAppend(path);
      return {
        ...handle,
        writeAt: (data, position) => (failing() ? failure() : handle.writeAt(data, position)),
        datasync: () => (failing() ? failure() : handle.datasync()),
      };
    },
  };
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
