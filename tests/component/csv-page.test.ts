import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import CsvPage from '../../src-renderer/src/features/csv/CsvPage.svelte';
import { errorListCsv } from '../../src-renderer/src/features/csv/error-list';
import { formatTime } from '../../src-renderer/src/features/logs/format';
import type { Api, ImportPreview } from '../../src-preload/contract';
import { blobText, captureDownloads } from './downloads';
import { ok, settingsIn, stubApi } from './stub-api';

/** Not the machine's zone (UTC here), so a time shown in it is the profile's doing. */
const TIME_ZONE = 'Asia/Tokyo';

const blocked: ImportPreview = {
  files: [{ file: 'logs.csv', role: 'logs', separator: ';', columns: ['tracker', 'time', 'value'], rows: 3 }],
  counts: { newTrackers: 0, existingTrackers: 1, newLogs: 2, duplicates: 1, errors: 1, skippedRows: 0, leftOut: 0 },
  trackers: [{ name: 'Weight', type: 'numerical', isNew: false }],
  rows: [
    { tracker: 'Weight', time: '2026-01-02T08:00:00+01:00', value: '71.5', note: 'after "run", tired' },
    { tracker: 'Weight', time: '2026-01-03T08:00:00+01:00', value: '72', note: '' },
  ],
  errors: [{ file: 'logs.csv', row: 4, column: 'value', code: 'LOG_VALUE_INVALID', message: 'Expected a number (in kg).' }],
  skippedRows: [],
  leftOut: [],
  canCommit: false,
};
const skipping: ImportPreview = { ...blocked, counts: { ...blocked.counts, skippedRows: 1 }, skippedRows: [{ file: 'logs.csv', row: 4 }], canCommit: true };

/** What the page handed to the browser as downloads. */
const downloads = captureDownloads();


/** A picked file; jsdom's File lacks `text()`, which every browser the app runs in has. */
function csvFile(name: string, text: string): File {
  return Object.assign(new File([text], name, { type: 'text/csv' }), { text: async () => text });
}

