/**
 * exportLogsCsvChunk: the parts joined are byte for byte the one-shot exportLogsCsv file
 * (all trackers, one tracker, an empty profile, a profile of older files whose crash copy
 * the upgrade at log-in dropped), the
 * header only in the first part, whole months per part, and a cursor that is not the
 * export's next one refused with EXPORT_CURSOR_INVALID, leaving the export as it was.
 */
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Input, Output } from '../../../src-preload/contract';
import { encodeLogShard, type StoredLog } from '../../../src-main/core/index';
import { shardFromColumns } from '../../../src-main/core/store/log-shard-columns';
import type { LogShard } from '../../../src-main/core/store/formats';
import type { JsonRecord } from '../../../src-main/core/store/migrate';
import { Client, SIGN_UP, startCore } from './helpers';

const ROWS_PER_PART = 5;

/** The logs of an unencrypted shard file. */
async function shardLogs(file: string, trackerId: string): Promise<StoredLog[]> {
  const opened = shardFromColumns(JSON.parse(await readFile(file, 'utf8')) as JsonRecord, trackerId);
  if (!opened.ok) throw new Error(opened.reason);
  return [...(opened.data as LogShard).logs];
}

/** Every part of an export, in order. */
async function allParts(client: Client, input: Omit<Input<'exportLogsCsvChunk'>, 'cursor'>): Promise<Output<'exportLogsCsvChunk'>[]> {
  const parts = [await client.ok('exportLogsCsvChunk', input)];
  for (let cursor = parts[0]?.cursor; cursor !== null && cursor !== undefined; cursor = parts.at(-1)?.cursor) {
    parts.push(await client.ok('exportLogsCsvChunk', { ...input, cursor }));
    if (parts.length > 1_000) throw new Error('the export does not end');
  }
  return parts;
}

const NOTES = ['', 'a, "quoted" note', 'two\nlines', '=SUM(A1)', 'emoji 😀'];

/** Two trackers; months holding 0 to 7 entries, so parts end at month ends of varied sizes. */
async function profile(options: { encryptAtRest?: boolean } = {}) {
  const core = await startCore({ exportRowsPerPart: ROWS_PER_PART, ...options });
  const client = new Client(core);
  await client.ok('signUp', SIGN_UP);
  const steps = await client.ok('createTracker', { name: 'Steps, daily', settings: { type: 'numerical' } });
  const walked = await client.ok('createTracker', { name: 'Walked', settings: { type: 'boolean' } });
  for (let month = 0; month < 9; month++) {
    for (let day = 1; day <= (month * 3) % 8; day++) {
      const at = `2025-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}T10:00:00+02:00`;
      await client.ok('addLog', { trackerId: steps.tracker.id, at, value: month * 100 + day, note: NOTES[day % NOTES.length] ?? '' });
      if (day % 2 === 1) await client.ok('addLog', { trackerId: walked.tracker.id, at, value: day % 3 === 0 });
    }
  }
  return { core, client, steps: steps.tracker.id, walked: walked.tracker.id };
}

