/**
 * `npx tsx bench/worker-host.ts [--quick]`: what moving the core into a worker buys the
 * shell's thread, and what it costs a call (issue 11). At 1M stored entries (quick: 100k),
 * side by side in one run:
 * - the shell thread's event-loop delay (`perf_hooks.monitorEventLoopDelay`, p99 and max)
 *   while the core runs a whole-history export (`exportLogsCsv`) and an import check of every
 *   exported row (`previewImport`): the core in the shell's thread, as before, against the
 *   core in its worker (host/core-host.ts);
 * - logging one entry (`addLog` into a full month shard), p50 and p95, both ways, in
 *   alternating rounds so drift on the machine falls on both alike.
 * Prints a table and writes `bench/results/worker-host-<stamp>.json`. Goals: p99 ≤ 20 ms in
 * the worker; log one p95 no more than 1 ms above the in-thread figure.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import type { Session } from '../src-main/core/dispatch';
import { openCore } from '../src-main/core/index';
import { inThreadClient, type CoreClient } from '../src-main/host/core-client';
import { CoreHost } from '../src-main/host/core-host';
import type { Output } from '../src-preload/contract';
import { BENCH_ACCOUNT, BENCH_SCRYPT, generateDataSet, valueFor, type GeneratedSet } from './generate';
import { ms, percentile, sample } from './measure';
import { seededRandom } from './random';

const quick = process.argv.includes('--quick');
const LOGS = quick ? 100_000 : 1_000_000;
const ROUNDS = 3;
const LOGS_PER_ROUND = 100;
const WARM_UP_LOGS = 20;
/** Inside the generated history, so every new entry lands in a month shard already full. */
const LOG_AT = '2026-10-15T12:00:00.000Z';
const WORKER_FROM_SOURCES = new URL('../tests/support/ts-core-worker.mjs', import.meta.url);

type Where = 'in the shell thread' | 'in the worker';

interface Opened {
  readonly client: CoreClient;
  readonly session: Session;
  close(): Promise<void>;
}

async function open(where: Where, dataDir: string): Promise<Opened> {
  let client: CoreClient;
  let close: () => Promise<void>;
  if (where === 'in the worker') {
    const host = await CoreHost.start({ dataDir, scrypt: BENCH_SCRYPT, worker: (setup) => new Worker(WORKER_FROM_SOURCES, { workerData: setup }) });
    client = host;
    close = () => host.close();
  } else {
    const core = await openCore({ dataDir, scrypt: BENCH_SCRYPT });
    client = inThreadClient(core.handlers, core);
    close = () => core.close();
  }
  const login = await client.dispatch('logIn', { email: BENCH_ACCOUNT.email, password: BENCH_ACCOUNT.password }, null);
  if (login.session === null) throw new Error('log-in failed');
  return { client, session: login.session, close };
}