describe('the import / export page', () => {
  it('previews picked files, lists errors, and imports only after "skip invalid rows" is chosen', async () => {
    const previewImport = vi.fn<Api['previewImport']>(async (input) => ok(input.skipInvalid ? skipping : blocked));
    const commitImport = vi.fn<Api['commitImport']>(async () => ok({ trackersCreated: 0, logsAdded: 2, duplicates: 1, skipped: 1 }));
    render(CsvPage, { props: { api: stubApi({ getSettings: settingsIn(TIME_ZONE), previewImport, commitImport }) } });

    const text = 'tracker;time;value\nWeight;2026-01-02T08:00:00+01:00;71.5\n';
    await fireEvent.change(screen.getByLabelText('Choose CSV files…'), { target: { files: [csvFile('logs.csv', text)] } });

    const preview = await screen.findByRole('region', { name: 'Preview' });
    expect(previewImport).toHaveBeenCalledWith({ kind: 'trackers', files: [{ name: 'logs.csv', text }], skipInvalid: false });
    expect(within(preview).getByRole('list', { name: 'What the import does' }).textContent).toContain('2 new entries');
    expect(within(preview).getByRole('table', { name: 'Files read' }).textContent).toContain('semicolon');
    expect(within(preview).getByRole('table', { name: /first entries/ }).textContent).toContain('after "run", tired');
    const errors = within(preview).getByRole('table', { name: /Nothing can be imported/ });
    expect(within(errors).getAllByRole('row')[1]?.textContent).toContain('Expected a number (in kg).');
    const importButton = within(preview).getByRole('button', { name: 'Import 2 entries' }) as HTMLButtonElement;
    expect(importButton.disabled).toBe(true);

    await fireEvent.click(within(preview).getByRole('button', { name: 'Download the error list' }));
    expect(downloads.map((download) => download.name)).toEqual(['import-errors.csv']);
    const errorList = await blobText(downloads[0]?.blob);
    expect(errorList).toContain('logs.csv,4,value,LOG_VALUE_INVALID,Expected a number (in kg).');
    // Saved with a byte-order mark (3 bytes), which the reader drops as it decodes.
    expect(downloads[0]?.blob.size).toBe(new TextEncoder().encode(errorList).length + 3);

    await fireEvent.click(within(preview).getByLabelText('Skip invalid rows'));
    await screen.findByRole('table', { name: /Rows that will be skipped/ });
    expect(previewImport).toHaveBeenLastCalledWith({ kind: 'trackers', files: [{ name: 'logs.csv', text }], skipInvalid: true });
    const enabled = screen.getByRole('button', { name: 'Import 2 entries' }) as HTMLButtonElement;
    expect(enabled.disabled).toBe(false);

    await fireEvent.click(enabled);
    expect(commitImport).toHaveBeenCalledWith({ kind: 'trackers', files: [{ name: 'logs.csv', text }], skipInvalid: true });
    expect((await screen.findByText(/^Imported/)).textContent).toBe('Imported 2 entries, 0 new trackers, 1 duplicate left out, 1 invalid row skipped.');
    expect(screen.queryByRole('region', { name: 'Preview' })).toBeNull();
  });

  it('counts and lists what an import leaves out, with the reason', async () => {
    const leftOut: ImportPreview['leftOut'] = [
      { file: '001 Wake up early/Checkmarks.csv', row: 8, column: 'Wake up early', code: 'DAY_IMPLIED', message: 'Loop filled this day in from the habit’s frequency (YES_AUTO); you did not enter it, so it is not an entry.' },
      { file: 'Scores.csv', row: 1, column: '', code: 'FILE_NOT_READ', message: 'Loop computes scores from the checkmarks; the app computes its own statistics from the entries.' },
    ];
    const withLeftOut: ImportPreview = { ...blocked, counts: { ...blocked.counts, errors: 0, leftOut: 2 }, errors: [], leftOut, canCommit: true };
    render(CsvPage, { props: { api: stubApi({ getSettings: settingsIn(TIME_ZONE), previewImport: async () => ok(withLeftOut) }) } });
    await fireEvent.change(screen.getByLabelText('Format'), { target: { value: 'loop' } });
    await fireEvent.change(screen.getByLabelText('Choose CSV files…'), { target: { files: [csvFile('Habits.csv', 'Position,Name\n')] } });

    const preview = await screen.findByRole('region', { name: 'Preview' });
    expect(within(preview).getByRole('list', { name: 'What the import does' }).textContent).toContain('2 left out (why: below)');
    const rows = within(within(preview).getByRole('table', { name: 'Left out, and why' })).getAllByRole('row');
    expect(rows.slice(1).map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent))).toEqual(leftOut.map((item) => [item.file, String(item.row), item.column, item.message]));
  });

  it('shows a refused file’s message and offers no import', async () => {
    const previewImport = vi.fn<Api['previewImport']>(async () => ({ ok: false, error: { code: 'CSV_BINARY', message: 'photo.csv is not a text (UTF-8) CSV file.' } }));
    render(CsvPage, { props: { api: stubApi({ getSettings: settingsIn(TIME_ZONE), previewImport }) } });
    await fireEvent.change(screen.getByLabelText('Format'), { target: { value: 'daylio' } });
    await fireEvent.change(screen.getByLabelText('Choose CSV files…'), { target: { files: [csvFile('photo.csv', '\uFFFD\uFFFD')] } });
    expect((await screen.findByRole('alert')).textContent).toBe('photo.csv is not a text (UTF-8) CSV file.');
    expect(previewImport).toHaveBeenCalledWith(expect.objectContaining({ kind: 'daylio' }));
    expect(screen.queryByRole('button', { name: /^Import / })).toBeNull();
  });

  it('exports the trackers and all logs as downloads named by the app', async () => {
    const trackersText = 'name,type\r\nWeight,numerical\r\n';
    const exportTrackersCsv = vi.fn<Api['exportTrackersCsv']>(async () => ok({ csv: trackersText, fileName: 'trackers-2026-11-25.csv' }));
    const exportLogsCsvChunk = vi.fn<Api['exportLogsCsvChunk']>(async () => ok({ csv: 'tracker,time\r\n', fileName: 'logs-2026-11-25.csv', cursor: null, done: 0, total: 0 }));
    render(CsvPage, { props: { api: stubApi({ getSettings: settingsIn(TIME_ZONE), exportTrackersCsv, exportLogsCsvChunk }) } });
    await fireEvent.click(screen.getByRole('button', { name: 'Export trackers CSV' }));
    expect((await screen.findByText('Saved trackers-2026-11-25.csv.')).getAttribute('role')).toBe('status');
    await fireEvent.click(screen.getByRole('button', { name: 'Export all logs CSV' }));
    await screen.findByText('Saved logs-2026-11-25.csv.');
    expect(exportLogsCsvChunk).toHaveBeenCalledWith({});
    expect(downloads.map((download) => download.name)).toEqual(['trackers-2026-11-25.csv', 'logs-2026-11-25.csv']);
    expect(await blobText(downloads[0]?.blob)).toBe(trackersText);
    // The texts come without a byte-order mark; each saved file starts with one (3 bytes).
    expect(downloads.map((download) => download.blob.size)).toEqual([trackersText.length + 3, 'tracker,time\r\n'.length + 3]);
  });

  it('builds the logs file from the parts, asking each with the cursor of the one before', async () => {
    const parts = ['tracker,time\r\n', 'Sleep,2026-01-02\r\n', 'Walked,2026-01-03\r\n'];
    const exportLogsCsvChunk = vi.fn<Api['exportLogsCsvChunk']>(async (input) => {
      const index = input.cursor === undefined ? 0 : Number(input.cursor.slice(1));
      return ok({ csv: parts[index] ?? '', fileName: 'logs.csv', cursor: index + 1 < parts.length ? `c${index + 1}` : null, done: index + 1, total: parts.length });
    });
    // Each Blob made, with what it was made of: the file is a Blob of the parts' Blobs, never one joined string.
    const made: BlobPart[][] = [];
    const RealBlob = Blob;
    vi.stubGlobal(
      'Blob',
      class extends RealBlob {
        constructor(blobParts?: BlobPart[], options?: BlobPropertyBag) {
          super(blobParts, options);
          made.push([...(blobParts ?? [])]);
        }
      },
    );
    render(CsvPage, { props: { api: stubApi({ getSettings: settingsIn(TIME_ZONE), exportLogsCsvChunk }) } });
    await fireEvent.click(screen.getByRole('button', { name: 'Export all logs CSV' }));
    await screen.findByText('Saved logs.csv.');
    expect(exportLogsCsvChunk.mock.calls.map(([input]) => input)).toEqual([{}, { cursor: 'c1' }, { cursor: 'c2' }]);
    expect(made.slice(0, 3)).toEqual(parts.map((part) => [part]));
    // The file: the byte-order mark, then the parts' Blobs.
    expect(made[3]).toHaveLength(4);
    expect(made[3]?.[0]).toBe('\uFEFF');
    expect(made[3]?.slice(1).every((part) => part instanceof RealBlob)).toBe(true);
    // The reader drops the byte-order mark as it decodes; the size shows the Blob holds it.
    expect(await blobText(downloads[0]?.blob)).toBe(parts.join(''));
    expect(downloads[0]?.blob.size).toBe(new TextEncoder().encode(`\uFEFF${parts.join('')}`).length);
  });

  it('shows the message of a part that fails, and downloads nothing', async () => {
    const exportLogsCsvChunk = vi.fn<Api['exportLogsCsvChunk']>(async (input) =>
      input.cursor === undefined
        ? ok({ csv: 'tracker\r\n', fileName: 'logs.csv', cursor: 'c1', done: 1, total: 2 })
        : Promise.resolve({ ok: false as const, error: { code: 'EXPORT_CURSOR_INVALID', message: 'Start the export again.' } }),
    );
    render(CsvPage, { props: { api: stubApi({ getSettings: settingsIn(TIME_ZONE), exportLogsCsvChunk }) } });
    await fireEvent.click(screen.getByRole('button', { name: 'Export all logs CSV' }));
    expect((await screen.findByText('Start the export again.')).getAttribute('role')).toBe('alert');
    expect(downloads).toEqual([]);
  });
});

