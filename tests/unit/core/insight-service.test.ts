import { writeFile } from 'node:fs/promises';
import { describe, it, expect } from 'vitest';
import { encodeLogShard } from '../../../src-main/core/store/formats';
import { nodeFs, type FsPort } from '../../../src-main/core/store/fs-port';
import { dataLayout } from '../../../src-main/core/store/layout';
import { KEPT_RUNS } from '../../../src-main/core/insights/summary';
import type { Core } from '../../../src-main/core/index';
import { Client, SIGN_UP, startCore } from './helpers';

// 25 November 2026, 22:30 UTC: already the 25th's evening in Paris (23:30), still the 25th.
const NOW = new Date('2026-11-25T22:30:00.000Z');

function recordingFs(): { fs: FsPort; reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    fs: {
      ...nodeFs,
      readFile: (path, encoding) => (reads.push(path), nodeFs.readFile(path, encoding)),
      readBytes: (path) => (reads.push(path), nodeFs.readBytes(path)),
    },
  };
}

async function signedIn(options: Parameters<typeof startCore>[0] = {}) {
  const core = await startCore({ now: () => NOW, ...options });
  const client = new Client(core);
  const { profile } = await client.ok('signUp', { ...SIGN_UP, timeZone: 'Europe/Paris' });
  return { core, client, profile, layout: dataLayout(core.dataDir) };
}

/** One log a day at 22:30 UTC (23:30 in Paris in winter), for `days` days up to today. */
async function dailyLogs(client: Client, trackerId: string, days: number, value: number | boolean | string) {
  for (let i = days - 1; i >= 0; i -= 1) {
    await client.ok('addLog', { trackerId, value, at: new Date(NOW.getTime() - i * 86_400_000).toISOString() });
  }
}

