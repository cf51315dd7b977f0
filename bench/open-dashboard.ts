/**
 * `npx tsx bench/open-dashboard.ts [--quick]`: what a person waits for from opening the app
 * to the dashboard, at 10k / 100k / 1M logs (quick: 10k / 100k) over 50 trackers — in a
 * fresh core each time (nothing in memory): open the data folder, log in, the first
 * `dashboard`. Summaries are on disk (built once beforehand, as after any earlier session),
 * and the core is closed after each sample, untimed (its own column).
 *
 * It uses only what every version of the core since issue 4 offers (`openCore`, `dispatch`,
 * bench/generate.ts's data set), so bench/against.ts can run this file against an older
 * commit too. Prints a table and writes bench/results/open-dashboard-<stamp>.json.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { dispatch, type Session } from '../src-main/core/dispatch';
import { openCore } from '../src-main/core/index';
import { BENCH_ACCOUNT, BENCH_NOW, BENCH_SCRYPT, generateDataSet } from './generate';
import { ms, percentile } from './measure';

const quick = process.argv.includes('--quick');
const SIZES = quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000];
const SAMPLES = quick ? 3 : 7;

interface Spread {
  readonly p50: number;
  readonly p95: number;
}

interface Row {
  readonly logs: number;
  readonly samples: number;
  /** openCore and logIn. */
  readonly openMs: Spread;
  /** The first dashboard after them. */
  readonly dashboardMs: Spread;
  /** Both: the person's wait. */
  readonly openAndDashboardMs: Spread;
  /** Closing the core afterwards (not part of the wait). */
  readonly closeMs: Spread;
}

const spread = (samples: readonly number[]): Spread => ({ p50: percentile(samples, 50), p95: percentile(samples, 95) });

/** One session from a fresh core: the times of its open, its first dashboard and its close. */
async function session(dataDir: string): Promise<{ open: number; dashboard: number; close: number }> {
  const started = performance.now();
  const core = await openCore({ dataDir, scrypt: BENCH_SCRYPT, now: () => BENCH_NOW });
  const login = await dispatch(core.handlers, 'logIn', { email: BENCH_ACCOUNT.email, password: BENCH_ACCOUNT.password }, null);
  if (!login.result.ok) throw new Error(`logIn: ${login.result.error.message}`);
  const opened = performance.now();
  const session: Session | null = login.session;
  const { result } = await dispatch(core.handlers, 'dashboard', {}, session);
  if (!result.ok) throw new Error(`dashboard: ${result.error.code} ${result.error.message}`);
  const shown = performance.now();
  await core.close();
  return { open: opened - started, dashboard: shown - opened, close: performance.now() - shown };
}

async function measure(logs: number): Promise<Row> {
  const dataDir = await mkdtemp(join(tmpdir(), `qs-bench-open-dashboard-${logs}-`));
  try {
    await generateDataSet(dataDir, logs);
    // The generator writes shards only: the first session builds the summaries, as a
    // person's first dashboard after an upgrade would, and is not counted.
    await session(dataDir);
    const runs: { open: number; dashboard: number; close: number }[] = [];
    for (let i = 0; i < SAMPLES; i++) runs.push(await session(dataDir));
    return {
      logs,
      samples: runs.length,
      openMs: spread(runs.map((run) => run.open)),
      dashboardMs: spread(runs.map((run) => run.dashboard)),
      openAndDashboardMs: spread(runs.map((run) => run.open + run.dashboard)),
      closeMs: spread(runs.map((run) => run.close)),
    };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

console.log(`Open and first dashboard (${quick ? 'quick' : 'full'}): 50 trackers, ${SAMPLES} fresh cores per size, Node ${process.version}\n`);
const rows: Row[] = [];
for (const logs of SIZES) {
  process.stdout.write(`  ${logs.toLocaleString('en')} logs… `);
  rows.push(await measure(logs));
  console.log('done');
}
console.table(
  rows.map((row) => ({
    logs: row.logs.toLocaleString('en'),
    'open p50': ms(row.openMs.p50),
    'first dashboard p50': ms(row.dashboardMs.p50),
    'open + dashboard p50': ms(row.openAndDashboardMs.p50),
    'open + dashboard p95': ms(row.openAndDashboardMs.p95),
    'close p50': ms(row.closeMs.p50),
  })),
);
const resultsDir = join(import.meta.dirname, 'results');
await mkdir(resultsDir, { recursive: true });
const file = join(resultsDir, `open-dashboard-${new Date().toISOString().replace(/[:.]/g, '-')}${quick ? '-quick' : ''}.json`);
await writeFile(file, JSON.stringify({ mode: quick ? 'quick' : 'full', node: process.version, rows }, null, 2));
console.log(`\nwritten: ${file}`);
