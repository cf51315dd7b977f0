/**
 * Our format both ways, pure: export trackers of the four types and logs with awkward
 * notes, read them back into an empty profile, compare canonically. Plus the formula
 * guard, separators, BOM, CRLF, quoted newlines, row numbers, duplicates and skipping.
 */
import { describe, expect, it } from 'vitest';
import type { Log, Tracker } from '../../../src-preload/contract';
import { joinChunks, logChunks, logTimeText, trackerChunks } from '../../../src-main/core/io/csv-export';
import { shardColumns } from '../../../src-main/core/store/log-shard-columns';
import { readCsv, MAX_CSV_BYTES } from '../../../src-main/core/io/csv-reader';
import { escapeCell, unescapeCell } from '../../../src-main/core/io/formula-guard';
import { draftOf } from '../../../src-main/core/io/import-kinds';
import { planImport, type ExistingData } from '../../../src-main/core/io/import-plan';
import { previewOf } from '../../../src-main/core/io/import-preview';
import { durationText } from '../../../src-main/core/io/value-text';
import { parseDurationText } from '../../../src-preload/tracker-values/duration';
import { counterIds, trackerFixture } from './csv-fixtures';

const tracker = (id: string, name: string, settings: Tracker['settings'], extra: Partial<Tracker> = {}): Tracker =>
  trackerFixture(id, name, settings, { createdAt: '2026-01-01T10:00:00.000Z', ...extra });

const TRACKERS: Tracker[] = [
  tracker('t-weight', 'Weight, morning', { type: 'numerical', unit: 'kg', min: -50, max: 500, decimals: 1, aggregation: 'average' }, {
    description: 'Before "breakfast"\nno shoes',
    target: { period: 'day', comparison: 'at_most', value: 80 },
    emoji: '⚖️',
  }),
  tracker('t-mood', '=Mood', { type: 'multiple_choice', multiple: true, options: [{ id: 'o-calm', label: 'Calm', archived: false }, { id: 'o-tense', label: 'Tense; tight', archived: true }, { id: 'o-happy', label: '😀 Happy', archived: false }] }, { archived: true }),
  tracker('t-med', 'Meditated', { type: 'boolean' }, { color: '#22aa55', target: { period: 'week', comparison: 'at_least', value: 5 } }),
  tracker('t-read', 'Reading', { type: 'duration' }),
];

const log = (trackerId: string, at: string, offsetMinutes: number, value: Log['value'], note = ''): Log => ({ id: `l-${at}-${trackerId}`, trackerId, at, offsetMinutes, value, note });

const LOGS: Record<string, Log[]> = {
  't-weight': [
    log('t-weight', '2026-01-02T07:30:00.000Z', 60, 72.5, 'a, b and "c"'),
    log('t-weight', '2026-01-02T23:30:00.250Z', -300, -3, '=SUM(A1:A2)'),
    log('t-weight', '2026-01-03T07:30:00.000Z', 330, 0, 'line one\r\nline two\nthree'),
  ],
  't-mood': [log('t-mood', '2026-01-02T12:00:00.000Z', 0, ['o-calm', 'o-happy'], "'quoted already"), log('t-mood', '2026-01-03T12:00:00.000Z', 60, ['o-tense'], '@mention +1 -1')],
  't-med': [log('t-med', '2026-01-02T06:00:00.000Z', 60, true, '🧘 tab\tinside'), log('t-med', '2026-01-03T06:00:00.000Z', 60, false, '\tstarts with tab')],
  't-read': [log('t-read', '2026-01-02T21:00:00.000Z', 60, 5400, ''), log('t-read', '2026-01-03T21:00:00.000Z', 60, 0, 'none'), log('t-read', '2026-01-04T21:00:00.000Z', 60, 3605, '\rcarriage')],
};

const EMPTY: ExistingData = { trackers: [], logsOf: () => [] };
const NOW = '2026-11-25T12:00:00.000Z';

async function exportAll(): Promise<{ trackers: string; logs: string }> {
  return {
    trackers: await joinChunks(trackerChunks(TRACKERS)),
    logs: await joinChunks(logChunks(TRACKERS.map((item) => ({ tracker: item, logs: [shardColumns(LOGS[item.id] ?? [])] })))),
  };
}

function importBoth(csv: { trackers: string; logs: string }, existing: ExistingData = EMPTY, skipInvalid = false) {
  const draft = draftOf('trackers', [{ name: 'logs.csv', text: csv.logs }, { name: 'trackers.csv', text: csv.trackers }], { newId: counterIds(), offsetAt: () => 0 });
  return planImport(draft, existing, { skipInvalid, now: NOW });
}