describe('dashboard', () => {
  it("shows every tracker's card: today, last log, streak and target, in the profile's zone", async () => {
    const { client } = await signedIn();
    const walk = (await client.ok('createTracker', { name: 'Walk', settings: { type: 'duration' }, target: { period: 'day', comparison: 'at_least', value: 1800 } })).tracker;
    const yoga = (await client.ok('createTracker', { name: 'Yoga', settings: { type: 'boolean' }, target: { period: 'week', comparison: 'at_least', value: 3 } })).tracker;
    const empty = (await client.ok('createTracker', { name: 'Mood', settings: { type: 'multiple_choice', options: ['Good', 'Bad'] } })).tracker;
    await dailyLogs(client, walk.id, 40, '45m');
    await dailyLogs(client, yoga.id, 2, 'yes');

    const { cards } = await client.ok('dashboard', {});
    expect(cards.map((card) => card.trackerId)).toEqual([walk.id, yoga.id, empty.id]);
    // 40 logs at 22:30 UTC, but 39 days: before the clocks went back on 25 October, 22:30 UTC
    // was 00:30 the next day in Paris, so 24 and 25 October UTC both fall on the 25th there.
    expect(cards[0]).toMatchObject({ today: { count: 1, value: 2700 }, currentStreak: 39, target: { period: 'day', current: 2700, goal: 1800, met: true } });
    expect(cards[0]?.lastLog?.at).toBe(NOW.toISOString());
    // Monday 23 to Wednesday 25 November: two yes-days so far this week.
    expect(cards[1]).toMatchObject({ today: { count: 1, value: true }, currentStreak: 2, target: { period: 'week', current: 2, goal: 3, met: false } });
    expect(cards[2]).toEqual({ trackerId: empty.id, today: { count: 0, value: null, lastLog: null }, lastLog: null, currentStreak: 0, target: null });
  });

  it('keeps the streak right through edits and deletes (the summary follows every write)', async () => {
    const { client } = await signedIn();
    const { tracker } = await client.ok('createTracker', { name: 'Yoga', settings: { type: 'boolean' } });
    await dailyLogs(client, tracker.id, 5, true);
    const { logs } = await client.ok('listLogs', { trackerId: tracker.id });
    const streak = async () => (await client.ok('dashboard', {})).cards[0]?.currentStreak;
    expect(await streak()).toBe(5);
    await client.ok('updateLog', { trackerId: tracker.id, logId: logs[2]?.id ?? '', value: false });
    expect(await streak()).toBe(2);
    await client.ok('updateLog', { trackerId: tracker.id, logId: logs[2]?.id ?? '', value: true });
    expect(await streak()).toBe(5);
    const { log } = await client.ok('deleteLog', { trackerId: tracker.id, logId: logs[0]?.id ?? '' });
    expect(await streak()).toBe(4); // today is open: the streak up to yesterday
    await client.ok('restoreLog', { log });
    expect(await streak()).toBe(5);
    await client.ok('updateTracker', { trackerId: tracker.id, target: { period: 'day', comparison: 'at_least', value: 1 } });
    expect(await streak()).toBe(5);
  });

  it('counts days in the time zone of the settings, and follows a change of zone', async () => {
    const { client } = await signedIn();
    const { tracker } = await client.ok('createTracker', { name: 'Read', settings: { type: 'duration' } });
    // 23:30 in Paris on the 24th and the 25th; in Tokyo both are the next morning.
    await dailyLogs(client, tracker.id, 2, 600);
    expect((await client.ok('dashboard', {})).cards[0]).toMatchObject({ today: { count: 1 }, currentStreak: 2 });
    await client.ok('updateSettings', { timeZone: 'Asia/Tokyo' });
    // In Tokyo it is now the 26th, 07:30: the logs fell on the 25th and the 26th.
    expect((await client.ok('dashboard', {})).cards[0]).toMatchObject({ today: { count: 1 }, currentStreak: 2 });
    await client.ok('updateSettings', { timeZone: 'America/New_York' });
    // In New York it is the 25th, 17:30: the logs fell on the 24th and the 25th.
    expect((await client.ok('dashboard', {})).cards[0]).toMatchObject({ today: { count: 1, value: 600 }, currentStreak: 2 });
  });

  it('reads only the summaries and the current shards, not the history', async () => {
    const { core, client, profile, layout } = await signedIn();
    const { tracker } = await client.ok('createTracker', { name: 'Weight', settings: { type: 'numerical' } });
    for (const month of ['2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']) await client.ok('addLog', { trackerId: tracker.id, value: 70, at: `${month}-10T08:00:00Z` });
    await core.close();

    const { fs, reads } = recordingFs();
    const again = new Client(await startCore({ dataDir: core.dataDir, now: () => NOW, fs }));
    await again.ok('logIn', { email: SIGN_UP.email, password: SIGN_UP.password });
    reads.length = 0;
    const { cards } = await again.ok('dashboard', {});
    expect(cards[0]?.lastLog?.at).toBe('2026-11-10T08:00:00.000Z');
    const shardReads = reads.filter((path) => path.includes(`${tracker.id}`));
    expect(shardReads).toEqual([layout.logShardFile(profile.id, tracker.id, '2026-11')]);
    expect(reads).toContain(`${layout.profileDir(profile.id)}/summaries.json`);
  });

  it('rebuilds a summary that missed a write (a shard changed behind its back)', async () => {
    const { core, client, profile, layout } = await signedIn({ encryptAtRest: false });
    const { tracker } = await client.ok('createTracker', { name: 'Yoga', settings: { type: 'boolean' } });
    const { log } = await client.ok('addLog', { trackerId: tracker.id, value: true, at: '2026-11-24T08:00:00Z' });
    await core.close();
    // As if a crash had struck between the shard write and the summary write.
    const today = { ...log, id: 'later', at: '2026-11-25T08:00:00.000Z' };
    await writeFile(layout.logShardFile(profile.id, tracker.id, '2026-11'), encodeLogShard([log, today]));

    const again = new Client(await startCore({ dataDir: core.dataDir, now: () => NOW, encryptAtRest: false }));
    await again.ok('logIn', { email: SIGN_UP.email, password: SIGN_UP.password });
    expect((await again.ok('dashboard', {})).cards[0]).toMatchObject({ currentStreak: 2, lastLog: today, today: { count: 1 } });
  });

  it('rebuilds a missing summaries file from the shards, keeping every tracker rebuilt at once', async () => {
    const { core, client, profile, layout } = await signedIn({ encryptAtRest: false });
    const ids: string[] = [];
    for (const [index, name] of ['Yoga', 'Run', 'Swim'].entries()) {
      const { tracker } = await client.ok('createTracker', { name, settings: { type: 'boolean' } });
      await dailyLogs(client, tracker.id, index + 1, true);
      ids.push(tracker.id);
    }
    await core.close();
    const summariesFile = `${layout.profileDir(profile.id)}/summaries.json`;
    await nodeFs.unlink(summariesFile);
    const again = new Client(await startCore({ dataDir: core.dataDir, now: () => NOW, encryptAtRest: false }));
    await again.ok('logIn', { email: SIGN_UP.email, password: SIGN_UP.password });
    expect((await again.ok('dashboard', {})).cards.map((card) => card.currentStreak)).toEqual([1, 2, 3]);
    await again.ok('logOut', {});
    const saved = JSON.parse(await nodeFs.readFile(summariesFile, 'utf8')) as { trackers: Record<string, unknown> };
    expect(Object.keys(saved.trackers).sort()).toEqual([...ids].sort());
  });
});

