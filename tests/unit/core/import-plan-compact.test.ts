/**
 * What an import plan keeps, compactly (planned-entries.ts, moment-table.ts, row-errors.ts):
 * times and values come back exactly as they went in, duplicates are found on both roads
 * (rows in time order, and the table once they are not), and errors are counted exactly
 * while only the first ones in file and row order are kept — the same list a plan keeping
 * every error would show.
 */
import { describe, expect, it } from 'vitest';
import type { LogValue, TrackerType } from '../../../src-preload/contract';
import { planFiles } from '../../../src-main/core/io/import-kinds';
import { MomentTable } from '../../../src-main/core/io/moment-table';
import { momentOf, StoredMoments, TimeTexts, TrackerEntries, ValueCodes } from '../../../src-main/core/io/planned-entries';
import { rowError, type ImportRowError, type SourceRow } from '../../../src-main/core/io/import-errors';
import { MAX_LISTED_ERRORS, RowErrors } from '../../../src-main/core/io/row-errors';
import { previewOf } from '../../../src-main/core/io/import-preview';
import { counterIds } from './csv-fixtures';
import { seededRandom } from '../../../bench/random';

/** Stored-form times: the usual, the edges of the fast road, leap days, odd milliseconds, years outside 1000–9999. */
const ODD_TIMES = [
  '2026-11-25T07:30:00.000Z',
  '2024-02-29T23:59:59.999Z',
  '1000-01-01T00:00:00.000Z',
  '0999-12-31T23:59:59.999Z',
  '0001-01-01T00:00:00.001Z',
  '0050-06-15T12:00:00.000Z',
  '9999-12-31T23:59:59.999Z',
  '1969-12-31T23:59:59.999Z',
  '1970-01-01T00:00:00.000Z',
  '+010000-01-01T00:00:00.000Z',
  '-000001-12-31T00:00:00.500Z',
];

function randomTimes(count: number): string[] {
  const random = seededRandom(7);
  return Array.from({ length: count }, () => new Date(Math.floor((random() * 2 - 1) * 8.64e15 * 0.05)).toISOString());
}

describe('times kept as milliseconds', () => {
  it.each(ODD_TIMES)('%s reads as Date.parse reads it and is written back exactly', (at) => {
    expect(momentOf(at)).toBe(Date.parse(at));
    expect(new TimeTexts().of(momentOf(at))).toBe(at);
  });

  it('agrees with Date.parse and toISOString on 20,000 random moments, written in any order', () => {
    const times = new TimeTexts();
    const wrong = randomTimes(20_000).filter((at) => momentOf(at) !== Date.parse(at) || times.of(momentOf(at)) !== at);
    expect(wrong).toEqual([]);
  });
});

describe('value codes', () => {
  const values: [TrackerType, LogValue[]][] = [
    ['numerical', [0, -0, 72.5, -3, 1e15, 0.1 + 0.2, true, ['a']]],
    ['duration', [0, 5400, 3605, false]],
    ['boolean', [true, false, 1, 0, ['a']]],
    ['multiple_choice', [['a'], ['a', 'b'], ['b', 'a'], [], 1, true]],
  ];
  const same = (a: LogValue, b: LogValue): boolean => a === b || (Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((id, index) => id === b[index]));

  it.each(values)('%s: two values have equal codes exactly when they are the same value', (type, list) => {
    const codes = new ValueCodes(type);
    for (const a of list) for (const b of list) expect([a, b, codes.code(a) === codes.code(b)]).toEqual([a, b, same(a, b) && typeof a === typeof b && validFor(type, a)]);
  });

  it.each(values)('%s: a value of its kind comes back from its code', (type, list) => {
    const codes = new ValueCodes(type);
    for (const value of list.filter((item) => validFor(type, item))) expect(codes.value(codes.code(value))).toEqual(value);
  });
});

function validFor(type: TrackerType, value: LogValue): boolean {
  if (type === 'numerical' || type === 'duration') return typeof value === 'number';
  if (type === 'boolean') return typeof value === 'boolean';
  return Array.isArray(value);
}

