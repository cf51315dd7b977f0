/**
 * Issue 14: injected failures (open, write, sync, rename, a full disk…) at every step of an
 * append and of a checkpoint, through the whole core. Each operation below is run once with
 * every file-system call recorded; then once per recorded call and per way that call can
 * fail: an I/O error of that one call, or the disk full from that call on (every later call
 * that needs room fails too, until the test frees some), a write landing half its bytes
 * first. The matrix is derived from the recording, so a step added to a path is failed
 * too without anyone listing it. Each run must:
 *
 * 1. answer a typed error (WRITE_FAILED), never an untyped throw (the test's client throws
 *    on one) nor a hang (the test's timeout); or succeed, when the failing step did not
 *    matter to the answer (a background checkpoint behind an acknowledged append);
 * 2. go on reading the last good state, the disk still full: the write if acknowledged,
 *    not if refused, and every write acknowledged before a failed checkpoint; a write
 *    while the disk is full is refused the same way and changes nothing;
 * 3. read the same state from a copy of the folder taken right after the answer, as a
 *    crash then would leave it, opened without failures (no file unreadable; a batch whose
 *    sync and cut both failed may be there or not, never half); and take later writes and
 *    a checkpoint, in the running core and in the reopened one.
 *
 * A checkpoint that resolves has kept its promise: the files alone (the journal's segments
 * removed) hold every acknowledged write. One that fails answers WRITE_FAILED.
 */
import { existsSync, type Dirent } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppFailure } from '../../../src-main/core/errors';
import { openCore, type Core, type CoreOptions } from '../../../src-main/core/index';
import { isTempFile } from '../../../src-main/core/store/atomic-writer';
import { nodeFs } from '../../../src-main/core/store/fs-port';
import { dataLayout } from '../../../src-main/core/store/layout';
import type { Output } from '../../../src-preload/contract';
import { Client, faultyFs, queueDrained, SIGN_UP, type Fault, type FsCall, type FsCallKind } from './helpers';

const NOW = new Date('2026-11-25T12:00:00.000Z');
const LOG_IN = { email: SIGN_UP.email, password: SIGN_UP.password } as const;
/** Each case logs in twice: the key slots' scrypt is made cheaper still than TEST_SCRYPT (it is not what these cases test). */
const CHEAP_SCRYPT = { N: 2 ** 4, r: 1, p: 1 } as const;
/** No quiet-moment checkpoint during a case: only the ones a case makes. */
const QUIET_MS = 3_600_000;

/** A way to fail; `cutFails`: the journal's cutting back of the failed batch fails too. */
type Way = Fault & { readonly cutFails?: boolean };

const EIO: Way = { code: 'EIO' };
const FULL: Way = { code: 'ENOSPC' };
const FULL_MID_WRITE: Way = { code: 'ENOSPC', partial: true };
const EIO_UNCUT: Way = { code: 'EIO', cutFails: true };

/**
 * How each kind of call can fail. Every call can meet an I/O error (EIO: that call alone).
 * The disk can fill up (ENOSPC: from that call on) at a call that needs room — a new file,
 * its bytes (half of them landed first, or none), a sync allocating them late, a folder or
 * folder entry. Reads are not failed here: the list is the write path's (a read's
 * I/O error answers INTERNAL today). Keyed by every kind, so a new kind of call does not
 * compile until it is given its failures.
 */
const FAULTS: Record<FsCallKind, (call: FsCall) => readonly Way[]> = {
  open: (call) => (isTempFile(basename(call.path)) ? [EIO, FULL] : [EIO]),
  writeFile: () => [EIO, FULL, FULL_MID_WRITE],
  sync: () => [EIO, FULL],
  close: () => [EIO],
  openAppend: () => [EIO],
  writeAt: () => [EIO, FULL, FULL_MID_WRITE, EIO_UNCUT],
  truncate: () => [EIO],
  datasync: () => [EIO, FULL, EIO_UNCUT],
  closeAppend: () => [EIO],
  rename: () => [EIO, FULL],
  unlink: () => [EIO],
  link: () => [EIO, FULL],
  copyFile: () => [EIO, FULL],
  mkdir: () => [EIO, FULL],
  chmod: () => [EIO],
  rm: () => [EIO],
  readFile: () => [],
  readBytes: () => [],
  readdir: () => [],
};

let root = '';
let prepared = '';
/** The trackers of the prepared profile, and the entries it holds. */
let ids = { water: '', run: '', old: '', october: '', november: '' };

