/**
 * The scan guesses a file's line breaks and separator from its first MiB (or more, until
 * its first ten rows fit) instead of from its whole text (csv-reader.ts, `guessLayout`).
 * Whatever falls across the end of that prefix — a row, a quoted cell with line breaks, a
 * CRLF, a byte-order mark — the scan reads every file exactly as papaparse reads the whole
 * text with its own guess.
 */
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { guessLayout, LAYOUT_GUESS_CHARS, scanCsv, type CsvHeader, type RowVisitor } from '../../../src-main/core/io/csv-reader';

const BOM = '\uFEFF';

/** Rows `n;value n;…` (CRLF), then a row whose last cell, `tail`, starts at character `at`. */
function fileWith(at: number, tail: string, head = 'name;value;note\r\n'): string {
  const rows = [head];
  let length = head.length;
  for (let row = 0; length < at - 40; row++) {
    const line = `n${row};${row * 7},5;plain note ${row}\r\n`;
    rows.push(line);
    length += line.length;
  }
  rows.push('x'.repeat(at - length - 3), ';1;');
  return rows.join('') + tail;
}

/** What the scan used to read: papaparse over the whole text, guessing from all of it. */
function reference(text: string) {
  const body = text.startsWith(BOM) ? text.slice(1) : text;
  const parsed = Papa.parse<string[]>(body, { delimitersToGuess: [',', ';', '\t'], header: false, skipEmptyLines: false });
  const [header = [], ...rows] = parsed.data;
  return { separator: parsed.meta.delimiter, header: header.map((cell) => cell.trim()), rows: rows.filter((cells) => cells.some((cell) => cell.trim() !== '')) };
}

function recorder() {
  const rows: string[][] = [];
  const onHeader = (_header: CsvHeader): RowVisitor => (_row, cells) => rows.push([...cells]);
  return { rows, onHeader };
}

function expectReadAsWhole(text: string) {
  const expected = reference(text);
  const atOnce = recorder();
  const scan = scanCsv('big.csv', text, atOnce.onHeader);
  expect({ separator: scan.separator, header: scan.header, problems: scan.problems }).toEqual({ separator: expected.separator, header: expected.header, problems: [] });
  expect(atOnce.rows).toEqual(expected.rows);
  return expected;
}

describe('the layout guessed from the start of a file', () => {
  it('a row across the end of the guessed prefix', () => {
    const text = fileWith(LAYOUT_GUESS_CHARS - 3, 'the note of the row across the end\r\nlast;2;after\r\n');
    const read = expectReadAsWhole(text);
    expect(read.separator).toBe(';');
    expect(read.rows.at(-2)?.[2]).toBe('the note of the row across the end');
  });

  it('a quoted cell with line breaks and separators across the end of the prefix', () => {
    const quoted = '"first line;\r\nsecond line, ""quoted""\r\nthird"';
    const text = fileWith(LAYOUT_GUESS_CHARS - 20, `${quoted}\r\nlast;2;after\r\n`);
    const read = expectReadAsWhole(text);
    expect(read.rows.at(-2)?.[2]).toBe('first line;\r\nsecond line, "quoted"\r\nthird');
  });

  it('a CRLF split by the end of the prefix', () => {
    // The prefix ends between the \r and the \n of the line break after `end`.
    const text = fileWith(LAYOUT_GUESS_CHARS - 4, 'end\r\nlast;2;after\r\n');
    expect(text.slice(LAYOUT_GUESS_CHARS - 1, LAYOUT_GUESS_CHARS + 1)).toBe('\r\n');
    const read = expectReadAsWhole(text);
    expect(guessLayout(text).newline).toBe('\r\n');
    expect(read.rows.at(-1)).toEqual(['last', '2', 'after']);
  });

  it('a byte-order mark is dropped at the start only: one at the end of the prefix stays in its cell', () => {
    const text = BOM + fileWith(LAYOUT_GUESS_CHARS - 1, `${BOM}kept\r\nlast;2;after\r\n`);
    expect(text.charAt(1 + LAYOUT_GUESS_CHARS - 1)).toBe(BOM);
    const read = expectReadAsWhole(text);
    expect(read.header).toEqual(['name', 'value', 'note']);
    expect(read.rows.at(-2)?.[2]).toBe(`${BOM}kept`);
  });

  it('first ten rows longer than a MiB: the guess reads on until they fit', () => {
    // Cut after its fourth row's start, this file looks comma-separated (three cells a row
    // so far); its first ten rows say semicolons.
    const rows = ['p,q;r,s', 'p,q;r,s', 'p,q;r,s', `p,q,${'w'.repeat(LAYOUT_GUESS_CHARS)};end`, ...Array.from({ length: 8 }, (_, row) => `plain ${row};text`)];
    const text = `${rows.join('\n')}\n`;
    const read = expectReadAsWhole(text);
    expect(read.separator).toBe(';');
    expect(read.header).toEqual(['p,q', 'r,s']);
    expect(read.rows).toHaveLength(11);
  });
});