describe('our CSV format, round trip', () => {
  it('gives back identical trackers and logs (compared canonically)', async () => {
    const plan = importBoth(await exportAll());
    expect(plan.errors).toEqual([]);
    expect(plan.canCommit).toBe(true);
    // The pinned flag and the reminder shape this app's tray and nudges; the CSV carries
    // neither (imported trackers start unpinned, with the default reminder).
    expect(plan.newTrackers).toEqual(TRACKERS.map(({ id: _id, pinned: _pinned, reminder: _reminder, ...rest }) => rest));
    const byIndex = plan.entries.list().map((planned) => ({ ...planned, trackerId: 'newIndex' in planned.tracker ? TRACKERS[planned.tracker.newIndex]?.id : '?' }));
    const expected = Object.values(LOGS).flat().map(({ id: _id, ...rest }) => rest);
    expect(byIndex.map(({ tracker: _t, ...rest }) => rest)).toEqual(expected);
  });

  it('imports the same export again as duplicates only', async () => {
    const csv = await exportAll();
    const existing: ExistingData = { trackers: TRACKERS, logsOf: (id) => LOGS[id] ?? [] };
    const plan = importBoth(csv, existing);
    expect(plan.newTrackers).toEqual([]);
    expect(plan.entries.list()).toEqual([]);
    expect(plan.duplicates).toBe(Object.values(LOGS).flat().length);
    expect([...plan.existingTrackers].sort()).toEqual(TRACKERS.map((item) => item.name).sort());
  });

  it('writes the UI words as columns, no byte-order mark (the saver adds it), CRLF, and readable values', async () => {
    const csv = await exportAll();
    expect(csv.trackers.startsWith('name,description,type,settings,target,color,emoji,archived,created\r\n')).toBe(true);
    expect(csv.logs.startsWith('tracker,time,value,value_canonical,note\r\n')).toBe(true);
    expect(csv.logs).toContain('"Weight, morning",2026-01-02T08:30:00+01:00,72.5,72.5,"a, b and ""c"""\r\n');
    expect(csv.logs).toContain('"Weight, morning",2026-01-02T18:30:00.250-05:00,-3,-3,\'=SUM(A1:A2)\r\n');
    expect(csv.logs).toContain('\'=Mood,2026-01-02T12:00:00+00:00,Calm; 😀 Happy,"[""o-calm"",""o-happy""]",\'\'quoted already\r\n');
    expect(csv.logs).toContain('Meditated,2026-01-02T07:00:00+01:00,yes,true,🧘 tab\tinside\r\n');
    expect(csv.logs).toContain('Reading,2026-01-02T22:00:00+01:00,1h 30m,5400,\r\n');
    expect(csv.trackers).toContain('Meditated,,boolean,{},"{""period"":""week"",""comparison"":""at_least"",""value"":5}",#22aa55,,no,2026-01-01T10:00:00.000Z\r\n');
  });

  it('previews the first rows as they will be stored, with counts', async () => {
    const plan = importBoth(await exportAll());
    const preview = previewOf(plan, []);
    expect(preview.counts).toEqual({ newTrackers: 4, existingTrackers: 0, newLogs: 10, duplicates: 0, errors: 0, skippedRows: 0, leftOut: 0 });
    expect(preview.rows[0]).toEqual({ tracker: 'Weight, morning', time: '2026-01-02T08:30:00+01:00', value: '72.5', note: 'a, b and "c"' });
    expect(preview.files.map((file) => [file.file, file.role, file.separator])).toEqual([
      ['logs.csv', 'logs', ','],
      ['trackers.csv', 'trackers', ','],
    ]);
    expect(preview.canCommit).toBe(true);
  });
});

describe('formula guard', () => {
  it.each(['=1+1', '+1', '-x', '@a', '\tx', '\rx', "'x", "''", "'=1", 'plain', '', 'a=b'])('round-trips %j exactly', (cell) => {
    const escaped = escapeCell(cell);
    expect(unescapeCell(escaped)).toBe(cell);
    expect(/^[=+\-@\t\r]/.test(escaped)).toBe(false);
  });

  it('leaves plain numbers alone in value columns only', () => {
    expect(escapeCell('-3', true)).toBe('-3');
    expect(escapeCell('+2.5e3', true)).toBe('+2.5e3');
    expect(escapeCell('-3')).toBe("'-3");
    expect(escapeCell('-3+1', true)).toBe("'-3+1");
  });

  it("keeps a hand-typed leading quote that we did not add", () => {
    expect(unescapeCell("'hello")).toBe("'hello");
  });
});

