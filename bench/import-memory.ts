/**
 * `npx tsx bench/import-memory.ts [--quick] [--mb=N] [--baseline=<git ref>]`: how much
 * memory an import takes. Generates a logs CSV of our format (with its trackers CSV) and a
 * Track & Graph export, each about N MB (50; quick: 5), and the same logs CSV with no
 * quoted cell (notes without commas or quotes), and runs each operation in a fresh
 * process (bench/import-memory-child.ts): previewImport and commitImport into an empty
 * profile, and a preview of the same files again once they are stored (every row a
 * duplicate); for our files also the preview as the browser shell answers it, the
 * request's JSON body read from a stream first (the other rows start from the files'
 * text). Columns:
 * - input: the process's RSS once the files' text is held (as a request hands it over)
 *   and the core is open — what the import starts from;
 * - peak RSS: the process's highest RSS during the operation (VmHWM, reset before it);
 * - added: peak − input, what the operation itself took;
 * - heap before, peak heap: the V8 heap in use before (the files' text is on it) and at
 *   its largest, sampled every 2 ms and at every change of the job's progress.
 * With `--baseline=main` the same children also run the core of that commit (extracted
 * with `git archive` into a temporary folder), so one run prints before and after side by
 * side. Prints a table and writes `bench/results/import-memory-<stamp>.json`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { once } from 'node:events';
import type { Log, Tracker } from '../src-preload/contract';
import { logChunks, trackerChunks, type LogRows } from '../src-main/core/io/csv-export';
import { seededRandom } from './random';

const quick = process.argv.includes('--quick');
const megabytes = Number(process.argv.find((arg) => arg.startsWith('--mb='))?.slice('--mb='.length) ?? (quick ? 5 : 50));
const baselineRef = process.argv.find((arg) => arg.startsWith('--baseline='))?.slice('--baseline='.length);
const repo = join(import.meta.dirname, '..');

const base = { description: '', color: '#336699', emoji: '', archived: false, pinned: false, reminder: { enabled: true, days: [1, 2, 3, 4, 5, 6, 7], time: null }, target: null, createdAt: '2016-01-01T00:00:00.000Z' };
const TRACKERS: Tracker[] = [
  { ...base, id: 'weight', name: 'Weight', settings: { type: 'numerical', unit: 'kg', min: null, max: null, decimals: 1, aggregation: 'average' } },
  { ...base, id: 'mood', name: 'Mood', settings: { type: 'multiple_choice', multiple: true, options: ['Calm', 'Tense', 'Happy'].map((label, i) => ({ id: `o${i}`, label, archived: false })) } },
  { ...base, id: 'meditated', name: 'Meditated', settings: { type: 'boolean' } },
  { ...base, id: 'reading', name: 'Reading', settings: { type: 'duration' } },
];
const NOTE = 'felt "ok", slept late';
/** The same note with no quote or comma: a file without quoted cells is read another way by papaparse. */
const PLAIN_NOTE = 'felt ok and slept late';
const START = Date.parse('2016-01-01T00:00:00.000Z');
const TEN_YEARS = 10 * 365 * 86_400_000;

/** Writes chunks of text to `path` and answers its size in bytes. */
async function writeChunks(path: string, chunks: AsyncIterable<string>): Promise<number> {
  const out = createWriteStream(path);
  for await (const chunk of chunks) if (!out.write(chunk)) await once(out, 'drain');
  out.end();
  await once(out, 'close');
  return (await stat(path)).size;
}

/** Our two files, the logs one of about `bytes` (rows average ~52 bytes), written by the app's exporter; a fifth of the entries have `note`. */
async function ourFiles(dir: string, bytes: number, note: string): Promise<{ paths: string[]; rows: number }> {
  const perTracker = Math.ceil(bytes / 52 / TRACKERS.length);
  const random = seededRandom(42);
  const step = Math.floor(TEN_YEARS / perTracker);
  function* months(tracker: Tracker, t: number): Generator<LogRows> {
    let batch: { at: string[]; offsetMinutes: number[]; values: Log['value'][]; notes: string[] } | null = null;
    let month = '';
    for (let i = 0; i < perTracker; i++) {
      const at = new Date(START + i * step + t * 1000).toISOString();
      if (at.slice(0, 7) !== month) {
        if (batch !== null) yield batch;
        batch = { at: [], offsetMinutes: [], values: [], notes: [] };
        month = at.slice(0, 7);
      }
      const type = tracker.settings.type;
      const value = type === 'numerical' ? Math.round(600 + random() * 300) / 10 : type === 'boolean' ? random() < 0.7 : type === 'duration' ? Math.floor(random() * 7200) : [`o${Math.floor(random() * 3)}`];
      const into = batch as NonNullable<typeof batch>;
      into.at.push(at);
      into.offsetMinutes.push(60);
      into.values.push(value);
      into.notes.push(random() < 0.2 ? note : '');
    }
    if (batch !== null) yield batch;
  }
  const trackers = join(dir, 'trackers.csv');
  const logs = join(dir, note === NOTE ? 'logs.csv' : 'logs-plain.csv');
  await writeChunks(trackers, trackerChunks(TRACKERS));
  await writeChunks(logs, logChunks(TRACKERS.map((tracker, t) => ({ tracker, logs: months(tracker, t) }))));
  return { paths: [trackers, logs], rows: perTracker * TRACKERS.length };
}

