/**
 * `npx tsx bench/csv.ts [--quick] [--trackers=N]`: our CSV export and import at 100k and 1M
 * logs (quick: 10k and 100k), four trackers (one per type) or N, notes with commas and quotes.
 * Columns:
 * - export (memory): trackers and logs from in-memory month batches (by column, as shards
 *   hold them) to the text the API returns;
 * - import plan (memory): reading both files, checking every row, planning into an empty profile;
 * - commitImport (disk): the whole operation through the core into an empty, encrypted
 *   profile — plan again, build the shards, encrypt, write and fsync every file;
 * - export (disk): exportLogsCsv through the core after a restart (every shard read,
 *   decrypted and checked, then written out as CSV);
 * - export in parts (disk): the same file through exportLogsCsvChunk, part after part, as
 *   the Import / export page asks for it (the parts joined are checked against the file);
 * - read only (disk): what any export costs before its first CSV byte — every shard read,
 *   decrypted, parsed and checked as the export reads them, and no CSV written.
 * Prints a table and writes `bench/results/csv-<stamp>.json`. Goals (issue 5): export 1M
 * < 2 s, import 1M < 5 s. Run it when the machine is quiet (`uptime`).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dispatch, type Session } from '../src-main/core/dispatch';
import { dataLayout, openCore, openProfileCodec } from '../src-main/core/index';
import { createAtomicWriter } from '../src-main/core/store/atomic-writer';
import { codecFs, codecWriter } from '../src-main/core/store/file-codec';
import { nodeFs } from '../src-main/core/store/fs-port';
import { ProfileStore } from '../src-main/core/store/profile-store';
import { columnsInOrder, shardsOf } from '../src-main/core/services/shard-stream';
import type { Log, Tracker } from '../src-preload/contract';
import { joinChunks, logChunks, trackerChunks } from '../src-main/core/io/csv-export';
import { shardColumns } from '../src-main/core/store/log-shard-columns';
import { planFiles } from '../src-main/core/io/import-kinds';
import type { Input, Method, Output } from '../src-preload/contract';
import { ms, timeOnce } from './measure';
import { seededRandom } from './random';

const quick = process.argv.includes('--quick');
const SIZES = quick ? [10_000, 100_000] : [100_000, 1_000_000];

const base = { description: '', color: '#336699', emoji: '', archived: false, pinned: false, reminder: { enabled: true, days: [1, 2, 3, 4, 5, 6, 7], time: null }, target: null, createdAt: '2016-01-01T00:00:00.000Z' };
const FOUR_TYPES: Tracker[] = [
  { ...base, id: 'weight', name: 'Weight', settings: { type: 'numerical', unit: 'kg', min: null, max: null, decimals: 1, aggregation: 'average' } },
  { ...base, id: 'mood', name: 'Mood', settings: { type: 'multiple_choice', multiple: true, options: ['Calm', 'Tense', 'Happy'].map((label, i) => ({ id: `o${i}`, label, archived: false })) } },
  { ...base, id: 'meditated', name: 'Meditated', settings: { type: 'boolean' } },
  { ...base, id: 'reading', name: 'Reading', settings: { type: 'duration' } },
];
/**
 * `--trackers=N` spreads the same logs over N trackers (the four types in turn): 4 gives
 * large shards (2,000 logs a month each at 1M), 50 the small ones of bench/generate.ts's
 * profile (170 a month), whose export pays per file rather than per log.
 */
const trackerCount = Number(process.argv.find((arg) => arg.startsWith('--trackers='))?.slice('--trackers='.length) ?? 4);
const TRACKERS: Tracker[] =
  trackerCount === FOUR_TYPES.length
    ? FOUR_TYPES
    : Array.from({ length: trackerCount }, (_, i) => {
        const type = FOUR_TYPES[i % FOUR_TYPES.length] as Tracker;
        return { ...type, id: `${type.id}-${i + 1}`, name: `${type.name} ${i + 1}` };
      });

/** Each tracker's logs in month batches, as the store's shards hold them. */
function generate(count: number): Map<string, Log[][]> {
  const random = seededRandom(42);
  const perTracker = Math.ceil(count / TRACKERS.length);
  const start = Date.parse('2016-01-01T00:00:00.000Z');
  const step = Math.floor((10 * 365 * 86_400_000) / perTracker);
  const out = new Map<string, Log[][]>();
  TRACKERS.forEach((tracker, t) => {
    const months: Log[][] = [];
    let month = '';
    for (let i = 0; i < perTracker && t * perTracker + i < count; i++) {
      const at = new Date(start + i * step + t * 1000).toISOString();
      if (at.slice(0, 7) !== month) {
        months.push([]);
        month = at.slice(0, 7);
      }
      const value =
        tracker.settings.type === 'numerical' ? Math.round(600 + random() * 300) / 10 : tracker.settings.type === 'boolean' ? random() < 0.7 : tracker.settings.type === 'duration' ? Math.floor(random() * 7200) : [`o${Math.floor(random() * 3)}`];
      const note = random() < 0.2 ? 'felt "ok", slept late' : '';
      (months[months.length - 1] as Log[]).push({ id: `${tracker.id}-${i}`, trackerId: tracker.id, at, offsetMinutes: 60, value, note });
    }
    out.set(tracker.id, months);
  });
  return out;
}

interface Row {
  logs: number;
  megabytes: number;
  exportMs: number;
  importMs: number;
  commitMs: number;
  diskExportMs: number;
  diskPartsMs: number;
  parts: number;
  readOnlyMs: number;
  loadAverage: number;
}

const SIGN_UP = { email: 'bench@example.org', password: 'correct horse battery', name: 'Bench', age: 40, gender: 'other', backupCode: 'bench backup code 1234' } as const;

