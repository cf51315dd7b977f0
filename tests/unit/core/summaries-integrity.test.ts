/**
 * summaries.json is derived from the log shards, so nothing wrong with it may cost the
 * dashboard: a damaged, missing or other-version file is rebuilt (issue 10, item 3); a
 * cache that cannot be saved does not fail a read (item 4); and a crash at any instant of a
 * write leaves a summary that either agrees with the shards or is known not to (item 5).
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openProfileCodec, type Core } from '../../../src-main/core/index';
import { nodeFs, type FsPort } from '../../../src-main/core/store/fs-port';
import { dataLayout } from '../../../src-main/core/store/layout';
import { summariesFormat, summariesV1toV2 } from '../../../src-main/core/store/summaries-format';
import { summaryKey } from '../../../src-main/core/insights/summary';
import { Client, failingAppends, SIGN_UP, startCore } from './helpers';

// The first of the month: yesterday's entries are in last month's shard, which the
// dashboard does not read (it reads today's).
const NOW = new Date('2026-12-01T12:00:00.000Z');
const LOG_IN = { email: SIGN_UP.email, password: SIGN_UP.password } as const;

const summariesOf = (dataDir: string, profileId: string) => join(dataLayout(dataDir).profileDir(profileId), 'summaries.json');

/** Runs `use` with a client logged in to a core opened on `dataDir`, then closes the core (another can open the folder). */
async function inCore<T>(dataDir: string, use: (client: Client, core: Core) => Promise<T>, fs?: FsPort): Promise<T> {
  const core = await startCore({ dataDir, now: () => NOW, ...(fs === undefined ? {} : { fs }) });
  try {
    const client = new Client(core);
    await client.ok('logIn', LOG_IN);
    return await use(client, core);
  } finally {
    await core.close();
  }
}

/** A yes/no tracker with yes on 28 and 29 November (UTC), its summary saved, and the core closed. */
async function profileWithStreak() {
  const core = await startCore({ now: () => NOW });
  const client = new Client(core);
  const { profile } = await client.ok('signUp', { ...SIGN_UP, timeZone: 'UTC' });
  const { tracker } = await client.ok('createTracker', { name: 'Yoga', settings: { type: 'boolean' } });
  const first = (await client.ok('addLog', { trackerId: tracker.id, value: true, at: '2026-11-28T08:00:00Z' })).log;
  const second = (await client.ok('addLog', { trackerId: tracker.id, value: true, at: '2026-11-29T08:00:00Z' })).log;
  const before = await client.ok('dashboard', {});
  expect(before.cards[0]).toMatchObject({ lastLog: second, currentStreak: 0 });
  await core.close();
  return { dataDir: core.dataDir, profile, tracker, logs: [first, second], summaries: summariesOf(core.dataDir, profile.id) };
}

/** What the dashboard and the tracker's statistics answer. */
async function insights(client: Client, trackerId: string) {
  const { cards } = await client.ok('dashboard', {});
  const { stats } = await client.ok('trackerStats', { trackerId, range: { preset: '30d' } });
  return { cards, stats };
}

/** The same, computed from the shards alone: summaries.json removed, a fresh core. */
async function fromShardsAlone(dataDir: string, profileId: string, trackerId: string) {
  await rm(summariesOf(dataDir, profileId), { force: true });
  return inCore(dataDir, (client) => insights(client, trackerId));
}