/** A dropped file as the File and Directory Entries API gives it. */
function fileEntry(file: File): FileSystemEntry {
  const entry = { isFile: true, isDirectory: false, name: file.name, file: (done: (file: File) => void) => done(file) };
  return entry as unknown as FileSystemEntry;
}

/** A dropped folder whose reader answers in two batches and then an empty one, as Chromium's does for large folders. */
function folderEntry(name: string, children: FileSystemEntry[]): FileSystemEntry {
  const createReader = () => {
    const batches = [children.slice(0, 1), children.slice(1)];
    return { readEntries: (done: (entries: FileSystemEntry[]) => void) => done(batches.shift() ?? []) };
  };
  return { isFile: false, isDirectory: true, name, createReader } as unknown as FileSystemEntry;
}

/** The parts of a drop's DataTransfer the page reads: each item's entry (null: a browser without entries) and the files. */
function dropOf(entries: (FileSystemEntry | null)[], files: File[] = []) {
  return { types: ['Files'], files, items: entries.map((entry) => ({ kind: 'file', webkitGetAsEntry: () => entry })) };
}

const dropZone = () => screen.getByRole('group', { name: /^Drop CSV or ZIP files/ });

describe('choosing and dropping files', () => {
  const previewImport = vi.fn<Api['previewImport']>(async () => ok(blocked));
  beforeEach(() => previewImport.mockClear());

  it('offers the file choice as a button-like label around a focusable file input, and shows the names chosen', async () => {
    render(CsvPage, { props: { api: stubApi({ getSettings: settingsIn(TIME_ZONE), previewImport }) } });
    const input = screen.getByLabelText('Choose CSV files…') as HTMLInputElement;
    expect(input.type).toBe('file');
    expect(input.multiple).toBe(true);
    // The input itself stays the control: reachable with Tab, opened with Enter or Space.
    expect(input.hidden).toBe(false);
    expect(input.tabIndex).toBe(0);
    expect(input.closest('label')?.className).toContain('file-button');
    const zone = dropZone();
    const described = () => document.getElementById(zone.getAttribute('aria-describedby') ?? '')?.textContent;
    expect(described()).toBe('No file chosen yet.');

    await fireEvent.change(input, { target: { files: [csvFile('trackers.csv', 'name,type\n'), csvFile('logs.csv', 'tracker,time,value\n')] } });
    await screen.findByRole('region', { name: 'Preview' });
    expect(described()).toBe('Chosen: trackers.csv, logs.csv.');
    expect(previewImport.mock.calls[0]?.[0].files.map((file) => file.name)).toEqual(['trackers.csv', 'logs.csv']);
  });

  it('takes files dropped on the page as if they were chosen, and lights the drop zone during the drag', async () => {
    render(CsvPage, { props: { api: stubApi({ getSettings: settingsIn(TIME_ZONE), previewImport }) } });
    const text = 'tracker;time;value\nWeight;2026-01-02T08:00:00+01:00;71.5\n';
    const dataTransfer = dropOf([fileEntry(csvFile('logs.csv', text))]);
    const zone = dropZone();

    await fireEvent.dragEnter(zone, { dataTransfer });
    expect(zone.classList.contains('dragging')).toBe(true);
    // Not cancelled, the browser would refuse the drop (or open the file in place of the app).
    expect(await fireEvent.dragOver(zone, { dataTransfer })).toBe(false);
    await fireEvent.drop(zone, { dataTransfer });

    await screen.findByRole('region', { name: 'Preview' });
    expect(previewImport).toHaveBeenCalledWith({ kind: 'trackers', files: [{ name: 'logs.csv', text }], skipInvalid: false });
    expect(zone.classList.contains('dragging')).toBe(false);
    expect(zone.textContent).toContain('Chosen: logs.csv.');
  });

  it('walks a dropped folder (Loop’s unzipped export) to its CSV files, with their paths inside it', async () => {
    render(CsvPage, { props: { api: stubApi({ getSettings: settingsIn(TIME_ZONE), previewImport }) } });
    await fireEvent.change(screen.getByLabelText('Format'), { target: { value: 'loop' } });
    const folder = folderEntry('Loop Habits', [
      fileEntry(csvFile('Habits.csv', 'Position,Name\n')),
      fileEntry(csvFile('README.txt', 'not a CSV')),
      folderEntry('001 Meditate', [fileEntry(csvFile('Checkmarks.csv', 'Date,Value,Notes\n'))]),
    ]);
    await fireEvent.drop(dropZone(), { dataTransfer: dropOf([folder]) });

    await screen.findByRole('region', { name: 'Preview' });
    expect(previewImport).toHaveBeenCalledWith({
      kind: 'loop',
      files: [
        { name: '001 Meditate/Checkmarks.csv', text: 'Date,Value,Notes\n' },
        { name: 'Habits.csv', text: 'Position,Name\n' },
      ],
      skipInvalid: false,
    });
    expect(dropZone().textContent).toContain('Chosen: Loop Habits/.');
  });

  it('reads the drop’s files where the browser gives no entries', async () => {
    render(CsvPage, { props: { api: stubApi({ getSettings: settingsIn(TIME_ZONE), previewImport }) } });
    const file = csvFile('daylio.csv', 'full_date,mood\n');
    await fireEvent.drop(dropZone(), { dataTransfer: dropOf([null], [file]) });
    await screen.findByRole('region', { name: 'Preview' });
    expect(previewImport.mock.calls[0]?.[0].files).toEqual([{ name: 'daylio.csv', text: 'full_date,mood\n' }]);
  });

  it('leaves drags of anything but files to the browser', async () => {
    render(CsvPage, { props: { api: stubApi({ getSettings: settingsIn(TIME_ZONE), previewImport }) } });
    const text = { types: ['text/plain'], files: [], items: [] };
    await fireEvent.dragEnter(dropZone(), { dataTransfer: text });
    expect(dropZone().classList.contains('dragging')).toBe(false);
    expect(await fireEvent.dragOver(dropZone(), { dataTransfer: text })).toBe(true);
    await fireEvent.drop(dropZone(), { dataTransfer: text });
    expect(previewImport).not.toHaveBeenCalled();
  });
});

