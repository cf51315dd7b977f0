/**
 * A ZIP archive picked for an import (Loop Habit Tracker's export as it comes): its CSV
 * entries reach the core with their paths inside the archive, everything else is left out,
 * and an archive that cannot be read, holds no CSV or unpacks too large is refused with a
 * message before anything is sent.
 */
import { fireEvent, render, screen } from '@testing-library/svelte';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { describe, expect, it, vi } from 'vitest';
import CsvPage from '../../src-renderer/src/features/csv/CsvPage.svelte';
import { csvFilesInZip } from '../../src-renderer/src/features/csv/zip-files';
import type { Api, ImportPreview } from '../../src-preload/contract';
import { ok, settingsIn, stubApi } from './stub-api';

const HABITS = 'Position,Name,Type,Question,Description,FrequencyNumerator,FrequencyDenominator,Color,Unit,Target Type,Target Value,Archived?\n001,Meditate,YES_NO,,,1,1,#FF8F00,,,,false\n';
const CHECKMARKS = 'Date,Value,Notes\n2026-11-25,YES_MANUAL,calm\n';

/** Loop's export as its app zips it, with the clutter an archiver on macOS adds. */
const LOOP_ZIP: Zippable = {
  'Habits.csv': strToU8(HABITS),
  'Checkmarks.csv': strToU8('Date,Meditate\n2026-11-25,2\n'),
  '001 Meditate': { 'Checkmarks.csv': strToU8(CHECKMARKS), 'Scores.csv': strToU8('Date,Score\n2026-11-25,0.5\n') },
  'README.txt': strToU8('not a CSV'),
  __MACOSX: { '._Habits.csv': new Uint8Array([0, 5, 22, 7]) },
};

const MAX = 200 * 1024 * 1024;

describe('csvFilesInZip', () => {
  it('gives the CSV entries with their paths, in the archive’s order, and nothing else', () => {
    expect(csvFilesInZip('loop.zip', zipSync(LOOP_ZIP), MAX)).toEqual({
      ok: true,
      files: [
        { name: 'Habits.csv', text: HABITS },
        { name: 'Checkmarks.csv', text: 'Date,Meditate\n2026-11-25,2\n' },
        { name: '001 Meditate/Checkmarks.csv', text: CHECKMARKS },
        { name: '001 Meditate/Scores.csv', text: 'Date,Score\n2026-11-25,0.5\n' },
      ],
    });
  });

  it('keeps bytes that are not UTF-8 visible as U+FFFD, for the core to refuse the file by name', () => {
    const result = csvFilesInZip('x.zip', zipSync({ 'latin1.csv': new Uint8Array([0x6e, 0x61, 0x6d, 0x65, 0x0a, 0xe9, 0x0a]) }), MAX);
    expect(result.ok && result.files[0]?.text).toBe('name\n\uFFFD\n');
  });

  it.each<[string, Uint8Array, number, string]>([
    ['not a ZIP', strToU8('Date,Value\n2026-11-25,2\n'), MAX, 'x.zip is not a ZIP archive that can be read (it may be damaged).'],
    ['a cut-off ZIP', zipSync(LOOP_ZIP).slice(0, 100), MAX, 'x.zip is not a ZIP archive that can be read (it may be damaged).'],
    ['no CSV inside', zipSync({ 'README.txt': strToU8('hello') }), MAX, 'x.zip holds no CSV file.'],
    // 1.1 MB of one letter packs into a few kB: the unpacked size is what counts.
    ['an entry that unpacks too large', zipSync({ ...LOOP_ZIP, 'big.csv': strToU8('x'.repeat(1_100_000)) }), 1024 * 1024, 'big.csv in x.zip is larger than 1 MB; split it into smaller files.'],
  ])('refuses %s with a message', (_name, bytes, maxBytes, message) => {
    expect(csvFilesInZip('x.zip', bytes, maxBytes)).toEqual({ ok: false, message });
  });
});

/** A picked ZIP; jsdom's File lacks `arrayBuffer()`, which every browser the app runs in has. */
function zipFile(name: string, bytes: Uint8Array): File {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  return Object.assign(new File([buffer], name, { type: 'application/zip' }), { arrayBuffer: async () => buffer });
}

const preview: ImportPreview = {
  files: [{ file: 'Habits.csv', role: 'Loop habits', separator: ',', columns: ['Position', 'Name'], rows: 1 }],
  counts: { newTrackers: 1, existingTrackers: 0, newLogs: 1, duplicates: 0, errors: 0, skippedRows: 0, leftOut: 0 },
  trackers: [{ name: 'Meditate', type: 'boolean', isNew: true }],
  rows: [{ tracker: 'Meditate', time: '2026-11-25T12:00:00+01:00', value: 'yes', note: 'calm' }],
  errors: [],
  skippedRows: [],
  leftOut: [],
  canCommit: true,
};

describe('the import page with a ZIP', () => {
  it('sends the archive’s CSV files for a Loop import and shows the preview', async () => {
    const previewImport = vi.fn<Api['previewImport']>(async () => ok(preview));
    render(CsvPage, { props: { api: stubApi({ getSettings: settingsIn('UTC'), previewImport }) } });
    await fireEvent.change(screen.getByLabelText('Format'), { target: { value: 'loop' } });
    expect(screen.getByText(/the \.zip file/)).toBeTruthy();
    await fireEvent.change(screen.getByLabelText('Choose CSV files…'), { target: { files: [zipFile('Loop Habits CSV 2026-11-29.zip', zipSync(LOOP_ZIP))] } });
    await screen.findByRole('region', { name: 'Preview' });
    const sent = previewImport.mock.calls[0]?.[0];
    expect(sent?.kind).toBe('loop');
    expect(sent?.files.map((file) => file.name)).toEqual(['Habits.csv', 'Checkmarks.csv', '001 Meditate/Checkmarks.csv', '001 Meditate/Scores.csv']);
  });

  it('says why a damaged archive cannot be read, and sends nothing', async () => {
    const previewImport = vi.fn<Api['previewImport']>(async () => ok(preview));
    render(CsvPage, { props: { api: stubApi({ getSettings: settingsIn('UTC'), previewImport }) } });
    await fireEvent.change(screen.getByLabelText('Choose CSV files…'), { target: { files: [zipFile('export.zip', strToU8('PK not really'))] } });
    expect((await screen.findByRole('alert')).textContent).toBe('export.zip is not a ZIP archive that can be read (it may be damaged).');
    expect(previewImport).not.toHaveBeenCalled();
  });
});
