/**
 * Every folder the app makes is readable by its owner only (0700), as its files are (0600),
 * whatever the process's umask; folders an older version made are tightened when the data
 * folder and the profile open.
 */
import { chmod, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAtomicWriter } from '../../../src-main/core/store/atomic-writer';
import { dataLayout } from '../../../src-main/core/store/layout';
import { Client, SIGN_UP, startCore, tempDir } from './helpers';

/** Octal, as `ls -l` and `chmod` speak of modes. */
const modeOf = async (path: string): Promise<string> => ((await stat(path)).mode & 0o777).toString(8);

// A umask of 0 makes a folder created without a mode world-writable: the mode must come from us.
let umaskBefore = 0;
beforeEach(() => {
  umaskBefore = process.umask(0);
});
afterEach(() => {
  process.umask(umaskBefore);
});

async function profileWithLogs(dataDir: string) {
  const core = await startCore({ dataDir });
  const client = new Client(core);
  const { profile } = await client.ok('signUp', SIGN_UP);
  const { tracker } = await client.ok('createTracker', { name: 'Weight', settings: { type: 'numerical', unit: 'kg' } });
  await client.ok('addLog', { trackerId: tracker.id, value: 70, at: '2026-01-10T08:00:00.000Z' });
  // The entry reaches its shard file at a checkpoint.
  await core.checkpoint();
  const layout = dataLayout(dataDir);
  const journal = join(layout.profileDir(profile.id), 'journal');
  const folders = [layout.profilesDir, layout.profileDir(profile.id), layout.logsDir(profile.id), layout.trackerLogsDir(profile.id, tracker.id), journal];
  const segments = (await readdir(journal)).filter((name) => name.endsWith('.qsj')).map((name) => join(journal, name));
  const files = [layout.accountFile(profile.id), layout.trackersFile(profile.id), layout.logShardFile(profile.id, tracker.id, '2026-01'), join(journal, 'checkpoint.json'), ...segments, join(dataDir, 'device-id')];
  return { core, folders, files };
}

describe.skipIf(process.platform === 'win32')('private folders', () => {
  it('a new data folder and every folder in it are 0700, every file 0600', async () => {
    const dataDir = join(await tempDir(), 'new', 'data');
    const { folders, files } = await profileWithLogs(dataDir);
    for (const folder of [dataDir, ...folders]) expect({ folder, mode: await modeOf(folder) }).toEqual({ folder, mode: '700' });
    for (const file of files) expect({ file, mode: await modeOf(file) }).toEqual({ file, mode: '600' });
  });

  it('the atomic writer makes private folders for a single file and for a batch', async () => {
    const dir = await tempDir();
    const writer = createAtomicWriter();
    await writer.write(join(dir, 'one', 'two', 'file.json'), '{}');
    await writer.writeBatch([{ file: join(dir, 'three', 'four', 'file.json'), data: '{}' }]);
    for (const folder of ['one', 'one/two', 'three', 'three/four']) expect({ folder, mode: await modeOf(join(dir, folder)) }).toEqual({ folder, mode: '700' });
  });

  it('folders an older version left open are tightened when the data folder and the profile open', async () => {
    const dataDir = await tempDir();
    const first = await profileWithLogs(dataDir);
    await first.core.close();
    for (const folder of first.folders) await chmod(folder, 0o755);

    const core = await startCore({ dataDir });
    expect(await modeOf(dataLayout(dataDir).profilesDir)).toBe('700');
    await new Client(core).ok('logIn', { email: SIGN_UP.email, password: SIGN_UP.password });
    for (const folder of first.folders) expect({ folder, mode: await modeOf(folder) }).toEqual({ folder, mode: '700' });
    // Nothing else was changed on the way (the device id is the first session's).
    expect((await readdir(dataDir)).sort()).toEqual(['.lock', 'device-id', 'profiles']);
  });
});
