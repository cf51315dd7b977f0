import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../../../src-main/core/errors';
import { nodeFs, type AppendHandlePort, type FsPort } from '../../../../src-main/core/store/fs-port';
import { scanJournal } from '../../../../src-main/core/store/journal/journal-reader';
import { openJournalWriter, type JournalWriterOptions } from '../../../../src-main/core/store/journal/journal-writer';
import type { JournalOp } from '../../../../src-main/core/store/journal/operations';
import { aLog, aRecord, journalBytes, testKey } from './journal-fixtures';

type Step = 'open' | 'write' | 'datasync' | 'truncate';

/**
 * The real file system, counting the journal's writes and syncs. A sync can be held until the
 * test lets it go (to make appends arrive while it is in flight), and any step can fail.
 */
function countingFs() {
  const counts = { writes: 0, syncs: 0, opens: 0 };
  /** Bytes of the file known to be on disk (after the last completed sync). */
  let durable = 0;
  let written = 0;
  const failures = new Map<Step, { code: string; times: number }>();
  let hold: { reached: () => void; released: Promise<void> } | null = null;
  const failing = (step: Step): void => {
    const failure = failures.get(step);
    if (failure === undefined || failure.times === 0) return;
    failure.times--;
    throw Object.assign(new Error(`injected ${step} failure`), { code: failure.code });
  };
  const fs: FsPort = {
    ...nodeFs,
    async openAppend(path) {
      failing('open');
      counts.opens++;
      const handle = await nodeFs.openAppend(path);
      const wrapped: AppendHandlePort = {
        async writeAt(data, position) {
          counts.writes++;
          if (failures.get('write')?.times) {
            // A full disk fails part-way: half the bytes stay behind.
            await handle.writeAt(data.subarray(0, Math.floor(data.length / 2)), position);
            failing('write');
          }
          await handle.writeAt(data, position);
          written = Math.max(written, position + data.length);
        },
        async truncate(length) {
          failing('truncate');
          await handle.truncate(length);
          written = length;
        },
        async datasync() {
          counts.syncs++;
          const held = hold;
          if (held !== null) {
            hold = null;
            held.reached();
            await held.released;
          }
          failing('datasync');
          await handle.datasync();
          durable = written;
        },
        close: () => handle.close(),
      };
      return wrapped;
    },
  };
  return {
    fs,
    counts,
    durable: () => durable,
    fail(step: Step, code = 'EIO', times = 1) {
      failures.set(step, { code, times });
    },
    /** The next sync stops until `release` is called; `reached` resolves when it has started. */
    holdNextSync() {
      let release = (): void => undefined;
      let reached = (): void => undefined;
      const atSync = new Promise<void>((resolve) => (reached = resolve));
      hold = { reached, released: new Promise<void>((resolve) => (release = resolve)) };
      return { atSync, release: () => release() };
    },
  };
}

async function setUp(overrides: Partial<JournalWriterOptions> = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'qs-journal-writer-'));
  const file = join(dir, 'journal', '00000000000000000001.qsj');
  const key = testKey();
  const port = countingFs();
  const options: JournalWriterOptions = { fs: port.fs, file, key, deviceId: 'device-a', shownAs: 'profiles/p/journal', now: () => 1_764_000_000_000, ...overrides };
  return { dir, file, key, port, options };
}

const added = (n: number): JournalOp => ({ type: 'log-added', log: aLog(n) });

async function entriesOn(file: string, key: Buffer) {
  const scan = scanJournal(key, await readFile(file));
  if (scan.kind !== 'read') throw new Error(`journal unreadable: ${JSON.stringify(scan)}`);
  return scan;
}

