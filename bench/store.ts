/**
 * `npx tsx bench/store.ts [--quick]`: the store's costs at 10k, 100k and 1M logs — opening a
 * profile, logging one entry (p50/p95), listing one tracker's whole history — beside raw
 * `JSON.parse` / `fs.writeFile` of the same bytes as one file (what a single-file store
 * would pay on every write). Prints a table and writes `bench/results/<stamp>.json`.
 */
import { mkdtemp, mkdir, open, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dispatch, type Session } from '../src-main/core/dispatch';
import { openCore, openProfileCodec, PRODUCTION_SCRYPT } from '../src-main/core/index';
import { hashSecret } from '../src-main/core/services/secrets';
import { BENCH_ACCOUNT, BENCH_NOW, BENCH_SCRYPT, generateDataSet, valueFor } from './generate';
import { ms, percentile, sample, timeOnce } from './measure';
import { seededRandom } from './random';

const quick = process.argv.includes('--quick');
const SIZES = [10_000, 100_000, 1_000_000];
const LOG_SAMPLES = quick ? 60 : 300;
const OPEN_SAMPLES = quick ? 5 : 20;

interface Row {
  logs: number;
  shardFiles: number;
  megabytes: number;
  generateMs: number;
  openMs: { p50: number; p95: number };
  logOneEntryMs: { p50: number; p95: number };
  listOneTrackerMs: number;
  rawParseMs: number;
  rawWriteMs: number;
}

async function measureSize(logCount: number): Promise<Row> {
  const dataDir = await mkdtemp(join(tmpdir(), `qs-bench-${logCount}-`));
  try {
    const started = performance.now();
    const set = await generateDataSet(dataDir, logCount);
    const generateMs = performance.now() - started;

    // Profile open: a cold core (new process state), log in, list trackers.
    const openSamples = await sample(OPEN_SAMPLES, async () => {
      const core = await openCore({ dataDir, scrypt: BENCH_SCRYPT, now: () => BENCH_NOW });
      const login = await dispatch(core.handlers, 'logIn', { email: BENCH_ACCOUNT.email, password: BENCH_ACCOUNT.password }, null);
      const listed = await dispatch(core.handlers, 'listTrackers', {}, login.session);
      if (!listed.result.ok) throw new Error('listTrackers failed');
      await core.close();
    });

    const core = await openCore({ dataDir, scrypt: BENCH_SCRYPT, now: () => BENCH_NOW });
    const login = await dispatch(core.handlers, 'logIn', { email: BENCH_ACCOUNT.email, password: BENCH_ACCOUNT.password }, null);
    const session: Session | null = login.session;
    const random = seededRandom(7);
    const pick = () => set.trackers[Math.floor(random() * set.trackers.length)] ?? set.trackers[0];
    // The generator writes shards directly, without the per-tracker summaries the app keeps
    // up to date on every write; let the core build them once, as it does on first open,
    // so the samples measure the steady-state cost of logging an entry.
    const warm = await dispatch(core.handlers, 'dashboard', {}, session);
    if (!warm.result.ok) throw new Error(`dashboard failed: ${warm.result.error.message}`);
    const logSamples = await sample(LOG_SAMPLES, async () => {
      const tracker = pick();
      if (!tracker) throw new Error('no trackers');
      const { result } = await dispatch(core.handlers, 'addLog', { trackerId: tracker.id, value: valueFor(tracker, random), note: 'bench' }, session);
      if (!result.ok) throw new Error(`addLog failed: ${result.error.message}`);
    });
    const listOneTrackerMs = await timeOnce(async () => {
      const { result } = await dispatch(core.handlers, 'listLogs', { trackerId: set.trackers[0]?.id }, session);
      if (!result.ok) throw new Error('listLogs failed');
    });
    await core.close();

    // The same logs as one file: what a one-file store parses on open and writes per entry.
    const single = await singleFileText(dataDir, set.profileId);
    const rawParseMs = await timeOnce(() => JSON.parse(single));
    const rawFile = join(dataDir, 'single-file.json');
    const rawWriteMs = await timeOnce(async () => {
      await writeFile(rawFile, single);
      const handle = await open(rawFile, 'r+');
      await handle.sync();
      await handle.close();
    });

    return {
      logs: logCount,
      shardFiles: set.shardFiles,
      megabytes: set.bytes / 1e6,
      generateMs,
      openMs: { p50: percentile(openSamples, 50), p95: percentile(openSamples, 95) },
      logOneEntryMs: { p50: percentile(logSamples, 50), p95: percentile(logSamples, 95) },
      listOneTrackerMs,
      rawParseMs,
      rawWriteMs,
    };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

/**
 * Every shard of the data set, decrypted, joined into one JSON document: the same logs a
 * one-file store would parse on open and rewrite on every entry.
 */
async function singleFileText(dataDir: string, profileId: string): Promise<string> {
  const codec = await openProfileCodec(dataDir, profileId, BENCH_ACCOUNT.password);
  const files = (await readdir(dataDir, { recursive: true })).filter((name) => /logs[\\/].+\.json$/.test(name));
  const shards = await Promise.all(files.map(async (name) => codec.decode(join(dataDir, name), await readFile(join(dataDir, name)))));
  return `{"version":1,"shards":[${shards.join(',')}]}`;
}

async function main(): Promise<void> {
  console.log(`Quantified Self benchmarks (${quick ? 'quick' : 'full'}): ${LOG_SAMPLES} log samples, ${OPEN_SAMPLES} open samples per size\n`);
  const scryptMs = await timeOnce(() => hashSecret('a-password-to-hash', PRODUCTION_SCRYPT));
  const rows: Row[] = [];
  for (const size of SIZES) {
    process.stdout.write(`  ${size.toLocaleString('en')} logs… `);
    rows.push(await measureSize(size));
    console.log('done');
  }
  console.log('');
  console.table(
    rows.map((r) => ({
      logs: r.logs.toLocaleString('en'),
      'shards / MB': `${r.shardFiles} / ${r.megabytes.toFixed(1)}`,
      'open p50': ms(r.openMs.p50),
      'open p95': ms(r.openMs.p95),
      'log one p50': ms(r.logOneEntryMs.p50),
      'log one p95': ms(r.logOneEntryMs.p95),
      'list 1 tracker': ms(r.listOneTrackerMs),
      'raw JSON.parse': ms(r.rawParseMs),
      'raw writeFile+fsync': ms(r.rawWriteMs),
    })),
  );
  const first = rows[0];
  const last = rows.at(-1);
  if (first && last) {
    console.log(`log-one-entry p95 at ${last.logs.toLocaleString('en')} / at ${first.logs.toLocaleString('en')}: ${(last.logOneEntryMs.p95 / first.logOneEntryMs.p95).toFixed(2)}×`);
  }
  console.log(`scrypt (N=2^17, r=8, p=1), once per log-in/sign-up, not in the open figures: ${ms(scryptMs)}`);

  const resultsDir = join(import.meta.dirname, 'results');
  await mkdir(resultsDir, { recursive: true });
  const file = join(resultsDir, `store-${new Date().toISOString().replace(/[:.]/g, '-')}${quick ? '-quick' : ''}.json`);
  await writeFile(file, JSON.stringify({ mode: quick ? 'quick' : 'full', node: process.version, scryptMs, rows }, null, 2));
  console.log(`\nwritten: ${file}`);
}

await main();
