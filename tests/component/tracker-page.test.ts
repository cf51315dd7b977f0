import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import TrackerPage from '../../src-renderer/src/features/trackers/TrackerPage.svelte';
import { toasts } from '../../src-renderer/src/features/trackers/toasts.svelte';
import type { ChartFactory } from '../../src-renderer/src/features/charts/chart-attach.svelte';
import type { Api, Tracker, TrackerStats } from '../../src-preload/contract';
import { logOf, ok, settingsIn, stubApi, trackers } from './stub-api';

const stats: TrackerStats = {
  range: { from: '2026-02-01', to: '2026-03-02' },
  count: 30,
  average: 7.25,
  min: 5,
  max: 9.5,
  total: 217.5,
  yesShare: null,
  optionCounts: null,
  currentStreak: 4,
  bestStreak: 21,
  completion: 0.5,
};

const fakeChart: ChartFactory = (_canvas, config) => ({ data: config.data, options: config.options ?? {}, update: () => {}, destroy: () => {} });

function renderPage(extra: Partial<Api> = {}, tracker: Tracker = trackers.numerical) {
  const trackerStats = vi.fn<Api['trackerStats']>(async () => ok({ stats }));
  const api = stubApi({
    listTrackers: () => ok({ trackers: [tracker] }),
    listLogs: () => ok({ logs: [logOf(tracker.id, 7)], total: 1 }),
    trackerStats,
    chartSeries: () => ok({ series: { kind: 'line', granularity: 'day', unit: 'hours', target: null, points: [{ t: '2026-03-01', y: 7 }] } }),
    getSettings: settingsIn('UTC'),
    ...extra,
  });
  render(TrackerPage, { props: { api, trackerId: tracker.id, createChart: fakeChart } });
  return { trackerStats };
}

afterEach(() => {
  for (const toast of toasts.items) toasts.dismiss(toast.id);
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

/** The names of the files the page handed to the browser as downloads. */
function watchDownloads(): string[] {
  const names: string[] = [];
  vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: () => 'blob:test', revokeObjectURL: () => undefined }));
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    names.push(this.download);
  });
  return names;
}

