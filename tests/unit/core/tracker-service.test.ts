import { readdir, stat } from 'node:fs/promises';
import { describe, it, expect } from 'vitest';
import { dataLayout } from '../../../src-main/core/store/layout';
import type { Input } from '../../../src-preload/contract';
import { Client, SIGN_UP, startCore } from './helpers';

const NOW = new Date('2026-11-25T12:00:00.000Z');

async function signedIn(options: Parameters<typeof startCore>[0] = {}) {
  const core = await startCore({ now: () => NOW, ...options });
  const client = new Client(core);
  const { profile } = await client.ok('signUp', SIGN_UP);
  return { core, client, profile, layout: dataLayout(core.dataDir) };
}

describe('creating trackers', () => {
  it('keeps looks, target and settings as given', async () => {
    const { client } = await signedIn();
    const { tracker } = await client.ok('createTracker', {
      name: 'Sleep',
      description: 'hours a night',
      color: '#59A14F',
      emoji: '😴',
      target: { period: 'day', comparison: 'at_least', value: 8 },
      settings: { type: 'numerical', unit: 'h', min: 0, max: 24, decimals: 1, aggregation: 'sum' },
    });
    expect(tracker).toMatchObject({
      color: '#59a14f',
      emoji: '😴',
      archived: false,
      target: { period: 'day', comparison: 'at_least', value: 8 },
      settings: { type: 'numerical', unit: 'h', min: 0, max: 24, decimals: 1, aggregation: 'sum' },
    });
  });

  it.each<[string, Partial<Input<'createTracker'>>, string, string]>([
    ['a bad colour', { color: 'green' }, 'TRACKER_COLOR_INVALID', 'color'],
    ['two emoji', { emoji: '😴😴' }, 'TRACKER_EMOJI_INVALID', 'emoji'],
    ['min above max', { settings: { type: 'numerical', min: 5, max: 1 } }, 'TRACKER_SETTINGS_INVALID', 'settings.max'],
    ['decimals out of range', { settings: { type: 'numerical', decimals: 7 } }, 'TRACKER_SETTINGS_INVALID', 'settings.decimals'],
    ['a target that cannot be met', { settings: { type: 'boolean' }, target: { period: 'week', comparison: 'at_least', value: 9 } }, 'TARGET_INVALID', 'target.value'],
  ])('refuses %s and writes nothing', async (_name, change, code, field) => {
    const { client } = await signedIn();
    expect(await client.call('createTracker', { name: 'Sleep', settings: { type: 'numerical' }, ...change })).toMatchObject({ ok: false, error: { code, field } });
    expect((await client.ok('listTrackers', {})).trackers).toEqual([]);
  });
});

