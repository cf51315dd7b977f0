/**
 * `npx tsx bench/against.ts --ref <commit> [--only store,dashboard-core,csv] [--quick] [--rounds 2]`:
 * the chosen benchmarks in an older commit's checkout and in this one, side by side in one
 * run, so the machine's drift (±30% within minutes here) falls on both alike.
 *
 * The ref is checked out detached in a temp folder (`git worktree add`, with this
 * checkout's node_modules linked in) and removed at the end, also on failure or a signal.
 * Each round runs every benchmark once per version, each in its own process, the order
 * alternating (then, now; now, then; …). Each benchmark's own JSON result is read back; the
 * table shows, for every figure in milliseconds, the median over the rounds of each version
 * and the ratio now / then. Writes bench/results/against-<stamp>.json.
 *
 * A benchmark missing at the ref is skipped, except those that use only the core's public
 * API both versions share (PORTABLE): this checkout's file is then run in the ref's tree.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, realpath, rm, symlink, unlink, writeFile, copyFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCHES, isBenchName, onlyOf, type BenchName } from './benches';
import { ms } from './measure';

/** Benchmarks that import only `openCore`, `dispatch` and bench/generate.ts's data set. */
const PORTABLE: ReadonlySet<BenchName> = new Set(['open-dashboard']);
const DEFAULT_BENCHES: readonly BenchName[] = ['store', 'open-dashboard', 'dashboard-core', 'csv'];
/** A ratio beyond this either way is more than the machine's drift. */
const DRIFT = 1.3;

type Version = 'then' | 'now';

interface Run {
  readonly version: Version;
  readonly round: number;
  readonly exit: number | string;
  readonly seconds: number;
  readonly loadAverage: number;
  readonly file: string | null;
  readonly result: unknown;
}

interface Compared {
  readonly row: string;
  readonly figure: string;
  readonly then: number[];
  readonly now: number[];
  readonly thenMedian: number;
  readonly nowMedian: number;
  readonly ratio: number;
}

interface BenchReport {
  readonly status: 'compared' | 'missing at the ref' | 'failed';
  readonly note: string;
  readonly runs: Run[];
  readonly figures: Compared[];
}

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const args = process.argv.slice(2);
const valueOf = (flag: string): string | undefined => args.find((arg) => arg.startsWith(`${flag}=`))?.slice(flag.length + 1) ?? (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);

const ref = valueOf('--ref');
const quick = args.includes('--quick');
const rounds = Number(valueOf('--rounds') ?? 2);
const requested = onlyOf(args) ?? [...DEFAULT_BENCHES];
const unknown = requested.filter((name) => !isBenchName(name));
if (ref === undefined || !Number.isInteger(rounds) || rounds < 1 || unknown.length > 0) {
  if (unknown.length > 0) console.error(`Unknown benchmark(s): ${unknown.join(', ')}. Known: ${Object.keys(BENCHES).join(', ')}.`);
  console.error('Usage: npx tsx bench/against.ts --ref <commit> [--only a,b] [--quick] [--rounds N (≥ 1)]');
  process.exit(2);
}
const names = requested.filter(isBenchName);

function git(...gitArgs: string[]): string {
  const run = spawnSync('git', gitArgs, { cwd: root, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`git ${gitArgs.join(' ')}: ${run.stderr.trim()}`);
  return run.stdout.trim();
}

const refCommit = git('rev-parse', '--verify', `${ref}^{commit}`);
const headCommit = git('rev-parse', 'HEAD');
const dirty = git('status', '--porcelain', '--untracked-files=no') !== '';
const existsAtRef = (file: string): boolean => spawnSync('git', ['cat-file', '-e', `${refCommit}:bench/${file}`], { cwd: root }).status === 0;

/** The ref's checkout, made once and removed by `removeTree`. */
let temp: string | null = null;
let child: ReturnType<typeof spawn> | null = null;

async function makeTree(): Promise<string> {
  temp = await mkdtemp(join(tmpdir(), 'qs-against-'));
  const tree = join(temp, 'tree');
  git('worktree', 'add', '--detach', tree, refCommit);
  await symlink(await realpath(join(root, 'node_modules')), join(tree, 'node_modules'));
  return tree;
}

async function removeTree(): Promise<void> {
  if (temp === null) return;
  const tree = join(temp, 'tree');
  temp = null;
  // The link first, so nothing below can reach into the shared node_modules.
  await unlink(join(tree, 'node_modules')).catch(() => undefined);
  try {
    git('worktree', 'remove', '--force', tree);
  } catch (error) {
    console.error(`Could not remove the worktree ${tree}: ${(error as Error).message}`);
  }
  await rm(dirname(tree), { recursive: true, force: true });
  git('worktree', 'prune');
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    child?.kill(signal);
    void removeTree().finally(() => process.exit(130));
  });
}

