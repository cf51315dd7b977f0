/** Records, keys and journals for the journal's tests. */
import { randomBytes } from 'node:crypto';
import type { StoredLog, StoredTracker } from '../../../../src-main/core/store/formats';
import type { JournalOp } from '../../../../src-main/core/store/journal/operations';
import { encodeJournalHeader, encodeRecord, newJournalId, type JournalHeader, type JournalRecord } from '../../../../src-main/core/store/journal/record-format';

export const testKey = (): Buffer => randomBytes(32);

export const aLog = (n: number, overrides: Partial<StoredLog> = {}): StoredLog => ({
  id: `log-${String(n)}`,
  trackerId: 'weight',
  at: `2026-11-${String(1 + (n % 28)).padStart(2, '0')}T07:30:00.000Z`,
  offsetMinutes: 60,
  value: 70 + n / 10,
  note: n % 3 === 0 ? `note ${String(n)}` : '',
  ...overrides,
});

export const aTracker = (id: string, overrides: Partial<StoredTracker> = {}): StoredTracker => ({
  id,
  name: `Tracker ${id}`,
  description: '',
  color: '#336699',
  emoji: '',
  archived: false,
  pinned: false,
  reminder: { enabled: true, days: [1, 2, 3, 4, 5, 6, 7], time: null },
  target: null,
  settings: { type: 'numerical', unit: 'kg', min: null, max: null, decimals: 1, aggregation: 'average' },
  createdAt: '2026-11-01T08:00:00.000Z',
  deletedAt: null,
  ...overrides,
});

export const aRecord = (n: number, op: JournalOp = { type: 'log-added', log: aLog(n) }): JournalRecord => ({
  id: `rec-${String(n)}`,
  device: 'device-a',
  deviceSeq: n,
  hlc: { ms: 1_764_000_000_000 + n, counter: 0 },
  op,
});

/** A whole journal file: its header, then `records` from `firstSeq` on. */
export function journalBytes(key: Buffer, records: readonly JournalRecord[], header: JournalHeader = { journalId: newJournalId(), firstSeq: 1 }): Buffer {
  const head = encodeJournalHeader(key, header);
  const fields = head.subarray(0, head.length - 28);
  return Buffer.concat([head, ...records.map((record, index) => encodeRecord(key, fields, header.firstSeq + index, record))]);
}