describe('journal writer', () => {
  it('makes a new journal, and a record is on disk when its append resolves', async () => {
    const { file, key, port, options } = await setUp();
    const writer = await openJournalWriter(options);
    const appended = await writer.append(added(1));
    expect(appended).toMatchObject({ seq: 1, record: { device: 'device-a', deviceSeq: 1, hlc: { ms: 1_764_000_000_000, counter: 0 }, op: added(1) } });
    expect(port.counts).toEqual({ writes: 1, syncs: 1, opens: 1 });
    expect((await entriesOn(file, key)).entries).toEqual([appended]);
    expect(port.durable()).toBe((await stat(file)).size);
    await writer.close();
  });

  it('groups 50 concurrent appends into a few writes and syncs, each resolved only after the sync that covers it', async () => {
    const { file, key, port, options } = await setUp();
    const writer = await openJournalWriter(options);
    // The first ten go out together; the next forty arrive while their sync is held.
    const held = port.holdNextSync();
    const firstTen = Array.from({ length: 10 }, (_, n) => writer.append(added(n)));
    const durableAtResolve = new Map<number, number>();
    const watch = (promise: Promise<{ seq: number }>) => promise.then((appended) => durableAtResolve.set(appended.seq, port.durable()));
    const watched = firstTen.map(watch);
    await held.atSync;
    const rest = Array.from({ length: 40 }, (_, n) => writer.append(added(10 + n)));
    watched.push(...rest.map(watch));
    held.release();
    const all = await Promise.all([...firstTen, ...rest]);
    await Promise.all(watched);

    expect(port.counts.syncs).toBe(2);
    expect(port.counts.writes).toBe(2);
    expect(all.map((appended) => appended.seq)).toEqual(Array.from({ length: 50 }, (_, n) => n + 1));
    expect(all.map((appended) => appended.record.deviceSeq)).toEqual(Array.from({ length: 50 }, (_, n) => n + 1));
    // Strictly increasing clock although the wall clock stood still.
    expect(all.map((appended) => appended.record.hlc.counter)).toEqual(Array.from({ length: 50 }, (_, n) => n));
    const scan = await entriesOn(file, key);
    expect(scan.entries).toEqual(all);
    // Each record ends within the bytes that were durable when its append resolved.
    const bytes = await readFile(file);
    for (const appended of all) {
      const upTo = scanJournal(key, bytes.subarray(0, durableAtResolve.get(appended.seq)));
      expect(upTo.kind === 'read' && upTo.entries.some((entry) => entry.seq === appended.seq)).toBe(true);
    }
    await writer.close();
  });

  for (const [step, code] of [
    ['open', 'EMFILE'],
    ['write', 'ENOSPC'],
    ['datasync', 'EIO'],
  ] as const) {
    it(`rejects a whole batch on a failed ${step} (${code}) with WRITE_FAILED, keeps only acknowledged records, and goes on working`, async () => {
      const { file, key, port, options } = await setUp();
      const writer = await openJournalWriter(options);
      const before = await Promise.all([writer.append(added(1)), writer.append(added(2))]);
      await writer.close();
      // A writer opens its file at its first batch: the open is part of every append.
      const target = await openJournalWriter(options);
      port.fail(step, code);
      const batch = [target.append(added(10)), target.append(added(11)), target.append(added(12))];
      const results = await Promise.allSettled(batch);
      for (const result of results) {
        expect(result.status).toBe('rejected');
        if (result.status === 'rejected') {
          expect(result.reason).toBeInstanceOf(AppFailure);
          expect(result.reason).toMatchObject({ code: 'WRITE_FAILED' });
          if (code === 'ENOSPC') expect((result.reason as AppFailure).message).toContain('the disk is full');
        }
      }
      const acknowledged = before;
      expect(await entriesOn(file, key)).toMatchObject({ entries: acknowledged, torn: null });

      const after = await target.append(added(20));
      expect(after.seq).toBe(acknowledged.length + 1);
      expect(after.record.deviceSeq).toBe(acknowledged.length + 1);
      expect(await entriesOn(file, key)).toMatchObject({ entries: [...acknowledged, after], torn: null });
      await target.close();
    });
  }

  it('when even the cut fails, leaves a torn tail a reader skips, and cuts it before the next write', async () => {
    const { file, key, port, options } = await setUp();
    const writer = await openJournalWriter(options);
    const first = await writer.append(added(1));
    port.fail('write', 'ENOSPC');
    port.fail('truncate', 'EIO');
    await expect(writer.append(added(2))).rejects.toMatchObject({ code: 'WRITE_FAILED' });
    // What a crash now would leave: the acknowledged record, then half a record.
    expect(await entriesOn(file, key)).toMatchObject({ entries: [first], torn: { reason: 'the file ends inside a record' } });
    const next = await writer.append(added(3));
    expect(next.seq).toBe(2);
    expect(await entriesOn(file, key)).toMatchObject({ entries: [first, next], torn: null });
    await writer.close();
  });

  it('refuses an operation that would not read back alone, saving the rest of its batch', async () => {
    const { file, key, options } = await setUp();
    const writer = await openJournalWriter(options);
    const bad = { type: 'log-added', log: { ...aLog(1), at: 42 } } as unknown as JournalOp;
    const [good, refused, alsoGood] = await Promise.allSettled([writer.append(added(1)), writer.append(bad), writer.append(added(2))]);
    expect(refused).toMatchObject({ status: 'rejected', reason: { code: 'WRITE_REFUSED' } });
    expect(good).toMatchObject({ status: 'fulfilled', value: { seq: 1 } });
    expect(alsoGood).toMatchObject({ status: 'fulfilled', value: { seq: 2 } });
    expect((await entriesOn(file, key)).entries.map((entry) => entry.seq)).toEqual([1, 2]);
    await writer.close();
    await expect(writer.append(added(3))).rejects.toMatchObject({ code: 'CORE_CLOSED' });
  });

  it('reopens a journal: cuts a torn tail, goes on with the sequence, the device sequence and the clock', async () => {
    const { file, options } = await setUp({ now: () => 5000 });
    const writer = await openJournalWriter(options);
    const saved = await Promise.all([writer.append(added(1)), writer.append(added(2))]);
    await writer.close();
    const whole = await readFile(file);
    await writeFile(file, Buffer.concat([whole, Buffer.from([0, 0, 0, 90, 1, 2, 3])]));

    // The wall clock went backwards meanwhile.
    const reopened = await openJournalWriter({ ...options, now: () => 1000 });
    expect(reopened.recovered).toEqual(saved);
    expect((await readFile(file)).length).toBe(whole.length);
    const next = await reopened.append(added(3));
    expect(next).toMatchObject({ seq: 3, record: { deviceSeq: 3, hlc: { ms: 5000, counter: 2 } } });
    await reopened.close();

    // Another device's records do not move this device's sequence.
    const other = await openJournalWriter({ ...options, deviceId: 'device-b' });
    expect((await other.append(added(4))).record.deviceSeq).toBe(1);
    await other.close();
  });

  it('makes the journal again when a crash left only part of its header (no record was ever in it)', async () => {
    const { file, key, options } = await setUp();
    await nodeFs.mkdir(join(file, '..'), { recursive: true });
    await writeFile(file, journalBytes(key, []).subarray(0, 20));
    const writer = await openJournalWriter({ ...options, firstSeq: 7 });
    expect(writer.recovered).toEqual([]);
    expect(await writer.append(added(1))).toMatchObject({ seq: 7 });
    expect(await entriesOn(file, key)).toMatchObject({ header: { firstSeq: 7 }, torn: null });
    await writer.close();
  });

  it('starts a new segment at a given sequence, resuming the device sequence and clock from the checkpoint', async () => {
    const { file, key, options } = await setUp({ now: () => 10 });
    const writer = await openJournalWriter({ ...options, firstSeq: 101, resume: { deviceSeq: 77, hlc: { ms: 900, counter: 4 } } });
    const first = await writer.append(added(1));
    expect(first).toMatchObject({ seq: 101, record: { deviceSeq: 78, hlc: { ms: 900, counter: 5 } } });
    expect((await entriesOn(file, key)).header).toMatchObject({ firstSeq: 101 });
    await writer.close();
  });

  it('refuses to open a damaged journal with DATA_FILE_DAMAGED, leaving it byte for byte', async () => {
    const { file, key, options } = await setUp();
    const bytes = journalBytes(key, [aRecord(1), aRecord(2)]);
    bytes[bytes.length - 40] = (bytes[bytes.length - 40] as number) ^ 4;
    await nodeFs.mkdir(join(file, '..'), { recursive: true });
    await writeFile(file, bytes);
    await expect(openJournalWriter(options)).rejects.toMatchObject({ code: 'DATA_FILE_DAMAGED' });
    expect(await readFile(file)).toEqual(bytes);
  });
});