/** A Track & Graph export (`FeatureName,Timestamp,Value,Label,Note`) of about `bytes`, as its own exporter writes one. */
async function trackAndGraphFile(dir: string, bytes: number): Promise<{ paths: string[]; rows: number }> {
  const features = ['Weight', 'Sleep', 'Mood', 'Steps'];
  const perFeature = Math.ceil(bytes / 48 / features.length);
  const random = seededRandom(7);
  const step = Math.floor(TEN_YEARS / perFeature);
  async function* chunks(): AsyncGenerator<string> {
    yield 'FeatureName,Timestamp,Value,Label,Note\n';
    for (const [f, feature] of features.entries()) {
      let lines: string[] = [];
      for (let i = 0; i < perFeature; i++) {
        const local = new Date(START + i * step + f * 1000 + 3_600_000).toISOString();
        const time = `${local.slice(0, 23)}+01:00`;
        const seconds = Math.floor(random() * 36_000);
        const mood = Math.floor(random() * 3);
        const value =
          feature === 'Sleep'
            ? `${Math.floor(seconds / 3600)}:${String(Math.floor(seconds / 60) % 60).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')},`
            : feature === 'Mood'
              ? `${mood}.0,${['Low', 'Fine', 'Good'][mood]}`
              : feature === 'Steps'
                ? `${Math.floor(random() * 20_000)}.0,`
                : `${(60 + random() * 30).toFixed(1)},`;
        lines.push(`${feature},${time},${value},${random() < 0.2 ? `"${NOTE.replaceAll('"', '""')}"` : ''}\n`);
        if (lines.length === 5000) {
          yield lines.join('');
          lines = [];
        }
      }
      yield lines.join('');
    }
  }
  const path = join(dir, 'trackandgraph.csv');
  await writeChunks(path, chunks());
  return { paths: [path], rows: perFeature * features.length };
}

/** The JSON body of an import request carrying `paths`, as the renderer sends it. */
async function requestFile(dir: string, kind: string, paths: readonly string[]): Promise<string> {
  const files = paths.map((path) => ({ name: basename(path), text: readFileSync(path, 'utf8') }));
  const path = join(dir, `${basename(paths[paths.length - 1] as string)}.request.json`);
  await writeFile(path, JSON.stringify({ kind, files }));
  return path;
}

interface Measured {
  rssBefore: number;
  heapBefore: number;
  peakRss: number;
  peakHeapUsed: number;
  peakHeapTotal: number;
  ms: number;
  logs: number;
  duplicates: number;
  errors: number;
}

type Row = (Measured | { failed: string }) & {
  format: string;
  fileMb: number;
  rows: number;
  op: string;
  code: string;
};

/** The child's measurement, or why it failed (an older core may fail where this one does not). */
function runChild(root: string, op: string, kind: string, dataDir: string, paths: readonly string[]): Measured | { failed: string } {
  const tsx = join(repo, 'node_modules', '.bin', 'tsx');
  const child = spawnSync(tsx, ['--expose-gc', join(import.meta.dirname, 'import-memory-child.ts'), root, op, kind, dataDir, ...paths], { encoding: 'utf8', maxBuffer: 2 ** 24 });
  if (child.status === 0) return JSON.parse(child.stdout.trim().split('\n').pop() ?? '') as Measured;
  const reason = /^(\w*Error: .*)$/m.exec(child.stderr)?.[1] ?? `exit ${child.status ?? child.signal}`;
  console.error(`${op} ${kind} (${root}) failed:\n${child.stderr}`);
  return { failed: reason };
}

/**
 * The three measurements of one format with one core: preview and commit into a new
 * profile, then (in a third process, the commit's profile kept) a preview of the same
 * files against their million stored entries.
 */
function measureFormat(root: string, kind: string, paths: readonly string[], body: string | null): [string, Measured | { failed: string }][] {
  const preview = runChild(root, 'preview', kind, 'new', paths);
  const request: [string, Measured | { failed: string }][] = body === null ? [] : [['preview through a request (browser mode)', runChild(root, 'request', kind, 'new', [body])]];
  const stored = mkdtempSync(join(tmpdir(), 'qs-bench-importmem-stored-'));
  try {
    const commit = runChild(root, 'commit', kind, stored, paths);
    const again = 'failed' in commit ? commit : runChild(root, 'preview', kind, stored, paths);
    return [
      ['preview', preview],
      ...request,
      ['commit', commit],
      ['preview again (all stored)', again],
    ];
  } finally {
    rmSync(stored, { recursive: true, force: true });
  }
}

/** The core of `ref` (src-main, src-preload), with this checkout's node_modules. */
async function extractBaseline(ref: string): Promise<{ root: string; label: string }> {
  const root = await mkdtemp(join(tmpdir(), 'qs-bench-baseline-'));
  const commit = execFileSync('git', ['rev-parse', '--short', ref], { cwd: repo, encoding: 'utf8' }).trim();
  const archive = execFileSync('git', ['archive', '--format=tar', commit, 'src-main', 'src-preload'], { cwd: repo, maxBuffer: 2 ** 28 });
  execFileSync('tar', ['-x', '-C', root], { input: archive });
  await symlink(join(repo, 'node_modules'), join(root, 'node_modules'));
  return { root, label: `${ref} (${commit})` };
}

const work = await mkdtemp(join(tmpdir(), 'qs-bench-importmem-files-'));
const baseline = baselineRef === undefined ? null : await extractBaseline(baselineRef);
const rows: Row[] = [];
try {
  const bytes = megabytes * 1024 * 1024;
  const formats = [
    { format: 'ours (trackers + logs)', kind: 'trackers', ...(await ourFiles(work, bytes, NOTE)) },
    { format: 'ours, no quoted cell', kind: 'trackers', ...(await ourFiles(work, bytes, PLAIN_NOTE)) },
    { format: 'Track & Graph', kind: 'trackandgraph', ...(await trackAndGraphFile(work, bytes)) },
  ];
  const codes = [...(baseline === null ? [] : [baseline]), { root: repo, label: 'this tree' }];
  for (const { format, kind, paths, rows: count } of formats) {
    let fileBytes = 0;
    for (const path of paths) fileBytes += (await stat(path)).size;
    const body = kind === 'trackers' ? await requestFile(work, kind, paths) : null;
    const measured = codes.map((code) => ({ code, results: measureFormat(code.root, kind, paths, body) }));
    for (const [index, [op]] of (measured[0]?.results ?? []).entries()) {
      for (const { code, results } of measured) rows.push({ format, fileMb: fileBytes / 2 ** 20, rows: count, op, code: code.label, ...(results[index]?.[1] ?? { failed: 'not run' }) });
    }
  }
} finally {
  await rm(work, { recursive: true, force: true });
  if (baseline !== null) await rm(baseline.root, { recursive: true, force: true });
}

const mb = (value: number): string => `${value.toFixed(0)} MB`;
console.log(`\nImport memory (each operation in a fresh process; MB = MiB)\n`);
console.log(['format', 'files', 'rows', 'operation', 'code', 'input RSS', 'peak RSS', 'added', 'heap before', 'peak heap', 'time', 'new / duplicates'].join(' | '));
for (const row of rows) {
  const head = [row.format, `${row.fileMb.toFixed(1)} MB`, row.rows.toLocaleString('en'), row.op, row.code];
  if ('failed' in row) {
    console.log([...head, `failed: ${row.failed}`].join(' | '));
    continue;
  }
  console.log(
    [
      ...head,
      mb(row.rssBefore),
      mb(row.peakRss),
      mb(row.peakRss - row.rssBefore),
      mb(row.heapBefore),
      mb(row.peakHeapUsed),
      `${(row.ms / 1000).toFixed(2)} s`,
      `${row.logs.toLocaleString('en')} / ${row.duplicates.toLocaleString('en')}`,
    ].join(' | '),
  );
}
const stamp = new Date().toISOString().replaceAll(':', '-').replaceAll('.', '-');
const dir = join(import.meta.dirname, 'results');
await mkdir(dir, { recursive: true });
const file = join(dir, `import-memory-${stamp}${quick ? '-quick' : ''}.json`);
await writeFile(file, JSON.stringify({ quick, megabytes, baseline: baseline?.label ?? null, node: process.version, rows }, null, 2));
console.log(`\nwritten ${file}`);
