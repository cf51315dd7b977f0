/**
 * A scan told its progress (an import's check, told every few thousand rows) reads every
 * file exactly as a scan without — the same rows and cells, the same problems, the same
 * refusals — and is told after every `every` data rows. And an import's check of a large
 * file publishes its progress while it runs (the core's worker hands each change to its
 * host, which answers the polls): the listener hears the check move forward, slice by
 * slice, before the preview answers.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../../src-main/core/errors';
import { approximateRows, decodeCsvBytes, readCsv, scanCsv, type CsvHeader, type CsvScan, type RowVisitor } from '../../../src-main/core/io/csv-reader';
import { CHECK_PHASE, CHECK_SLICE_ROWS } from '../../../src-main/core/services/csv';
import type { JobView } from '../../../src-preload/contract';
import { FIXTURES } from './csv-fixtures';
import { Client, SIGN_UP, startCore } from './helpers';

interface Reading {
  readonly scan: CsvScan;
  readonly headers: CsvHeader[];
  readonly rows: [number, string[]][];
}

type Outcome = { readonly read: Reading } | { readonly refused: string };

function recorder(): { headers: CsvHeader[]; rows: [number, string[]][]; onHeader: (header: CsvHeader) => RowVisitor } {
  const headers: CsvHeader[] = [];
  const rows: [number, string[]][] = [];
  return { headers, rows, onHeader: (header) => (headers.push(header), (row, cells) => rows.push([row, [...cells]])) };
}

const refusalOf = (error: unknown): Outcome => {
  if (error instanceof AppFailure) return { refused: error.code };
  throw error;
};

function readAtOnce(name: string, text: string): Outcome {
  const { headers, rows, onHeader } = recorder();
  try {
    return { read: { scan: scanCsv(name, text, onHeader), headers, rows } };
  } catch (error) {
    return refusalOf(error);
  }
}

/** The scan told its progress every `every` rows; `told` holds the rows read at each call. */
function readTold(name: string, text: string, every: number): { outcome: Outcome; told: number[] } {
  const { headers, rows, onHeader } = recorder();
  const told: number[] = [];
  try {
    return { outcome: { read: { scan: scanCsv(name, text, onHeader, { every, read: () => told.push(rows.length) }), headers, rows } }, told };
  } catch (error) {
    return { outcome: refusalOf(error), told };
  }
}

/** Every CSV fixture: the malformed corpus, our base file and the other apps' exports. */
function fixtureTexts(): [string, string][] {
  const files: [string, string][] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.csv')) files.push([relative(FIXTURES, path), decodeOrEmpty(name, readFileSync(path))]);
    }
  };
  walk(FIXTURES);
  return files;
}

/** Binary fixtures are refused before any scan; their decoded stand-in (U+FFFD) is refused by both scans too. */
function decodeOrEmpty(name: string, bytes: Uint8Array): string {
  try {
    return decodeCsvBytes(name, bytes);
  } catch {
    return new TextDecoder().decode(bytes);
  }
}

const TRICKY: [string, string][] = [
  ['quoted line breaks across pauses', 'tracker,time,note\r\nA,1,"one\r\ntwo"\r\nB,2,"x, ""y"""\r\nC,3,"three\nlines\nhere"\r\nD,4,end\r\n'],
  ['semicolons and a byte-order mark', '\uFEFFtracker;time;value\nA;1;2,5\nB;2;3\n\nC;3;4\n'],
  ['tabs, blank lines, no final line break', 'tracker\ttime\n\nA\t1\n\nB\t2'],
  ['an unclosed quote mid-file', 'tracker,time\nA,1\nB,"2\nC,3\nD,4\n'],
  ['an unclosed quote in the header', '"tracker,time\nA,1\n'],
  ['a header alone', 'tracker,time\n'],
  ['rows of the wrong width', 'a,b,c\n1,2\n1,2,3\n1,2,3,4\n4,5,6\n'],
  ['formula cells', "tracker,value\nA,'=1+1\nB,'-3\nC,-3\n"],
];

