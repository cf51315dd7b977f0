import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it, expect } from 'vitest';
import { z } from 'zod';
import { AppFailure } from '../../../src-main/core/errors';
import { createAtomicWriter } from '../../../src-main/core/store/atomic-writer';
import { nodeFs } from '../../../src-main/core/store/fs-port';
import { JsonDocument } from '../../../src-main/core/store/json-document';
import { migrate } from '../../../src-main/core/store/migrate';
import { VersionedJsonAdapter, type FileFormat } from '../../../src-main/core/store/versioned-json-adapter';
import { dataFolderPath, dataLayout } from '../../../src-main/core/store/layout';
import { ProfileStore } from '../../../src-main/core/store/profile-store';
import { Client, SIGN_UP, startCore, tempDir } from './helpers';

/** A made-up format whose version 0 kept one `name`; version 1 splits it in two. */
const peopleSchema = z.object({ version: z.literal(1), people: z.array(z.object({ first: z.string(), last: z.string() })) });
type People = z.infer<typeof peopleSchema>;
const peopleFormat: FileFormat<People> = {
  label: 'people',
  version: 1,
  schema: peopleSchema,
  migrations: {
    0: (old) => ({
      version: 1,
      people: (old['names'] as string[]).map((name) => {
        const [first = '', ...rest] = name.split(' ');
        return { first, last: rest.join(' ') };
      }),
    }),
  },
};

async function adapterIn(content?: string) {
  const dir = await tempDir();
  const file = join(dir, 'people.json');
  if (content !== undefined) await writeFile(file, content);
  return { file, adapter: new VersionedJsonAdapter(file, peopleFormat, nodeFs, createAtomicWriter(), dir) };
}

