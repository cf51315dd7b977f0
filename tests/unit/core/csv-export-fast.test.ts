/**
 * `logChunks` writes log rows straight into its chunks (name encoded once, values cached
 * per tracker); it must give exactly the text of the plain road — `logRow` through
 * `csvChunks` — for awkward names, notes, values and offsets, whatever the chunk size.
 */
import { describe, expect, it } from 'vitest';
import type { Log, Tracker } from '../../../src-preload/contract';
import { csvChunks, joinChunks, LOG_COLUMNS, logChunks, logRow, NUMERIC_LOG_COLUMNS } from '../../../src-main/core/io/csv-export';
import { shardColumns } from '../../../src-main/core/store/log-shard-columns';

const base = { description: '', color: '#336699', emoji: '', archived: false, pinned: false, reminder: { enabled: true, days: [1, 2, 3, 4, 5, 6, 7], time: null }, target: null, createdAt: '2026-01-01T00:00:00.000Z' };
const TRACKERS: Tracker[] = [
  { ...base, id: 'n', name: 'Weight, "morning"', settings: { type: 'numerical', unit: 'kg', min: null, max: null, decimals: 2, aggregation: 'average' } },
  { ...base, id: 'c', name: '=Mood', settings: { type: 'multiple_choice', multiple: true, options: [{ id: 'a', label: 'Calm, "ok"', archived: false }, { id: 'b', label: '-Tense', archived: true }, { id: 'c', label: '😀', archived: false }] } },
  { ...base, id: 'b', name: 'Meditated\nevening', settings: { type: 'boolean' } },
  { ...base, id: 'd', name: '@Reading', settings: { type: 'duration' } },
];

const VALUES: Record<string, Log['value'][]> = {
  n: [72.5, -3, 0, 1e21, 0.1 + 0.2, -0.0001, 5],
  c: [['a'], ['a', 'c'], ['b'], ['c', 'a']],
  b: [true, false],
  d: [0, 45, 5400, 3605, 86_400 * 3 + 1],
};
const NOTES = ['', 'a, b and "c"', '=SUM(A1)', "'quoted", 'line\r\nbreak', '\ttab', '+1', '-1', '@x', '😀 emoji', '\rcr'];
const OFFSETS = [0, 60, -300, 330, 840, -720, 45];

function logsOf(tracker: Tracker): Log[][] {
  const months: Log[][] = [[], []];
  const values = VALUES[tracker.id] ?? [];
  for (let i = 0; i < 60; i++) {
    const at = new Date(Date.UTC(2026, i < 30 ? 0 : 1, 1 + (i % 28), (i * 7) % 24, (i * 13) % 60, i % 60, i % 3 === 0 ? 250 : 0)).toISOString();
    (months[i < 30 ? 0 : 1] as Log[]).push({ id: `${tracker.id}${i}`, trackerId: tracker.id, at, offsetMinutes: OFFSETS[i % OFFSETS.length] as number, value: values[i % values.length] as Log['value'], note: NOTES[i % NOTES.length] as string });
  }
  return months;
}

/**
 * Stored times at the edges of the table road (every shard read holds `toISOString()` text
 * only, store/log-shard-rules.ts): midnight, the last millisecond of a day, a year's end,
 * 29 February; each with offsets that keep it in its day or move it to the next or the day
 * before, which must come out as `logTimeText` writes them.
 */
const EDGE_TIMES = [
  '2026-01-01T00:00:00.000Z',
  '2026-01-01T00:00:00.001Z',
  '2026-01-01T07:00:00.500Z',
  '2026-01-01T23:59:59.999Z',
  '2025-12-31T23:30:00.000Z',
  '2028-02-29T23:00:00.000Z',
  '2028-02-28T00:30:00.000Z',
];

describe('the fast log export', () => {
  it('writes times at the edges of a day as logTimeText does', async () => {
    const tracker = TRACKERS[2] as Tracker;
    const logs = EDGE_TIMES.flatMap((at, i) => [0, 60, -300, 840, -720, 45].map((offsetMinutes): Log => ({ id: `o${i}-${offsetMinutes}`, trackerId: tracker.id, at, offsetMinutes, value: true, note: '' })));
    const plain = await joinChunks(csvChunks(LOG_COLUMNS, [logs.map((log) => logRow(tracker, log))], NUMERIC_LOG_COLUMNS));
    const fast = await joinChunks(logChunks([{ tracker, logs: [shardColumns(logs)] }]));
    expect(fast).toBe(plain);
    expect(fast).toContain(',2026-01-02T13:59:59.999+14:00,');
    expect(fast).toContain(',2025-12-31T11:30:00-12:00,');
  });

  it.each([1, 7, 2000])('gives the plain road’s exact text (chunks of %i rows)', async (chunkRows) => {
    const entries = TRACKERS.map((tracker) => ({ tracker, logs: logsOf(tracker) }));
    const plain = await joinChunks(csvChunks(LOG_COLUMNS, entries.map(({ tracker, logs }) => logs.flat().map((log) => logRow(tracker, log))), NUMERIC_LOG_COLUMNS, { chunkRows }));
    const progress: number[] = [];
    const columns = entries.map(({ tracker, logs }) => ({ tracker, logs: logs.map(shardColumns) }));
    const fast = await joinChunks(logChunks(columns, { chunkRows, onProgress: (rows) => progress.push(rows) }));
    expect(fast).toBe(plain);
    expect(fast.split('\r\n').length).toBeGreaterThan(240);
    expect(progress.at(-1)).toBe(240);
  });
});