describe('a scan told its progress', () => {
  const cases = [...fixtureTexts(), ...TRICKY];

  it('has at least the whole fixture corpus to compare on', () => {
    expect(cases.length).toBeGreaterThan(50);
  });

  it.each(cases)('reads %s exactly as a scan without, told after every row or every few', (name, text) => {
    const atOnce = readAtOnce(name, text);
    for (const every of [1, 2, 7]) {
      const { outcome, told } = readTold(name, text, every);
      expect(outcome).toEqual(atOnce);
      const rows = 'read' in atOnce ? atOnce.read.scan.rows : 0;
      expect(told).toEqual(Array.from({ length: Math.floor(rows / every) }, (_, index) => (index + 1) * every));
    }
  });

  it('is told nothing when the header is all that is wanted', () => {
    const told: number[] = [];
    const scan = scanCsv('x.csv', 'tracker,time\nA,1\nB,2\n', () => 'stop', { every: 1, read: () => told.push(1) });
    expect(scan.header).toEqual(['tracker', 'time']);
    expect(scan.rows).toBe(0);
    expect(told).toEqual([]);
  });

  it('ends with the error a row’s visitor throws, and reads no further', () => {
    const seen: number[] = [];
    const onHeader = () => (row: number) => {
      seen.push(row);
      if (row === 4) throw new AppFailure('INTERNAL', 'row 4 broke');
    };
    expect(() => scanCsv('x.csv', 'a\n1\n2\n3\n4\n5\n6\n', onHeader, { every: 1, read: () => undefined })).toThrow(expect.objectContaining({ code: 'INTERNAL', message: 'row 4 broke' }));
    expect(seen).toEqual([2, 3, 4]);
  });
});

describe('a table read for other apps’ importers (readCsv)', () => {
  const cases = [...fixtureTexts(), ...TRICKY].filter(([, text]) => 'read' in readAtOnce('x.csv', text));
  const big = `tracker,time,note\n${Array.from({ length: 4_321 }, (_, index) => `A,${index},"line ${index}\nnext, ""q"""`).join('\n')}\n`;

  it.each([...cases, ['4,321 rows with quoted line breaks (walked in batches of 1,000)', big]])('walks the rows of %s as the scan in one go reads them, each time it is walked', (name, text) => {
    const atOnce = readAtOnce(name, text);
    if (!('read' in atOnce)) throw new Error(`${name} is refused`);
    const table = readCsv(name, text);
    const expected = atOnce.read.rows.map(([row, cells]) => ({ row, cells }));
    expect({ header: table.header, separator: table.separator, problems: table.problems, length: table.rows.length }).toEqual({
      header: atOnce.read.scan.header,
      separator: atOnce.read.scan.separator,
      problems: atOnce.read.scan.problems,
      length: expected.length,
    });
    expect([...table.rows]).toEqual(expected);
    expect([...table.rows]).toEqual(expected);
  });
});

describe('approximateRows', () => {
  it.each([
    ['', 0],
    ['tracker,time', 0],
    ['tracker,time\n', 0],
    ['tracker,time\nA,1', 1],
    ['tracker,time\r\nA,1\r\nB,2\r\n', 2],
    // A line break in a quoted cell counts once more than the rows there are.
    ['tracker,note\nA,"x\ny"\n', 2],
  ])('%j → %i', (text, rows) => {
    expect(approximateRows(text)).toBe(rows);
  });
});

describe('an import’s check of a large file', () => {
  it('publishes its progress as it checks, slice by slice, moving forward to the total', async () => {
    let previewed = false;
    const heard: { job: JobView; previewed: boolean }[] = [];
    const client = new Client(await startCore({ onJobProgress: (_profileId, job) => job !== null && heard.push({ job, previewed }) }));
    await client.ok('signUp', SIGN_UP);
    await client.ok('createTracker', { name: 'Steps', settings: { type: 'numerical' } });
    const count = CHECK_SLICE_ROWS * 2 + 1_000;
    const start = Date.parse('2020-01-01T00:00:00.000Z');
    const lines = ['tracker,time,value'];
    for (let i = 0; i < count; i++) lines.push(`Steps,${new Date(start + i * 3_600_000).toISOString()},${i % 5_000}`);
    const text = `${lines.join('\n')}\n`;

    const preview = await client.ok('previewImport', { kind: 'logs', files: [{ name: 'steps.csv', text }], skipInvalid: false });
    previewed = true;
    expect(preview.counts.newLogs).toBe(count);
    const checking = heard.filter(({ job }) => job.phase === CHECK_PHASE);
    // Heard while the check ran, before the preview answered: a host answers polls with these.
    expect(checking.every((event) => !event.previewed && event.job.kind === 'import-preview' && event.job.total === count)).toBe(true);
    expect(checking.map(({ job }) => job.done)).toEqual([0, CHECK_SLICE_ROWS, CHECK_SLICE_ROWS * 2, count]);
  });
});