describe('a tracker’s entries', () => {
  const at = (hour: number, minute = 0) => `2026-01-01T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00.000Z`;

  it('keeps each entry once, in time order or not, and gives it back as it came', () => {
    const entries = new TrackerEntries('numerical');
    const added = [
      [at(8), 70],
      [at(8), 70],
      [at(8), 71],
      [at(9), 70],
      [at(7), 70],
      [at(8), 71],
      [at(9), 70],
      [at(7), 69],
    ].map(([time, value], place) => entries.add(place, time as string, 60, value as number, `note ${place}`));
    expect(added).toEqual([true, false, true, true, true, false, false, true]);
    const times = new TimeTexts();
    expect(Array.from({ length: entries.length }, (_, index) => [entries.placeOf(index), entries.fields(index, times)])).toEqual([
      [0, { at: at(8), offsetMinutes: 60, value: 70, note: 'note 0' }],
      [2, { at: at(8), offsetMinutes: 60, value: 71, note: 'note 2' }],
      [3, { at: at(9), offsetMinutes: 60, value: 70, note: 'note 3' }],
      [4, { at: at(7), offsetMinutes: 60, value: 70, note: 'note 4' }],
      [7, { at: at(7), offsetMinutes: 60, value: 69, note: 'note 7' }],
    ]);
  });

  it('leaves out what is stored (stored logs in any order), choices compared in order', () => {
    const stored = StoredMoments.fromLogs('multiple_choice', [
      { at: at(9), value: ['a'] },
      { at: at(8), value: ['a', 'b'] },
    ]);
    const entries = new TrackerEntries('multiple_choice', stored);
    expect([entries.add(0, at(8), 0, ['a', 'b'], ''), entries.add(1, at(8), 0, ['b', 'a'], ''), entries.add(2, at(9), 0, ['a'], ''), entries.add(3, at(10), 0, ['a'], '')]).toEqual([false, true, false, true]);
  });

  it('finds duplicates among 30,000 shuffled entries as a set of moments and values would', () => {
    const random = seededRandom(3);
    const entries = new TrackerEntries('duration');
    const seen = new Set<string>();
    const wrong: string[] = [];
    for (let place = 0; place < 30_000; place++) {
      const time = at(Math.floor(random() * 24), Math.floor(random() * 60));
      const value = Math.floor(random() * 3);
      const key = `${time}/${value}`;
      if (entries.add(place, time, 0, value, '') === seen.has(key)) wrong.push(`${place}: ${key}`);
      seen.add(key);
    }
    expect(wrong).toEqual([]);
    expect(entries.length).toBe(seen.size);
  });
});

describe('the moment table', () => {
  it('lists the entries of each moment, latest first, across many moments and growth', () => {
    const table = new MomentTable(4);
    const expected = new Map<number, number[]>();
    const random = seededRandom(11);
    for (let entry = 0; entry < 50_000; entry++) {
      // Moments far apart and close together, negative ones too, and some repeated.
      const moment = Math.floor((random() - 0.3) * 2 ** 42) * (entry % 3 === 0 ? 1 : 1000);
      table.add(moment, entry);
      expected.set(moment, [entry, ...(expected.get(moment) ?? [])]);
    }
    const wrong = [...expected].filter(([moment, entries]) => {
      const listed: number[] = [];
      table.some(moment, (entry) => (listed.push(entry), false));
      return listed.join() !== entries.join();
    });
    expect(wrong).toEqual([]);
    expect(table.some(123.5, () => true)).toBe(false);
  });
});

describe('errors kept in bounded memory', () => {
  const byPlace = (a: SourceRow, b: SourceRow) => (a.file === b.file ? a.row - b.row : a.file < b.file ? -1 : 1);

  it('keeps, of errors found in any order, the first ones by file and row (ties in the order found), and counts every row', () => {
    const random = seededRandom(5);
    const limit = 50;
    const errors = new RowErrors(limit);
    const all: ImportRowError[] = [];
    for (let index = 0; index < 2_000; index++) {
      const error = rowError({ file: random() < 0.5 ? 'b.csv' : 'a.csv', row: 1 + Math.floor(random() * 300) }, '', 'CELL_INVALID', `error ${index}`);
      all.push(error);
      errors.add(error);
    }
    const first = [...all].sort(byPlace).slice(0, limit);
    expect(errors.count).toBe(2_000);
    expect(errors.listed()).toEqual(all.filter((error) => first.includes(error)));
    const rows = [...new Map(all.filter((error) => error.row !== 1).map((error) => [`${error.file}/${error.row}`, { file: error.file, row: error.row }])).values()].sort(byPlace);
    expect(errors.rowsWithErrors()).toEqual({ count: rows.length, rows: rows.slice(0, limit) });
  });

  it('through an import: 6,000 bad rows are all counted and the first 5,000 listed, in the preview as before', () => {
    // Rows 2–4,001 have a bad value, found as they are read; rows 4,002–6,001 have too few
    // cells, problems the scanner reports after the last row.
    const lines = ['name,type', 'Weight,numerical'];
    const logs = ['tracker,time,value'];
    for (let row = 2; row <= 6_001; row++) logs.push(row <= 4_001 ? 'Weight,2026-01-01T08:00:00Z,heavy' : 'Weight');
    const plan = planFiles('trackers', [{ name: 'trackers.csv', text: lines.join('\n') }, { name: 'logs.csv', text: logs.join('\n') }], { newId: counterIds(), offsetAt: () => 0 }, { trackers: [], logsOf: () => [] }, { skipInvalid: true, now: '2026-11-25T12:00:00.000Z' });
    const preview = previewOf(plan, []);
    expect(preview.counts).toMatchObject({ errors: 6_000, skippedRows: 6_000, newLogs: 0 });
    expect(preview.errors).toHaveLength(MAX_LISTED_ERRORS);
    expect(preview.errors.map((error) => error.row)).toEqual(Array.from({ length: MAX_LISTED_ERRORS }, (_, index) => index + 2));
    expect(preview.errors[4_000]).toMatchObject({ row: 4_002, code: 'CSV_COLUMN_COUNT' });
    expect(preview.skippedRows.map((row) => row.row)).toEqual(Array.from({ length: MAX_LISTED_ERRORS }, (_, index) => index + 2));
    expect(preview.canCommit).toBe(true);
  });
});
