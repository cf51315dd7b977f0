/**
 * `npx tsx bench/encryption.ts [--quick]`: what encryption at rest costs when a profile
 * opens. The same deterministic data set is generated twice — encrypted (the app's only
 * mode) and as plain JSON (`encryptAtRest: false`, benchmarks only) — and each is opened
 * cold: a new core, log in (cheap scrypt, so the table shows the store, not the KDF), list
 * the trackers, and read every tracker's latest month as the dashboard does first.
 * Goal: encrypted ≤ 1.3 × plain. Prints a table, writes bench/results/encryption-<stamp>.json.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dispatch } from '../src-main/core/dispatch';
import { openCore } from '../src-main/core/index';
import { BENCH_ACCOUNT, BENCH_NOW, BENCH_SCRYPT, generateDataSet, type GeneratedSet } from './generate';
import { ms, percentile, sample } from './measure';

const quick = process.argv.includes('--quick');
const SIZES = quick ? [10_000, 100_000] : [100_000, 1_000_000];
const OPEN_SAMPLES = quick ? 5 : 15;
const GOAL = 1.3;
/** The first day of the data set's last month: the dashboard's first read is this shard. */
const LATEST_MONTH_START = `${BENCH_NOW.toISOString().slice(0, 7)}-01T00:00:00.000Z`;

interface Side {
  readonly shardFiles: number;
  readonly megabytes: number;
  readonly openMs: { readonly p50: number; readonly p95: number };
}

interface Row {
  readonly logs: number;
  readonly plain: Side;
  readonly encrypted: Side;
  /** encrypted p50 / plain p50 */
  readonly ratio: number;
}

async function openOnce(dataDir: string, set: GeneratedSet, encrypt: boolean): Promise<void> {
  const core = await openCore({ dataDir, scrypt: BENCH_SCRYPT, now: () => BENCH_NOW, encryptAtRest: encrypt });
  try {
    const login = await dispatch(core.handlers, 'logIn', { email: BENCH_ACCOUNT.email, password: BENCH_ACCOUNT.password }, null);
    if (!login.result.ok) throw new Error(`logIn: ${login.result.error.message}`);
    const listed = await dispatch(core.handlers, 'listTrackers', {}, login.session);
    if (!listed.result.ok) throw new Error(`listTrackers: ${listed.result.error.message}`);
    for (const tracker of set.trackers) {
      const { result } = await dispatch(core.handlers, 'listLogs', { trackerId: tracker.id, from: LATEST_MONTH_START, limit: 20 }, login.session);
      if (!result.ok) throw new Error(`listLogs: ${result.error.message}`);
    }
  } finally {
    await core.close();
  }
}

async function measureSide(logCount: number, encrypt: boolean): Promise<Side> {
  const dataDir = await mkdtemp(join(tmpdir(), `qs-bench-enc-${encrypt ? 'on' : 'off'}-${logCount}-`));
  try {
    const set = await generateDataSet(dataDir, logCount, 42, { encrypt });
    await openOnce(dataDir, set, encrypt); // warm the OS file cache, as a second app start would find it
    const samples = await sample(OPEN_SAMPLES, () => openOnce(dataDir, set, encrypt));
    return { shardFiles: set.shardFiles, megabytes: set.bytes / 1e6, openMs: { p50: percentile(samples, 50), p95: percentile(samples, 95) } };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  console.log(`Encryption at rest — profile open (${quick ? 'quick' : 'full'}): ${OPEN_SAMPLES} cold opens per size and mode\n`);
  const rows: Row[] = [];
  for (const logs of SIZES) {
    const plain = await measureSide(logs, false);
    const encrypted = await measureSide(logs, true);
    rows.push({ logs, plain, encrypted, ratio: encrypted.openMs.p50 / plain.openMs.p50 });
  }
  const table = rows.map((row) => ({
    logs: row.logs.toLocaleString('en-US'),
    shards: row.encrypted.shardFiles,
    'plain MB': row.plain.megabytes.toFixed(1),
    'encrypted MB': row.encrypted.megabytes.toFixed(1),
    'open plain p50/p95': `${ms(row.plain.openMs.p50)} / ${ms(row.plain.openMs.p95)}`,
    'open encrypted p50/p95': `${ms(row.encrypted.openMs.p50)} / ${ms(row.encrypted.openMs.p95)}`,
    ratio: `${row.ratio.toFixed(2)}×`,
    [`goal ≤ ${GOAL}×`]: row.ratio <= GOAL ? 'met' : 'MISSED',
  }));
  console.table(table);
  const resultsDir = new URL('./results/', import.meta.url).pathname;
  await mkdir(resultsDir, { recursive: true });
  const file = join(resultsDir, `encryption-${new Date().toISOString().replace(/[:.]/g, '-')}${quick ? '-quick' : ''}.json`);
  await writeFile(file, JSON.stringify({ mode: quick ? 'quick' : 'full', node: process.version, goal: GOAL, rows }, null, 2));
  console.log(`\nWrote ${file}`);
}

await main();
