/**
 * When a profile's files catch up with its journal (issue 14): after a quiet moment with no
 * write, and when the profile is locked (log-out, a shell's idle lock) before anything reads
 * its files again. Profiles are stored unencrypted here so the files can be read as they are.
 */
import { cp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { dataLayout } from '../../../src-main/core/store/layout';
import { QUIET_CHECKPOINT_MS } from '../../../src-main/core/store/profile-journal';
import { JOURNAL_HEADER_BYTES } from '../../../src-main/core/store/journal/record-format';
import { nodeFs, type FsPort } from '../../../src-main/core/store/fs-port';
import { Client, queueDrained, SIGN_UP, startCore, tempDir } from './helpers';

const NOW = new Date('2026-11-25T12:00:00.000Z');

/** The text of a file, or '' when it does not exist (yet). */
const textOf = (file: string): Promise<string> => readFile(file, 'utf8').catch(() => '');

async function profileWithWater(options: { readonly journalQuietMs?: number; readonly fs?: FsPort } = {}) {
  const core = await startCore({ now: () => NOW, encryptAtRest: false, ...options });
  const client = new Client(core);
  const { profile } = await client.ok('signUp', SIGN_UP);
  const { tracker } = await client.ok('createTracker', { name: 'Water', settings: { type: 'numerical', unit: 'glass' } });
  const layout = dataLayout(core.dataDir);
  const files = {
    shard: layout.logShardFile(profile.id, tracker.id, '2026-11'),
    trackers: layout.trackersFile(profile.id),
    journal: join(layout.profileDir(profile.id), 'journal'),
  };
  return { core, client, profile, tracker, files };
}

/** The journal holds nothing the files do not: one segment, its header alone. */
async function journalEmpty(folder: string): Promise<void> {
  const segments = (await readdir(folder)).filter((name) => name.endsWith('.qsj'));
  expect(segments).toHaveLength(1);
  expect((await stat(join(folder, segments[0] ?? ''))).size).toBe(JOURNAL_HEADER_BYTES);
}

describe('the quiet-moment checkpoint', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('writes the files once no write came for QUIET_CHECKPOINT_MS; each write starts the wait again', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { client, tracker, files } = await profileWithWater();
    const first = (await client.ok('addLog', { trackerId: tracker.id, value: 1, at: '2026-11-01T08:00:00Z' })).log;
    await vi.advanceTimersByTimeAsync(QUIET_CHECKPOINT_MS - 1);
    const second = (await client.ok('addLog', { trackerId: tracker.id, value: 2, at: '2026-11-02T08:00:00Z' })).log;
    await vi.advanceTimersByTimeAsync(QUIET_CHECKPOINT_MS - 1);
    await queueDrained(client, tracker.id);
    // Never quiet for long enough: only the journal holds the entries.
    expect(await textOf(files.shard)).toBe('');
    expect(await textOf(files.trackers)).not.toContain('Water');

    await vi.advanceTimersByTimeAsync(1);
    await queueDrained(client, tracker.id);
    const shard = await textOf(files.shard);
    expect(shard).toContain(first.id);
    expect(shard).toContain(second.id);
    expect(await textOf(files.trackers)).toContain('Water');
    await journalEmpty(files.journal);
  });
});

describe('locking a profile', () => {
  const QUIET = { journalQuietMs: 3_600_000 } as const;

  it('log-out answers once the files hold every acknowledged write', async () => {
    const { client, tracker, files } = await profileWithWater(QUIET);
    const added = await Promise.all(Array.from({ length: 5 }, (_, i) => client.ok('addLog', { trackerId: tracker.id, value: i, at: `2026-11-0${String(i + 1)}T08:00:00Z` })));
    await client.ok('updateTracker', { trackerId: tracker.id, name: 'Water (glasses)' });
    expect(await textOf(files.shard)).toBe('');

    await client.ok('logOut', {});
    const shard = await textOf(files.shard);
    for (const { log } of added) expect(shard).toContain(log.id);
    expect(await textOf(files.trackers)).toContain('Water (glasses)');
    await journalEmpty(files.journal);
  });

  it('after the core’s lockProfile (a shell’s idle lock), the next log-in answers once the files hold every acknowledged write', async () => {
    const { core, client, profile, tracker, files } = await profileWithWater(QUIET);
    const added = await Promise.all(Array.from({ length: 5 }, (_, i) => client.ok('addLog', { trackerId: tracker.id, value: i, at: `2026-11-0${String(i + 1)}T08:00:00Z` })));
    expect(await textOf(files.shard)).toBe('');

    core.lockProfile(profile.id);
    await client.ok('logIn', { email: SIGN_UP.email, password: SIGN_UP.password });
    // Logging in reads no log: what the files hold is what the lock's checkpoint wrote.
    const shard = await textOf(files.shard);
    for (const { log } of added) expect(shard).toContain(log.id);
    await journalEmpty(files.journal);
    expect((await client.ok('listLogs', { trackerId: tracker.id, order: 'oldest' })).logs).toEqual(added.map(({ log }) => log));
  });
});

describe('a checkpoint writing its files', () => {
  it('lets writes go on meanwhile (it holds the profile’s queue only to begin), and both are kept', async () => {
    // The checkpoint's write of the shard waits at its rename until the test lets it go.
    let holdShard: string | null = null;
    let reached = (): void => undefined;
    const atRename = new Promise<void>((resolve) => (reached = resolve));
    let letGo = (): void => undefined;
    const released = new Promise<void>((resolve) => (letGo = resolve));
    const fs: FsPort = {
      ...nodeFs,
      rename: async (from, to) => {
        if (to === holdShard) {
          holdShard = null;
          reached();
          await released;
        }
        return nodeFs.rename(from, to);
      },
    };
    const { core, client, tracker, files } = await profileWithWater({ journalQuietMs: 3_600_000, fs });
    const first = (await client.ok('addLog', { trackerId: tracker.id, value: 1, at: '2026-11-01T08:00:00Z' })).log;
    holdShard = files.shard;
    const checkpoint = core.checkpoint();
    await atRename;

    // Answered while the checkpoint is half-way: before, it waited for the whole checkpoint.
    const second = (await client.ok('addLog', { trackerId: tracker.id, value: 2, at: '2026-11-02T08:00:00Z' })).log;
    letGo();
    await checkpoint;
    // The checkpoint wrote the state it began with; the second entry is in the journal.
    const shard = await textOf(files.shard);
    expect(shard).toContain(first.id);
    expect(shard).not.toContain(second.id);
    expect((await client.ok('listLogs', { trackerId: tracker.id, order: 'oldest' })).logs).toEqual([first, second]);

    // A crash now: a new core on a copy of the folder replays the second entry from the journal.
    const copy = await tempDir();
    await cp(core.dataDir, copy, { recursive: true });
    await rm(dataLayout(copy).lockFile, { force: true });
    const reopened = await startCore({ dataDir: copy, now: () => NOW, encryptAtRest: false });
    const again = new Client(reopened);
    await again.ok('logIn', { email: SIGN_UP.email, password: SIGN_UP.password });
    expect((await again.ok('listLogs', { trackerId: tracker.id, order: 'oldest' })).logs).toEqual([first, second]);
    await reopened.close();
  });
});
