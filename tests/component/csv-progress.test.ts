/**
 * The Import / export page polls `jobProgress` while an export or import is in flight and
 * shows a bar with the same in words; the bar goes when the request settles, and a shell
 * without progress (the call throws) does not fail the job.
 */
import { fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import CsvPage from '../../src-renderer/src/features/csv/CsvPage.svelte';
import { jobText } from '../../src-renderer/src/features/csv/job-watch.svelte';
import type { Api, JobView, Output, Result } from '../../src-preload/contract';
import { ok, settingsIn, stubApi } from './stub-api';

beforeEach(() => {
  vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: () => 'blob:test', revokeObjectURL: () => undefined }));
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

/** A request that answers when the test says so. */
function pending<T>() {
  let settle: (value: T) => void = () => undefined;
  const promise = new Promise<T>((resolve) => (settle = resolve));
  return { promise, settle };
}

const reading: JobView = { kind: 'export', phase: 'Reading months of entries', done: 412, total: 1000 };

describe('CSV progress', () => {
  it('words a job as phase, done and total', () => {
    expect(jobText({ kind: 'import-commit', phase: 'Writing months of entries', done: 412000, total: 1000000 })).toBe('Writing months of entries… 412,000 of 1,000,000');
  });

  it('shows a bar from the parts of a logs export, without polling, and removes it after', async () => {
    const second = pending<Result<Output<'exportLogsCsvChunk'>>>();
    const exportLogsCsvChunk = vi.fn<Api['exportLogsCsvChunk']>(async (input) =>
      input.cursor === undefined ? ok({ csv: 'tracker,time\r\n', fileName: 'logs.csv', cursor: 'c1', done: 412, total: 1000 }) : second.promise,
    );
    const jobProgress = vi.fn<Api['jobProgress']>(async () => ok({ job: reading }));
    render(CsvPage, { props: { api: stubApi({ getSettings: settingsIn('UTC'), exportLogsCsvChunk, jobProgress }) } });
    await fireEvent.click(screen.getByRole('button', { name: 'Export all logs CSV' }));
    const bar = await screen.findByRole('progressbar');
    expect(bar).toHaveProperty('value', 412);
    expect(bar).toHaveProperty('max', 1000);
    expect(screen.getByText('Exporting months of entries… 412 of 1,000')).toBeTruthy();
    second.settle({ ok: true, value: { csv: 'Sleep,2026\r\n', fileName: 'logs.csv', cursor: null, done: 1000, total: 1000 } });
    expect(await screen.findByText('Saved logs.csv.')).toBeTruthy();
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(exportLogsCsvChunk).toHaveBeenLastCalledWith({ cursor: 'c1' });
    expect(jobProgress).not.toHaveBeenCalled();
  });

  it('shows a bar while the trackers export is in flight, following the polled figures, and stops polling after', async () => {
    const answer = pending<Result<Output<'exportTrackersCsv'>>>();
    const jobProgress = vi.fn<Api['jobProgress']>(async () => ok({ job: reading }));
    render(CsvPage, { props: { api: stubApi({ getSettings: settingsIn('UTC'), exportTrackersCsv: () => answer.promise, jobProgress }) } });
    await fireEvent.click(screen.getByRole('button', { name: 'Export trackers CSV' }));
    const bar = await screen.findByRole('progressbar');
    expect(bar).toHaveProperty('value', 412);
    expect(screen.getByText('Reading months of entries… 412 of 1,000')).toBeTruthy();
    answer.settle({ ok: true, value: { csv: 'name\r\n', fileName: 'trackers.csv' } });
    expect(await screen.findByText('Saved trackers.csv.')).toBeTruthy();
    expect(screen.queryByRole('progressbar')).toBeNull();
    const polls = jobProgress.mock.calls.length;
    await new Promise((resolve) => setTimeout(resolve, 600));
    // Polling stopped with the request.
    expect(jobProgress.mock.calls.length).toBe(polls);
  });

  it('shows the import phases while a preview runs', async () => {
    const answer = pending<Result<Output<'previewImport'>>>();
    const checking: JobView = { kind: 'import-preview', phase: 'Checking every row', done: 0, total: 1 };
    render(CsvPage, { props: { api: stubApi({ getSettings: settingsIn('UTC'), previewImport: () => answer.promise, jobProgress: async () => ok({ job: checking }) }) } });
    const text = 'tracker,time,value\r\n';
    // jsdom's File has no text(); the page reads files with it, as browsers do.
    const file = Object.assign(new File([text], 'logs.csv', { type: 'text/csv' }), { text: async () => text });
    await fireEvent.change(screen.getByLabelText('Choose CSV files…'), { target: { files: [file] } });
    expect(await screen.findByText('Checking every row… 0 of 1')).toBeTruthy();
    answer.settle({ ok: false, error: { code: 'CSV_EMPTY', message: 'logs.csv is empty.' } });
    expect(await screen.findByText('logs.csv is empty.')).toBeTruthy();
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('exports without a bar when the shell has no progress to give', async () => {
    render(CsvPage, { props: { api: stubApi({ getSettings: settingsIn('UTC'), exportTrackersCsv: async () => ok({ csv: 'x', fileName: 'trackers.csv' }) }) } });
    await fireEvent.click(screen.getByRole('button', { name: 'Export trackers CSV' }));
    expect(await screen.findByText('Saved trackers.csv.')).toBeTruthy();
    expect(screen.queryByRole('progressbar')).toBeNull();
  });
});
