import { readdir, readFile, stat } from 'node:fs/promises';
import { describe, it, expect } from 'vitest';
import { nodeFs, type FsPort } from '../../../src-main/core/store/fs-port';
import { dataLayout } from '../../../src-main/core/store/layout';
import type { Input } from '../../../src-preload/contract';
import { Client, failingAppends, SIGN_UP, startCore } from './helpers';

async function signedIn(options: Parameters<typeof startCore>[0] = {}) {
  const core = await startCore(options);
  const client = new Client(core);
  const { profile } = await client.ok('signUp', SIGN_UP);
  return { core, client, profile, layout: dataLayout(core.dataDir) };
}

describe('trackers', () => {
  it('creates trackers of every type, oldest first', async () => {
    const { client } = await signedIn();
    const created = [];
    for (const input of [
      { name: ' Weight ', description: ' morning ', settings: { type: 'numerical', unit: 'kg' } },
      { name: 'Mood', settings: { type: 'multiple_choice', options: ['Good', 'Bad'], multiple: true } },
      { name: 'Meditated', settings: { type: 'boolean' } },
      { name: 'Reading', settings: { type: 'duration' } },
    ] satisfies Input<'createTracker'>[]) {
      created.push((await client.ok('createTracker', input)).tracker);
    }
    expect(created[0]).toEqual({
      id: expect.any(String),
      name: 'Weight',
      description: 'morning',
      color: '#4e79a7',
      emoji: '',
      archived: false,
      pinned: false,
      reminder: { enabled: true, days: [1, 2, 3, 4, 5, 6, 7], time: null },
      target: null,
      settings: { type: 'numerical', unit: 'kg', min: null, max: null, decimals: 2, aggregation: 'average' },
      createdAt: expect.any(String),
    });
    expect(created[1]?.settings).toEqual({
      type: 'multiple_choice',
      options: [
        { id: expect.any(String), label: 'Good', archived: false },
        { id: expect.any(String), label: 'Bad', archived: false },
      ],
      multiple: true,
    });
    expect(created.map((tracker) => tracker.color)).toEqual(['#4e79a7', '#f28e2b', '#e15759', '#76b7b2']);
    expect(await client.ok('listTrackers', {})).toEqual({ trackers: created });
  });

  it.each<[string, Input<'createTracker'>, string, string]>([
    ['an empty name', { name: '  ', settings: { type: 'boolean' } }, 'TRACKER_NAME_REQUIRED', 'name'],
    ['a name taken in another case', { name: ' SLEEP ', settings: { type: 'boolean' } }, 'TRACKER_NAME_TAKEN', 'name'],
    ['one choice', { name: 'Mood', settings: { type: 'multiple_choice', options: ['Only'] } }, 'CHOICE_OPTIONS_INVALID', 'settings.options'],
    ['repeated choices', { name: 'Mood', settings: { type: 'multiple_choice', options: ['Ok', 'OK'] } }, 'CHOICE_OPTIONS_INVALID', 'settings.options'],
  ])('refuses %s', async (_name, input, code, field) => {
    const { client } = await signedIn();
    await client.ok('createTracker', { name: 'Sleep', settings: { type: 'duration' } });
    expect(await client.call('createTracker', input)).toMatchObject({ ok: false, error: { code, field } });
    expect((await client.ok('listTrackers', {})).trackers).toHaveLength(1);
  });

  it('refuses an unknown tracker type at the contract', async () => {
    const { client } = await signedIn();
    const result = await client.call('createTracker', { name: 'X', settings: { type: 'colour' } as unknown as Input<'createTracker'>['settings'] });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('deletes a tracker to the trash, and purges it with its logs folder', async () => {
    const { core, client, profile, layout } = await signedIn();
    const { tracker } = await client.ok('createTracker', { name: 'Sleep', settings: { type: 'duration' } });
    const other = (await client.ok('createTracker', { name: 'Mood', settings: { type: 'boolean' } })).tracker;
    await client.ok('addLog', { trackerId: tracker.id, value: 60 });
    // The entry is in the journal; a checkpoint puts it in its shard file.
    await core.checkpoint();
    expect(await readdir(layout.trackerLogsDir(profile.id, tracker.id))).not.toHaveLength(0);

    expect(await client.ok('deleteTracker', { trackerId: tracker.id })).toEqual({});
    expect(await client.ok('listTrackers', {})).toEqual({ trackers: [other] });
    expect(await client.ok('purgeTracker', { trackerId: tracker.id })).toEqual({});
    // The purge is a journal record; the checkpoint removes the logs folder.
    await core.checkpoint();
    await expect(stat(layout.trackerLogsDir(profile.id, tracker.id))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await client.call('listLogs', { trackerId: tracker.id })).toMatchObject({ ok: false, error: { code: 'TRACKER_NOT_FOUND' } });
    expect(await client.call('deleteTracker', { trackerId: tracker.id })).toMatchObject({ ok: false, error: { code: 'TRACKER_NOT_FOUND' } });
  });

  it("cannot reach another profile's tracker", async () => {
    const { core, client } = await signedIn();
    const { tracker } = await client.ok('createTracker', { name: 'Sleep', settings: { type: 'duration' } });
    const bob = new Client(core);
    await bob.ok('signUp', { ...SIGN_UP, email: 'bob@example.com' });
    expect(await bob.call('addLog', { trackerId: tracker.id, value: 5 })).toMatchObject({ ok: false, error: { code: 'TRACKER_NOT_FOUND' } });
    expect(await bob.call('deleteTracker', { trackerId: tracker.id })).toMatchObject({ ok: false, error: { code: 'TRACKER_NOT_FOUND' } });
  });

  it('treats a path-like tracker id as not found', async () => {
    const { client } = await signedIn();
    expect(await client.call('listLogs', { trackerId: '../../..' })).toMatchObject({ ok: false, error: { code: 'TRACKER_NOT_FOUND' } });
  });
});

describe('logs', () => {
  const NOW = new Date('2026-11-25T12:00:00.000Z');

  it('stores canonical values, UTC time and offset, and lists newest first', async () => {
    const { client } = await signedIn({ now: () => NOW, localOffsetMinutes: () => 60 });
    const { tracker } = await client.ok('createTracker', { name: 'Reading', settings: { type: 'duration' } });
    const older = (await client.ok('addLog', { trackerId: tracker.id, value: '1:30', at: '2026-10-31T23:30:00-02:00', note: ' long ' })).log;
    const now = (await client.ok('addLog', { trackerId: tracker.id, value: '45m' })).log;
    const middle = (await client.ok('addLog', { trackerId: tracker.id, value: 60, at: '2026-11-02T08:00:00+01:00' })).log;

    expect(older).toEqual({ id: expect.any(String), trackerId: tracker.id, at: '2026-11-01T01:30:00.000Z', offsetMinutes: -120, value: 5400, note: 'long' });
    expect(now).toMatchObject({ at: '2026-11-25T12:00:00.000Z', offsetMinutes: 60, value: 2700, note: '' });
    expect(await client.ok('listLogs', { trackerId: tracker.id })).toEqual({ logs: [now, middle, older], total: 3 });
  });

  it('stores choices as option ids, so renaming an option cannot orphan them', async () => {
    const { client } = await signedIn();
    const { tracker } = await client.ok('createTracker', { name: 'Mood', settings: { type: 'multiple_choice', options: ['Good', 'Bad'], multiple: true } });
    if (tracker.settings.type !== 'multiple_choice') throw new Error('expected a choice tracker');
    const [good, bad] = tracker.settings.options;
    const { log } = await client.ok('addLog', { trackerId: tracker.id, value: [bad?.id ?? '', good?.id ?? ''] });
    expect(log.value).toEqual([good?.id, bad?.id]);
  });

  it.each<[string, Partial<Input<'addLog'>>, string, string]>([
    ['a bad value', { value: 'many' }, 'LOG_VALUE_INVALID', 'value'],
    ['a time without offset', { value: 5, at: '2026-11-25T08:30:00' }, 'LOG_TIME_INVALID', 'at'],
    ['an impossible date', { value: 5, at: '2026-02-30T08:30:00Z' }, 'LOG_TIME_INVALID', 'at'],
    ['an unknown tracker', { value: 5, trackerId: 'no-such-tracker' }, 'TRACKER_NOT_FOUND', 'trackerId'],
  ])('refuses %s and writes nothing', async (_name, change, code, field) => {
    const { client, profile, layout } = await signedIn();
    const { tracker } = await client.ok('createTracker', { name: 'Weight', settings: { type: 'numerical', unit: 'kg' } });
    const result = await client.call('addLog', { trackerId: tracker.id, value: 1, ...change });
    expect(result).toMatchObject({ ok: false, error: { code, field } });
    await expect(readdir(layout.trackerLogsDir(profile.id, tracker.id))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('needs a session', async () => {
    const core = await startCore();
    expect(await new Client(core).call('addLog', { trackerId: 'x', value: 1 })).toMatchObject({ ok: false, error: { code: 'NOT_LOGGED_IN' } });
  });

  it('rewrites only the shard of the entry month', async () => {
    const { core, client, profile, layout } = await signedIn();
    const { tracker } = await client.ok('createTracker', { name: 'Weight', settings: { type: 'numerical', unit: 'kg' } });
    const other = (await client.ok('createTracker', { name: 'Sleep', settings: { type: 'duration' } })).tracker;
    await client.ok('addLog', { trackerId: tracker.id, value: 70, at: '2026-09-10T08:00:00Z' });
    await client.ok('addLog', { trackerId: tracker.id, value: 71, at: '2026-10-10T08:00:00Z' });
    await client.ok('addLog', { trackerId: other.id, value: 60, at: '2026-11-10T08:00:00Z' });
    await core.checkpoint();
    const untouched = [
      layout.logShardFile(profile.id, tracker.id, '2026-09'),
      layout.logShardFile(profile.id, tracker.id, '2026-10'),
      layout.logShardFile(profile.id, other.id, '2026-11'),
      layout.trackersFile(profile.id),
      layout.profileFile(profile.id),
    ];
    const before = await Promise.all(untouched.map(async (file) => ({ bytes: await readFile(file), stat: await stat(file) })));

    await client.ok('addLog', { trackerId: tracker.id, value: 72, at: '2026-11-10T08:00:00Z' });
    await core.checkpoint();

    const after = await Promise.all(untouched.map(async (file) => ({ bytes: await readFile(file), stat: await stat(file) })));
    after.forEach((file, index) => {
      expect(file.bytes.equals(before[index]?.bytes ?? Buffer.alloc(0))).toBe(true);
      expect(file.stat.mtimeMs).toBe(before[index]?.stat.mtimeMs);
      expect(file.stat.ino).toBe(before[index]?.stat.ino);
    });
    const { logs } = await client.ok('listLogs', { trackerId: tracker.id, from: '2026-11-01T00:00:00Z' });
    expect(logs.map((log) => log.value)).toEqual([72]);
    expect(await readdir(layout.trackerLogsDir(profile.id, tracker.id))).toEqual(['2026-09.json', '2026-10.json', '2026-11.json']);
  });

  it('keeps concurrent entries to one shard', async () => {
    const { client } = await signedIn();
    const { tracker } = await client.ok('createTracker', { name: 'Water', settings: { type: 'numerical', unit: 'glass' } });
    await Promise.all(Array.from({ length: 20 }, (_, i) => client.ok('addLog', { trackerId: tracker.id, value: i, at: `2026-11-01T08:${String(i).padStart(2, '0')}:00Z` })));
    const { logs } = await client.ok('listLogs', { trackerId: tracker.id });
    expect(logs.map((log) => log.value)).toEqual(Array.from({ length: 20 }, (_, i) => 19 - i));
  });

  it('persists across close and reopen, written as compact versioned JSON (a column a line)', async () => {
    // Unencrypted, to see the bytes of the format itself (the encrypted envelope has its own tests).
    const { core, client, profile, layout } = await signedIn({ encryptAtRest: false });
    const { tracker } = await client.ok('createTracker', { name: 'Meditated', settings: { type: 'boolean' } });
    const { log } = await client.ok('addLog', { trackerId: tracker.id, value: 'yes', at: '2026-11-25T07:00:00+01:00' });
    await core.close();

    const text = await readFile(layout.logShardFile(profile.id, tracker.id, '2026-11'), 'utf8');
    // By column, a column a line, the tracker's id not repeated (it is the shard's folder): see log-shard-columns.ts.
    const columns = { ids: [log.id], at: [log.at], offsetMinutes: [log.offsetMinutes], values: [true], notes: [''] };
    expect(text).toBe(`{"version":3,\n${Object.entries(columns).map(([name, column]) => `"${name}":${JSON.stringify(column)}`).join(',\n')}}`);
    expect(JSON.parse(text)).toEqual({ version: 3, ...columns });

    const reopened = await startCore({ dataDir: core.dataDir, encryptAtRest: false });
    const again = new Client(reopened);
    await again.ok('logIn', { email: SIGN_UP.email, password: SIGN_UP.password });
    expect(await again.ok('listTrackers', {})).toEqual({ trackers: [tracker] });
    expect(await again.ok('listLogs', { trackerId: tracker.id })).toEqual({ logs: [log], total: 1 });
  });

  it('answers a full disk with WRITE_FAILED and keeps no trace of the entry', async () => {
    let diskFull = false;
    const fs: FsPort = failingAppends(
      {
        ...nodeFs,
        rename: (from, to) => (diskFull ? Promise.reject(Object.assign(new Error('full'), { code: 'ENOSPC' })) : nodeFs.rename(from, to)),
      },
      () => diskFull,
    );
    const { core, client, profile, layout } = await signedIn({ fs });
    const { tracker } = await client.ok('createTracker', { name: 'Weight', settings: { type: 'numerical', unit: 'kg' } });
    const { log } = await client.ok('addLog', { trackerId: tracker.id, value: 70, at: '2026-11-01T08:00:00Z' });
    await core.checkpoint();
    const shardFile = layout.logShardFile(profile.id, tracker.id, '2026-11');
    const before = await readFile(shardFile, 'utf8');

    diskFull = true;
    const result = await client.call('addLog', { trackerId: tracker.id, value: 71, at: '2026-11-02T08:00:00Z' });
    expect(result).toMatchObject({ ok: false, error: { code: 'WRITE_FAILED', message: expect.stringMatching(/ENOSPC|the disk is full/) } });
    expect(await client.call('createTracker', { name: 'Sleep', settings: { type: 'duration' } })).toMatchObject({ ok: false, error: { code: 'WRITE_FAILED' } });

    expect(await readFile(shardFile, 'utf8')).toBe(before);
    expect(await client.ok('listLogs', { trackerId: tracker.id })).toEqual({ logs: [log], total: 1 });
    expect((await client.ok('listTrackers', {})).trackers).toHaveLength(1);
    diskFull = false;
    expect((await client.ok('createTracker', { name: 'Sleep', settings: { type: 'duration' } })).tracker.name).toBe('Sleep');
  });

  it('refuses calls after close', async () => {
    const { core, client } = await signedIn();
    await core.close();
    expect(await client.call('listTrackers', {})).toMatchObject({ ok: false, error: { code: 'CORE_CLOSED' } });
  });
});