/** A data folder for one case, on a RAM disk where there is one: hundreds of cases sync thousands of files. */
async function newFolder(): Promise<string> {
  return mkdtemp(join(root, 'case-'));
}

const counterIds = (prefix: string) => {
  let next = 0;
  return () => `${prefix}-${String((next += 1))}`;
};

function coreOptions(dataDir: string, extra: Partial<CoreOptions>): CoreOptions {
  return { dataDir, scrypt: CHEAP_SCRYPT, localOffsetMinutes: () => 60, now: () => NOW, journalQuietMs: QUIET_MS, ...extra };
}

async function opened(dataDir: string, extra: Partial<CoreOptions> = {}): Promise<{ core: Core; client: Client }> {
  const core = await openCore(coreOptions(dataDir, extra));
  const client = new Client(core);
  await client.ok('logIn', LOG_IN);
  return { core, client };
}

beforeAll(async () => {
  const shm = '/dev/shm';
  const ram = await stat(shm).then(
    (info) => info.isDirectory(),
    () => false,
  );
  root = await mkdtemp(join(ram ? shm : tmpdir(), 'qs-failure-matrix-'));
  prepared = await newFolder();
  const core = await openCore(coreOptions(prepared, { newId: counterIds('prep') }));
  const client = new Client(core);
  await client.ok('signUp', SIGN_UP);
  const water = (await client.ok('createTracker', { name: 'Water', settings: { type: 'numerical', unit: 'glass' } })).tracker.id;
  const run = (await client.ok('createTracker', { name: 'Run', settings: { type: 'duration' } })).tracker.id;
  const old = (await client.ok('createTracker', { name: 'Old', settings: { type: 'boolean' } })).tracker.id;
  const october = (await client.ok('addLog', { trackerId: water, value: 2, at: '2026-10-03T08:00:00Z' })).log.id;
  const november = (await client.ok('addLog', { trackerId: water, value: 3, at: '2026-11-04T08:00:00Z' })).log.id;
  await client.ok('addLog', { trackerId: old, value: true, at: '2026-11-05T08:00:00Z' });
  await client.ok('dashboard', {});
  // Closing checkpoints: each case starts from files that hold everything, and an empty journal.
  await core.close();
  ids = { water, run, old, october, november };
});

afterAll(async () => {
  if (root !== '') await rm(root, { recursive: true, force: true });
});

/** Everything a person can read of the profile. */
async function stateOf(client: Client) {
  const { trackers } = await client.ok('listTrackers', {});
  const { trackers: deleted } = await client.ok('listDeletedTrackers', {});
  const { timers } = await client.ok('listTimers', {});
  const logs: Record<string, Output<'listLogs'>> = {};
  const stats: Record<string, Output<'trackerStats'>> = {};
  for (const tracker of trackers) {
    logs[tracker.id] = await client.ok('listLogs', { trackerId: tracker.id, order: 'oldest', limit: 1000 });
    stats[tracker.id] = await client.ok('trackerStats', { trackerId: tracker.id, range: { preset: 'all' } });
  }
  const { cards } = await client.ok('dashboard', {});
  return { trackers, deleted, timers, logs, stats, cards };
}

type State = Awaited<ReturnType<typeof stateOf>>;

/** An operation under test, from a copy of the prepared folder. */
interface Operation {
  readonly name: string;
  readonly options?: Partial<CoreOptions>;
  /** Writes made before it, without failures (what a checkpoint then writes). */
  prepare(client: Client): Promise<void>;
  /** The operation: resolves when it answered, and anything it started in the background has ended. */
  run(core: Core, client: Client): Promise<'ok' | AppFailure>;
  /** File-system steps its recording must hold (else the matrix would test too little). */
  readonly landmarks: readonly RegExp[];
  /** Its success is a checkpoint's: the files alone then hold every acknowledged write. */
  readonly checkpoints?: boolean;
}

/** A write through the client: its answer, as an AppFailure when it failed. */
async function answer(client: Client, call: () => ReturnType<Client['call']>): Promise<'ok' | AppFailure> {
  const result = await call();
  return result.ok ? 'ok' : new AppFailure(result.error.code, result.error.message);
}

async function checkpointAnswer(core: Core): Promise<'ok' | AppFailure> {
  try {
    await core.checkpoint();
    return 'ok';
  } catch (error) {
    if (error instanceof AppFailure) return error;
    throw error;
  }
}