describe('editing trackers', () => {
  it('changes name, description, looks, target and the archived flag', async () => {
    const { client } = await signedIn();
    const { tracker } = await client.ok('createTracker', { name: 'Read', settings: { type: 'duration' } });
    const { tracker: edited } = await client.ok('updateTracker', {
      trackerId: tracker.id,
      name: ' Reading ',
      description: 'books',
      color: '#e15759',
      emoji: '📚',
      target: { period: 'week', comparison: 'at_least', value: 3 * 3600 },
      archived: true,
    });
    expect(edited).toEqual({ ...tracker, name: 'Reading', description: 'books', color: '#e15759', emoji: '📚', target: { period: 'week', comparison: 'at_least', value: 10800 }, archived: true });
    expect((await client.ok('listTrackers', {})).trackers).toEqual([edited]);
  });

  it('refuses a name another tracker has, in any case, but lets a tracker keep its own', async () => {
    const { client } = await signedIn();
    const { tracker } = await client.ok('createTracker', { name: 'Read', settings: { type: 'duration' } });
    await client.ok('createTracker', { name: 'Walk', settings: { type: 'duration' } });
    expect(await client.call('updateTracker', { trackerId: tracker.id, name: 'WALK' })).toMatchObject({ ok: false, error: { code: 'TRACKER_NAME_TAKEN', field: 'name' } });
    expect(await client.ok('updateTracker', { trackerId: tracker.id, name: 'READ' })).toMatchObject({ tracker: { name: 'READ' } });
  });

  it('changes the type of a tracker without logs, refuses it once there are logs and says why', async () => {
    const { client } = await signedIn();
    const { tracker } = await client.ok('createTracker', { name: 'Mood', settings: { type: 'boolean' } });
    const { tracker: choice } = await client.ok('updateTracker', { trackerId: tracker.id, settings: { type: 'multiple_choice', options: [{ label: 'Good' }, { label: 'Bad' }], multiple: false } });
    expect(choice.settings).toMatchObject({ type: 'multiple_choice', options: [{ label: 'Good', archived: false }, { label: 'Bad', archived: false }], multiple: false });
    await client.ok('addLog', { trackerId: tracker.id, value: 'Good' });

    const refused = await client.call('updateTracker', { trackerId: tracker.id, settings: { type: 'numerical' } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'TRACKER_TYPE_LOCKED', field: 'settings.type', message: expect.stringContaining('already has entries') } });
    expect((await client.ok('listTrackers', {})).trackers[0]?.settings.type).toBe('multiple_choice');
  });

  it('renames, reorders and archives options without breaking old logs', async () => {
    const { client } = await signedIn();
    const { tracker } = await client.ok('createTracker', { name: 'Mood', settings: { type: 'multiple_choice', options: ['Good', 'Bad', 'Meh'], multiple: false } });
    if (tracker.settings.type !== 'multiple_choice') throw new Error('expected a choice tracker');
    const [good, bad, meh] = tracker.settings.options.map((option) => option.id);
    const { log } = await client.ok('addLog', { trackerId: tracker.id, value: [meh ?? ''], at: '2026-11-20T08:00:00Z' });

    const { tracker: edited } = await client.ok('updateTracker', {
      trackerId: tracker.id,
      settings: {
        type: 'multiple_choice',
        multiple: false,
        options: [
          { id: bad, label: 'Awful' },
          { id: good, label: 'Great' },
          { id: meh, label: 'Meh', archived: true },
        ],
      },
    });
    expect(edited.settings).toMatchObject({ options: [{ id: bad, label: 'Awful' }, { id: good, label: 'Great' }, { id: meh, archived: true }] });
    expect((await client.ok('listLogs', { trackerId: tracker.id })).logs).toEqual([log]);
    const { stats } = await client.ok('trackerStats', { trackerId: tracker.id, range: { preset: '30d' } });
    expect(stats.optionCounts).toEqual([{ optionId: bad, count: 0 }, { optionId: good, count: 0 }, { optionId: meh, count: 1 }]);
    expect(await client.call('addLog', { trackerId: tracker.id, value: [meh ?? ''] })).toMatchObject({ ok: false, error: { code: 'CHOICE_OPTION_ARCHIVED' } });
    expect(await client.call('addLog', { trackerId: tracker.id, value: 'awful' })).toMatchObject({ ok: true });
  });

  it('keeps a multi-select tracker multi once an entry holds several options', async () => {
    const { client } = await signedIn();
    const { tracker } = await client.ok('createTracker', { name: 'Food', settings: { type: 'multiple_choice', options: ['Fruit', 'Veg'], multiple: true } });
    const options = tracker.settings.type === 'multiple_choice' ? tracker.settings.options : [];
    await client.ok('addLog', { trackerId: tracker.id, value: options.map((option) => option.id) });
    const result = await client.call('updateTracker', { trackerId: tracker.id, settings: { type: 'multiple_choice', multiple: false, options } });
    expect(result).toMatchObject({ ok: false, error: { code: 'CHOICE_MULTIPLE_LOCKED' } });
  });

  it('checks a kept target against new settings', async () => {
    const { client } = await signedIn();
    const { tracker } = await client.ok('createTracker', { name: 'Read', settings: { type: 'numerical' }, target: { period: 'day', comparison: 'at_least', value: 1.5 } });
    expect(await client.call('updateTracker', { trackerId: tracker.id, settings: { type: 'duration' } })).toMatchObject({ ok: false, error: { code: 'TARGET_INVALID' } });
  });
});

describe('order', () => {
  it('sets the order of the trackers', async () => {
    const { client } = await signedIn();
    const ids = [];
    for (const name of ['A', 'B', 'C']) ids.push((await client.ok('createTracker', { name, settings: { type: 'boolean' } })).tracker.id);
    const [a, b, c] = ids as [string, string, string];
    await client.ok('reorderTrackers', { trackerIds: [c, a, b] });
    expect((await client.ok('listTrackers', {})).trackers.map((tracker) => tracker.name)).toEqual(['C', 'A', 'B']);
  });

  it.each([
    ['a missing tracker', (ids: string[]) => ids.slice(1)],
    ['a tracker twice', (ids: string[]) => [ids[0] ?? '', ...ids.slice(0, 2)]],
    ['an unknown id', (ids: string[]) => [...ids.slice(1), 'nope']],
  ])('refuses an order with %s', async (_name, order) => {
    const { client } = await signedIn();
    const ids = [];
    for (const name of ['A', 'B', 'C']) ids.push((await client.ok('createTracker', { name, settings: { type: 'boolean' } })).tracker.id);
    expect(await client.call('reorderTrackers', { trackerIds: order(ids) })).toMatchObject({ ok: false, error: { code: 'TRACKER_ORDER_INVALID' } });
    expect((await client.ok('listTrackers', {})).trackers.map((tracker) => tracker.name)).toEqual(['A', 'B', 'C']);
  });
});

