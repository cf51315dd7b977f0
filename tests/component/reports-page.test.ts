/** The Reports page: saved reports listed and downloaded as PDFs, a report made on demand, its errors, and the empty state. */
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import ReportsPage from '../../src-renderer/src/features/reports/ReportsPage.svelte';
import { lastMonth, monthLabel, sizeText } from '../../src-renderer/src/features/reports/report-text';
import type { Api, SavedReportView } from '../../src-preload/contract';
import { blobBytes, blobText, captureDownloads } from './downloads';
import { ok, settingsIn, stubApi } from './stub-api';

const NOW = new Date('2026-11-15T12:00:00Z');
const october: SavedReportView = { month: '2026-10', size: 48_213, createdAt: '2026-11-01T08:00:00.000Z' };
const september: SavedReportView = { month: '2026-09', size: 900, createdAt: '2026-10-01T08:00:00.000Z' };

/** What the page handed to the browser as downloads. */
const downloads = captureDownloads();


function renderReports(api: Partial<Api>) {
  render(ReportsPage, { props: { api: stubApi({ getSettings: settingsIn('Europe/Paris'), ...api }), now: () => NOW } });
}

const rows = () => screen.getAllByTestId('report-row');
const cells = (row: HTMLElement) => [within(row).getByRole('rowheader'), ...within(row).getAllByRole('cell')].map((cell) => cell.textContent?.replace(/\s+/g, ' ').trim());
const monthField = () => screen.getByLabelText<HTMLInputElement>('Month');

