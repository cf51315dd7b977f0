/**
 * `npx tsx bench/backup.ts [--quick]`: a backup of a profile at 10k and 100k entries (50
 * trackers over ten years: one shard file per tracker and month) — how long "Back up now"
 * takes in all, and how long an entry logged just after it started waits for the profile's
 * write queue (what a person logging during the daily backup feels). Prints a table and
 * writes `bench/results/backup-<stamp>.json`.
 */
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCore } from '../src-main/core/index';
import { BENCH_ACCOUNT, BENCH_NOW, BENCH_SCRYPT, callerOf, generateDataSet } from './generate';
import { ms, percentile } from './measure';

const quick = process.argv.includes('--quick');
const SIZES = quick ? [10_000] : [10_000, 100_000];
const RUNS = quick ? 3 : 5;

interface Row {
  logs: number;
  shardFiles: number;
  megabytes: number;
  backupMs: { p50: number; max: number };
  entryWaitMs: { p50: number; max: number };
}

async function measureSize(logCount: number): Promise<Row> {
  const dataDir = await mkdtemp(join(tmpdir(), `qs-bench-backup-${logCount}-`));
  try {
    const set = await generateDataSet(dataDir, logCount);
    const core = await openCore({ dataDir, scrypt: BENCH_SCRYPT, now: () => BENCH_NOW });
    const call = callerOf(core);
    await call('logIn', { email: BENCH_ACCOUNT.email, password: BENCH_ACCOUNT.password });
    await call('updateBackupSettings', { enabled: true, keep: 2, folder: null });
    // The first tracker is numerical (generate.ts cycles the types).
    const tracker = set.trackers[0];
    if (tracker === undefined) throw new Error('no tracker');
    const backups: number[] = [];
    const waits: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const started = performance.now();
      let done = false;
      const backup = call('backupNow', {}).then(() => {
        done = true;
        return performance.now() - started;
      });
      // A person logging every 100 ms while the backup runs: how long each entry takes.
      const entries: Promise<number>[] = [];
      while (!done) {
        const entryStarted = performance.now();
        entries.push(call('addLog', { trackerId: tracker.id, value: '1', note: '' }).then(() => performance.now() - entryStarted));
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      backups.push(await backup);
      waits.push(...(await Promise.all(entries)));
    }
    await core.close();
    return {
      logs: logCount,
      shardFiles: set.shardFiles,
      megabytes: set.bytes / 1024 / 1024,
      backupMs: { p50: percentile(backups, 50), max: Math.max(...backups) },
      entryWaitMs: { p50: percentile(waits, 50), max: Math.max(...waits) },
    };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

const rows: Row[] = [];
for (const size of SIZES) rows.push(await measureSize(size));
console.log('| entries | shard files | MB | back up now p50 / max | an entry logged meanwhile waits p50 / max |');
console.log('|---|---|---|---|---|');
for (const row of rows) {
  console.log(`| ${row.logs.toLocaleString('en')} | ${row.shardFiles.toLocaleString('en')} | ${row.megabytes.toFixed(1)} | ${ms(row.backupMs.p50)} / ${ms(row.backupMs.max)} | ${ms(row.entryWaitMs.p50)} / ${ms(row.entryWaitMs.max)} |`);
}
const results = join(import.meta.dirname, 'results');
await mkdir(results, { recursive: true });
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
await writeFile(join(results, `backup-${stamp}.json`), `${JSON.stringify({ bench: 'backup', runs: RUNS, rows }, null, 2)}\n`);
