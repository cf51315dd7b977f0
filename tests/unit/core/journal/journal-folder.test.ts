import { mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeFs } from '../../../../src-main/core/store/fs-port';
import { dropCheckpointedSegments, recoverJournal, rotateJournal, type JournalFolderOptions } from '../../../../src-main/core/store/journal/journal-folder';
import { readJournalFile } from '../../../../src-main/core/store/journal/journal-reader';
import type { JournalOp } from '../../../../src-main/core/store/journal/operations';
import { coveredSegments, noCheckpoint, segmentName, type CheckpointFile } from '../../../../src-main/core/store/journal/segments';
import { faultyFs } from '../helpers';
import { aLog, testKey } from './journal-fixtures';

const added = (n: number): JournalOp => ({ type: 'log-added', log: aLog(n) });

async function setUp(): Promise<JournalFolderOptions> {
  const dataDir = await mkdtemp(join(tmpdir(), 'qs-journal-folder-'));
  return { fs: nodeFs, folder: join(dataDir, 'profiles', 'p', 'journal'), dataDir, key: testKey(), deviceId: 'device-a', now: () => 1000 };
}

const checkpointAt = (through: number, deviceSeq: number): CheckpointFile => ({ version: 1, through, deviceSeq, hlc: { ms: 1000, counter: deviceSeq } });

describe('journal folder: recovery and rotation', () => {
  it('starts a first segment, and replays its records when reopened', async () => {
    const options = await setUp();
    const first = await recoverJournal(options, noCheckpoint());
    expect(first.entries).toEqual([]);
    const saved = await Promise.all([1, 2, 3].map((n) => first.writer.append(added(n))));
    await first.writer.close();
    expect(await readdir(options.folder)).toEqual([segmentName(1)]);

    const again = await recoverJournal(options, noCheckpoint());
    expect(again.entries).toEqual(saved);
    expect((await again.writer.append(added(4))).seq).toBe(4);
    await again.writer.close();
  });

  it('rotates for a checkpoint, and after it replays only the new segment and deletes the covered one', async () => {
    const options = await setUp();
    const { writer } = await recoverJournal(options, noCheckpoint());
    await Promise.all([1, 2, 3].map((n) => writer.append(added(n))));
    const rotated = await rotateJournal(options, writer);
    expect(rotated.through).toBe(3);
    const later = await Promise.all([4, 5].map((n) => rotated.writer.append(added(n))));
    expect(later.map((entry) => [entry.seq, entry.record.deviceSeq])).toEqual([
      [4, 4],
      [5, 5],
    ]);
    await rotated.writer.close();
    expect(await readdir(options.folder)).toEqual([segmentName(1), segmentName(4)]);

    // A crash before checkpoint.json was written: everything is replayed again.
    const beforeMarker = await recoverJournal(options, noCheckpoint());
    expect(beforeMarker.entries.map((entry) => entry.seq)).toEqual([1, 2, 3, 4, 5]);
    await beforeMarker.writer.close();

    // A crash after it, before the covered segment was deleted: recovery deletes it.
    const { deviceSeq, hlc } = rotated.writer.position();
    const afterMarker = await recoverJournal(options, { version: 1, through: 3, deviceSeq, hlc });
    expect(afterMarker.entries).toEqual(later);
    expect(await readdir(options.folder)).toEqual([segmentName(4)]);
    await afterMarker.writer.close();
  });

  it('goes on with this device’s sequence from an older segment when the active one is new and empty', async () => {
    const options = await setUp();
    const { writer } = await recoverJournal(options, noCheckpoint());
    await Promise.all([1, 2, 3].map((n) => writer.append(added(n))));
    const rotated = await rotateJournal(options, writer);
    await rotated.writer.close();
    // Crashed before the checkpoint: the empty segment 4 is the active one.
    const reopened = await recoverJournal(options, noCheckpoint());
    expect(await reopened.writer.append(added(4))).toMatchObject({ seq: 4, record: { deviceSeq: 4, hlc: { ms: 1000, counter: 3 } } });
    await reopened.writer.close();
  });

  it('deletes covered segments after a checkpoint, never the one being appended to', async () => {
    const options = await setUp();
    const { writer } = await recoverJournal(options, noCheckpoint());
    await writer.append(added(1));
    const rotated = await rotateJournal(options, writer);
    expect(await dropCheckpointedSegments(options, rotated.through)).toEqual([segmentName(1)]);
    expect(await readdir(options.folder)).toEqual([segmentName(2)]);
    expect(coveredSegments([segmentName(1), segmentName(5), segmentName(9), 'checkpoint.json'], 7)).toEqual([segmentName(1)]);
    expect(coveredSegments([segmentName(1), segmentName(5), segmentName(9)], 8)).toEqual([segmentName(1), segmentName(5)]);
    await rotated.writer.close();
  });

  it('refuses missing records and a renamed segment as DATA_FILE_DAMAGED, deleting nothing', async () => {
    const options = await setUp();
    const { writer } = await recoverJournal(options, noCheckpoint());
    await writer.append(added(1));
    const rotated = await rotateJournal(options, writer);
    await rotated.writer.append(added(2));
    await rotated.writer.close();

    await rename(join(options.folder, segmentName(2)), join(options.folder, segmentName(3)));
    await expect(recoverJournal(options, noCheckpoint())).rejects.toMatchObject({ code: 'DATA_FILE_DAMAGED', message: expect.stringContaining('not 3 as its name says') });
    await rename(join(options.folder, segmentName(3)), join(options.folder, segmentName(2)));

    await rm(join(options.folder, segmentName(1)));
    await expect(recoverJournal(options, noCheckpoint())).rejects.toMatchObject({ code: 'DATA_FILE_DAMAGED', message: expect.stringContaining('records 1 to 1 are missing') });
    expect(await readdir(options.folder)).toEqual([segmentName(2)]);
    // With a checkpoint that covers record 1, the same folder is whole.
    const covered = await recoverJournal(options, checkpointAt(1, 1));
    expect(covered.entries.map((entry) => entry.seq)).toEqual([2]);
    await covered.writer.close();
  });

  it('cuts what a failed batch left after the acknowledged records when told where they end, so it is not read back', async () => {
    const options = await setUp();
    let failing = false;
    // The sync of the second batch fails, and so does the writer's cutting it back off.
    const fs = faultyFs(nodeFs, (call) => (failing && (call.kind === 'datasync' || call.kind === 'truncate') ? { code: 'EIO' } : null));
    const { writer } = await recoverJournal({ ...options, fs, stopAfterFailure: true }, noCheckpoint());
    const saved = await writer.append(added(1));
    expect(writer.uncutTail()).toBeNull();
    failing = true;
    await expect(writer.append(added(2))).rejects.toMatchObject({ code: 'WRITE_FAILED' });
    failing = false;
    const uncut = writer.uncutTail();
    await writer.close();
    const file = join(options.folder, segmentName(1));
    expect(uncut).toEqual({ file, end: expect.any(Number) });
    // Its bytes landed whole: read as they are, the refused record would come back.
    expect((await readJournalFile(nodeFs, options.key, file, file))?.entries).toHaveLength(2);

    const again = await recoverJournal(options, noCheckpoint(), uncut);
    expect(again.entries).toEqual([saved]);
    expect((await again.writer.append(added(3))).seq).toBe(2);
    await again.writer.close();
    expect((await recoverJournal(options, noCheckpoint())).entries.map((entry) => entry.record.op)).toEqual([added(1), added(3)]);
  });
});