describe('the Reports page', () => {
  it('says when reports are made while none is saved, and offers last month by default, no later', async () => {
    renderReports({ listReports: () => ok({ reports: [] }) });
    expect((await screen.findByText(/No reports yet/)).textContent).toBe('No reports yet: the report for a month is made on the 1st of the next.');
    expect(screen.queryByRole('table')).toBeNull();
    expect(monthField().type).toBe('month');
    expect(monthField().value).toBe('2026-10');
    expect(monthField().max).toBe('2026-10');
    expect(screen.getByRole('form', { name: 'Make a report' })).toBeTruthy();
  });

  it('lists saved reports newest first with month, size and when made, each with its own Download button', async () => {
    renderReports({ listReports: () => ok({ reports: [october, september] }) });
    await screen.findByRole('table', { name: 'Saved reports, newest month first' });
    const [first, second] = rows();
    expect(cells(first!).slice(0, 2)).toEqual(['October 2026', '47 KB']);
    expect(cells(first!)[2]).toMatch(/2026/);
    expect(cells(second!).slice(0, 2)).toEqual(['September 2026', '900 bytes']);
    expect(screen.getAllByRole('button', { name: /^Download PDF/ }).map((button) => button.textContent?.trim())).toEqual(['Download PDF of October 2026', 'Download PDF of September 2026']);
  });

  it('downloads a report as the PDF the core saved, under its file name', async () => {
    const pdf = '%PDF-1.7 test';
    const getReport = vi.fn<Api['getReport']>(() => ok({ fileName: 'report-2026-09.pdf', pdfBase64: btoa(pdf) }));
    renderReports({ listReports: () => ok({ reports: [october, september] }), getReport });
    await fireEvent.click(await screen.findByRole('button', { name: 'Download PDF of September 2026' }));
    await vi.waitFor(() => expect(downloads).toHaveLength(1));
    expect(getReport.mock.calls).toEqual([[{ month: '2026-09' }]]);
    expect(downloads[0]?.name).toBe('report-2026-09.pdf');
    expect(downloads[0]?.blob.type).toBe('application/pdf');
    expect(new TextDecoder().decode(await blobBytes(downloads[0]?.blob))).toBe(pdf);
  });

  it('shows why a report could not be downloaded', async () => {
    renderReports({
      listReports: () => ok({ reports: [october] }),
      getReport: () => Promise.resolve({ ok: false, error: { code: 'REPORT_NOT_FOUND', message: 'No report is saved for 2026-10.' } }),
    });
    await fireEvent.click(await screen.findByRole('button', { name: 'Download PDF of October 2026' }));
    expect((await screen.findByRole('alert')).textContent).toBe('No report is saved for 2026-10.');
    expect(downloads).toEqual([]);
  });

  it('makes a report for the chosen month, busy meanwhile, and lists it in month order', async () => {
    let answer: (value: Awaited<ReturnType<Api['makeReport']>>) => void = () => undefined;
    const makeReport = vi.fn<Api['makeReport']>(() => new Promise((resolve) => (answer = resolve)));
    renderReports({ listReports: () => ok({ reports: [october] }), makeReport });
    await screen.findByRole('table');
    await fireEvent.input(monthField(), { target: { value: '2026-08' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Make report' }));

    const busy = screen.getByRole<HTMLButtonElement>('button', { name: 'Making report…' });
    expect(busy.disabled).toBe(true);
    expect(makeReport.mock.calls).toEqual([[{ month: '2026-08' }]]);

    answer({ ok: true, value: { report: { month: '2026-08', size: 51_200, createdAt: '2026-11-15T12:00:00.000Z' } } });
    expect((await screen.findByRole('status')).textContent).toBe('The report for August 2026 is made and saved below.');
    expect(rows().map((row) => cells(row)[0])).toEqual(['October 2026', 'August 2026']);
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Make report' }).disabled).toBe(false);
  });

  it('replaces the listed report of a month made again', async () => {
    const remade = { ...october, size: 2048, createdAt: '2026-11-15T12:00:00.000Z' };
    renderReports({ listReports: () => ok({ reports: [october] }), makeReport: () => ok({ report: remade }) });
    await screen.findByRole('table');
    await fireEvent.click(screen.getByRole('button', { name: 'Make report' }));
    await screen.findByRole('status');
    expect(rows().map((row) => cells(row).slice(0, 2))).toEqual([['October 2026', '2 KB']]);
  });

  it('shows the reason the core gives when no PDF can be made here, and lists nothing new', async () => {
    const reason = 'No Chromium or Google Chrome was found. Without it the report cannot be made into a PDF here; it is offered as a page to print from the browser instead.';
    renderReports({
      listReports: () => ok({ reports: [] }),
      makeReport: () => Promise.resolve({ ok: false, error: { code: 'NO_PRINTER', message: reason } }),
    });
    await screen.findByText(/No reports yet/);
    await fireEvent.click(screen.getByRole('button', { name: 'Make report' }));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('This app cannot make a PDF here.')).toBeTruthy();
    expect(within(alert).getByText(reason)).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('offers the month as a page to print from the browser when no PDF can be made, opened in a new tab', async () => {
    const reportPage = vi.fn<Api['reportPage']>(() => ok({ html: '<!doctype html><title>Report</title><h1>Ada — August 2026</h1>' }));
    const tab = { location: { href: 'about:blank' }, close: vi.fn() };
    const open = vi.spyOn(window, 'open').mockReturnValue(tab as unknown as Window);
    const made = vi.spyOn(URL, 'createObjectURL');
    renderReports({
      listReports: () => ok({ reports: [] }),
      makeReport: () => Promise.resolve({ ok: false, error: { code: 'NO_PRINTER', message: 'No Chromium was found.' } }),
      reportPage,
    });
    await screen.findByText(/No reports yet/);
    await fireEvent.input(monthField(), { target: { value: '2026-08' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Make report' }));
    // The month changed after the failure is not the one offered: the page is of the month that failed.
    await fireEvent.input(monthField(), { target: { value: '2026-07' } });
    await fireEvent.click(await screen.findByRole('button', { name: 'Open August 2026 as a page to print' }));

    await vi.waitFor(() => expect(tab.location.href).toBe('blob:test'));
    expect(open.mock.calls).toEqual([['about:blank', '_blank']]);
    expect(reportPage.mock.calls).toEqual([[{ month: '2026-08' }]]);
    const page = made.mock.calls[0]?.[0] as Blob;
    expect(page.type).toBe('text/html');
    expect(await blobText(page)).toContain('<h1>Ada — August 2026</h1>');
    expect(tab.close).not.toHaveBeenCalled();
  });

  it('closes the new tab again and says why when the printable page cannot be had', async () => {
    const tab = { location: { href: 'about:blank' }, close: vi.fn() };
    vi.spyOn(window, 'open').mockReturnValue(tab as unknown as Window);
    renderReports({
      listReports: () => ok({ reports: [] }),
      makeReport: () => Promise.resolve({ ok: false, error: { code: 'NO_PRINTER', message: 'No Chromium was found.' } }),
      reportPage: () => Promise.resolve({ ok: false, error: { code: 'DATA_FILE_DAMAGED', message: 'A log file of Water is damaged.' } }),
    });
    await screen.findByText(/No reports yet/);
    await fireEvent.click(screen.getByRole('button', { name: 'Make report' }));
    await fireEvent.click(await screen.findByRole('button', { name: 'Open October 2026 as a page to print' }));
    expect((await screen.findByText('A log file of Water is damaged.')).getAttribute('role')).toBe('alert');
    expect(tab.close).toHaveBeenCalledOnce();
    expect(tab.location.href).toBe('about:blank');
  });

  it('says so when the browser blocks the new tab, asking the core for nothing', async () => {
    vi.spyOn(window, 'open').mockReturnValue(null);
    const reportPage = vi.fn<Api['reportPage']>();
    renderReports({
      listReports: () => ok({ reports: [] }),
      makeReport: () => Promise.resolve({ ok: false, error: { code: 'NO_PRINTER', message: 'No Chromium was found.' } }),
      reportPage,
    });
    await screen.findByText(/No reports yet/);
    await fireEvent.click(screen.getByRole('button', { name: 'Make report' }));
    await fireEvent.click(await screen.findByRole('button', { name: 'Open October 2026 as a page to print' }));
    expect(await screen.findByText('The browser blocked the new tab: allow pop-ups for this page and try again.')).toBeTruthy();
    expect(reportPage).not.toHaveBeenCalled();
  });

  it('shows a failed print in the core’s words', async () => {
    renderReports({
      listReports: () => ok({ reports: [] }),
      makeReport: () => Promise.resolve({ ok: false, error: { code: 'PRINT_FAILED', message: 'The report could not be printed to PDF: Chromium exited.' } }),
    });
    await screen.findByText(/No reports yet/);
    await fireEvent.click(screen.getByRole('button', { name: 'Make report' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The report could not be printed to PDF: Chromium exited.');
  });

  it('refuses a month that is not over, or none, without asking the core', async () => {
    const makeReport = vi.fn<Api['makeReport']>();
    renderReports({ listReports: () => ok({ reports: [] }), makeReport });
    await screen.findByText(/No reports yet/);
    await fireEvent.input(monthField(), { target: { value: '2026-11' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Make report' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The report for November 2026 can be made once the month is over.');
    expect(monthField().getAttribute('aria-invalid')).toBe('true');

    await fireEvent.input(monthField(), { target: { value: '' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Make report' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Choose a month.');
    expect(makeReport).not.toHaveBeenCalled();
  });

  it('shows why the list could not be read', async () => {
    renderReports({ listReports: () => Promise.resolve({ ok: false, error: { code: 'DATA_FILE_DAMAGED', message: 'reports.json is damaged.' } }) });
    expect((await screen.findByRole('alert')).textContent).toBe('reports.json is damaged.');
    expect(screen.queryByText(/No reports yet/)).toBeNull();
  });
});

describe('how a report reads', () => {
  it('names a month in words', () => {
    expect(monthLabel('2026-10')).toBe('October 2026');
    expect(monthLabel('2027-01')).toBe('January 2027');
  });

  it('gives sizes in bytes, KB or MB', () => {
    expect(sizeText(1)).toBe('1 byte');
    expect(sizeText(1023)).toBe('1023 bytes');
    expect(sizeText(48_213)).toBe('47 KB');
    expect(sizeText(1_363_149)).toBe('1.3 MB');
  });

  it('takes last month in the profile’s zone, across a year', () => {
    expect(lastMonth(new Date('2026-01-10T12:00:00Z'), 'UTC')).toBe('2025-12');
    // 23:30 UTC on 31 October is already 1 November in Paris: October is over there.
    expect(lastMonth(new Date('2026-10-31T23:30:00Z'), 'Europe/Paris')).toBe('2026-10');
    expect(lastMonth(new Date('2026-10-31T23:30:00Z'), 'UTC')).toBe('2026-09');
  });
});