describe('a damaged or unreadable summaries.json is rebuilt, never a lasting error (item 3)', () => {
  it('one changed byte: the dashboard and statistics answer from the shards, the file is kept as .corrupt and replaced', async () => {
    const { dataDir, tracker, logs, summaries } = await profileWithStreak();
    const bytes = await readFile(summaries);
    // Encrypted at rest: one flipped bit anywhere makes the authentication tag fail.
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0x01;
    await writeFile(summaries, bytes);

    await inCore(dataDir, async (client) => {
      for (let call = 0; call < 2; call += 1) {
        const { cards, stats } = await insights(client, tracker.id);
        expect(cards[0]).toMatchObject({ lastLog: logs[1], currentStreak: 0 });
        expect(stats).toMatchObject({ count: 2, bestStreak: 2 });
      }
    });
    expect(await readFile(`${summaries}.corrupt`)).toEqual(bytes);
    expect(await readFile(summaries)).not.toEqual(bytes);

    // The replacement reads back in a new process; the copy stays.
    await inCore(dataDir, async (client) => expect((await insights(client, tracker.id)).cards[0]).toMatchObject({ lastLog: logs[1] }));
    expect(await readFile(`${summaries}.corrupt`)).toEqual(bytes);
  });

  it.each([
    ['not JSON', 'summaries'],
    ['an older format version with no upgrade', JSON.stringify({ version: 0, trackers: {} })],
    ['this version with content that does not validate', JSON.stringify({ version: summariesFormat.version, trackers: { x: { key: 1 } } })],
  ])('%s: rebuilt, the original kept as .corrupt', async (_name, text) => {
    const { dataDir, profile, tracker, logs, summaries } = await profileWithStreak();
    const codec = await openProfileCodec(dataDir, profile.id, SIGN_UP.password);
    const written = codec.encode(summaries, text);
    await writeFile(summaries, written);

    const { cards, stats } = await inCore(dataDir, (client) => insights(client, tracker.id));
    expect(cards[0]).toMatchObject({ lastLog: logs[1] });
    expect(stats).toMatchObject({ count: 2 });
    expect(await readFile(`${summaries}.corrupt`)).toEqual(Buffer.from(written));
  });

  it("a newer app's file is set aside as .newer (not destroyed) and rebuilt at this app's version", async () => {
    const { dataDir, profile, tracker, logs, summaries } = await profileWithStreak();
    const codec = await openProfileCodec(dataDir, profile.id, SIGN_UP.password);
    const newer = codec.encode(summaries, JSON.stringify({ version: 99, trackers: {}, somethingNew: true }));
    await writeFile(summaries, newer);

    expect((await inCore(dataDir, (client) => insights(client, tracker.id))).cards[0]).toMatchObject({ lastLog: logs[1] });
    expect(await readFile(`${summaries}.newer`)).toEqual(Buffer.from(newer));
    const rebuilt = JSON.parse(codec.decode(summaries, await readFile(summaries))) as { version: number; trackers: Record<string, unknown> };
    expect(rebuilt.version).toBeLessThan(99);
    expect(Object.keys(rebuilt.trackers)).toEqual([tracker.id]);
  });
});

describe('a read never fails because the cache could not be saved (item 4)', () => {
  it('on a full disk the dashboard and statistics answer from what they computed, and the summary is saved once there is room', async () => {
    const { dataDir, profile, tracker, logs, summaries } = await profileWithStreak();
    // No summary cached yet: the first read has to build it.
    await rm(summaries);
    let diskFull = false;
    const full = () => Promise.reject(Object.assign(new Error('no space left on device'), { code: 'ENOSPC' }));
    const fs: FsPort = failingAppends(
      {
        ...nodeFs,
        open: (path, flags, mode) => (diskFull && flags !== 'r' ? full() : nodeFs.open(path, flags, mode)),
        rename: (from, to) => (diskFull ? full() : nodeFs.rename(from, to)),
      },
      () => diskFull,
    );
    await inCore(dataDir, (client, core) => fullDiskReads(client, core), fs);
    async function fullDiskReads(client: Client, core: Core) {
    diskFull = true;
    const { cards, stats } = await insights(client, tracker.id);
    expect(cards[0]).toMatchObject({ lastLog: logs[1], currentStreak: 0 });
    expect(stats).toMatchObject({ count: 2, bestStreak: 2, currentStreak: 0 });
    expect(await client.ok('trackerStats', { trackerId: tracker.id, range: { preset: 'all' } })).toMatchObject({ stats: { count: 2 } });
    await expect(readFile(summaries)).rejects.toMatchObject({ code: 'ENOENT' });

    // A write still reports the full disk, and changes nothing.
    expect(await client.call('addLog', { trackerId: tracker.id, value: true, at: '2026-11-30T08:00:00Z' })).toMatchObject({ ok: false, error: { code: 'WRITE_FAILED' } });
    expect((await client.ok('listLogs', { trackerId: tracker.id })).total).toBe(2);

    // Room again: what the next read computed is saved (at the next checkpoint).
    diskFull = false;
    expect((await client.ok('dashboard', {})).cards[0]).toMatchObject({ lastLog: logs[1] });
    await core.checkpoint();
    const codec = await openProfileCodec(dataDir, profile.id, SIGN_UP.password);
    const saved = JSON.parse(codec.decode(summaries, await readFile(summaries))) as { trackers: Record<string, { lastLog: unknown }> };
    expect(saved.trackers[tracker.id]?.lastLog).toEqual(logs[1]);
    }
  });
});

/**
 * A file system that dies after a given number of renames: every later change to a file
 * fails, as if the process had been killed at that instant (a data file changes only when
 * a temp file is renamed over it). Reads go on working; nothing reads before the reopen.
 */
