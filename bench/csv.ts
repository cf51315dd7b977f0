/**
 * `npx tsx bench/csv.ts [--quick]`: our CSV export and import at 100k and 1M logs (quick:
 * 10k and 100k). Export: trackers and logs (four types, notes with commas and quotes)
 * from in-memory month batches to the text the API returns. Import: reading both files,
 * checking every row and planning the import into an empty profile (no disk: the write is
 * the store's cost, measured in bench/run.ts). Prints a table and writes
 * `bench/results/csv-<stamp>.json`. Goals (issue 5): export 1M < 2 s, import 1M < 5 s.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Log, Tracker } from '../src-preload/contract';
import { joinChunks, logChunks, trackerChunks } from '../src-main/core/io/csv-export';
import { draftOf } from '../src-main/core/io/import-kinds';
import { planImport } from '../src-main/core/io/import-plan';
import { ms, timeOnce } from './measure';
import { seededRandom } from './random';

const quick = process.argv.includes('--quick');
const SIZES = quick ? [10_000, 100_000] : [100_000, 1_000_000];

const base = { description: '', color: '#336699', emoji: '', archived: false, target: null, createdAt: '2016-01-01T00:00:00.000Z' };
const TRACKERS: Tracker[] = [
  { ...base, id: 'weight', name: 'Weight', settings: { type: 'numerical', unit: 'kg', min: null, max: null, decimals: 1, aggregation: 'average' } },
  { ...base, id: 'mood', name: 'Mood', settings: { type: 'multiple_choice', multiple: true, options: ['Calm', 'Tense', 'Happy'].map((label, i) => ({ id: `o${i}`, label, archived: false })) } },
  { ...base, id: 'meditated', name: 'Meditated', settings: { type: 'boolean' } },
  { ...base, id: 'reading', name: 'Reading', settings: { type: 'duration' } },
];

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
  imported: number;
}

async function measure(count: number): Promise<Row> {
  const shards = generate(count);
  let trackersCsv = '';
  let logsCsv = '';
  const exportMs = await timeOnce(async () => {
    trackersCsv = await joinChunks(trackerChunks(TRACKERS));
    logsCsv = await joinChunks(logChunks(TRACKERS.map((tracker) => ({ tracker, logs: shards.get(tracker.id) ?? [] }))));
  });
  shards.clear();
  let imported = 0;
  let next = 0;
  const importMs = await timeOnce(() => {
    const draft = draftOf('trackers', [{ name: 'trackers.csv', text: trackersCsv }, { name: 'logs.csv', text: logsCsv }], { newId: () => `id-${++next}`, offsetAt: () => 0 });
    const plan = planImport(draft, { trackers: [], logsOf: () => [] }, { skipInvalid: false, now: new Date().toISOString() });
    if (!plan.canCommit) throw new Error(`import refused: ${plan.errors[0]?.message}`);
    imported = plan.logs.length;
  });
  if (imported !== count) throw new Error(`imported ${imported} of ${count} logs`);
  return { logs: count, megabytes: Buffer.byteLength(logsCsv) / 1024 / 1024, exportMs, importMs, imported };
}

const rows: Row[] = [];
for (const size of SIZES) rows.push(await measure(size));
console.log('\nCSV export and import (our format, four trackers, in memory)\n');
console.log(['logs', 'logs CSV', 'export', 'import (read + check + plan)'].join(' | '));
for (const row of rows) console.log([row.logs.toLocaleString('en'), `${row.megabytes.toFixed(1)} MB`, ms(row.exportMs), ms(row.importMs)].join(' | '));
const stamp = new Date().toISOString().replaceAll(':', '-').replaceAll('.', '-');
const dir = join(import.meta.dirname, 'results');
await mkdir(dir, { recursive: true });
const file = join(dir, `csv-${stamp}${quick ? '-quick' : ''}.json`);
await writeFile(file, JSON.stringify({ quick, node: process.version, rows }, null, 2));
console.log(`\nwritten ${file}`);
