import { describe, expect, it, vi } from 'vitest';
import { nodeFs, type FsPort } from '../../../src-main/core/store/fs-port';
import { warmingAfterLogIn } from '../../../src-main/core/warm-up';
import { Client, SIGN_UP, startCore } from './helpers';

/** The real file system, recording the name of every file read. */
function recordingFs(): { fs: FsPort; reads: string[] } {
  const reads: string[] = [];
  const name = (path: string) => path.split(/[\\/]/).at(-1) ?? path;
  return {
    reads,
    fs: {
      ...nodeFs,
      readFile: (path, encoding) => {
        reads.push(name(path));
        return nodeFs.readFile(path, encoding);
      },
      readBytes: (path) => {
        reads.push(name(path));
        return nodeFs.readBytes(path);
      },
    },
  };
}

const NOW = new Date('2026-03-15T12:00:00.000Z');

async function profileWithALog() {
  const core = await startCore({ now: () => NOW });
  const client = new Client(core);
  const { profile } = await client.ok('signUp', SIGN_UP);
  const { tracker } = await client.ok('createTracker', { name: 'Weight', settings: { type: 'numerical', unit: 'kg' } });
  await client.ok('addLog', { trackerId: tracker.id, value: 71.5, note: '', at: '2026-03-15T08:00:00.000Z' });
  const cards = (await client.ok('dashboard', {})).cards;
  await core.close();
  return { dataDir: core.dataDir, profile, tracker, cards };
}

describe('warming a profile up after log-in', () => {
  it('calls warm with the profile that opened, and not after a refused log-in', async () => {
    const { dataDir, profile } = await profileWithALog();
    const core = await startCore({ dataDir, now: () => NOW });
    const warmed: string[] = [];
    const client = new Client({ ...core, handlers: warmingAfterLogIn(core.handlers, (profileId) => warmed.push(profileId)) });

    const refused = await client.call('logIn', { email: SIGN_UP.email, password: 'wrong password' });
    expect(refused.ok).toBe(false);
    expect(warmed).toEqual([]);

    await client.ok('logIn', { email: SIGN_UP.email, password: SIGN_UP.password });
    expect(warmed).toEqual([profile.id]);
  });

  it('reads the dashboard’s files before the page asks, and the page then gets the same cards', async () => {
    const { dataDir, profile, tracker, cards } = await profileWithALog();
    const { fs, reads } = recordingFs();
    const core = await startCore({ dataDir, fs, now: () => NOW });
    const client = new Client(core);
    await client.ok('logIn', { email: SIGN_UP.email, password: SIGN_UP.password });
    const beforeWarmUp = reads.length;

    core.warmUp(profile.id);
    await vi.waitFor(() =>
      expect(reads.slice(beforeWarmUp)).toEqual(expect.arrayContaining(['trackers.json', 'summaries.json', 'timers.json', '2026-03.json'])),
    );
    const { cards: after } = await client.ok('dashboard', {});

    // Kept in memory: the page's own request reads the shard no second time.
    expect(reads.filter((file) => file === '2026-03.json')).toHaveLength(1);
    expect(after).toEqual(cards);
    expect(after[0]?.trackerId).toBe(tracker.id);
  });

  it('does nothing visible for a profile that is not open, and close still waits for it', async () => {
    const { dataDir, profile } = await profileWithALog();
    const core = await startCore({ dataDir, now: () => NOW });

    core.warmUp(profile.id);
    core.warmUp('no-such-profile');
    await core.close();

    const reopened = new Client(await startCore({ dataDir, now: () => NOW }));
    const { cards } = await reopened.ok('logIn', { email: SIGN_UP.email, password: SIGN_UP.password }).then(() => reopened.ok('dashboard', {}));
    expect(cards).toHaveLength(1);
  });
});