async function ok<T>(opened: Opened, method: Parameters<CoreClient['dispatch']>[0], input: unknown): Promise<T> {
  const { result } = await opened.client.dispatch(method, input, opened.session);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

interface Delay {
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly runMs: number;
}

/** The thread's event-loop delay while `work` runs (10 ms resolution, as Node's docs suggest). */
async function delayDuring(work: () => Promise<unknown>): Promise<Delay> {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  const started = performance.now();
  histogram.enable();
  await work();
  // A thread held from start to end records its delay only when the sampling timer next
  // fires: let it fire before the histogram stops.
  await setTimeout(30);
  histogram.disable();
  return { p99Ms: histogram.percentile(99) / 1e6, maxMs: histogram.max / 1e6, runMs: performance.now() - started };
}

interface Row {
  readonly where: Where;
  readonly exportDelay: Delay;
  readonly importCheckDelay: Delay;
  readonly logOneMs: { readonly p50: number; readonly p95: number };
}

async function longWork(where: Where, set: GeneratedSet, csv: { text: string | null }): Promise<Pick<Row, 'exportDelay' | 'importCheckDelay'>> {
  const opened = await open(where, set.dataDir);
  try {
    // The worker's log-in reads the dashboard ahead (core/warm-up.ts), which builds the
    // generated profile's summaries first: both ways start from built summaries.
    await ok(opened, 'dashboard', {});
    let exported = '';
    const exportDelay = await delayDuring(async () => {
      exported = (await ok<Output<'exportLogsCsv'>>(opened, 'exportLogsCsv', {})).csv;
    });
    csv.text ??= exported;
    if (exported !== csv.text) throw new Error('the two exports differ');
    const rows = exported.split('\n').length - 2;
    if (rows !== LOGS) throw new Error(`exported ${rows} of ${LOGS} entries`);
    const importCheckDelay = await delayDuring(async () => {
      const preview = await ok<Output<'previewImport'>>(opened, 'previewImport', { kind: 'logs', files: [{ name: 'logs.csv', text: exported }] });
      if (preview.counts.duplicates !== LOGS) throw new Error(`the check found ${preview.counts.duplicates} of ${LOGS} entries already there`);
    });
    return { exportDelay, importCheckDelay };
  } finally {
    await opened.close();
  }
}

async function logSamples(where: Where, set: GeneratedSet, seed: number): Promise<number[]> {
  const opened = await open(where, set.dataDir);
  try {
    // The first write of a profile builds its summaries; measure the steady state after it.
    await ok(opened, 'dashboard', {});
    const random = seededRandom(seed);
    const pick = () => set.trackers[Math.floor(random() * set.trackers.length)] ?? set.trackers[0];
    const logOne = async () => {
      const tracker = pick();
      if (!tracker) throw new Error('no trackers');
      await ok(opened, 'addLog', { trackerId: tracker.id, at: LOG_AT, value: valueFor(tracker, random), note: 'bench' });
    };
    // A new worker compiles the write path on its first calls, where this process has long
    // compiled it: a few writes first, so the samples compare steady states.
    for (let warm = 0; warm < WARM_UP_LOGS; warm++) await logOne();
    return await sample(LOGS_PER_ROUND, logOne);
  } finally {
    await opened.close();
  }
}

const dataDir = await mkdtemp(join(tmpdir(), 'qs-bench-worker-'));
try {
  console.log(`generating ${LOGS.toLocaleString('en')} entries…`);
  const set = await generateDataSet(dataDir, LOGS);
  const csv: { text: string | null } = { text: null };
  const places: Where[] = ['in the shell thread', 'in the worker'];
  const long = new Map<Where, Pick<Row, 'exportDelay' | 'importCheckDelay'>>();
  for (const where of places) long.set(where, await longWork(where, set, csv));
  csv.text = null;
  const samples = new Map<Where, number[]>(places.map((where) => [where, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const where of round % 2 === 0 ? places : [...places].reverse()) samples.get(where)?.push(...(await logSamples(where, set, round)));
  }
  const rows: Row[] = places.map((where) => {
    const times = samples.get(where) ?? [];
    const work = long.get(where);
    if (!work) throw new Error('missing measurement');
    return { where, ...work, logOneMs: { p50: percentile(times, 50), p95: percentile(times, 95) } };
  });

  console.log(`\nThe core in the shell thread or in its worker, ${LOGS.toLocaleString('en')} entries (${set.shardFiles} shard files)\n`);
  console.log(['core', 'export: loop delay p99 / max (run)', 'import check: loop delay p99 / max (run)', 'log one p50', 'log one p95'].join(' | '));
  for (const row of rows) {
    const delay = (d: Delay) => `${ms(d.p99Ms)} / ${ms(d.maxMs)} (${ms(d.runMs)})`;
    console.log([row.where, delay(row.exportDelay), delay(row.importCheckDelay), ms(row.logOneMs.p50), ms(row.logOneMs.p95)].join(' | '));
  }
  const stamp = new Date().toISOString().replaceAll(':', '-').replaceAll('.', '-');
  const dir = join(import.meta.dirname, 'results');
  await mkdir(dir, { recursive: true });
  const file = join(dir, `worker-host-${stamp}${quick ? '-quick' : ''}.json`);
  await writeFile(file, JSON.stringify({ quick, logs: LOGS, node: process.version, rows }, null, 2));
  console.log(`\nwritten ${file}`);
} finally {
  await rm(dataDir, { recursive: true, force: true });
}