/** Runs one benchmark in `tree` in its own process; answers its exit and the JSON it wrote. */
async function runOnce(tree: string, name: BenchName, version: Version, round: number): Promise<Run> {
  const results = join(tree, 'bench', 'results');
  await mkdir(results, { recursive: true });
  const before = new Set(await readdir(results));
  const loadAverage = loadavg()[0] ?? 0;
  const started = performance.now();
  console.log(`\n━━ ${name} · ${version} (${version === 'then' ? refCommit.slice(0, 7) : headCommit.slice(0, 7)}) · round ${round + 1}/${rounds} · load ${loadAverage.toFixed(2)} · ${new Date().toISOString()} ━━`);
  const exit = await new Promise<number | string>((resolve) => {
    const tsx = join(root, 'node_modules', '.bin', 'tsx');
    child = spawn(tsx, [join(tree, 'bench', BENCHES[name]), ...(quick ? ['--quick'] : [])], { cwd: tree, stdio: 'inherit' });
    child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
    child.on('error', (error) => resolve(error.message));
  });
  child = null;
  const seconds = (performance.now() - started) / 1000;
  const written = (await readdir(results)).filter((file) => !before.has(file) && file.startsWith(`${name}-`) && file.endsWith('.json')).sort();
  const file = written.at(-1) ?? null;
  const result: unknown = file === null ? null : JSON.parse(await readFile(join(results, file), 'utf8'));
  return { version, round, exit, seconds, loadAverage, file: file === null ? null : join(results, file), result };
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
const isRecord = (value: unknown): value is Record<string, Json> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Every figure in milliseconds of one result, by row and name: the numbers under a key
 * ending in `Ms` (`commitMs`, `openMs.p50`, `p95Ms`), each row named by its `operation`
 * and `logs`; the result's own top-level figures form the row "(run)".
 */
function figuresOf(result: unknown): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  const collect = (row: string, value: Json, path: string, inMs: boolean) => {
    if (typeof value === 'number') {
      if (!inMs) return;
      const figures = out.get(row) ?? new Map<string, number>();
      figures.set(path, value);
      out.set(row, figures);
    } else if (isRecord(value)) {
      for (const [key, inner] of Object.entries(value)) collect(row, inner, path === '' ? key : `${path}.${key}`, inMs || key.endsWith('Ms'));
    }
  };
  if (!isRecord(result)) return out;
  for (const [key, value] of Object.entries(result)) {
    if (key === 'rows' && Array.isArray(value)) {
      for (const row of value) {
        if (!isRecord(row)) continue;
        const label = [typeof row.operation === 'string' ? row.operation : null, typeof row.logs === 'number' ? `${row.logs.toLocaleString('en')} logs` : null].filter((part) => part !== null).join(' · ');
        collect(label, row, '', false);
      }
    } else {
      collect('(run)', { [key]: value }, '', false);
    }
  }
  return out;
}

function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Each figure of the runs that succeeded, both versions' values side by side, in the order first seen. */
function compare(runs: readonly Run[]): Compared[] {
  const byKey = new Map<string, { row: string; figure: string; then: number[]; now: number[] }>();
  for (const run of runs) {
    if (run.exit !== 0) continue;
    for (const [row, figures] of figuresOf(run.result)) {
      for (const [figure, value] of figures) {
        const key = `${row}\u0000${figure}`;
        const entry = byKey.get(key) ?? { row, figure, then: [], now: [] };
        entry[run.version].push(value);
        byKey.set(key, entry);
      }
    }
  }
  return [...byKey.values()].map((entry) => {
    const thenMedian = median(entry.then);
    const nowMedian = median(entry.now);
    return { ...entry, thenMedian, nowMedian, ratio: nowMedian / thenMedian };
  });
}

