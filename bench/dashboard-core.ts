/**
 * `npx tsx bench/dashboard-core.ts [--quick]`: what the insight operations cost in the core.
 *
 * - `dashboard` with 50 trackers and 1,000,000 logs over ten years (quick: 100,000): the
 *   first call ever (no summaries yet: it reads all history once and writes them), then in
 *   a fresh process (summaries on disk, no shard in memory), then warm (same process).
 * - `chartSeries` ('all', default granularity), `trackerStats` ('all') and the first page of
 *   `listLogs` on one tracker with 100,000 logs (quick: 20,000), cold and warm.
 *
 * Prints a table and writes bench/results/dashboard-core-<stamp>.json.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dispatch, type Session } from '../src-main/core/dispatch';
import { openCore, type Core } from '../src-main/core/index';
import { BENCH_ACCOUNT, BENCH_NOW, BENCH_SCRYPT, generateDataSet } from './generate';
import { ms, percentile, sample, timeOnce } from './measure';

const quick = process.argv.includes('--quick');
const DASHBOARD_LOGS = quick ? 100_000 : 1_000_000;
const HEAVY_TRACKER_LOGS = quick ? 20_000 : 100_000;
const FRESH_SAMPLES = quick ? 3 : 7;
const WARM_SAMPLES = quick ? 10 : 30;

interface Row {
  readonly operation: string;
  readonly logs: number;
  readonly samples: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
}

async function signIn(dataDir: string): Promise<{ core: Core; call: (method: string, input: unknown) => Promise<unknown> }> {
  const core = await openCore({ dataDir, scrypt: BENCH_SCRYPT, now: () => BENCH_NOW });
  const login = await dispatch(core.handlers, 'logIn', { email: BENCH_ACCOUNT.email, password: BENCH_ACCOUNT.password }, null);
  if (!login.result.ok) throw new Error(`logIn: ${login.result.error.message}`);
  const session: Session | null = login.session;
  return {
    core,
    call: async (method, input) => {
      const { result } = await dispatch(core.handlers, method, input, session);
      if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
      return result.value;
    },
  };
}

const row = (operation: string, logs: number, samples: number[]): Row => ({ operation, logs, samples: samples.length, p50Ms: percentile(samples, 50), p95Ms: percentile(samples, 95) });

async function dashboardRows(): Promise<Row[]> {
  const dataDir = await mkdtemp(join(tmpdir(), 'qs-bench-dashboard-'));
  try {
    process.stdout.write(`  generating 50 trackers, ${DASHBOARD_LOGS.toLocaleString('en')} logs… `);
    const set = await generateDataSet(dataDir, DASHBOARD_LOGS);
    console.log('done');
    const rows: Row[] = [];

    const first = await signIn(dataDir);
    // Targets on a third of the trackers, daily and weekly, so the cards compute progress too.
    for (const [index, tracker] of set.trackers.entries()) {
      if (index % 3 !== 0) continue;
      const target = tracker.settings.type === 'boolean' ? { period: 'week', comparison: 'at_least', value: 3 } : { period: 'day', comparison: 'at_least', value: 1 };
      if (tracker.settings.type !== 'numerical') await first.call('updateTracker', { trackerId: tracker.id, target });
    }
    rows.push(row('dashboard, first call ever (builds summaries)', DASHBOARD_LOGS, [await timeOnce(() => first.call('dashboard', {}))]));
    await first.core.close();

    rows.push(row('dashboard, fresh process (summaries on disk)', DASHBOARD_LOGS, await coldTimes(dataDir, 'dashboard', {})));

    const warm = await signIn(dataDir);
    await warm.call('dashboard', {});
    rows.push(row('dashboard, warm', DASHBOARD_LOGS, await sample(WARM_SAMPLES, () => warm.call('dashboard', {}))));
    await warm.core.close();
    return rows;
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** The time of one operation, each in a freshly opened core (nothing in memory); opening is not counted. */
async function coldTimes(dataDir: string, method: string, input: unknown): Promise<number[]> {
  const times: number[] = [];
  for (let round = 0; round < FRESH_SAMPLES; round += 1) {
    const { core, call } = await signIn(dataDir);
    times.push(await timeOnce(() => call(method, input)));
    await core.close();
  }
  return times;
}

async function heavyTrackerRows(): Promise<Row[]> {
  const dataDir = await mkdtemp(join(tmpdir(), 'qs-bench-heavy-'));
  try {
    process.stdout.write(`  generating 1 tracker with ${HEAVY_TRACKER_LOGS.toLocaleString('en')} logs… `);
    const set = await generateDataSet(dataDir, HEAVY_TRACKER_LOGS, 42, { trackerCount: 1 });
    console.log('done');
    const trackerId = set.trackers[0]?.id;
    if (trackerId === undefined) throw new Error('no tracker');
    const operations: [string, string, unknown][] = [
      ["chartSeries 'all'", 'chartSeries', { trackerId, range: { preset: 'all' } }],
      ["trackerStats 'all'", 'trackerStats', { trackerId, range: { preset: 'all' } }],
      ['listLogs first page (100, newest)', 'listLogs', { trackerId }],
    ];
    const rows: Row[] = [];
    for (const [label, method, input] of operations) {
      rows.push(row(`${label}, cold (fresh process)`, HEAVY_TRACKER_LOGS, await coldTimes(dataDir, method, input)));
      const { core, call } = await signIn(dataDir);
      await call(method, input);
      rows.push(row(`${label}, warm`, HEAVY_TRACKER_LOGS, await sample(WARM_SAMPLES, () => call(method, input))));
      await core.close();
    }
    return rows;
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  console.log(`Quantified Self core insight benchmarks (${quick ? 'quick' : 'full'}), Node ${process.version}\n`);
  const rows = [...(await dashboardRows()), ...(await heavyTrackerRows())];
  console.log('');
  console.table(rows.map((r) => ({ operation: r.operation, logs: r.logs.toLocaleString('en'), samples: r.samples, p50: ms(r.p50Ms), p95: ms(r.p95Ms) })));
  const resultsDir = join(import.meta.dirname, 'results');
  await mkdir(resultsDir, { recursive: true });
  const file = join(resultsDir, `dashboard-core-${new Date().toISOString().replace(/[:.]/g, '-')}${quick ? '-quick' : ''}.json`);
  await writeFile(file, JSON.stringify({ mode: quick ? 'quick' : 'full', node: process.version, rows }, null, 2));
  console.log(`\nwritten: ${file}`);
}

await main();
