/**
 * The pinned flag of a tracker (first in the tray menu and the quick-log picker): set at
 * creation or by an edit, kept in trackers.json, and read as unpinned from files written
 * before it existed.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { openProfileCodec } from '../../../src-main/core/index';
import { trackersFormat } from '../../../src-main/core/store/formats';
import { closedProfileWithWeight, filesOf, reopened, SIGN_UP, signedIn } from './helpers';



describe('pinning a tracker', () => {
  it('creates trackers unpinned unless asked', async () => {
    const { client } = await signedIn();
    expect((await client.ok('createTracker', { name: 'Sleep', settings: { type: 'duration' } })).tracker.pinned).toBe(false);
    expect((await client.ok('createTracker', { name: 'Water', pinned: true, settings: { type: 'numerical' } })).tracker.pinned).toBe(true);
  });

  it('pins and unpins by an edit, keeps it through edits that do not name it, and stores it', async () => {
    const { core, client } = await signedIn();
    const { tracker } = await client.ok('createTracker', { name: 'Sleep', settings: { type: 'duration' } });
    const { tracker: pinned } = await client.ok('updateTracker', { trackerId: tracker.id, pinned: true });
    expect(pinned).toEqual({ ...tracker, pinned: true });
    expect((await client.ok('updateTracker', { trackerId: tracker.id, name: 'Slept' })).tracker.pinned).toBe(true);
    await core.close();

    const again = await reopened(core.dataDir);
    expect((await again.ok('listTrackers', {})).trackers.map((t) => [t.name, t.pinned])).toEqual([['Slept', true]]);
    expect((await again.ok('updateTracker', { trackerId: tracker.id, pinned: false })).tracker.pinned).toBe(false);
  });

  it('leaves the order of the trackers alone: pinned ones come first only where a surface says so', async () => {
    const { client } = await signedIn();
    await client.ok('createTracker', { name: 'A', settings: { type: 'boolean' } });
    const { tracker: b } = await client.ok('createTracker', { name: 'B', settings: { type: 'boolean' } });
    await client.ok('updateTracker', { trackerId: b.id, pinned: true });
    expect((await client.ok('listTrackers', {})).trackers.map((t) => t.name)).toEqual(['A', 'B']);
  });

  it('refuses a pinned flag that is not true or false, and writes nothing', async () => {
    const { core, client } = await signedIn();
    const { tracker } = await client.ok('createTracker', { name: 'Sleep', settings: { type: 'duration' } });
    const before = await filesOf(core.dataDir);
    const refused = await client.call('updateTracker', { trackerId: tracker.id, pinned: 'yes' as unknown as boolean });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'pinned' } });
    expect(await filesOf(core.dataDir)).toEqual(before);
  });
});

describe('a trackers file written before the pinned flag', () => {
  it('reads as unpinned, and is written in the new version with the flag at the next change', async () => {
    const { dataDir, profile, tracker, layout } = await closedProfileWithWeight();
    const codec = await openProfileCodec(dataDir, profile.id, SIGN_UP.password);
    const file = layout.trackersFile(profile.id);
    // The file as the app wrote it before issue 11: version 2, no `pinned` (nor issue 12's `reminder`).
    const stored = JSON.parse(codec.decode(file, await readFile(file))) as { version: number; trackers: Record<string, unknown>[] };
    const { pinned: _pinned, reminder: _reminder, ...withoutPinned } = stored.trackers[0] ?? {};
    await writeFile(file, codec.encode(file, JSON.stringify({ version: 2, trackers: [withoutPinned] })));

    const client = await reopened(dataDir);
    expect((await client.ok('listTrackers', {})).trackers).toEqual([{ ...tracker, pinned: false }]);

    await client.ok('updateTracker', { trackerId: tracker.id, pinned: true });
    // The change is in the journal; logging out checkpoints it into trackers.json.
    await client.ok('logOut', {});
    const rewritten = JSON.parse(codec.decode(file, await readFile(file))) as typeof stored;
    expect(rewritten.version).toBe(trackersFormat.version);
    expect(rewritten.trackers[0]).toMatchObject({ id: tracker.id, pinned: true });
  });
});