describe('exportLogsCsvChunk', () => {
  it('gives parts of whole months that join into the one-shot file, the header only in the first', async () => {
    const { client } = await profile();
    const whole = await client.ok('exportLogsCsv', {});
    const parts = await allParts(client, {});
    expect(parts.map((part) => part.csv).join('')).toBe(whole.csv);
    expect(parts.length).toBeGreaterThan(3);
    expect(parts[0]?.csv.startsWith('tracker,time,value,value_canonical,note\r\n')).toBe(true);
    expect(parts.slice(1).every((part) => !part.csv.startsWith('tracker,'))).toBe(true);
    // The saver adds the byte-order mark (csv-file.ts): no part carries one.
    expect(parts.every((part) => !part.csv.includes('\uFEFF'))).toBe(true);
    expect(parts.every((part) => part.fileName === whole.fileName)).toBe(true);
    // Done counts months, never goes back, and ends at the total; only the last part has no cursor.
    const total = parts[0]?.total ?? 0;
    expect(total).toBeGreaterThan(0);
    expect(parts.map((part) => part.total)).toEqual(parts.map(() => total));
    const done = parts.map((part) => part.done);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(new Set(done).size).toBe(done.length);
    expect(done.at(-1)).toBe(total);
    expect(parts.map((part) => part.cursor === null)).toEqual(parts.map((_, index) => index === parts.length - 1));
    // A part ends once it holds enough rows, so it holds fewer than that plus one month.
    const rowsOf = (csv: string) => csv.split('\r\n').filter((line) => /^("Steps, daily"|Walked),2025-/.test(line)).length;
    expect(parts.slice(0, -1).every((part) => rowsOf(part.csv) >= ROWS_PER_PART)).toBe(true);
  });

  it('joins into the one-shot file of one tracker, with its file name', async () => {
    const { client, walked } = await profile();
    const whole = await client.ok('exportLogsCsv', { trackerId: walked });
    const parts = await allParts(client, { trackerId: walked });
    expect(parts.map((part) => part.csv).join('')).toBe(whole.csv);
    expect(parts[0]?.fileName).toBe(whole.fileName);
    expect(whole.fileName).toMatch(/^logs-walked-/);
    expect(parts.length).toBeGreaterThan(1);
  });

  it('gives the header alone, done 0 of 0, for a profile without entries or trackers', async () => {
    const client = new Client(await startCore({ exportRowsPerPart: ROWS_PER_PART }));
    await client.ok('signUp', SIGN_UP);
    const whole = await client.ok('exportLogsCsv', {});
    expect(await client.ok('exportLogsCsvChunk', {})).toEqual({ csv: whole.csv, fileName: whole.fileName, cursor: null, done: 0, total: 0 });
    await client.ok('createTracker', { name: 'Mood', settings: { type: 'boolean' } });
    expect(await allParts(client, {})).toMatchObject([{ csv: whole.csv, cursor: null, done: 0, total: 0 }]);
  });

  it('writes once a log an older version left in two months (dropped at log-in), when its copies fall in different parts', async () => {
    const { core, client, steps } = await profile({ encryptAtRest: false });
    const { total } = await client.ok('listLogs', { trackerId: steps });
    await core.checkpoint();
    const profileDir = join(core.dataDir, 'profiles', (await readdir(join(core.dataDir, 'profiles')))[0] as string);
    const shardDir = join(profileDir, 'logs', steps);
    const files = (await readdir(shardDir)).filter((name) => name.endsWith('.json')).sort();
    const first = join(shardDir, files[0] as string);
    const last = join(shardDir, files.at(-1) as string);
    // A log moved from the first month to the last by a version before the journal: written
    // there, not yet removed here (a crash between). Files of that version: format 2, no marker.
    const from = await shardLogs(first, steps);
    const to = await shardLogs(last, steps);
    const moved = to[0] as StoredLog;
    const before: StoredLog = { ...moved, at: (from[0] as StoredLog).at, value: 1 };
    const version2 = (logs: readonly StoredLog[]) => encodeLogShard(logs).replace('{"version":3,', '{"version":2,');
    await writeFile(first, version2([before, ...from]));
    await writeFile(last, version2(to));
    await rm(join(profileDir, 'log-shards.json'));
    await core.close();
    const again = new Client(await startCore({ dataDir: core.dataDir, exportRowsPerPart: ROWS_PER_PART, encryptAtRest: false }));
    await again.ok('logIn', { email: SIGN_UP.email, password: SIGN_UP.password });
    const whole = await again.ok('exportLogsCsv', {});
    const parts = await allParts(again, {});
    expect(parts.map((part) => part.csv).join('')).toBe(whole.csv);
    expect(parts.length).toBeGreaterThan(2);
    // Once, as reads showed it before: the copy in the older month.
    const listed = (await again.ok('listLogs', { trackerId: steps, limit: 1000 })).logs.filter((log) => log.id === moved.id);
    expect(listed).toEqual([{ ...before, trackerId: steps }]);
    expect(whole.csv.split('\r\n').filter((line) => line.startsWith('"Steps, daily",')).length).toBe(total);
  });

  it('gives a part that failed on a damaged shard again for the same cursor, once the shard reads', async () => {
    const { core, steps } = await profile({ encryptAtRest: false });
    await core.checkpoint();
    const profileDir = join(core.dataDir, 'profiles', (await readdir(join(core.dataDir, 'profiles')))[0] as string);
    const last = join(profileDir, 'logs', steps, (await readdir(join(profileDir, 'logs', steps))).filter((name) => name.endsWith('.json')).sort().at(-1) as string);
    const good = await readFile(last);
    await core.close();
    const again = new Client(await startCore({ dataDir: core.dataDir, exportRowsPerPart: ROWS_PER_PART, encryptAtRest: false }));
    await again.ok('logIn', { email: SIGN_UP.email, password: SIGN_UP.password });
    const whole = await again.ok('exportLogsCsv', {});
    await writeFile(last, '{"version":3}');
    const parts = [await again.ok('exportLogsCsvChunk', {})];
    let failed = 0;
    for (let cursor = parts[0]?.cursor; cursor !== null && cursor !== undefined; cursor = parts.at(-1)?.cursor) {
      const part = await again.call('exportLogsCsvChunk', { cursor });
      if (part.ok) {
        parts.push(part.value);
        continue;
      }
      expect(part.error.code).toBe('DATA_FILE_DAMAGED');
      failed++;
      await writeFile(last, good);
    }
    expect(failed).toBe(1);
    expect(parts.map((part) => part.csv).join('')).toBe(whole.csv);
  });

  it('writes an entry edited between parts, in the month the next part starts with, as it is now', async () => {
    const { client, steps } = await profile();
    const first = await client.ok('exportLogsCsvChunk', {});
    // The next part starts with the month after the first part's.
    const { logs } = await client.ok('listLogs', { trackerId: steps, order: 'oldest', limit: 100 });
    const firstMonths = new Set(first.csv.split('\r\n').slice(1, -1).map((line) => /,(2025-\d\d)-/.exec(line)?.[1]));
    const next = logs.find((log) => !firstMonths.has(log.at.slice(0, 7)));
    expect(next).toBeDefined();
    await client.ok('updateLog', { trackerId: steps, logId: next?.id ?? '', note: 'edited between parts' });
    const parts = [first];
    for (let cursor = first.cursor; cursor !== null; cursor = parts.at(-1)?.cursor ?? null) parts.push(await client.ok('exportLogsCsvChunk', { cursor }));
    const joined = parts.map((part) => part.csv).join('');
    expect(joined).toContain('edited between parts');
    expect(joined).toBe((await client.ok('exportLogsCsv', {})).csv);
  });

  describe('refuses a cursor that is not the next part of the export in progress, and goes on after', () => {
    const malformed = ['', 'x', '.', 'AAAAAAAAAAAAAAAAAAAAAA', 'AAAAAAAAAAAAAAAAAAAAAA.', 'AAAAAAAAAAAAAAAAAAAAAA.-1', 'AAAAAAAAAAAAAAAAAAAAAA.01', 'AAAAAAAAAAAAAAAAAAAAAA.1.5', 'AAAAAAAAAAAAAAAAAAAAAA.1e3', 'AAAAAAAAAAAAAAAAAAAAAA.9999999999', '../../etc/passwd', '{"next":3}', 'x'.repeat(200)];

    it.each(malformed)('malformed: %j', async (cursor) => {
      const { client } = await profile();
      const whole = await client.ok('exportLogsCsv', {});
      const first = await client.ok('exportLogsCsvChunk', {});
      expect(await client.call('exportLogsCsvChunk', { cursor })).toMatchObject({ ok: false, error: { code: 'EXPORT_CURSOR_INVALID', field: 'cursor' } });
      const rest = [first];
      for (let cursor = first.cursor; cursor !== null; cursor = rest.at(-1)?.cursor ?? null) rest.push(await client.ok('exportLogsCsvChunk', { cursor }));
      expect(rest.map((part) => part.csv).join('')).toBe(whole.csv);
    });

    it('longer than the contract allows: INVALID_INPUT', async () => {
      const { client } = await profile();
      await client.ok('exportLogsCsvChunk', {});
      expect(await client.call('exportLogsCsvChunk', { cursor: 'x'.repeat(201) })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    });

    it('a part already sent, another tracker filter, a finished export, a new export started, another profile', async () => {
      const { core, client, steps } = await profile();
      const invalid = { ok: false, error: { code: 'EXPORT_CURSOR_INVALID' } };
      const first = await client.ok('exportLogsCsvChunk', {});
      const second = await client.ok('exportLogsCsvChunk', { cursor: first.cursor ?? '' });
      expect(await client.call('exportLogsCsvChunk', { cursor: first.cursor ?? '' })).toMatchObject(invalid);
      expect(await client.call('exportLogsCsvChunk', { cursor: second.cursor ?? '', trackerId: steps })).toMatchObject(invalid);
      // The number of a later part, with the right token.
      const [token] = (second.cursor ?? '').split('.');
      expect(await client.call('exportLogsCsvChunk', { cursor: `${token}.${second.done + 1}` })).toMatchObject(invalid);
      // Another profile of the same core has its own export; this one's cursor is foreign there.
      const other = new Client(core);
      await other.ok('signUp', { ...SIGN_UP, email: 'grace@example.com' });
      await other.ok('exportLogsCsvChunk', {});
      expect(await other.call('exportLogsCsvChunk', { cursor: second.cursor ?? '' })).toMatchObject(invalid);
      // The export goes on where it was.
      const third = await client.ok('exportLogsCsvChunk', { cursor: second.cursor ?? '' });
      expect(third.done).toBeGreaterThan(second.done);
      // A new export replaces the unfinished one.
      const restarted = await client.ok('exportLogsCsvChunk', {});
      expect(await client.call('exportLogsCsvChunk', { cursor: third.cursor ?? '' })).toMatchObject(invalid);
      let last = restarted;
      while (last.cursor !== null) last = await client.ok('exportLogsCsvChunk', { cursor: last.cursor });
      expect(last.done).toBe(last.total);
      expect(await client.call('exportLogsCsvChunk', { cursor: restarted.cursor ?? '' })).toMatchObject(invalid);
    });

    it('an export left unfinished when the profile was locked (its state went with the key)', async () => {
      const { client } = await profile();
      const first = await client.ok('exportLogsCsvChunk', {});
      expect(first.cursor).not.toBeNull();
      await client.ok('lock', {});
      expect(await client.call('exportLogsCsvChunk', { cursor: first.cursor ?? '' })).toMatchObject({ ok: false, error: { code: 'NOT_LOGGED_IN' } });
      await client.ok('logIn', { email: SIGN_UP.email, password: SIGN_UP.password });
      expect(await client.call('exportLogsCsvChunk', { cursor: first.cursor ?? '' })).toMatchObject({ ok: false, error: { code: 'EXPORT_CURSOR_INVALID' } });
      // A new export after the log-in runs to its end.
      let part = await client.ok('exportLogsCsvChunk', {});
      while (part.cursor !== null) part = await client.ok('exportLogsCsvChunk', { cursor: part.cursor });
      expect(part.done).toBe(part.total);
    });
  });
});