const OPERATIONS: readonly Operation[] = [
  {
    name: 'adding an entry (an append, the journal file opened by it)',
    prepare: () => Promise.resolve(),
    run: (_core, client) => answer(client, () => client.call('addLog', { trackerId: ids.water, value: 5, at: '2026-11-20T08:00:00Z' })),
    landmarks: [/^openAppend journal\/\d+\.qsj$/, /^writeAt journal\/\d+\.qsj$/, /^datasync journal\/\d+\.qsj$/],
  },
  {
    name: 'renaming a tracker (an append)',
    prepare: async (client) => {
      await client.ok('addLog', { trackerId: ids.water, value: 4, at: '2026-11-10T08:00:00Z' });
    },
    run: (_core, client) => answer(client, () => client.call('updateTracker', { trackerId: ids.run, name: 'Running' })),
    landmarks: [/^writeAt journal\/\d+\.qsj$/, /^datasync journal\/\d+\.qsj$/],
  },
  {
    name: 'a checkpoint of an entry added, one moved across months, a renamed tracker, a timer and a purge',
    prepare: async (client) => {
      await client.ok('addLog', { trackerId: ids.water, value: 4, at: '2026-11-10T08:00:00Z' });
      await client.ok('updateLog', { trackerId: ids.water, logId: ids.october, at: '2026-11-21T08:00:00Z' });
      await client.ok('deleteLog', { trackerId: ids.water, logId: ids.november });
      await client.ok('updateTracker', { trackerId: ids.water, name: 'Water (glasses)' });
      await client.ok('startTimer', { trackerId: ids.run });
      await client.ok('deleteTracker', { trackerId: ids.old });
      await client.ok('purgeTracker', { trackerId: ids.old });
      await client.ok('dashboard', {});
    },
    run: (core) => checkpointAnswer(core),
    checkpoints: true,
    landmarks: [
      /^closeAppend journal\/\d+\.qsj$/,
      /^rename journal\/\d+\.qsj$/,
      /^rename logs\/prep-\d+\/2026-10\.json$/,
      /^rename logs\/prep-\d+\/2026-11\.json$/,
      /^rename summaries\.json$/,
      /^rename timers\.json$/,
      /^rename trackers\.json$/,
      /^rm logs\/prep-\d+$/,
      /^rename journal\/checkpoint\.json$/,
      /^unlink journal\/\d+\.qsj$/,
    ],
  },
  {
    name: 'an append that starts a checkpoint (the journal rotated behind it)',
    options: { journalRecordsPerCheckpoint: 2 },
    prepare: async (client) => {
      await client.ok('addLog', { trackerId: ids.water, value: 4, at: '2026-11-10T08:00:00Z' });
    },
    run: async (_core, client) => {
      const answered = await answer(client, () => client.call('addLog', { trackerId: ids.water, value: 5, at: '2026-11-20T08:00:00Z' }));
      // The checkpoint it started begins in the profile's queue, behind it, and writes its files after.
      await queueDrained(client, ids.water);
      return answered;
    },
    landmarks: [/^datasync journal\/\d+\.qsj$/, /^closeAppend journal\/\d+\.qsj$/, /^rename logs\/prep-\d+\/2026-11\.json$/, /^rename journal\/checkpoint\.json$/, /^unlink journal\/\d+\.qsj$/],
  },
  {
    name: 'logging out (its closing checkpoint) and in again (the journal recovered)',
    prepare: async (client) => {
      await client.ok('addLog', { trackerId: ids.water, value: 4, at: '2026-11-10T08:00:00Z' });
    },
    run: async (_core, client) => {
      // A lock never fails: a checkpoint that fails leaves the records in the journal.
      await client.ok('logOut', {});
      await client.ok('logIn', LOG_IN);
      return answer(client, () => client.call('listTrackers', {}));
    },
    landmarks: [/^rename logs\/prep-\d+\/2026-11\.json$/, /^rename journal\/checkpoint\.json$/, /^unlink journal\/\d+\.qsj$/, /^readdir journal$/],
  },
];

/** A call as the matrix names it: its kind and its file under the profile (temp files' random part dropped). */
function stepName(call: FsCall, dataDir: string): string {
  const path = relative(dataDir, call.path).replace(/^profiles\/[^/]+\/?/, '').replace(/\.[0-9a-f-]{36}\.tmp$/, '.tmp');
  return `${call.kind} ${path === '' ? '.' : path}`;
}

