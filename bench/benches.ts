/**
 * Every benchmark by name, each a file in bench/ run in its own process (bench/run.ts runs
 * them in turn; bench/against.ts runs them beside an older commit's).
 */
export const BENCHES = {
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
  'open-dashboard': 'open-dashboard.ts', // issue 14: a fresh process's open, log-in and first dashboard at 10k/100k/1M
} as const;

export type BenchName = keyof typeof BENCHES;

export const isBenchName = (name: string): name is BenchName => Object.hasOwn(BENCHES, name);

/** The names in `--only a,b` or `--only=a,b` among `args`, or undefined when it is absent. */
export function onlyOf(args: readonly string[]): string[] | undefined {
  const index = args.indexOf('--only');
  const value = args.find((arg) => arg.startsWith('--only='))?.slice('--only='.length) ?? (index >= 0 ? args[index + 1] : undefined);
  return value?.split(',').filter(Boolean);
}