describe('trash', () => {
  it('moves a tracker and its logs to the trash and brings them back', async () => {
    const { client } = await signedIn();
    const { tracker } = await client.ok('createTracker', { name: 'Walk', settings: { type: 'duration' } });
    const { log } = await client.ok('addLog', { trackerId: tracker.id, value: '30m' });
    await client.ok('deleteTracker', { trackerId: tracker.id });

    expect((await client.ok('listTrackers', {})).trackers).toEqual([]);
    expect(await client.ok('listDeletedTrackers', {})).toEqual({ trackers: [{ ...tracker, deletedAt: NOW.toISOString() }] });
    expect(await client.call('addLog', { trackerId: tracker.id, value: 60 })).toMatchObject({ ok: false, error: { code: 'TRACKER_NOT_FOUND' } });
    expect(await client.call('updateTracker', { trackerId: tracker.id, name: 'X' })).toMatchObject({ ok: false, error: { code: 'TRACKER_NOT_FOUND' } });
    // A trashed tracker's name is free again.
    await client.ok('createTracker', { name: 'walk', settings: { type: 'boolean' } });

    const { tracker: restored } = await client.ok('restoreTracker', { trackerId: tracker.id });
    expect(restored).toEqual({ ...tracker, name: 'Walk (restored)' });
    expect((await client.ok('listLogs', { trackerId: tracker.id })).logs).toEqual([log]);
    expect(await client.ok('listDeletedTrackers', {})).toEqual({ trackers: [] });
  });

  it('lists the newest deletion first; restores and purges only what is in the trash', async () => {
    let now = NOW;
    const { client } = await signedIn({ now: () => now });
    const first = (await client.ok('createTracker', { name: 'A', settings: { type: 'boolean' } })).tracker;
    const second = (await client.ok('createTracker', { name: 'B', settings: { type: 'boolean' } })).tracker;
    expect(await client.call('restoreTracker', { trackerId: first.id })).toMatchObject({ ok: false, error: { code: 'TRACKER_NOT_FOUND' } });
    expect(await client.call('purgeTracker', { trackerId: first.id })).toMatchObject({ ok: false, error: { code: 'TRACKER_NOT_FOUND' } });
    await client.ok('deleteTracker', { trackerId: first.id });
    now = new Date(NOW.getTime() + 60_000);
    await client.ok('deleteTracker', { trackerId: second.id });
    expect((await client.ok('listDeletedTrackers', {})).trackers.map((tracker) => tracker.name)).toEqual(['B', 'A']);
  });

  it('purges a trashed tracker with its logs for good', async () => {
    const { core, client, profile, layout } = await signedIn();
    const { tracker } = await client.ok('createTracker', { name: 'Walk', settings: { type: 'duration' } });
    await client.ok('addLog', { trackerId: tracker.id, value: 60 });
    await client.ok('startTimer', { trackerId: tracker.id });
    await client.ok('deleteTracker', { trackerId: tracker.id });
    await core.checkpoint();
    expect(await readdir(layout.trackerLogsDir(profile.id, tracker.id))).not.toHaveLength(0);
    await client.ok('purgeTracker', { trackerId: tracker.id });
    // The purge is a journal record; the checkpoint removes the logs folder.
    await core.checkpoint();
    await expect(stat(layout.trackerLogsDir(profile.id, tracker.id))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await client.ok('listDeletedTrackers', {})).toEqual({ trackers: [] });
    expect(await client.call('restoreTracker', { trackerId: tracker.id })).toMatchObject({ ok: false, error: { code: 'TRACKER_NOT_FOUND' } });
    expect(await client.ok('listTimers', {})).toEqual({ timers: [] });
  });

  it('keeps the trash across a restart', async () => {
    const { core, client } = await signedIn();
    const { tracker } = await client.ok('createTracker', { name: 'Walk', settings: { type: 'duration' } });
    await client.ok('deleteTracker', { trackerId: tracker.id });
    await core.close();
    const again = new Client(await startCore({ dataDir: core.dataDir, now: () => NOW }));
    await again.ok('logIn', { email: SIGN_UP.email, password: SIGN_UP.password });
    expect((await again.ok('listDeletedTrackers', {})).trackers.map((t) => t.id)).toEqual([tracker.id]);
  });
});