describe('the tracker page', () => {
  it('shows the statistics of the chosen range and asks again when the range changes', async () => {
    const { trackerStats } = renderPage();
    expect(await screen.findByRole('heading', { level: 1, name: 'Sleep' })).toBeTruthy();
    const panel = await screen.findByRole('region', { name: 'Statistics' });
    await vi.waitFor(() => expect(within(panel).getByText('7.3 hours')).toBeTruthy());
    expect(within(panel).getByText('21 days')).toBeTruthy();
    expect(within(panel).getByText('50%')).toBeTruthy();
    expect(trackerStats).toHaveBeenLastCalledWith({ trackerId: 't-num', range: { preset: '30d' } });

    await fireEvent.click(screen.getByRole('button', { name: '1 year' }));
    await vi.waitFor(() => expect(trackerStats).toHaveBeenLastCalledWith({ trackerId: 't-num', range: { preset: '1y' } }));
    await fireEvent.click(screen.getByRole('button', { name: 'Custom…' }));
    const custom = screen.getByRole('form', { name: 'Custom range' });
    await fireEvent.input(within(custom).getByLabelText('From'), { target: { value: '2026-01-01' } });
    await fireEvent.input(within(custom).getByLabelText('To'), { target: { value: '2026-01-31' } });
    await fireEvent.click(within(custom).getByRole('button', { name: 'Show' }));
    await vi.waitFor(() => expect(trackerStats).toHaveBeenLastCalledWith({ trackerId: 't-num', range: { from: '2026-01-01', to: '2026-01-31' } }));
  });

  it('archives and restores the tracker', async () => {
    const updateTracker = vi.fn<Api['updateTracker']>(async (input) => ok({ tracker: { ...trackers.numerical, archived: input.archived ?? false } }));
    renderPage({ updateTracker });
    await fireEvent.click(await screen.findByRole('button', { name: 'Archive' }));
    expect(updateTracker).toHaveBeenCalledWith({ trackerId: 't-num', archived: true });
    await fireEvent.click(await screen.findByRole('button', { name: 'Restore' }));
    expect(updateTracker).toHaveBeenLastCalledWith({ trackerId: 't-num', archived: false });
  });

  it('pins the tracker from its Edit dialog', async () => {
    const updateTracker = vi.fn<Api['updateTracker']>(async (input) => ok({ tracker: { ...trackers.numerical, pinned: input.pinned ?? false } }));
    renderPage({ updateTracker });
    await fireEvent.click(await screen.findByRole('button', { name: 'Edit' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit Sleep' });
    await fireEvent.click(within(dialog).getByLabelText('Pinned (first in the tray menu and quick-log)'));
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    expect(updateTracker).toHaveBeenCalledWith(expect.objectContaining({ trackerId: 't-num', pinned: true }));
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('moves the tracker to the trash after asking, with Undo', async () => {
    const deleteTracker = vi.fn<Api['deleteTracker']>(async () => ok({}));
    const restoreTracker = vi.fn<Api['restoreTracker']>(async () => ok({ tracker: trackers.numerical }));
    renderPage({ deleteTracker, restoreTracker });
    await fireEvent.click(await screen.findByRole('button', { name: 'Delete' }));
    expect(deleteTracker).not.toHaveBeenCalled();
    await fireEvent.click(screen.getByRole('button', { name: 'Move to trash' }));
    expect(deleteTracker).toHaveBeenCalledWith({ trackerId: 't-num' });
    expect(location.hash).toBe('#/');
    await fireEvent.click(within(await screen.findByTestId('toast')).getByRole('button', { name: 'Undo' }));
    expect(restoreTracker).toHaveBeenCalledWith({ trackerId: 't-num' });
    await vi.waitFor(() => expect(location.hash).toBe('#/trackers/t-num'));
  });

  it('adds a back-dated entry and refreshes the statistics', async () => {
    const addLog = vi.fn<Api['addLog']>(async () => ok({ log: logOf('t-num', 6) }));
    const { trackerStats } = renderPage({ addLog });
    const form = await screen.findByRole('form', { name: 'Add an entry to Sleep' });
    await vi.waitFor(() => expect(trackerStats).toHaveBeenCalledTimes(1));
    await fireEvent.keyDown(window, { key: 'n' });
    expect(document.activeElement).toBe(within(form).getByLabelText('Value'));
    await fireEvent.input(within(form).getByLabelText('Value'), { target: { value: '6' } });
    await fireEvent.input(within(form).getByLabelText(/When/), { target: { value: '2026-02-01T23:30' } });
    await fireEvent.click(within(form).getByRole('button', { name: 'Add entry' }));
    expect(addLog).toHaveBeenCalledWith({ trackerId: 't-num', value: 6, at: '2026-02-01T23:30:00+00:00', note: '' });
    await vi.waitFor(() => expect(trackerStats).toHaveBeenCalledTimes(2));
  });

  it('offers to change today’s yes/no answer rather than add a second one', async () => {
    const answered = logOf('t-bool', true, 'morning', new Date().toISOString());
    const listLogs = vi.fn<Api['listLogs']>(async () => ok({ logs: [answered], total: 1 }));
    const updateLog = vi.fn<Api['updateLog']>(async () => ok({ log: { ...answered, value: false } }));
    const addLog = vi.fn<Api['addLog']>();
    renderPage({ listLogs, updateLog, addLog, chartSeries: () => ok({ series: { kind: 'done', granularity: 'day', answeredDays: 0, bars: [], heatmap: [] } }) }, trackers.boolean);
    const form = await screen.findByRole('form', { name: 'Add an entry to Meditated' });
    const button = await within(form).findByRole('button', { name: 'Change today’s answer' });
    expect(within(form).getByText('Today’s answer is Yes: saving changes it.')).toBeTruthy();
    // Today's newest entry, asked of the core for the profile's day.
    expect(listLogs).toHaveBeenCalledWith(expect.objectContaining({ trackerId: 't-bool', order: 'newest', limit: 1, from: expect.any(String), to: expect.any(String) }));
    await fireEvent.click(within(form).getByLabelText('No'));
    await fireEvent.click(button);
    expect(updateLog).toHaveBeenCalledWith({ trackerId: 't-bool', logId: answered.id, value: false });
    expect(addLog).not.toHaveBeenCalled();
  });

  it('adds an entry at another time even when today has an answer', async () => {
    const answered = logOf('t-bool', true, '', new Date().toISOString());
    const addLog = vi.fn<Api['addLog']>(async () => ok({ log: logOf('t-bool', false) }));
    renderPage({ listLogs: () => ok({ logs: [answered], total: 1 }), addLog, chartSeries: () => ok({ series: { kind: 'done', granularity: 'day', answeredDays: 0, bars: [], heatmap: [] } }) }, trackers.boolean);
    const form = await screen.findByRole('form', { name: 'Add an entry to Meditated' });
    await within(form).findByRole('button', { name: 'Change today’s answer' });
    await fireEvent.click(within(form).getByLabelText('No'));
    await fireEvent.input(within(form).getByLabelText(/When/), { target: { value: '2026-02-01T08:00' } });
    await fireEvent.click(within(form).getByRole('button', { name: 'Add entry' }));
    expect(addLog).toHaveBeenCalledWith({ trackerId: 't-bool', value: false, at: '2026-02-01T08:00:00+00:00', note: '' });
  });

  it('exports this tracker’s logs as a CSV download from its own page', async () => {
    const downloads = watchDownloads();
    const exportLogsCsvChunk = vi.fn<Api['exportLogsCsvChunk']>(async () =>
      ok({ csv: 'tracker,time,value\r\nSleep,2026-03-01T08:30:00+01:00,7\r\n', fileName: 'logs-Sleep-2026-11-25.csv', cursor: null, done: 1, total: 1 }),
    );
    renderPage({ exportLogsCsvChunk });
    await fireEvent.click(await screen.findByRole('button', { name: 'Export CSV' }));
    expect((await screen.findByText('Saved logs-Sleep-2026-11-25.csv.')).getAttribute('role')).toBe('status');
    expect(exportLogsCsvChunk).toHaveBeenCalledWith({ trackerId: 't-num' });
    expect(downloads).toEqual(['logs-Sleep-2026-11-25.csv']);
  });

  it('says why an export of the tracker’s logs failed, and downloads nothing', async () => {
    const downloads = watchDownloads();
    renderPage({ exportLogsCsvChunk: async () => ({ ok: false, error: { code: 'TRACKER_NOT_FOUND', message: 'That tracker no longer exists.' } }) });
    await fireEvent.click(await screen.findByRole('button', { name: 'Export CSV' }));
    expect((await screen.findByRole('alert')).textContent).toBe('That tracker no longer exists.');
    expect(downloads).toEqual([]);
  });

  it('says when the tracker does not exist', async () => {
    renderPage({ listTrackers: () => ok({ trackers: [] }) });
    expect(await screen.findByRole('heading', { name: 'Tracker not found' })).toBeTruthy();
  });
});
