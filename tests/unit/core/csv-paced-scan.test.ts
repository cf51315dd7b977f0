/**
 * The paced scan (an import's check, with a pause every few thousand rows) reads every
 * file exactly as the scan in one go does — the same rows and cells, the same problems,
 * the same refusals — however often it pauses; a failure after a pause rejects instead of
 * escaping from a timer's turn. And the import service really pauses: its progress can be
 * asked for, and moves, while a large file is checked.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../../src-main/core/errors';
import { approximateRows, decodeCsvBytes, readCsv, scanCsv, scanCsvPaced, type CsvHeader, type CsvScan, type RowVisitor, type ScanPace } from '../../../src-main/core/io/csv-reader';
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

async function readPaced(name: string, text: string, every: number): Promise<{ outcome: Outcome; pauses: number }> {
  const { headers, rows, onHeader } = recorder();
  let pauses = 0;
  const pace: ScanPace = { every, pause: () => (pauses++, new Promise((resolve) => setImmediate(resolve))) };
  try {
    return { outcome: { read: { scan: await scanCsvPaced(name, text, onHeader, pace), headers, rows } }, pauses };
  } catch (error) {
    return { outcome: refusalOf(error), pauses };
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

describe('the paced scan', () => {
  const cases = [...fixtureTexts(), ...TRICKY];

  it('has at least the whole fixture corpus to compare on', () => {
    expect(cases.length).toBeGreaterThan(50);
  });

  it.each(cases)('reads %s exactly as the scan in one go, pausing after every row or every few', async (name, text) => {
    const atOnce = readAtOnce(name, text);
    for (const every of [1, 2, 7]) {
      const { outcome, pauses } = await readPaced(name, text, every);
      expect(outcome).toEqual(atOnce);
      const rows = 'read' in atOnce ? atOnce.read.scan.rows : 0;
      expect(pauses).toBe(Math.floor(rows / every));
    }
  });

  it('stops after the header when the header is all that is wanted', async () => {
    let visited = false;
    const scan = await scanCsvPaced('x.csv', 'tracker,time\nA,1\nB,2\n', () => 'stop', { every: 1, pause: () => Promise.resolve().then(() => void (visited = true)) });
    expect(scan.header).toEqual(['tracker', 'time']);
    expect(scan.rows).toBe(0);
    expect(visited).toBe(false);
  });

  it('rejects with the error of a row read after a pause, and reads no further', async () => {
    const seen: number[] = [];
    const onHeader = () => (row: number) => {
      seen.push(row);
      if (row === 4) throw new AppFailure('INTERNAL', 'row 4 broke');
    };
    const scanning = scanCsvPaced('x.csv', 'a\n1\n2\n3\n4\n5\n6\n', onHeader, { every: 1, pause: () => new Promise((resolve) => setImmediate(resolve)) });
    await expect(scanning).rejects.toMatchObject({ code: 'INTERNAL', message: 'row 4 broke' });
    expect(seen).toEqual([2, 3, 4]);
  });

  it('rejects when a pause fails, and reads no further', async () => {
    const seen: number[] = [];
    const scanning = scanCsvPaced('x.csv', 'a\n1\n2\n3\n4\n', () => (row) => void seen.push(row), { every: 2, pause: () => Promise.reject(new Error('closing')) });
    await expect(scanning).rejects.toThrow('closing');
    expect(seen).toEqual([2, 3]);
  });

  it('refuses an empty or binary file as the scan in one go does', async () => {
    const pace: ScanPace = { every: 1, pause: () => Promise.resolve() };
    await expect(scanCsvPaced('e.csv', ' \n', () => null, pace)).rejects.toMatchObject({ code: 'CSV_EMPTY' });
    await expect(scanCsvPaced('b.csv', 'a\u0000b', () => null, pace)).rejects.toMatchObject({ code: 'CSV_BINARY' });
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
  it('answers progress polls while it checks, moving forward, and ends at the total', async () => {
    const client = new Client(await startCore());
    await client.ok('signUp', SIGN_UP);
    await client.ok('createTracker', { name: 'Steps', settings: { type: 'numerical' } });
    const count = CHECK_SLICE_ROWS * 2 + 1_000;
    const start = Date.parse('2020-01-01T00:00:00.000Z');
    const lines = ['tracker,time,value'];
    for (let i = 0; i < count; i++) lines.push(`Steps,${new Date(start + i * 3_600_000).toISOString()},${i % 5_000}`);
    const text = `${lines.join('\n')}\n`;

    let finished = false;
    const preview = client.ok('previewImport', { kind: 'logs', files: [{ name: 'steps.csv', text }], skipInvalid: false }).finally(() => (finished = true));
    const seen: JobView[] = [];
    while (!finished) {
      // A timer's turn between polls, as the renderer's interval gives: the check runs in between.
      await new Promise((resolve) => setTimeout(resolve, 1));
      const { job } = await client.ok('jobProgress', {});
      if (job?.phase === CHECK_PHASE) seen.push(job);
    }
    expect((await preview).counts.newLogs).toBe(count);
    const midway = seen.filter((job) => job.done > 0 && job.done < job.total);
    expect(midway.length).toBeGreaterThan(0);
    expect(seen.every((job) => job.kind === 'import-preview' && job.total === count)).toBe(true);
    const done = seen.map((job) => job.done);
    expect(done).toEqual([...done].sort((a, b) => a - b));
  });
});