const verdict = (ratio: number): string => (!Number.isFinite(ratio) ? '' : ratio > DRIFT ? 'slower' : ratio < 1 / DRIFT ? 'faster' : '');

function printTable(name: string, report: BenchReport): void {
  console.log(`\n### ${name}${report.note === '' ? '' : ` — ${report.note}`}\n`);
  if (report.figures.length === 0) return;
  console.log(`| row | figure | then ${refCommit.slice(0, 7)} | now ${headCommit.slice(0, 7)} | now / then | |`);
  console.log('|---|---|---:|---:|---:|---|');
  for (const figure of report.figures) {
    const ratio = Number.isFinite(figure.ratio) ? `${figure.ratio.toFixed(2)}×` : '—';
    console.log(`| ${figure.row} | ${figure.figure} | ${ms(figure.thenMedian)} | ${ms(figure.nowMedian)} | ${ratio} | ${verdict(figure.ratio)} |`);
  }
}

async function main(): Promise<void> {
  const started = new Date();
  console.log(`Benchmarks against ${ref} (${refCommit.slice(0, 7)}) — now ${headCommit.slice(0, 7)}${dirty ? ' with uncommitted changes' : ''} — ${quick ? 'quick' : 'full'}, ${rounds} round(s) per version, alternating`);
  const tree = await makeTree();
  const reports: Record<string, BenchReport> = {};
  try {
    for (const name of names) {
      let note = '';
      if (!existsAtRef(BENCHES[name])) {
        if (!PORTABLE.has(name)) {
          reports[name] = { status: 'missing at the ref', note: `bench/${BENCHES[name]} did not exist at ${refCommit.slice(0, 7)}: skipped`, runs: [], figures: [] };
          console.log(`\n${name}: ${reports[name].note}`);
          continue;
        }
        await copyFile(join(here, BENCHES[name]), join(tree, 'bench', BENCHES[name]));
        note = `this checkout's bench/${BENCHES[name]} run in both (it did not exist at ${refCommit.slice(0, 7)}; it uses only the public core API both share)`;
      }
      const runs: Run[] = [];
      for (let round = 0; round < rounds; round++) {
        // then, now; now, then; … so neither version always runs first.
        const order: Version[] = round % 2 === 0 ? ['then', 'now'] : ['now', 'then'];
        for (const version of order) runs.push(await runOnce(version === 'then' ? tree : root, name, version, round));
      }
      const failures = runs.filter((run) => run.exit !== 0 || run.result === null);
      if (failures.length > 0) note = [note, `failed: ${failures.map((run) => `${run.version} round ${run.round + 1} (exit ${run.exit})`).join(', ')}`].filter(Boolean).join('; ');
      const figures = compare(runs);
      reports[name] = { status: figures.length > 0 ? 'compared' : 'failed', note, runs, figures };
    }
  } finally {
    await removeTree();
  }

  const seconds = (Date.now() - started.getTime()) / 1000;
  console.log(`\n## Against ${refCommit.slice(0, 7)} — medians of ${rounds} round(s) per version, ${quick ? 'quick' : 'full'}, ${(seconds / 60).toFixed(1)} min`);
  for (const [name, report] of Object.entries(reports)) printTable(name, report);
  const resultsDir = join(here, 'results');
  await mkdir(resultsDir, { recursive: true });
  const file = join(resultsDir, `against-${started.toISOString().replace(/[:.]/g, '-')}${quick ? '-quick' : ''}.json`);
  await writeFile(file, JSON.stringify({ ref, refCommit, headCommit, dirty, mode: quick ? 'quick' : 'full', rounds, node: process.version, startedAt: started.toISOString(), seconds, benches: reports }, null, 2));
  console.log(`\nwritten: ${file}`);
  if (Object.values(reports).some((report) => report.status === 'failed' || report.note.includes('failed:'))) process.exitCode = 1;
}

try {
  await main();
} catch (error) {
  await removeTree();
  throw error;
}