describe('the preview’s times', () => {
  it('shows each entry’s time in the profile’s time zone and the locale’s format, keeping the stored moment', async () => {
    render(CsvPage, { props: { api: stubApi({ getSettings: settingsIn(TIME_ZONE), previewImport: async () => ok(blocked) }) } });
    await fireEvent.change(screen.getByLabelText('Choose CSV files…'), { target: { files: [csvFile('logs.csv', 'tracker,time,value\n')] } });
    const table = await screen.findByRole('table', { name: /first entries/ });
    const times = within(table).getAllByRole('row').slice(1).map((row) => row.querySelector('time'));
    // 08:00 at +01:00 is 16:00 in Tokyo, the profile's zone (the machine runs in UTC).
    expect(times.map((time) => time?.textContent)).toEqual([formatTime('2026-01-02T08:00:00+01:00', TIME_ZONE), formatTime('2026-01-03T08:00:00+01:00', TIME_ZONE)]);
    expect(times[0]?.textContent).toMatch(/16:00|4:00\sPM/);
    expect(times[0]?.getAttribute('datetime')).toBe('2026-01-02T08:00:00+01:00');
  });
});

describe('the downloadable error list', () => {
  it('quotes cells and guards formulas', () => {
    const csv = errorListCsv([{ file: 'a,b.csv', row: 2, column: 'note', code: 'CELL_TOO_LONG', message: '=SUM(A1) is "long"' }]);
    expect(csv).toBe('file,row,column,code,message\r\n"a,b.csv",2,note,CELL_TOO_LONG,"\'=SUM(A1) is ""long"""\r\n');
  });
});