/**
 * Whether a call fails on a full disk: it makes a file or a folder, or writes bytes.
 * Deleting, cutting, renaming, closing and syncing what is already written still work.
 */
function needsRoom(call: FsCall): boolean {
  switch (call.kind) {
    case 'open':
      return isTempFile(basename(call.path));
    case 'writeFile':
    case 'writeAt':
    case 'link':
    case 'copyFile':
      return true;
    case 'mkdir':
      return !existsSync(call.path);
    default:
      return false;
  }
}

/**
 * One run of `operation`, with the `at`-th call it makes failing with `fault` (none when
 * null); an ENOSPC fault leaves the disk full until `disk.free()`.
 */
async function runCase(operation: Operation, at: number, fault: Way | null) {
  const dataDir = await copyOf(prepared);
  const calls: FsCall[] = [];
  let recording = false;
  let diskFull = false;
  let cutFails = false;
  const fs = faultyFs(nodeFs, (call) => {
    if (recording && calls.push(call) - 1 === at && fault !== null) {
      diskFull = fault.code === 'ENOSPC';
      cutFails = fault.cutFails === true;
      return fault;
    }
    if (cutFails && call.kind === 'truncate') {
      cutFails = false;
      return EIO;
    }
    return diskFull && needsRoom(call) ? FULL : null;
  });
  const { core, client } = await opened(dataDir, { ...operation.options, fs, newId: counterIds('case') });
  try {
    await operation.prepare(client);
    // Read in every run, the recording's too: the calls before the operation, and so the
    // index of each of its steps, are the same in all of them.
    const before = await stateOf(client);
    recording = true;
    // An untyped throw is kept as the answer, for the checks to report after the path's.
    const outcome = await operation.run(core, client).catch((error: unknown) => ({ untyped: error }));
    recording = false;
    const steps = calls.map((call) => stepName(call, dataDir));
    const disk = {
      get full() {
        return diskFull;
      },
      free() {
        diskFull = false;
      },
    };
    return { dataDir, core, client, before, outcome, calls, steps, disk };
  } catch (error) {
    await core.close();
    throw error;
  }
}

/**
 * A copy of a data folder, as a crash right now would leave it (the lock file stays
 * behind, and is removed). Files are copied side by side: fs.cp's checks cost more than
 * the copies of a few dozen small files, twice per case.
 */
async function copyOf(dataDir: string): Promise<string> {
  const copy = await newFolder();
  const entries = await readdir(dataDir, { recursive: true, withFileTypes: true });
  const inCopy = (entry: Dirent) => join(copy, relative(dataDir, entry.parentPath), entry.name);
  for (const entry of entries) if (entry.isDirectory()) await mkdir(inCopy(entry), { recursive: true });
  await Promise.all(entries.filter((entry) => entry.isFile() && join(entry.parentPath, entry.name) !== dataLayout(dataDir).lockFile).map((entry) => copyFile(join(entry.parentPath, entry.name), inCopy(entry))));
  return copy;
}

async function unreadableFiles(dataDir: string): Promise<string[]> {
  return (await readdir(dataDir, { recursive: true })).filter((name) => name.endsWith('.corrupt'));
}

/** A later entry: writes work again. */
const LATER = { value: 9, at: '2026-11-24T08:00:00Z' } as const;

async function laterWriteWorks(core: Core, client: Client, expected: State): Promise<void> {
  const { log } = await client.ok('addLog', { trackerId: ids.water, ...LATER });
  await core.checkpoint();
  const listed = await client.ok('listLogs', { trackerId: ids.water, order: 'oldest', limit: 1000 });
  expect(listed.logs).toEqual([...(expected.logs[ids.water]?.logs ?? []), log]);
}

/** The folder opened without its journal's segments: what the files alone hold. */
async function filesAlone(dataDir: string): Promise<State> {
  const copy = await copyOf(dataDir);
  const journal = join(dataLayout(copy).profilesDir, (await readdir(dataLayout(copy).profilesDir))[0] ?? '', 'journal');
  for (const name of await readdir(journal)) if (name.endsWith('.qsj')) await rm(join(journal, name));
  const { core, client } = await opened(copy);
  try {
    return await stateOf(client);
  } finally {
    await core.close();
    await rm(copy, { recursive: true, force: true });
  }
}

interface Recorded {
  readonly calls: readonly FsCall[];
  readonly steps: readonly string[];
  readonly before: State;
  readonly after: State;
}

