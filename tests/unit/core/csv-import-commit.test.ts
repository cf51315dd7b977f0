/**
 * CSV through the real core (dispatch → service → encrypted store): export a profile and
 * import it into an empty one, the malformed corpus and injected write failures leave
 * every byte of the data folder as it was, other apps' fixtures become trackers and logs,
 * duplicates are skipped, and the dashboard's summaries follow an import.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nodeFs, type FsPort } from '../../../src-main/core/store/fs-port';
import type { Input, Log, Tracker } from '../../../src-preload/contract';
import { fixture, FIXTURES } from './csv-fixtures';
import { Client, SIGN_UP, startCore } from './helpers';

async function signedUp(options: Parameters<typeof startCore>[0] = {}) {
  const core = await startCore(options);
  const client = new Client(core);
  await client.ok('signUp', SIGN_UP);
  return { core, client };
}

/** Every file under `dir` (temp files, backups and all) → its SHA-256, plus every folder. */
async function folderHashes(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  async function walk(path: string, prefix: string): Promise<void> {
    for (const entry of await readdir(path, { withFileTypes: true })) {
      const relative = `${prefix}${entry.name}`;
      if (entry.isDirectory()) {
        out[`${relative}/`] = 'folder';
        await walk(join(path, entry.name), `${relative}/`);
      } else if (relative !== '.lock') {
        out[relative] = createHash('sha256').update(await readFile(join(path, entry.name))).digest('hex');
      }
    }
  }
  await walk(dir, '');
  return out;
}

type Imported = Input<'commitImport'>;
const csvFile = (name: string, text: string) => ({ name, text });

/** A profile with the four types, one archived tracker, targets and awkward notes. */
async function fillProfile(client: Client): Promise<void> {
  const weight = await client.ok('createTracker', {
    name: 'Weight, morning',
    description: 'Before "breakfast"\nno shoes',
    emoji: '⚖️',
    target: { period: 'day', comparison: 'at_most', value: 80 },
    settings: { type: 'numerical', unit: 'kg', min: -50, max: 500, decimals: 1 },
  });
  const mood = await client.ok('createTracker', { name: '=Mood', settings: { type: 'multiple_choice', options: ['Calm', 'Tense; tight', '😀 Happy'], multiple: true } });
  const meditated = await client.ok('createTracker', { name: 'Meditated', color: '#22aa55', target: { period: 'week', comparison: 'at_least', value: 5 }, settings: { type: 'boolean' } });
  const reading = await client.ok('createTracker', { name: 'Reading', settings: { type: 'duration' } });
  const [calm, tense, happy] = mood.tracker.settings.type === 'multiple_choice' ? mood.tracker.settings.options.map((option) => option.id) : [];
  const entries: [string, string, Input<'addLog'>['value'], string][] = [
    [weight.tracker.id, '2026-01-02T08:30:00+01:00', 72.5, 'a, b and "c"'],
    [weight.tracker.id, '2026-01-02T18:30:00.250-05:00', -3, '=SUM(A1:A2)'],
    [weight.tracker.id, '2026-02-03T13:00:00+05:30', 0, 'line one\r\nline two\nthree'],
    [mood.tracker.id, '2026-01-02T12:00:00Z', [calm as string, happy as string], "'quoted already 😀"],
    [mood.tracker.id, '2026-01-03T13:00:00+01:00', [tense as string], '@mention +1 -1'],
    [meditated.tracker.id, '2026-01-02T07:00:00+01:00', true, '🧘 tab\tinside'],
    [meditated.tracker.id, '2026-01-03T07:00:00+01:00', false, ''],
    [reading.tracker.id, '2026-01-02T22:00:00+01:00', 5400, ''],
    [reading.tracker.id, '2026-03-04T22:00:00+01:00', 3605, 'a 👩‍👩‍👧 family'],
  ];
  for (const [trackerId, at, value, note] of entries) await client.ok('addLog', { trackerId, at, value, note });
  await client.ok('updateTracker', { trackerId: mood.tracker.id, archived: true });
}

/** Trackers without ids, each with its logs without ids, by name: what must survive a round trip. */
async function canonical(client: Client) {
  const { trackers } = await client.ok('listTrackers', {});
  const out: Record<string, { tracker: Omit<Tracker, 'id'>; logs: Omit<Log, 'id' | 'trackerId'>[] }> = {};
  for (const { id, ...tracker } of trackers) {
    const { logs } = await client.ok('listLogs', { trackerId: id, order: 'oldest', limit: 1000 });
    out[tracker.name] = { tracker, logs: logs.map(({ id: _id, trackerId: _trackerId, ...log }) => log) };
  }
  return out;
}