function mortalFs() {
  let renamesLeft = Number.POSITIVE_INFINITY;
  const dead = () => Promise.reject(Object.assign(new Error('killed'), { code: 'EKILLED' }));
  const alive = () => renamesLeft > 0;
  const fs: FsPort = {
    ...nodeFs,
    open: (path, flags, mode) => (alive() || flags === 'r' ? nodeFs.open(path, flags, mode) : dead()),
    rename: async (from, to) => {
      if (!alive()) return dead();
      await nodeFs.rename(from, to);
      renamesLeft -= 1;
    },
    link: (existing, path) => (alive() ? nodeFs.link(existing, path) : dead()),
    unlink: (path) => (alive() ? nodeFs.unlink(path) : dead()),
    copyFile: (from, to) => (alive() ? nodeFs.copyFile(from, to) : dead()),
    rm: (path, options) => (alive() ? nodeFs.rm(path, options) : dead()),
  };
  return { fs, dieAfterRenames: (count: number) => (renamesLeft = count) };
}

type Ids = { readonly trackerId: string; readonly logIds: readonly string[] };

/** Runs `operation` on the profile in a core killed after `renames` renames, then closes that core. */
async function crashDuring(dataDir: string, renames: number, operation: (client: Client) => Promise<unknown>) {
  const { fs, dieAfterRenames } = mortalFs();
  const core = await startCore({ dataDir, now: () => NOW, fs });
  const client = new Client(core);
  await client.ok('logIn', LOG_IN);
  // The summary in memory too, as in a session that has shown the dashboard.
  await client.ok('dashboard', {});
  dieAfterRenames(renames);
  await operation(client);
  await core.close();
}

describe('after a crash at any instant of a write the summary agrees with the shards (item 5)', () => {
  const operations: Record<string, (client: Client, ids: Ids) => Promise<unknown>> = {
    'an entry added to last month': (client, { trackerId }) => client.call('addLog', { trackerId, value: true, at: '2026-11-30T08:00:00Z' }),
    'last month’s newest entry changed': (client, { trackerId, logIds }) => client.call('updateLog', { trackerId, logId: logIds[1] ?? '', value: false }),
    'last month’s newest entry moved to the month before': (client, { trackerId, logIds }) => client.call('updateLog', { trackerId, logId: logIds[1] ?? '', at: '2026-10-15T08:00:00Z' }),
    'last month’s newest entry deleted': (client, { trackerId, logIds }) => client.call('deleteLog', { trackerId, logId: logIds[1] ?? '' }),
    'an import into last month and the one before': (client) =>
      client.call('commitImport', { kind: 'logs', files: [{ name: 'yoga.csv', text: 'tracker,time,value\nYoga,2026-11-30T08:00:00Z,yes\nYoga,2026-10-02T08:00:00Z,yes\n' }] }),
  };

  for (const [name, operation] of Object.entries(operations)) {
    for (const renames of [0, 1, 2, 3, 4]) {
      it(`${name}, killed after ${renames} renames: the next process answers what the shards hold`, async () => {
        const { dataDir, profile, tracker, logs } = await profileWithStreak();
        await crashDuring(dataDir, renames, (client) => operation(client, { trackerId: tracker.id, logIds: logs.map((log) => log.id) }));

        const after = await inCore(dataDir, (client) => insights(client, tracker.id));
        // And in another process, after that one had the chance to save what it found.
        const second = await inCore(dataDir, (client) => insights(client, tracker.id));
        const truth = await fromShardsAlone(dataDir, profile.id, tracker.id);
        expect(after).toEqual(truth);
        expect(second).toEqual(truth);
      });
    }
  }

  it('an entry of last month written just before the kill shows as the last entry and extends the streak, across restarts', async () => {
    const { dataDir, tracker } = await profileWithStreak();
    const add = (client: Client) => client.call('addLog', { trackerId: tracker.id, value: true, at: '2026-11-30T08:00:00Z' });
    // Killed after one rename, then two…: the first kill that leaves the entry in its shard.
    let landed = false;
    for (let renames = 1; renames <= 4 && !landed; renames += 1) {
      await crashDuring(dataDir, renames, add);
      const { logs, total } = await inCore(dataDir, (client) => client.ok('listLogs', { trackerId: tracker.id }));
      landed = total === 3;
      if (!landed) continue;
      expect(logs[0]?.at).toBe('2026-11-30T08:00:00.000Z');
      for (let restart = 0; restart < 2; restart += 1) {
        const { cards } = await inCore(dataDir, (client) => insights(client, tracker.id));
        expect(cards[0]).toMatchObject({ lastLog: logs[0], currentStreak: 3 });
      }
    }
    expect(landed).toBe(true);
  });
});

