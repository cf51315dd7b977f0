import { createCipheriv, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../../../src-main/core/errors';
import { nodeFs } from '../../../../src-main/core/store/fs-port';
import { readJournalFile, scanJournal, type JournalScan } from '../../../../src-main/core/store/journal/journal-reader';
import { encodeJournalHeader, encodeRecord, JOURNAL_HEADER_BYTES, newJournalId } from '../../../../src-main/core/store/journal/record-format';
import { aLog, aRecord, aTracker, journalBytes, testKey } from './journal-fixtures';

const read = (scan: JournalScan) => {
  if (scan.kind !== 'read') throw new Error(`expected a readable journal, got ${JSON.stringify(scan)}`);
  return scan;
};

/** Records of every size class: logs with and without notes, a tracker, a timer. */
const sampleRecords = () => [
  aRecord(1),
  aRecord(2, { type: 'tracker-created', tracker: aTracker('sleep'), order: ['weight', 'sleep'] }),
  aRecord(3),
  aRecord(4, { type: 'log-moved', log: aLog(3, { trackerId: 'sleep', at: '2026-12-01T00:00:00.000Z' }), from: { trackerId: 'weight', month: '2026-11' } }),
  aRecord(5, { type: 'timer-started', timer: { trackerId: 'sleep', startedAt: '2026-12-01T22:00:00.000Z' } }),
];

describe('journal record format and reader', () => {
  it('reads back every record, in order, with its sequence and replication fields', () => {
    const key = testKey();
    const records = sampleRecords();
    const scan = read(scanJournal(key, journalBytes(key, records, { journalId: newJournalId(), firstSeq: 41 })));
    expect(scan.entries.map((entry) => entry.seq)).toEqual([41, 42, 43, 44, 45]);
    expect(scan.entries.map((entry) => entry.record)).toEqual(records);
    expect(scan.torn).toBeNull();
  });

  it('reads a journal cut at every byte offset as the records before the cut, and the rest torn', () => {
    const key = testKey();
    const records = sampleRecords();
    const bytes = journalBytes(key, records);
    const boundaries: number[] = [];
    let seen = 0;
    for (let cut = 0; cut <= bytes.length; cut++) {
      const scan = read(scanJournal(key, bytes.subarray(0, cut)));
      if (cut < JOURNAL_HEADER_BYTES) {
        expect(scan.entries).toEqual([]);
        expect(scan.torn).toEqual(cut === 0 ? null : { at: 0, reason: 'the file ends inside its header' });
        continue;
      }
      expect(scan.entries.map((entry) => entry.record)).toEqual(records.slice(0, scan.entries.length));
      if (scan.torn === null) {
        boundaries.push(cut);
        expect(scan.end).toBe(cut);
      } else {
        expect(scan.torn.at).toBe(scan.end);
        expect(scan.end).toBeLessThan(cut);
      }
      // Never fewer records than a shorter cut gave: a cut only loses the record it falls in.
      expect(scan.entries.length).toBeGreaterThanOrEqual(seen);
      seen = scan.entries.length;
    }
    // Clean only exactly at the header's end and at each record's end.
    expect(boundaries).toHaveLength(records.length + 1);
    expect(boundaries.at(-1)).toBe(bytes.length);
    // And a cut keeps exactly the records that end at or before it.
    for (let cut = JOURNAL_HEADER_BYTES; cut <= bytes.length; cut++) {
      const kept = boundaries.filter((end) => end <= cut).length - 1;
      const scan = read(scanJournal(key, bytes.subarray(0, cut)));
      expect(scan.entries).toHaveLength(kept);
      expect(scan.end).toBe(boundaries[kept]);
    }
  });

  it('refuses a journal with any single byte altered as damaged, never as fewer records', () => {
    const key = testKey();
    const bytes = journalBytes(key, sampleRecords());
    for (let offset = 0; offset < bytes.length; offset++) {
      for (const flip of [0x01, 0x80, 0xff]) {
        const altered = Buffer.from(bytes);
        altered[offset] = (altered[offset] as number) ^ flip;
        const scan = scanJournal(key, altered);
        if (scan.kind !== 'damaged') throw new Error(`byte ${String(offset)} ^ ${String(flip)} read as ${scan.kind}`);
      }
    }
    expect(bytes.length).toBeGreaterThan(JOURNAL_HEADER_BYTES + 5 * 44);
  });

  it('in a journal with a torn tail, refuses any altered byte of its whole records and reads a changed tail as torn or damaged', () => {
    const key = testKey();
    const whole = journalBytes(key, sampleRecords());
    const end = read(scanJournal(key, whole)).entries.length;
    expect(end).toBe(5);
    const cutBytes = whole.subarray(0, whole.length - 30);
    const { end: goodEnd } = read(scanJournal(key, cutBytes));
    for (let offset = 0; offset < cutBytes.length; offset++) {
      const altered = Buffer.from(cutBytes);
      altered[offset] = (altered[offset] as number) ^ 0x5a;
      const scan = scanJournal(key, altered);
      if (offset < goodEnd) {
        expect(scan.kind, `byte ${String(offset)}`).toBe('damaged');
      } else {
        expect(['damaged', 'read']).toContain(scan.kind);
        if (scan.kind === 'read') expect(scan.torn?.at).toBe(goodEnd);
      }
    }
  });

  it('refuses records reordered, repeated, dropped, or pasted from another journal or profile', () => {
    const key = testKey();
    const header = { journalId: newJournalId(), firstSeq: 1 };
    const head = encodeJournalHeader(key, header);
    const fields = head.subarray(0, head.length - 28);
    const [one, two, three] = [1, 2, 3].map((n) => encodeRecord(key, fields, n, aRecord(n))) as [Buffer, Buffer, Buffer];
    expect(read(scanJournal(key, Buffer.concat([head, one, two, three]))).entries).toHaveLength(3);

    const reordered = scanJournal(key, Buffer.concat([head, two, one, three]));
    const repeated = scanJournal(key, Buffer.concat([head, one, one, two]));
    const dropped = scanJournal(key, Buffer.concat([head, one, three]));
    // Another journal file of the same profile, its record given this file's sequence number.
    const otherHead = encodeJournalHeader(key, { journalId: newJournalId(), firstSeq: 1 });
    const pasted = scanJournal(key, Buffer.concat([head, one, encodeRecord(key, otherHead.subarray(0, otherHead.length - 28), 2, aRecord(2))]));
    // Another profile: another data key.
    const otherKey = testKey();
    const otherProfile = scanJournal(key, Buffer.concat([head, one, encodeRecord(otherKey, fields, 2, aRecord(2))]));
    const wrongKey = scanJournal(otherKey, Buffer.concat([head, one]));
    // The header of this journal made to start at another sequence.
    const renumbered = Buffer.concat([head, one]);
    renumbered.writeBigUInt64BE(7n, 21);

    for (const scan of [reordered, repeated, dropped, pasted, otherProfile, wrongKey, scanJournal(key, renumbered)]) expect(scan.kind).toBe('damaged');
    expect(reordered).toMatchObject({ at: JOURNAL_HEADER_BYTES, reason: 'record 1 is missing or out of place (found 2)' });
    expect(pasted).toMatchObject({ at: JOURNAL_HEADER_BYTES + one.length, reason: 'record 2 fails its integrity check' });
  });

  it('reads zeros after the last record (a crash after the size grew) as torn, and zeros inside a record as damage', () => {
    const key = testKey();
    const bytes = journalBytes(key, [aRecord(1), aRecord(2)]);
    const scan = read(scanJournal(key, Buffer.concat([bytes, Buffer.alloc(300)])));
    expect(scan.entries).toHaveLength(2);
    expect(scan.torn).toEqual({ at: bytes.length, reason: 'the file ends in zeros' });

    const zeroedInside = Buffer.from(bytes);
    zeroedInside.fill(0, bytes.length - 20);
    expect(scanJournal(key, zeroedInside).kind).toBe('damaged');
  });

  it('answers a newer format whose header is authentic as too new, and a file that is no journal as damaged', () => {
    const key = testKey();
    expect(scanJournal(key, Buffer.from('{"version":2}')).kind).toBe('damaged');
    expect(scanJournal(key, Buffer.from('QSEF\u0001 an encrypted data file, not a journal')).kind).toBe('damaged');
    expect(scanJournal(key, Buffer.from('QSJ'))).toMatchObject({ kind: 'read', torn: { at: 0 } });
    // A version byte changed by damage: the header's tag fails.
    const changed = journalBytes(key, []);
    changed[4] = 2;
    expect(scanJournal(key, changed).kind).toBe('damaged');
    // A future version that keeps this header's layout: its tag verifies over its own version byte.
    const fields = Buffer.from(changed.subarray(0, 29));
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(fields);
    cipher.final();
    expect(scanJournal(key, Buffer.concat([fields, iv, cipher.getAuthTag()]))).toEqual({ kind: 'too-new', version: 2 });
  });

  it('reads a journal file from disk, none as null, and damage as DATA_FILE_DAMAGED leaving the file as it is', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'qs-journal-'));
    const key = testKey();
    const file = join(dir, 'journal-1.qsj');
    expect(await readJournalFile(nodeFs, key, file, 'profiles/p/journal-1.qsj')).toBeNull();
    const bytes = journalBytes(key, [aRecord(1), aRecord(2)]);
    await writeFile(file, bytes);
    expect((await readJournalFile(nodeFs, key, file, 'j'))?.entries).toHaveLength(2);

    const altered = Buffer.from(bytes);
    altered[bytes.length - 1] = (altered[bytes.length - 1] as number) ^ 1;
    await writeFile(file, altered);
    const failure = await readJournalFile(nodeFs, key, file, 'profiles/p/journal-1.qsj').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AppFailure);
    expect(failure).toMatchObject({ code: 'DATA_FILE_DAMAGED' });
    expect((failure as AppFailure).message).toContain('profiles/p/journal-1.qsj is damaged at byte');
    expect(await readFile(file)).toEqual(altered);
  });
});
