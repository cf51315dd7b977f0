import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it, expect } from 'vitest';
import { createAtomicWriter } from '../../../src-main/core/store/atomic-writer';
import { nodeFs, type FileHandlePort, type FsPort } from '../../../src-main/core/store/fs-port';
import { tempDir } from './helpers';

const systemError = (code: string): NodeJS.ErrnoException => Object.assign(new Error(`${code}: simulated`), { code });

type Step = 'open' | 'write' | 'fsync' | 'close' | 'link' | 'rename';

/** The real file system, except that one step of writing a data file fails once. */
function failingAt(step: Step, code: string): FsPort {
  let failed = false;
  const once = (): boolean => !failed && (failed = true);
  return {
    ...nodeFs,
    async open(path, flags, mode) {
      const isTemp = path.endsWith('.tmp');
      if (step === 'open' && isTemp && once()) throw systemError(code);
      const handle = await nodeFs.open(path, flags, mode);
      if (!isTemp) return handle;
      const wrapped: FileHandlePort = {
        async writeFile(data, encoding) {
          if (step === 'write' && once()) {
            // A full disk typically fails part-way: leave half the bytes behind.
            await handle.writeFile(data.slice(0, data.length / 2), encoding);
            throw systemError(code);
          }
          await handle.writeFile(data, encoding);
        },
        async sync() {
          if (step === 'fsync' && once()) throw systemError(code);
          await handle.sync();
        },
        async close() {
          await handle.close();
          if (step === 'close' && once()) throw systemError(code);
        },
      };
      return wrapped;
    },
    async link(existing, newPath) {
      if (step === 'link' && once()) throw systemError(code);
      await nodeFs.link(existing, newPath);
    },
    async rename(from, to) {
      if (step === 'rename' && once()) throw systemError(code);
      await nodeFs.rename(from, to);
    },
  };
}

describe('atomic writer', () => {
  it('writes a new file, then keeps the previous version as .bak', async () => {
    const dir = await tempDir();
    const file = join(dir, 'deep', 'er', 'data.json');
    const writer = createAtomicWriter();
    await writer.write(file, 'one');
    expect(await readFile(file, 'utf8')).toBe('one');
    await writer.write(file, 'two');
    expect(await readFile(file, 'utf8')).toBe('two');
    expect(await readFile(`${file}.bak`, 'utf8')).toBe('one');
    await writer.write(file, 'three');
    expect(await readFile(`${file}.bak`, 'utf8')).toBe('two');
    expect((await readdir(join(dir, 'deep', 'er'))).sort()).toEqual(['data.json', 'data.json.bak']);
  });

  it('applies writes to one path in call order', async () => {
    const file = join(await tempDir(), 'data.json');
    const writer = createAtomicWriter();
    await Promise.all(Array.from({ length: 25 }, (_, i) => writer.write(file, `version ${i}`)));
    expect(await readFile(file, 'utf8')).toBe('version 24');
    expect(await readFile(`${file}.bak`, 'utf8')).toBe('version 23');
  });

  it.each<[Step, string]>([
    ['open', 'EMFILE'],
    ['write', 'ENOSPC'],
    ['fsync', 'EIO'],
    ['fsync', 'ENOSPC'],
    ['close', 'EIO'],
    ['link', 'EIO'],
    ['rename', 'ENOSPC'],
    ['rename', 'EXDEV'],
  ])('a failure at %s (%s) leaves the previous file byte-identical and no temp file', async (step, code) => {
    const dir = await tempDir();
    const file = join(dir, 'data.json');
    const previous = JSON.stringify({ version: 1, note: 'précieux' });
    await writeFile(file, previous);
    const before = await stat(file);

    const writer = createAtomicWriter(failingAt(step, code));
    await expect(writer.write(file, JSON.stringify({ version: 1, note: 'new' }))).rejects.toMatchObject({ code });

    expect(await readFile(file, 'utf8')).toBe(previous);
    expect((await stat(file)).ino).toBe(before.ino);
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    // The writer is still usable once the disk recovers.
    await writer.write(file, 'recovered');
    expect(await readFile(file, 'utf8')).toBe('recovered');
  });

  it('a failed first write leaves no file at all', async () => {
    const dir = await tempDir();
    const file = join(dir, 'data.json');
    await expect(createAtomicWriter(failingAt('write', 'ENOSPC')).write(file, 'x')).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(await readdir(dir)).toEqual([]);
  });

  it('copies the backup where hard links are not supported', async () => {
    const file = join(await tempDir(), 'data.json');
    const noLinks: FsPort = { ...nodeFs, link: () => Promise.reject(systemError('EPERM')) };
    const writer = createAtomicWriter(noLinks);
    await writer.write(file, 'one');
    await writer.write(file, 'two');
    expect(await readFile(`${file}.bak`, 'utf8')).toBe('one');
  });
});