describe('reading CSV files', () => {
  const LOGS_TEXT = (sep: string, nl: string) =>
    [['tracker', 'time', 'value', 'note'], ['Meditated', '2026-01-02T07:00:00+01:00', 'yes', '"two\nlines"'], ['Meditated', '2026-01-03T07:00:00+01:00', 'no', `"a${sep}b"`]].map((row) => row.join(sep)).join(nl) + nl;

  it.each([
    [',', '\n', false],
    [';', '\r\n', true],
    ['\t', '\r\n', false],
    [';', '\n', true],
  ])('detects separator %j with line end %j (BOM %s)', (sep, nl, bom) => {
    const table = readCsv('x.csv', (bom ? '\uFEFF' : '') + LOGS_TEXT(sep, nl));
    expect(table.separator).toBe(sep);
    expect(table.header).toEqual(['tracker', 'time', 'value', 'note']);
    expect([...table.rows].map((row) => [row.row, row.cells[3]])).toEqual([
      [2, 'two\nlines'],
      [3, `a${sep}b`],
    ]);
  });

  it('numbers rows as a spreadsheet does: a quoted newline stays one row, blank lines count', () => {
    const text = 'tracker,time,value\nA,"x\ny\nz",1\n\nB,t,\n';
    expect([...readCsv('x.csv', text).rows].map((row) => row.row)).toEqual([2, 4]);
  });

  it('refuses files over the documented size limit', () => {
    expect(MAX_CSV_BYTES).toBe(200 * 1024 * 1024);
    // Two bytes per é in UTF-8: over the limit in bytes though under it in characters.
    expect(() => readCsv('big.csv', 'é'.repeat(MAX_CSV_BYTES / 2 + 1))).toThrow(/larger than 200 MB/);
  });
});

describe('skip invalid rows', () => {
  it('imports the good rows and lists the skipped ones, only when asked', () => {
    const trackers = 'name,type\nMeditated,boolean\n';
    const logs = 'tracker,time,value\nMeditated,2026-01-02T07:00:00Z,yes\nMeditated,2026-01-03T07:00:00Z,perhaps\nMeditated,nope,no\nMeditated,2026-01-05T07:00:00Z,no\n';
    const strict = importBoth({ trackers, logs });
    expect(strict.canCommit).toBe(false);
    expect(strict.skippedRows).toEqual([]);
    const lenient = importBoth({ trackers, logs }, EMPTY, true);
    expect(lenient.canCommit).toBe(true);
    expect(lenient.entries.list().map((planned) => planned.value)).toEqual([true, false]);
    expect(lenient.skippedRows).toEqual([
      { file: 'logs.csv', row: 3 },
      { file: 'logs.csv', row: 4 },
    ]);
  });

  it('still refuses a file whose columns are wrong', () => {
    const plan = importBoth({ trackers: 'name,type\nA,boolean\n', logs: 'tracker,time,note\nA,2026-01-02T07:00:00Z,x\n' }, EMPTY, true);
    expect(plan.canCommit).toBe(false);
  });
});

describe('value and time text', () => {
  it.each([0, 45, 60, 3600, 3605, 5400, 86_399, 360_000])('writes %i seconds as text that reads back', (seconds) => {
    expect(parseDurationText(durationText(seconds))).toBe(seconds);
  });

  it.each([
    ['2026-01-02T07:30:00.000Z', 60, '2026-01-02T08:30:00+01:00'],
    ['2026-01-02T23:30:00.000Z', 90, '2026-01-03T01:00:00+01:30'],
    ['2026-01-02T00:15:00.007Z', -60, '2026-01-01T23:15:00.007-01:00'],
    ['2026-01-02T00:15:00.000Z', 0, '2026-01-02T00:15:00+00:00'],
    ['2026-01-02T00:15:00.000Z', -0, '2026-01-02T00:15:00+00:00'],
    ['2026-01-02T12:00:00.500Z', -330, '2026-01-02T06:30:00.500-05:30'],
    ['2026-01-02T12:59:59.999Z', 840, '2026-01-03T02:59:59.999+14:00'],
    ['2026-12-31T23:59:00.000Z', 1, '2027-01-01T00:00:00+00:01'],
    ['2024-02-29T00:00:00.000Z', -1, '2024-02-28T23:59:00-00:01'],
  ])('writes %s at offset %i as %s, the same the second time', (at, offset, text) => {
    expect(logTimeText(at, offset)).toBe(text);
    expect(logTimeText(at, offset)).toBe(text);
  });
});