describe('export and import through the core', () => {
  it('round-trips a profile with all four types into an empty profile', async () => {
    const { client } = await signedUp();
    await fillProfile(client);
    const trackersCsv = await client.ok('exportTrackersCsv', {});
    const logsCsv = await client.ok('exportLogsCsv', {});
    expect(trackersCsv.fileName).toMatch(/^trackers-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(logsCsv.fileName).toMatch(/^logs-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(logsCsv.csv.startsWith('tracker,time,value,value_canonical,note\r\n')).toBe(true);

    const { client: other } = await signedUp();
    const input: Imported = { kind: 'trackers', files: [csvFile(logsCsv.fileName, logsCsv.csv), csvFile(trackersCsv.fileName, trackersCsv.csv)] };
    const preview = await other.ok('previewImport', input);
    expect(preview.counts).toEqual({ newTrackers: 4, existingTrackers: 0, newLogs: 9, duplicates: 0, errors: 0, skippedRows: 0, leftOut: 0 });
    expect(preview.files.map((file) => [file.role, file.separator])).toEqual([['logs', ','], ['trackers', ',']]);
    expect(await other.ok('commitImport', input)).toEqual({ trackersCreated: 4, logsAdded: 9, duplicates: 0, skipped: 0 });

    const before = await canonical(client);
    expect(Object.keys(before)).toHaveLength(4);
    expect(await canonical(other)).toEqual(before);

    // The same files again add nothing: every entry is a duplicate of a stored one.
    expect(await other.ok('commitImport', input)).toEqual({ trackersCreated: 0, logsAdded: 0, duplicates: 9, skipped: 0 });
    expect(await canonical(other)).toEqual(before);
  });

  it('exports one tracker’s logs on its own', async () => {
    const { client } = await signedUp();
    await fillProfile(client);
    const reading = (await client.ok('listTrackers', {})).trackers.find((tracker) => tracker.name === 'Reading') as Tracker;
    const file = await client.ok('exportLogsCsv', { trackerId: reading.id });
    expect(file.fileName).toMatch(/^logs-reading-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(file.csv.split('\r\n').slice(1, -1)).toEqual(['Reading,2026-01-02T22:00:00+01:00,1h 30m,5400,', 'Reading,2026-03-04T22:00:00+01:00,1h 5s,3605,a 👩‍👩‍👧 family']);
    expect(await client.call('exportLogsCsv', { trackerId: 'nope' })).toMatchObject({ ok: false, error: { code: 'TRACKER_NOT_FOUND' } });
  });

  it('exports a log left in two shards by a crash mid-move once, as the log table shows it', async () => {
    let failOldShard = false;
    const fs: FsPort = {
      ...nodeFs,
      open: async (path, flags, mode) => {
        if (failOldShard && path.includes('.2026-02.json.') && path.endsWith('.tmp')) throw Object.assign(new Error('injected'), { code: 'EIO' });
        return nodeFs.open(path, flags, mode);
      },
    };
    const { core, client } = await signedUp({ fs });
    const { tracker } = await client.ok('createTracker', { name: 'Weight', settings: { type: 'numerical', unit: 'kg' } });
    const { log } = await client.ok('addLog', { trackerId: tracker.id, at: '2026-02-01T08:00:00Z', value: 70, note: 'old' });
    await client.ok('addLog', { trackerId: tracker.id, at: '2026-02-02T08:00:00Z', value: 71 });
    await core.checkpoint();
    failOldShard = true;
    // The move is one journal record; the checkpoint writes the new shard (January, first)
    // and fails on the old one: the files hold the log in both, as a crash mid-move would.
    expect((await client.call('updateLog', { trackerId: tracker.id, logId: log.id, at: '2026-01-31T08:00:00Z', note: 'moved' })).ok).toBe(true);
    await expect(core.checkpoint()).rejects.toMatchObject({ code: 'WRITE_FAILED' });
    failOldShard = false;

    const shown = await client.ok('listLogs', { trackerId: tracker.id, order: 'oldest' });
    const rows = (await client.ok('exportLogsCsv', {})).csv.split('\r\n').slice(1, -1);
    expect(shown.total).toBe(2);
    expect(rows).toEqual(shown.logs.map((entry) => `Weight,${entry.at.slice(0, 19)}+00:00,${entry.value},${entry.value},${entry.note}`));
  });

  it('adds logs to an existing tracker matched by name in any case, and the dashboard follows', async () => {
    const { client } = await signedUp({ now: () => new Date('2026-01-05T12:00:00Z') });
    const { tracker } = await client.ok('createTracker', { name: 'Weight', settings: { type: 'numerical', unit: 'kg' } });
    await client.ok('addLog', { trackerId: tracker.id, at: '2026-01-01T08:00:00+01:00', value: 70 });
    expect((await client.ok('dashboard', {})).cards[0]?.lastLog?.value).toBe(70);

    const text = 'tracker,time,value\nweight,2026-01-01T08:00:00+01:00,70\nWEIGHT,2026-01-04T08:00:00+01:00,71.5\n';
    const result = await client.ok('commitImport', { kind: 'logs', files: [csvFile('w.csv', text)] });
    expect(result).toEqual({ trackersCreated: 0, logsAdded: 1, duplicates: 1, skipped: 0 });
    expect((await client.ok('listTrackers', {})).trackers).toHaveLength(1);
    expect((await client.ok('dashboard', {})).cards[0]?.lastLog).toMatchObject({ value: 71.5, at: '2026-01-04T07:00:00.000Z', offsetMinutes: 60 });
  });

  it('refuses an import with errors (IMPORT_INVALID), and imports the valid rows only when asked', async () => {
    const { client } = await signedUp();
    await client.ok('createTracker', { name: 'Weight', settings: { type: 'numerical', unit: 'kg' } });
    const text = 'tracker,time,value\nWeight,2026-01-01T08:00:00+01:00,70\nWeight,yesterday,71\nWeight,2026-01-03T08:00:00+01:00,heavy\n';
    const input: Imported = { kind: 'logs', files: [csvFile('w.csv', text)] };
    const refused = await client.call('commitImport', input);
    expect(refused).toMatchObject({ ok: false, error: { code: 'IMPORT_INVALID', field: 'files' } });
    expect(!refused.ok && refused.error.message).toContain('2 problems');
    const preview = await client.ok('previewImport', { ...input, skipInvalid: true });
    expect(preview.skippedRows).toEqual([{ file: 'w.csv', row: 3 }, { file: 'w.csv', row: 4 }]);
    expect(await client.ok('commitImport', { ...input, skipInvalid: true })).toEqual({ trackersCreated: 0, logsAdded: 1, duplicates: 0, skipped: 2 });
  });
});

describe('a refused or failed import changes no byte of the data folder', () => {
  const MALFORMED = readdirSync(join(FIXTURES, 'malformed')).sort();

  it('has the whole malformed corpus to run', () => {
    expect(MALFORMED.length).toBeGreaterThanOrEqual(30);
  });

  it.each(MALFORMED)('%s', async (name) => {
    const { core, client } = await signedUp();
    // "Weight" as base-trackers.csv has it, so its logs are checked against the same rules.
    const { tracker } = await client.ok('createTracker', { name: 'Weight', settings: { type: 'numerical', unit: 'kg', min: 0, max: 500, decimals: 1 } });
    await client.ok('addLog', { trackerId: tracker.id, at: '2026-01-01T08:00:00+01:00', value: 70, note: 'kept' });
    await client.ok('dashboard', {});
    // As a browser's File.text() reads it: bytes that are not UTF-8 become U+FFFD.
    const text = new TextDecoder().decode(readFileSync(join(FIXTURES, 'malformed', name)));
    const files = name.startsWith('logs-') ? [fixture('base-trackers.csv'), csvFile(name, text)] : [csvFile(name, text)];
    // The files hold every entry once checkpointed (an import checkpoints first too).
    await core.checkpoint();
    const before = await folderHashes(core.dataDir);

    const result = await client.call('commitImport', { kind: 'logs', files });
    expect(result.ok).toBe(false);
    expect(!result.ok && ['IMPORT_INVALID', 'CSV_EMPTY', 'CSV_BINARY', 'CSV_COLUMNS_INVALID'].includes(result.error.code)).toBe(true);
    expect(await folderHashes(core.dataDir)).toEqual(before);
  });

  /** The real fs, failing once at the `nth` temp file of a batch at `step`. */
  function failingBatch(step: 'open' | 'write' | 'sync' | 'rename', nth: number): FsPort & { armed: boolean } {
    let seen = 0;
    const hit = (path: string): boolean => port.armed && path.endsWith('.tmp') && ++seen === nth;
    const failure = () => Object.assign(new Error(`injected ${step} failure`), { code: step === 'rename' ? 'EIO' : 'ENOSPC' });
    const port: FsPort & { armed: boolean } = {
      ...nodeFs,
      armed: false,
      async open(path, flags, mode) {
        if (step === 'open' && hit(path)) throw failure();
        const handle = await nodeFs.open(path, flags, mode);
        if (!path.endsWith('.tmp') || (step !== 'write' && step !== 'sync') || !hit(path)) return handle;
        return {
          writeFile: async (data, encoding) => (step === 'write' ? Promise.reject(failure()) : handle.writeFile(data, encoding)),
          sync: async () => (step === 'sync' ? Promise.reject(failure()) : handle.sync()),
          close: () => handle.close(),
        };
      },
      async rename(from, to) {
        if (step === 'rename' && hit(from)) throw failure();
        return nodeFs.rename(from, to);
      },
    };
    return port;
  }

  const IMPORT = 'name,type,settings\nSteps,numerical,{}\nSlept well,boolean,{}\n';
  const LOGS = 'tracker,time,value\nWeight,2026-01-01T09:00:00+01:00,71\nWeight,2026-03-01T09:00:00+01:00,72\nSteps,2026-01-01T09:00:00+01:00,8000\nSlept well,2026-02-01T09:00:00+01:00,yes\n';

  it.each([
    ['open', 1],
    ['write', 2],
    ['sync', 4],
    ['open', 6],
  ] as const)('a failure at %s of temp file %i leaves everything as it was', async (step, nth) => {
    const fs = failingBatch(step, nth);
    const { core, client } = await signedUp({ fs });
    const { tracker } = await client.ok('createTracker', { name: 'Weight', settings: { type: 'numerical', unit: 'kg' } });
    await client.ok('addLog', { trackerId: tracker.id, at: '2026-01-01T08:00:00+01:00', value: 70 });
    await client.ok('dashboard', {});
    const listed = await canonical(client);
    // The files hold every entry once checkpointed (an import checkpoints first too).
    await core.checkpoint();
    const before = await folderHashes(core.dataDir);

    fs.armed = true;
    const input: Imported = { kind: 'trackers', files: [csvFile('t.csv', IMPORT), csvFile('l.csv', LOGS)] };
    expect(await client.call('commitImport', input)).toMatchObject({ ok: false, error: { code: 'WRITE_FAILED' } });
    expect(await folderHashes(core.dataDir)).toEqual(before);
    expect(await canonical(client)).toEqual(listed);

    // Nothing half-done either: the same import then succeeds whole.
    fs.armed = false;
    expect(await client.ok('commitImport', input)).toEqual({ trackersCreated: 2, logsAdded: 4, duplicates: 0, skipped: 0 });
  });

  it('a failed rename rolls the renamed files back, so every data file reads as before', async () => {
    const fs = failingBatch('rename', 3);
    const { core, client } = await signedUp({ fs });
    const { tracker } = await client.ok('createTracker', { name: 'Weight', settings: { type: 'numerical', unit: 'kg' } });
    await client.ok('addLog', { trackerId: tracker.id, at: '2026-01-01T08:00:00+01:00', value: 70 });
    const listed = await canonical(client);
    const dataFiles = async () => Object.fromEntries(Object.entries(await folderHashes(core.dataDir)).filter(([path]) => !path.endsWith('.bak') && !path.endsWith('/')));
    await core.checkpoint();
    const before = await dataFiles();

    fs.armed = true;
    expect(await client.call('commitImport', { kind: 'trackers', files: [csvFile('t.csv', IMPORT), csvFile('l.csv', LOGS)] })).toMatchObject({ ok: false, error: { code: 'WRITE_FAILED' } });
    expect(await dataFiles()).toEqual(before);
    expect(await canonical(client)).toEqual(listed);
  });
});

describe('other apps through commitImport', () => {
  it('Loop Habit Tracker: habits become trackers with their logs', async () => {
    const { client } = await signedUp();
    const files = [fixture('loop/Habits.csv'), fixture('loop/001 Meditate/Checkmarks.csv'), fixture('loop/002 Run/Checkmarks.csv'), fixture('loop/Checkmarks.csv')];
    expect(await client.ok('commitImport', { kind: 'loop', files })).toEqual({ trackersCreated: 4, logsAdded: 7, duplicates: 0, skipped: 0 });
    const stored = await canonical(client);
    expect(Object.keys(stored)).toEqual(['Meditate', 'Meditate (skipped days and notes)', 'Run', 'Read']);
    const marks = stored['Meditate (skipped days and notes)'];
    const markLabels = new Map(marks?.tracker.settings.type === 'multiple_choice' ? marks.tracker.settings.options.map((option) => [option.id, option.label]) : []);
    expect(marks?.logs.map((log) => [log.at, (log.value as string[]).map((id) => markLabels.get(id))])).toEqual([['2024-03-03T12:00:00.000Z', ['skipped']]]);
    expect(stored.Meditate?.tracker).toMatchObject({ settings: { type: 'boolean' }, color: '#ff8f00', archived: false, target: { period: 'day', comparison: 'at_least', value: 1 } });
    expect(stored.Run?.tracker).toMatchObject({ settings: { type: 'numerical', unit: 'km', decimals: 3, aggregation: 'sum' }, target: { period: 'week', comparison: 'at_least', value: 10 } });
    expect(stored.Read?.tracker).toMatchObject({ settings: { type: 'boolean' }, archived: true });
    // No offset in Loop's files: the profile's zone (UTC by default) gives it; days at noon.
    expect(stored.Meditate?.logs).toEqual([
      { at: '2024-03-04T12:00:00.000Z', offsetMinutes: 0, value: false, note: '' },
      { at: '2024-03-05T12:00:00.000Z', offsetMinutes: 0, value: true, note: 'Felt calm' },
    ]);
    expect(stored.Run?.logs.map((log) => [log.at.slice(0, 10), log.value, log.note])).toEqual([
      ['2024-03-03', 10, ''],
      ['2024-03-05', 5.5, 'Park loop, windy'],
    ]);
    expect(stored.Read?.logs.map((log) => [log.at.slice(0, 10), log.value])).toEqual([
      ['2024-03-02', true],
      ['2024-03-04', true],
    ]);
  });

  it('Track & Graph: features become trackers, points keep their moments and offsets', async () => {
    const { client } = await signedUp();
    expect(await client.ok('commitImport', { kind: 'trackandgraph', files: [fixture('trackandgraph/Track-and-Graph.csv')] })).toEqual({
      trackersCreated: 4,
      logsAdded: 9,
      duplicates: 0,
      skipped: 0,
    });
    const stored = await canonical(client);
    expect(Object.entries(stored).map(([name, { tracker }]) => [name, tracker.settings.type])).toEqual([
      ['Weight', 'numerical'],
      ['Sleep', 'duration'],
      ['Mood', 'multiple_choice'],
      ['Coffee', 'multiple_choice'],
    ]);
    const mood = stored.Mood?.tracker.settings;
    const labels = new Map(mood?.type === 'multiple_choice' ? mood.options.map((option) => [option.id, option.label]) : []);
    expect(stored.Mood?.logs.map((log) => [log.at, log.offsetMinutes, (log.value as string[]).map((id) => labels.get(id))])).toEqual([
      ['2024-03-02T01:00:00.000Z', -300, ['Okay']],
      ['2024-03-03T01:00:00.000Z', -300, ['Great']],
      ['2024-03-04T01:00:00.000Z', -300, ['Awful']],
    ]);
    expect(stored.Weight?.logs).toEqual([
      { at: '2024-03-01T07:30:15.123Z', offsetMinutes: 60, value: 72.5, note: 'after breakfast, "roughly"' },
      { at: '2024-03-02T07:31:00.000Z', offsetMinutes: 60, value: 72, note: '' },
    ]);
    expect(stored.Sleep?.logs.map((log) => [log.at, log.value, log.note])).toEqual([
      ['2024-03-01T07:00:00.000Z', 27_000, ''],
      ['2024-03-02T07:00:00.000Z', 29_130, 'good'],
    ]);
    const coffee = stored.Coffee?.tracker.settings;
    const coffeeLabels = new Map(coffee?.type === 'multiple_choice' ? coffee.options.map((option) => [option.id, option.label]) : []);
    expect(stored.Coffee?.logs.map((log) => [(log.value as string[]).map((id) => coffeeLabels.get(id)), log.note])).toEqual([
      [['Espresso'], 'double'],
      [['1'], ''],
    ]);
  });
});
