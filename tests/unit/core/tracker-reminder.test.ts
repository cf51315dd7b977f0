/**
 * A tracker's reminder (whether the daily nudge names it, on which weekdays, at what time):
 * the default at creation, replaced whole by an edit, kept in trackers.json, refused when
 * malformed, and read as the default from files written before it existed.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { openProfileCodec } from '../../../src-main/core/index';
import { DEFAULT_REMINDER, type TrackerReminder } from '../../../src-preload/contract';
import { closedProfileWithWeight, filesOf, reopened, SIGN_UP, signedIn } from './helpers';



const WEEKDAYS_AT_NINE: TrackerReminder = { enabled: true, days: [1, 2, 3, 4, 5], time: '21:00' };

describe('a tracker’s reminder', () => {
  it('is on, every day, at the profile’s nudge time unless the new tracker says otherwise', async () => {
    const { client } = await signedIn();
    expect((await client.ok('createTracker', { name: 'Sleep', settings: { type: 'duration' } })).tracker.reminder).toEqual(DEFAULT_REMINDER);
    const { tracker } = await client.ok('createTracker', { name: 'Water', reminder: WEEKDAYS_AT_NINE, settings: { type: 'numerical' } });
    expect(tracker.reminder).toEqual(WEEKDAYS_AT_NINE);
  });

  it('is stored with each weekday once, Monday first', async () => {
    const { client } = await signedIn();
    const { tracker } = await client.ok('createTracker', { name: 'Sleep', reminder: { enabled: true, days: [7, 1, 3, 1], time: null }, settings: { type: 'duration' } });
    expect(tracker.reminder.days).toEqual([1, 3, 7]);
  });

  it('is replaced whole by an edit, kept through edits that do not name it, and stored', async () => {
    const { core, client } = await signedIn();
    const { tracker } = await client.ok('createTracker', { name: 'Sleep', settings: { type: 'duration' } });
    const { tracker: edited } = await client.ok('updateTracker', { trackerId: tracker.id, reminder: WEEKDAYS_AT_NINE });
    expect(edited).toEqual({ ...tracker, reminder: WEEKDAYS_AT_NINE });
    expect((await client.ok('updateTracker', { trackerId: tracker.id, name: 'Slept' })).tracker.reminder).toEqual(WEEKDAYS_AT_NINE);
    await core.close();

    const again = await reopened(core.dataDir);
    expect((await again.ok('listTrackers', {})).trackers.map((t) => [t.name, t.reminder])).toEqual([['Slept', WEEKDAYS_AT_NINE]]);
    const off = { enabled: false, days: [6, 7], time: null };
    expect((await again.ok('updateTracker', { trackerId: tracker.id, reminder: off })).tracker.reminder).toEqual(off);
  });

  it.each([
    ['no weekday', { enabled: true, days: [], time: null }, 'reminder.days'],
    ['a weekday 8', { enabled: true, days: [1, 8], time: null }, 'reminder.days.1'],
    ['a time of 24:00', { enabled: true, days: [1], time: '24:00' }, 'reminder.time'],
    ['a time without minutes', { enabled: true, days: [1], time: '9' }, 'reminder.time'],
    ['no on/off', { days: [1], time: null }, 'reminder.enabled'],
  ])('refuses %s, naming the field, and writes nothing', async (_name, reminder, field) => {
    const { core, client } = await signedIn();
    const { tracker } = await client.ok('createTracker', { name: 'Sleep', settings: { type: 'duration' } });
    const before = await filesOf(core.dataDir);
    const refused = await client.call('updateTracker', { trackerId: tracker.id, reminder: reminder as TrackerReminder });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field } });
    expect(await client.call('createTracker', { name: 'Water', reminder: reminder as TrackerReminder, settings: { type: 'numerical' } })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field } });
    expect(await filesOf(core.dataDir)).toEqual(before);
  });
});

describe('a trackers file written before reminders', () => {
  it('reads with the default reminder, and is written in the new version with the reminder at the next change', async () => {
    const { dataDir, profile, tracker, layout } = await closedProfileWithWeight();
    const codec = await openProfileCodec(dataDir, profile.id, SIGN_UP.password);
    const file = layout.trackersFile(profile.id);
    // The file as the app wrote it before issue 12: version 3, no `reminder`.
    const stored = JSON.parse(codec.decode(file, await readFile(file))) as { version: number; trackers: Record<string, unknown>[] };
    const { reminder: _reminder, ...withoutReminder } = stored.trackers[0] ?? {};
    await writeFile(file, codec.encode(file, JSON.stringify({ version: 3, trackers: [withoutReminder] })));

    const client = await reopened(dataDir);
    expect((await client.ok('listTrackers', {})).trackers).toEqual([{ ...tracker, reminder: DEFAULT_REMINDER }]);

    await client.ok('updateTracker', { trackerId: tracker.id, reminder: WEEKDAYS_AT_NINE });
    // The change is in the journal; logging out checkpoints it into trackers.json.
    await client.ok('logOut', {});
    const rewritten = JSON.parse(codec.decode(file, await readFile(file))) as typeof stored;
    expect(rewritten.version).toBe(4);
    expect(rewritten.trackers[0]).toMatchObject({ id: tracker.id, reminder: WEEKDAYS_AT_NINE });
  });
});