async function failingCase(operation: Operation, at: number, fault: Way, recorded: Recorded): Promise<void> {
  const run = await runCase(operation, at, fault);
  // The folder as a crash right after the answer would leave it, before anything else runs.
  const crashed = await copyOf(run.dataDir);
  try {
    // The failure hit the step recorded there: the path up to it is the same.
    expect(run.steps.slice(0, at + 1)).toEqual(recorded.steps.slice(0, at + 1));
    if (typeof run.outcome === 'object' && 'untyped' in run.outcome) throw new Error(`an untyped error: ${String(run.outcome.untyped)}`);
    if (run.outcome !== 'ok') expect(run.outcome.code, run.outcome.message).toBe('WRITE_FAILED');
    // A batch whose sync failed and could not be cut off may be whole on disk; this process
    // told the person it was not saved, so it must not read it back.
    const expected = run.outcome === 'ok' ? recorded.after : recorded.before;
    const now = await stateOf(run.client);
    expect(now, isDeepStrictEqual(now, recorded.after) ? 'the running core reads the refused write' : 'the running core').toEqual(expected);
    if (run.disk.full) {
      const refused = await run.client.call('addLog', { trackerId: ids.water, ...LATER });
      expect(refused).toMatchObject({ ok: false, error: { code: 'WRITE_FAILED', message: expect.stringContaining('the disk is full') } });
      expect(await stateOf(run.client), 'after a write refused on the full disk').toEqual(expected);
      run.disk.free();
    }
    if (operation.checkpoints === true && run.outcome === 'ok') expect(await filesAlone(run.dataDir), 'the files alone').toEqual(expected);
    await laterWriteWorks(run.core, run.client, expected);
    const again = await opened(crashed, { newId: counterIds('again') });
    try {
      const reread = await stateOf(again.client);
      // A crash before the uncut batch was cut leaves it whole on disk: after a crash its
      // outcome is unknown (as with any database whose fsync failed), never half, never twice.
      const possible = fault.cutFails === true && run.outcome !== 'ok' ? [recorded.before, recorded.after] : [expected];
      expect(possible, 'reopened after a crash').toContainEqual(reread);
      expect(await unreadableFiles(crashed)).toEqual([]);
      await laterWriteWorks(again.core, again.client, reread);
    } finally {
      await again.core.close();
    }
  } finally {
    await run.core.close();
    await Promise.all([run.dataDir, crashed].map((folder) => rm(folder, { recursive: true, force: true })));
  }
}

/** A hundred cases and more, each opening two cores: seconds on an idle machine, more on a busy one. */
const MATRIX_TIMEOUT_MS = 120_000;

/** Cases run a few at a time: each has its own folder, file system and cores, and most of a case is waiting on files. */
const CASES_AT_ONCE = 8;

describe.each(OPERATIONS)('$name', (operation) => {
  let recorded: Recorded | null = null;

  beforeAll(async () => {
    const { core, client, before, outcome, calls, steps } = await runCase(operation, -1, null);
    try {
      expect(outcome).toBe('ok');
      recorded = { calls, steps, before, after: await stateOf(client) };
    } finally {
      await core.close();
    }
  });

  it('makes the steps the matrix fails', () => {
    const steps = recorded?.steps ?? [];
    for (const landmark of operation.landmarks) expect(steps.some((step) => landmark.test(step)), `${String(landmark)} in\n${steps.join('\n')}`).toBe(true);
  });

  it('fails at every step in every way, answering WRITE_FAILED; the last good state stays readable, now and after a crash', async () => {
    if (recorded === null) throw new Error('the operation was not recorded');
    const known = recorded;
    const cases = known.calls.flatMap((call, at) => FAULTS[call.kind](call).map((fault) => ({ at, fault })));
    expect(cases.length).toBeGreaterThan(0);
    const failures: string[] = [];
    let next = 0;
    const worker = async () => {
      for (let index = next++; index < cases.length; index = next++) {
        const { at, fault } = cases[index] as (typeof cases)[number];
        try {
          await failingCase(operation, at, fault, known);
        } catch (error) {
          const name = `step ${String(at)} (${known.steps[at] ?? ''}) failing with ${fault.code}${fault.partial === true ? ' half-way through' : ''}${fault.cutFails === true ? ', its cut failing too' : ''}`;
          failures.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    };
    await Promise.all(Array.from({ length: CASES_AT_ONCE }, worker));
    expect(failures).toEqual([]);
  }, MATRIX_TIMEOUT_MS);
});