async function damageOf(read: Promise<unknown>): Promise<AppFailure> {
  try {
    await read;
  } catch (error) {
    if (error instanceof AppFailure) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('migrations', () => {
  it('upgrades a v0 file to v1 on read', async () => {
    const { adapter } = await adapterIn(JSON.stringify({ version: 0, names: ['Ada Lovelace', 'Alan Mathison Turing'] }));
    expect(await adapter.read()).toEqual({ version: 1, people: [{ first: 'Ada', last: 'Lovelace' }, { first: 'Alan', last: 'Mathison Turing' }] });
  });

  it('leaves a current file as it is', () => {
    expect(migrate({ version: 1, people: [] }, 1, peopleFormat.migrations)).toEqual({ ok: true, record: { version: 1, people: [] } });
  });

  it('names a missing step', () => {
    expect(migrate({ version: 0 }, 2, { 0: () => ({ version: 1 }) })).toEqual({ ok: false, problem: 'damaged', reason: 'there is no upgrade from format version 1' });
  });

  it('refuses a step that does not produce the next version', () => {
    expect(() => migrate({ version: 0 }, 1, { 0: () => ({ version: 0 }) })).toThrow(/produced version 0/);
  });

  it('refuses a file from a newer version without touching it', async () => {
    const content = JSON.stringify({ version: 2, people: [], extra: true });
    const { file, adapter } = await adapterIn(content);
    const failure = await damageOf(adapter.read());
    expect(failure.code).toBe('DATA_FILE_TOO_NEW');
    expect(failure.message).toContain('file people.json');
    expect(await readFile(file, 'utf8')).toBe(content);
  });
});

describe('versioned JSON adapter', () => {
  it('reads a missing file as null, so lowdb uses the defaults', async () => {
    const { file, adapter } = await adapterIn();
    expect(await adapter.read()).toBeNull();
    const document = await JsonDocument.open(adapter, { version: 1, people: [] } as People);
    expect(document.data).toEqual({ version: 1, people: [] });
    expect(await readdir(join(file, '..'))).toEqual([]);
  });

  it('writes compact JSON', async () => {
    const { file, adapter } = await adapterIn();
    await adapter.write({ version: 1, people: [{ first: 'Ada', last: 'L' }] });
    expect(await readFile(file, 'utf8')).toBe('{"version":1,"people":[{"first":"Ada","last":"L"}]}');
  });

  it.each([
    ['truncated JSON', '{"version":1,"peo'],
    ['an empty file', ''],
    ['not an object', '[1,2]'],
    ['no version', '{"people":[]}'],
    ['content that fails the schema', '{"version":1,"people":[{"first":1}]}'],
  ])('treats %s as damaged: kept, copied to .corrupt, never replaced', async (_name, content) => {
    const { file, adapter } = await adapterIn(content);
    const failure = await damageOf(JsonDocument.open(adapter, { version: 1, people: [] } as People));
    expect(failure.code).toBe('DATA_FILE_DAMAGED');
    expect(failure.message).toContain('file people.json');
    expect(await readFile(file, 'utf8')).toBe(content);
    expect(await readFile(`${file}.corrupt`, 'utf8')).toBe(content);
  });

  it('turns a failed write into WRITE_FAILED and keeps the old state in memory', async () => {
    const dir = await tempDir();
    const file = join(dir, 'people.json');
    const diskFull = { ...nodeFs, rename: () => Promise.reject(Object.assign(new Error('full'), { code: 'ENOSPC' })) };
    const failing = new VersionedJsonAdapter(file, peopleFormat, diskFull, createAtomicWriter(diskFull), dir);
    const document = await JsonDocument.open(failing, { version: 1, people: [] } as People);
    const failure = await damageOf(document.save({ version: 1, people: [{ first: 'A', last: 'B' }] }));
    expect(failure.code).toBe('WRITE_FAILED');
    expect(failure.message).toContain('ENOSPC');
    expect(document.data).toEqual({ version: 1, people: [] });
  });
});

describe('damaged data files through the core', () => {
  it('a damaged trackers file gives DATA_FILE_DAMAGED naming it, and is not overwritten', async () => {
    const core = await startCore();
    const { profile } = await new Client(core).ok('signUp', SIGN_UP);
    await core.close();
    const trackersFile = dataLayout(core.dataDir).trackersFile(profile.id);
    await writeFile(trackersFile, '{"version":1,"trackers":[{"id":');

    const reopened = await startCore({ dataDir: core.dataDir });
    const client = new Client(reopened);
    await client.ok('logIn', { email: SIGN_UP.email, password: SIGN_UP.password });
    const listed = await client.call('listTrackers', {});
    expect(listed).toMatchObject({ ok: false, error: { code: 'DATA_FILE_DAMAGED' } });
    expect(listed.ok ? '' : listed.error.message).toContain(dataFolderPath(core.dataDir, trackersFile));
    const created = await client.call('createTracker', { name: 'Sleep', settings: { type: 'duration' } });
    expect(created).toMatchObject({ ok: false, error: { code: 'DATA_FILE_DAMAGED' } });
    expect(await readFile(trackersFile, 'utf8')).toBe('{"version":1,"trackers":[{"id":');
    expect(await readFile(`${trackersFile}.corrupt`, 'utf8')).toBe('{"version":1,"trackers":[{"id":');
  });

  it('a damaged log shard fails listing that tracker only', async () => {
    const core = await startCore();
    const client = new Client(core);
    const { profile } = await client.ok('signUp', SIGN_UP);
    const { tracker } = await client.ok('createTracker', { name: 'Sleep', settings: { type: 'duration' } });
    const other = (await client.ok('createTracker', { name: 'Mood', settings: { type: 'boolean' } })).tracker;
    await client.ok('addLog', { trackerId: other.id, value: true, at: '2026-11-01T08:00:00Z' });
    const shard = dataLayout(core.dataDir).logShardFile(profile.id, tracker.id, '2026-11');
    await client.ok('addLog', { trackerId: tracker.id, value: 60, at: '2026-11-01T08:00:00Z' });
    await core.close();
    await writeFile(shard, 'garbage');

    const reopened = await startCore({ dataDir: core.dataDir });
    const again = new Client(reopened);
    await again.ok('logIn', { email: SIGN_UP.email, password: SIGN_UP.password });
    expect(await again.call('listLogs', { trackerId: tracker.id })).toMatchObject({ ok: false, error: { code: 'DATA_FILE_DAMAGED' } });
    expect(await again.call('addLog', { trackerId: tracker.id, value: 5, at: '2026-11-02T08:00:00Z' })).toMatchObject({ ok: false, error: { code: 'DATA_FILE_DAMAGED' } });
    expect(await readFile(shard, 'utf8')).toBe('garbage');
    expect((await again.ok('listLogs', { trackerId: other.id })).logs).toHaveLength(1);
  });

  it('a damaged profile file is reported at log-in instead of "wrong password"', async () => {
    const core = await startCore();
    const { profile } = await new Client(core).ok('signUp', SIGN_UP);
    await core.close();
    await writeFile(dataLayout(core.dataDir).profileFile(profile.id), '{}');
    const reopened = await startCore({ dataDir: core.dataDir });
    const result = await new Client(reopened).call('logIn', { email: SIGN_UP.email, password: SIGN_UP.password });
    expect(result).toMatchObject({ ok: false, error: { code: 'DATA_FILE_DAMAGED' } });
  });
});

describe('the store never writes a file its own reader would refuse', () => {
  const numbersSchema = z.object({ version: z.literal(1), values: z.array(z.number()) });
  const numbersFormat: FileFormat<z.infer<typeof numbersSchema>> = { label: 'numbers', version: 1, schema: numbersSchema, migrations: {} };

  it.each([Infinity, -Infinity, NaN])('refuses %s before writing, and the file keeps what it held', async (bad) => {
    const dir = await tempDir();
    const file = join(dir, 'numbers.json');
    const adapter = new VersionedJsonAdapter(file, numbersFormat, nodeFs, createAtomicWriter(), dir);
    await adapter.write({ version: 1, values: [1.5] });
    const before = await readFile(file, 'utf8');

    const failure = await damageOf(adapter.write({ version: 1, values: [2, bad] }));
    expect(failure.code).toBe('WRITE_REFUSED');
    expect(failure.message).toMatch(/numbers file was not saved.*values\.1/);
    expect(await readFile(file, 'utf8')).toBe(before);
    expect(await adapter.read()).toEqual({ version: 1, values: [1.5] });
  });

  it('refuses a log shard holding a value JSON cannot carry, alone or in a batch', async () => {
    const layout = dataLayout(await tempDir());
    const store = await ProfileStore.open({ layout, fs: nodeFs, writer: createAtomicWriter() }, 'p1');
    const log = { id: 'l1', trackerId: 't1', at: '2026-11-20T08:00:00.000Z', offsetMinutes: 60, value: 70, note: '' };
    const shard = await store.shard('t1', '2026-11');
    await shard.save({ version: 3, logs: [log] });
    const shardFile = layout.logShardFile('p1', 't1', '2026-11');
    const before = await readFile(shardFile);

    expect((await damageOf(shard.save({ version: 3, logs: [{ ...log, value: Infinity }] }))).code).toBe('WRITE_REFUSED');
    const batch = store.replaceMany({ shards: [{ trackerId: 't1', month: '2026-11', data: () => ({ version: 3, logs: [{ ...log, value: NaN }] }) }] });
    expect((await damageOf(batch)).code).toBe('WRITE_REFUSED');
    expect(await readFile(shardFile)).toEqual(before);
    expect(shard.data.logs).toEqual([log]);
  });
});
