/**
 * `npm run bench [-- --quick] [-- --only store,csv]`: every benchmark, one after another, each
 * in its own process so one's heap and caches do not colour the next. Each prints its
 * table and writes `bench/results/<name>-<stamp>.json`.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BENCHES = {
  store: 'store.ts', // issue 2: open, log one entry, raw one-file costs at 10k/100k/1M
  encryption: 'encryption.ts', // issue 3: open with and without encryption at rest
  'dashboard-core': 'dashboard-core.ts', // issue 4: dashboard, stats, series, paging in the core
  'dashboard-render': 'dashboard-render.ts', // issue 4: first render and chart draw in Chromium
  csv: 'csv.ts', // issue 5: export and import at 100k/1M
  'import-memory': 'import-memory.ts', // issue 10: peak memory of an import's preview and commit, 50 MB files
  'worker-host': 'worker-host.ts', // issue 11: the shell thread's event-loop delay with the core in its worker, and a call's cost
  'log-one': 'log-one.ts', // issue 14: log one entry at 10k/100k/1M, the app beside SQLite (installs the peer on demand)
  'load-50': 'load-50.ts', // issue 14: 50 loopback clients writing through browser mode, beside SQLite; needs `npm run build`
  backup: 'backup.ts', // issue 14: Back up now at 10k/100k, and how long an entry logged meanwhile waits
} as const;
type BenchName = keyof typeof BENCHES;

const isBenchName = (name: string): name is BenchName => Object.hasOwn(BENCHES, name);

const args = process.argv.slice(2);
const onlyIndex = args.indexOf('--only');
const onlyArg = args.find((arg) => arg.startsWith('--only='))?.slice('--only='.length) ?? (onlyIndex >= 0 ? args[onlyIndex + 1] : undefined);
const requested = onlyArg === undefined ? Object.keys(BENCHES) : onlyArg.split(',').filter(Boolean);
const unknown = requested.filter((name) => !isBenchName(name));
if (unknown.length > 0) {
  console.error(`Unknown benchmark(s): ${unknown.join(', ')}. Known: ${Object.keys(BENCHES).join(', ')}.`);
  process.exit(2);
}
const passOn = args.filter((arg) => arg === '--quick');
const here = dirname(fileURLToPath(import.meta.url));
const tsx = join(here, '..', 'node_modules', '.bin', 'tsx');

let failed = 0;
for (const name of requested.filter(isBenchName)) {
  console.log(`\n━━ ${name} ━━`);
  const run = spawnSync(tsx, [join(here, BENCHES[name]), ...passOn], { stdio: 'inherit' });
  if (run.status !== 0) {
    failed += 1;
    console.error(`${name} failed (exit ${run.status ?? run.signal}).`);
  }
}
process.exit(failed === 0 ? 0 : 1);