/** One operation through the core's choke point, as a shell calls it. */
async function call<M extends Method>(core: { handlers: Parameters<typeof dispatch>[0] }, session: { current: Session | null }, method: M, input: Input<M>): Promise<Output<M>> {
  const { result, session: next } = await dispatch(core.handlers, method, input, session.current);
  session.current = next;
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value as Output<M>;
}

async function measure(count: number): Promise<Row> {
  const loadAverage = (await import('node:os')).loadavg()[0] ?? 0;
  const shards = generate(count);
  let trackersCsv = '';
  let logsCsv = '';
  // By column, as shards are stored and the export reads them; the log objects go first, so
  // the export is timed with only what it reads in memory.
  const entries = TRACKERS.map((tracker) => ({ tracker, logs: (shards.get(tracker.id) ?? []).map(shardColumns) }));
  shards.clear();
  const exportMs = await timeOnce(async () => {
    trackersCsv = await joinChunks(trackerChunks(TRACKERS));
    logsCsv = await joinChunks(logChunks(entries));
  });
  entries.length = 0;
  const files = [
    { name: 'trackers.csv', text: trackersCsv },
    { name: 'logs.csv', text: logsCsv },
  ];
  let imported = 0;
  let next = 0;
  const importMs = await timeOnce(() => {
    const plan = planFiles('trackers', files, { newId: () => `id-${++next}`, offsetAt: () => 0 }, { trackers: [], logsOf: () => [] }, { skipInvalid: false, now: new Date().toISOString() });
    if (!plan.canCommit) throw new Error(`import refused: ${plan.errors[0]?.message}`);
    imported = plan.entries.count;
  });
  if (imported !== count) throw new Error(`planned ${imported} of ${count} logs`);

  const dataDir = await mkdtemp(join(tmpdir(), 'qs-bench-csv-'));
  try {
    const scrypt = { N: 2 ** 10, r: 8, p: 1 };
    let core = await openCore({ dataDir, scrypt });
    const session = { current: null as Session | null };
    const { profile } = await call(core, session, 'signUp', SIGN_UP);
    let result: Output<'commitImport'> | undefined;
    const commitMs = await timeOnce(async () => {
      result = await call(core, session, 'commitImport', { kind: 'trackers', files });
    });
    if (result?.logsAdded !== count) throw new Error(`committed ${result?.logsAdded} of ${count} logs`);
    await core.close();

    core = await openCore({ dataDir, scrypt });
    session.current = null;
    await call(core, session, 'logIn', { email: SIGN_UP.email, password: SIGN_UP.password });
    let exported = '';
    const diskExportMs = await timeOnce(async () => {
      exported = (await call(core, session, 'exportLogsCsv', {})).csv;
    });
    if (exported !== logsCsv) throw new Error('the export after the import differs from the file imported');
    exported = '';
    const parts: string[] = [];
    const diskPartsMs = await timeOnce(async () => {
      let part = await call(core, session, 'exportLogsCsvChunk', {});
      parts.push(part.csv);
      while (part.cursor !== null) {
        part = await call(core, session, 'exportLogsCsvChunk', { cursor: part.cursor });
        parts.push(part.csv);
      }
    });
    if (parts.join('') !== logsCsv) throw new Error('the export in parts differs from the file imported');
    await core.close();
    let logsRead = 0;
    const readOnlyMs = await timeOnce(async () => {
      logsRead = await readEveryShard(dataDir, profile.id);
    });
    if (logsRead !== count) throw new Error(`read ${logsRead} of ${count} logs`);
    return { logs: count, megabytes: Buffer.byteLength(logsCsv) / 1024 / 1024, exportMs, importMs, commitMs, diskExportMs, diskPartsMs, parts: parts.length, readOnlyMs, loadAverage };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

/**
 * Every log shard of the profile as the export reads them (store, codec, shape check, in
 * the same order), without writing any CSV; answers the logs read.
 */
async function readEveryShard(dataDir: string, profileId: string): Promise<number> {
  const layout = dataLayout(dataDir);
  const codec = await openProfileCodec(dataDir, profileId, SIGN_UP.password);
  const store = await ProfileStore.open({ layout, fs: codecFs(nodeFs, codec), writer: codecWriter(createAtomicWriter(nodeFs), codec) }, profileId);
  const refs = await shardsOf(store, store.trackers.data.trackers.map((tracker) => tracker.id));
  let logs = 0;
  for await (const columns of columnsInOrder(store, refs)) logs += columns.ids.length;
  return logs;
}

const rows: Row[] = [];
for (const size of SIZES) rows.push(await measure(size));
console.log(`\nCSV export and import (our format, ${TRACKERS.length} trackers)\n`);
console.log(['logs', 'logs CSV', 'export (memory)', 'import plan (memory)', 'commitImport (disk)', 'export (disk)', 'export in parts (disk)', 'read only (disk)', 'load avg'].join(' | '));
for (const row of rows) {
  console.log([row.logs.toLocaleString('en'), `${row.megabytes.toFixed(1)} MB`, ms(row.exportMs), ms(row.importMs), ms(row.commitMs), ms(row.diskExportMs), `${ms(row.diskPartsMs)} (${row.parts} parts)`, ms(row.readOnlyMs), row.loadAverage.toFixed(2)].join(' | '));
}
const stamp = new Date().toISOString().replaceAll(':', '-').replaceAll('.', '-');
const dir = join(import.meta.dirname, 'results');
await mkdir(dir, { recursive: true });
const file = join(dir, `csv-${stamp}${quick ? '-quick' : ''}${trackerCount === 4 ? '' : `-${trackerCount}-trackers`}.json`);
await writeFile(file, JSON.stringify({ quick, trackers: TRACKERS.length, node: process.version, rows }, null, 2));
console.log(`\nwritten ${file}`);