describe('what makes the summary safe to trust after a crash', () => {
  // Before the journal a summary was saved marked `writing` ahead of the shards, and a write
  // whose mark could not be saved was refused. With the journal summaries.json is written at
  // checkpoints only, after the shards, and opening drops the summaries of every tracker the
  // replayed records touch: a summary that cannot be saved costs no write, and is never
  // trusted behind its shards.
  it('a summary that a checkpoint cannot save costs no write, and is never trusted behind its shards', async () => {
    const { dataDir, profile, tracker, logs, summaries } = await profileWithStreak();
    let summariesFail = false;
    const fs: FsPort = {
      ...nodeFs,
      rename: (from, to) => (summariesFail && to === summaries ? Promise.reject(Object.assign(new Error('I/O error'), { code: 'EIO' })) : nodeFs.rename(from, to)),
    };
    const third = await inCore(
      dataDir,
      async (client, core) => {
        await client.ok('dashboard', {});
        summariesFail = true;
        const { log } = await client.ok('addLog', { trackerId: tracker.id, value: true, at: '2026-11-30T08:00:00Z' });
        expect(await client.ok('listLogs', { trackerId: tracker.id })).toEqual({ logs: [log, ...[...logs].reverse()], total: 3 });
        // The shards are written; summaries.json is not (and the checkpoint is not recorded).
        await expect(core.checkpoint()).rejects.toMatchObject({ code: 'WRITE_FAILED' });
        expect((await client.ok('dashboard', {})).cards[0]).toMatchObject({ lastLog: log, currentStreak: 3 });
        return log;
      },
      fs,
    );
    // The old summary on disk knows only two entries: it is not used as it is.
    const reopened = await inCore(dataDir, (client) => insights(client, tracker.id));
    expect(reopened.cards[0]).toMatchObject({ lastLog: third, currentStreak: 3 });
    expect(reopened).toEqual(await fromShardsAlone(dataDir, profile.id, tracker.id));
  });

  it('a version-1 file, which had no mark and could be behind its shards unnoticed, is rebuilt once', async () => {
    const { dataDir, profile, tracker, logs, summaries } = await profileWithStreak();
    // What an earlier version left after a crash between the shard and the summary: a
    // summary that never saw the second entry, under the right key.
    const behind = { key: summaryKey(tracker, 'UTC'), lastLog: logs[0], runs: [['2026-11-28', '2026-11-28']], since: null, months: {} };
    const codec = await openProfileCodec(dataDir, profile.id, SIGN_UP.password);
    await writeFile(summaries, codec.encode(summaries, JSON.stringify({ version: 1, trackers: { [tracker.id]: behind } })));

    const { cards } = await inCore(dataDir, (client) => insights(client, tracker.id));
    expect(cards[0]).toMatchObject({ lastLog: logs[1] });
    const saved = JSON.parse(codec.decode(summaries, await readFile(summaries))) as { version: number; trackers: Record<string, { lastLog: unknown }> };
    expect(saved.version).toBe(2);
    expect(saved.trackers[tracker.id]?.lastLog).toEqual(logs[1]);
  });

  it('a summary an older version left marked `writing` (a crash before its shards were written) is rebuilt, not trusted', async () => {
    const { dataDir, tracker, logs, summaries, profile } = await profileWithStreak();
    // Under the right key and digest-free, so only the mark says it may be behind: it knows one entry of two.
    const marked = { key: summaryKey(tracker, 'UTC'), lastLog: logs[0], runs: [['2026-11-28', '2026-11-28']], since: null, months: {}, writing: true };
    const codec = await openProfileCodec(dataDir, profile.id, SIGN_UP.password);
    await writeFile(summaries, codec.encode(summaries, JSON.stringify({ version: 2, trackers: { [tracker.id]: marked } })));

    const { cards } = await inCore(dataDir, (client) => insights(client, tracker.id));
    expect(cards[0]).toMatchObject({ lastLog: logs[1] });
    const saved = JSON.parse(codec.decode(summaries, await readFile(summaries))) as { trackers: Record<string, { lastLog: unknown; writing?: true }> };
    expect(saved.trackers[tracker.id]).toMatchObject({ lastLog: logs[1] });
    expect(saved.trackers[tracker.id]?.writing).toBeUndefined();
  });

  it('the upgrade from version 1 keeps no summary', () => {
    expect(summariesV1toV2()).toEqual({ version: 2, trackers: {} });
  });
});
