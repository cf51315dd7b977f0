import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAtomicWriter } from '../../../../src-main/core/store/atomic-writer';
import { nodeFs } from '../../../../src-main/core/store/fs-port';
import { deviceIdFile, loadDeviceId } from '../../../../src-main/core/store/journal/device-id';

describe('device id', () => {
  it('is made once per data folder and read back the same afterwards', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'qs-device-'));
    const first = await loadDeviceId(nodeFs, createAtomicWriter(), dataDir);
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(await loadDeviceId(nodeFs, createAtomicWriter(), dataDir)).toBe(first);
    expect(await readFile(deviceIdFile(dataDir), 'utf8')).toBe(`${first}\n`);
    const other = await mkdtemp(join(tmpdir(), 'qs-device-'));
    expect(await loadDeviceId(nodeFs, createAtomicWriter(), other)).not.toBe(first);
  });

  it('replaces a file that holds no id with a new one', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'qs-device-'));
    await writeFile(deviceIdFile(dataDir), '../../etc/passwd');
    expect(await loadDeviceId(nodeFs, createAtomicWriter(), dataDir, () => 'fresh-device-1')).toBe('fresh-device-1');
    expect(await readFile(deviceIdFile(dataDir), 'utf8')).toBe('fresh-device-1\n');
  });
});