describe('summaries stay small however long the history', () => {
  /** Every other day for `days` days back from today (one run per logged day), then today. */
  async function sparseLogs(client: Client, trackerId: string, days: number) {
    for (let i = days; i >= 2; i -= 2) await client.ok('addLog', { trackerId, value: true, at: new Date(NOW.getTime() - i * 86_400_000).toISOString() });
    await client.ok('addLog', { trackerId, value: true, at: NOW.toISOString() });
  }

  /** The tracker's summary in summaries.json, once a checkpoint has written it. */
  async function savedSummary(core: Core, layout: ReturnType<typeof dataLayout>, profileId: string, trackerId: string) {
    await core.checkpoint();
    const file = JSON.parse(await nodeFs.readFile(`${layout.profileDir(profileId)}/summaries.json`, 'utf8')) as {
      trackers: Record<string, { runs: [string, string][]; since?: string | null }>;
    };
    const summary = file.trackers[trackerId];
    if (!summary) throw new Error('no summary');
    return summary;
  }

  it(`keeps only the newest ${KEPT_RUNS} runs, and an entry before them rebuilds the summary from the shards`, async () => {
    const { core, client, profile, layout } = await signedIn({ encryptAtRest: false });
    const { tracker } = await client.ok('createTracker', { name: 'Yoga', settings: { type: 'boolean' } });
    await sparseLogs(client, tracker.id, 2 * (KEPT_RUNS + 8));
    const trimmed = await savedSummary(core, layout, profile.id, tracker.id);
    expect(trimmed.runs).toHaveLength(KEPT_RUNS);
    expect(trimmed.since).toBe(trimmed.runs[0]?.[0]);
    expect((await client.ok('dashboard', {})).cards[0]?.currentStreak).toBe(1);

    // Yesterday joins today's run with the one two days ago: still within the kept runs.
    await client.ok('addLog', { trackerId: tracker.id, value: true, at: new Date(NOW.getTime() - 86_400_000).toISOString() });
    expect((await client.ok('dashboard', {})).cards[0]?.currentStreak).toBe(3);

    // An entry the day before the kept runs joins the oldest kept run with a dropped one:
    // only a rebuild from the shards can know that, and its result equals a fresh build.
    const since = trimmed.since ?? '';
    const dayBefore = new Date(Date.parse(`${since}T12:00:00.000Z`) - 86_400_000).toISOString();
    await client.ok('addLog', { trackerId: tracker.id, value: true, at: dayBefore });
    const afterOldEntry = await savedSummary(core, layout, profile.id, tracker.id);
    await core.close();
    await nodeFs.unlink(`${layout.profileDir(profile.id)}/summaries.json`);
    const againCore = await startCore({ dataDir: core.dataDir, now: () => NOW, encryptAtRest: false });
    const again = new Client(againCore);
    await again.ok('logIn', { email: SIGN_UP.email, password: SIGN_UP.password });
    expect((await again.ok('dashboard', {})).cards[0]?.currentStreak).toBe(3);
    expect(await savedSummary(againCore, layout, profile.id, tracker.id)).toEqual(afterOldEntry);
    expect(afterOldEntry.runs).toHaveLength(KEPT_RUNS);
  });
});

describe('statistics and charts', () => {
  it('answers stats and the chart series of a range', async () => {
    const { client } = await signedIn();
    const { tracker } = await client.ok('createTracker', { name: 'Walk', settings: { type: 'duration' }, target: { period: 'day', comparison: 'at_least', value: 1800 } });
    await dailyLogs(client, tracker.id, 10, '30m');
    const { stats } = await client.ok('trackerStats', { trackerId: tracker.id, range: { preset: '30d' } });
    expect(stats).toMatchObject({ range: { from: '2026-10-27', to: '2026-11-25' }, count: 10, total: 18000, average: 1800, currentStreak: 10, bestStreak: 10 });
    expect(stats.completion).toBeCloseTo(10 / 30);
    const { series } = await client.ok('chartSeries', { trackerId: tracker.id, range: { preset: '7d' } });
    expect(series).toMatchObject({ kind: 'duration', granularity: 'day', averageSeconds: 1800 });
    expect(series.kind === 'duration' && series.bars.map((bar) => bar.seconds)).toEqual([1800, 1800, 1800, 1800, 1800, 1800, 1800]);
    const all = await client.ok('chartSeries', { trackerId: tracker.id, range: { preset: 'all' }, granularity: 'week' });
    expect(all.series).toMatchObject({ kind: 'duration', granularity: 'week' });
    expect((await client.ok('trackerStats', { trackerId: tracker.id, range: { preset: 'all' } })).stats.range).toEqual({ from: '2026-11-16', to: '2026-11-25' });
  });

  it('refuses a bad range and an unknown tracker', async () => {
    const { client } = await signedIn();
    const { tracker } = await client.ok('createTracker', { name: 'Walk', settings: { type: 'duration' } });
    expect(await client.call('chartSeries', { trackerId: tracker.id, range: { from: '2026-11-10', to: '2026-11-01' } })).toMatchObject({ ok: false, error: { code: 'RANGE_INVALID' } });
    expect(await client.call('trackerStats', { trackerId: tracker.id, range: { from: '2026-02-30', to: '2026-03-01' } })).toMatchObject({ ok: false, error: { code: 'RANGE_INVALID' } });
    expect(await client.call('trackerStats', { trackerId: 'nope', range: { preset: '7d' } })).toMatchObject({ ok: false, error: { code: 'TRACKER_NOT_FOUND' } });
  });
});
