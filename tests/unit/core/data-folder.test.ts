import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it, expect } from 'vitest';
import { openCore } from '../../../src-main/core/index';
import { defaultDataDir } from '../../../src-main/core/store/default-data-dir';
import { TEST_SCRYPT, startCore, tempDir } from './helpers';

/** The pid of a process that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  if (child.pid === undefined) throw new Error('could not spawn');
  return child.pid;
}

describe('data-folder lock', () => {
  it('is taken by openCore and released by close', async () => {
    const core = await startCore();
    expect(await readFile(join(core.dataDir, '.lock'), 'utf8')).toBe(`${process.pid}\n`);
    await core.close();
    await expect(readFile(join(core.dataDir, '.lock'), 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses a second core on the same folder while the first is open', async () => {
    const core = await startCore();
    await expect(openCore({ dataDir: core.dataDir, scrypt: TEST_SCRYPT })).rejects.toMatchObject({ code: 'DATA_FOLDER_LOCKED' });
    await core.close();
    const second = await openCore({ dataDir: core.dataDir, scrypt: TEST_SCRYPT });
    await second.close();
    expect(second.handlers).toBeDefined();
  });

  it('refuses a folder locked by another live process', async () => {
    const dataDir = await tempDir();
    await writeFile(join(dataDir, '.lock'), `${process.ppid}\n`);
    await expect(openCore({ dataDir, scrypt: TEST_SCRYPT })).rejects.toMatchObject({
      code: 'DATA_FOLDER_LOCKED',
      message: expect.stringContaining(`pid ${process.ppid}`),
    });
    expect(await readFile(join(dataDir, '.lock'), 'utf8')).toBe(`${process.ppid}\n`);
  });

  it.each([
    ['a dead pid', () => `${deadPid()}\n`],
    ['unreadable content', () => 'not a pid'],
  ])('takes over a stale lock holding %s', async (_name, content) => {
    const dataDir = await tempDir();
    await writeFile(join(dataDir, '.lock'), content());
    const core = await startCore({ dataDir });
    expect(await readFile(join(dataDir, '.lock'), 'utf8')).toBe(`${process.pid}\n`);
    await core.close();
  });
});

describe('default data folder', () => {
  it.each([
    ['linux', { XDG_CONFIG_HOME: '/x/config' }, '/home/ada', '/x/config/Quantified Self'],
    ['linux', {}, '/home/ada', '/home/ada/.config/Quantified Self'],
    ['linux', { XDG_CONFIG_HOME: '' }, '/home/ada', '/home/ada/.config/Quantified Self'],
    ['freebsd', {}, '/home/ada', '/home/ada/.config/Quantified Self'],
    ['darwin', {}, '/Users/ada', '/Users/ada/Library/Application Support/Quantified Self'],
    ['win32', { APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, 'C:\\Users\\ada', 'C:\\Users\\ada\\AppData\\Roaming\\Quantified Self'],
    ['win32', {}, 'C:\\Users\\ada', 'C:\\Users\\ada\\AppData\\Roaming\\Quantified Self'],
    ['darwin', { QS_DATA_DIR: '/tmp/qs' }, '/Users/ada', '/tmp/qs'],
    ['win32', { QS_DATA_DIR: 'D:\\qs', APPDATA: 'C:\\x' }, 'C:\\Users\\ada', 'D:\\qs'],
  ] as const)('%s %j → %s', (platform, env, homedir, expected) => {
    expect(defaultDataDir({ platform, env, homedir })).toBe(expected);
  });
});
