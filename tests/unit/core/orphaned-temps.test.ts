/**
 * A crash between a temp file's creation and its rename leaves the temp behind (7 after 33
 * `kill -9` during writes). Opening the data folder and then a profile removes exactly the
 * files named as our writers name their temps, and nothing else.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAtomicWriter } from '../../../src-main/core/store/atomic-writer';
import { nodeFs, type FileHandlePort, type FsPort } from '../../../src-main/core/store/fs-port';
import { dataLayout } from '../../../src-main/core/store/layout';
import { Client, SIGN_UP, startCore, tempDir } from './helpers';

/** A temp name exactly as the atomic writer makes one for `target`. */
const writerTemp = (target: string): string => `.${target}.${randomUUID()}.tmp`;

async function closedProfileWithLogs() {
  const core = await startCore();
  const client = new Client(core);
  const { profile } = await client.ok('signUp', SIGN_UP);
  const { tracker } = await client.ok('createTracker', { name: 'Weight', settings: { type: 'numerical', unit: 'kg' } });
  await client.ok('addLog', { trackerId: tracker.id, value: 70, at: '2026-01-10T08:00:00.000Z' });
  await core.close();
  const layout = dataLayout(core.dataDir);
  return { dataDir: core.dataDir, layout, profileDir: layout.profileDir(profile.id), logsDir: layout.trackerLogsDir(profile.id, tracker.id) };
}

describe('orphaned temp files', () => {
  it('are removed when the data folder and then a profile open; look-alikes stay', async () => {
    const { dataDir, profileDir, logsDir } = await closedProfileWithLogs();
    const orphans = {
      top: [`.lock.${randomUUID()}.tmp`],
      profile: [writerTemp('trackers.json'), writerTemp('account.json'), writerTemp('summaries.json')],
      logs: [writerTemp('2026-01.json'), writerTemp('2026-02.json')],
    };
    const lookAlikes = {
      top: ['.lock.tmp', `lock.${randomUUID()}.tmp`],
      profile: ['.notes.tmp', `trackers.json.${randomUUID()}.tmp`, `${writerTemp('trackers.json')}.keep`, '.trackers.json.not-a-uuid.tmp', `.${randomUUID()}.tmp`],
      logs: ['mine.tmp', `.2026-01.json.${randomUUID().toUpperCase()}.tmp`],
    };
    const plant = async (folder: string, names: readonly string[]) => {
      for (const name of names) await writeFile(join(folder, name), 'left by a crash');
    };
    await plant(dataDir, [...orphans.top, ...lookAlikes.top]);
    await plant(profileDir, [...orphans.profile, ...lookAlikes.profile]);
    await plant(logsDir, [...orphans.logs, ...lookAlikes.logs]);
    // A folder named like a temp is not a file the writer left.
    const folderLookAlike = writerTemp('trackers.json');
    await mkdir(join(profileDir, folderLookAlike));

    const core = await startCore({ dataDir });
    expect((await readdir(dataDir)).filter((name) => name.endsWith('.tmp')).sort()).toEqual([...lookAlikes.top].sort());

    const client = new Client(core);
    await client.ok('logIn', { email: SIGN_UP.email, password: SIGN_UP.password });
    const tempsIn = async (folder: string) => (await readdir(folder)).filter((name) => name.includes('.tmp')).sort();
    expect(await tempsIn(profileDir)).toEqual([...lookAlikes.profile, folderLookAlike].sort());
    expect(await tempsIn(logsDir)).toEqual([...lookAlikes.logs].sort());
    // The profile's data is all there.
    expect((await client.ok('listTrackers', {})).trackers.map((tracker) => tracker.name)).toEqual(['Weight']);
  });

  it('a temp of a write still under way is not removed', async () => {
    const folder = await tempDir();
    const file = join(folder, 'data.json');
    let reachedWrite: () => void = () => undefined;
    const atWrite = new Promise<void>((resolve) => (reachedWrite = resolve));
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    // The write stops between creating its temp and writing into it.
    const paused: FsPort = {
      ...nodeFs,
      async open(path, flags, mode) {
        const handle = await nodeFs.open(path, flags, mode);
        if (!path.endsWith('.tmp')) return handle;
        const wrapped: FileHandlePort = {
          async writeFile(data, encoding) {
            reachedWrite();
            await released;
            await handle.writeFile(data, encoding);
          },
          sync: () => handle.sync(),
          close: () => handle.close(),
        };
        return wrapped;
      },
    };
    const writer = createAtomicWriter(paused);
    const writing = writer.write(file, 'kept');
    await atWrite;
    const orphan = join(folder, writerTemp('data.json'));
    await writeFile(orphan, 'left by a crash');

    expect(await writer.removeOrphanedTemps(folder)).toBe(1);
    expect((await readdir(folder)).filter((name) => name.endsWith('.tmp'))).toHaveLength(1);
    release();
    await writing;
    expect(await readdir(folder)).toEqual(['data.json']);
  });
});
