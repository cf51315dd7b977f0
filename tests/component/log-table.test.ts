import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import LogTable from '../../src-renderer/src/features/logs/LogTable.svelte';
import { LogPager } from '../../src-renderer/src/features/logs/logs.svelte';
import { formatTime } from '../../src-renderer/src/features/logs/format';
import UndoToasts from '../../src-renderer/src/features/trackers/UndoToasts.svelte';
import { toasts } from '../../src-renderer/src/features/trackers/toasts.svelte';
import type { Api, Log } from '../../src-preload/contract';
import { ok, stubApi, trackers } from './stub-api';

/** An api over an in-memory list of logs: paging, order, range, update, delete, restore. */
function memoryApi(count: number) {
  let logs: Log[] = Array.from({ length: count }, (_, i) => ({
    id: `log-${i}`,
    trackerId: 't-num',
    // One entry a day from 1 Jan 2026, 07:00 UTC.
    at: new Date(Date.UTC(2026, 0, 1 + i, 7)).toISOString(),
    offsetMinutes: 0,
    value: i,
    note: `note ${i}`,
  }));
  const listLogs = vi.fn<Api['listLogs']>(async (input) => {
    const within = logs.filter((log) => (!input.from || log.at >= new Date(input.from).toISOString()) && (!input.to || log.at < new Date(input.to).toISOString()));
    const sorted = [...within].sort((a, b) => (input.order === 'oldest' ? a.at.localeCompare(b.at) : b.at.localeCompare(a.at)));
    const offset = input.offset ?? 0;
    return ok({ logs: sorted.slice(offset, offset + (input.limit ?? 100)), total: sorted.length });
  });
  const updateLog = vi.fn<Api['updateLog']>(async (input) => {
    const log = { ...(logs.find((entry) => entry.id === input.logId) as Log), value: Number(input.value), note: input.note ?? '' };
    logs = logs.map((entry) => (entry.id === log.id ? log : entry));
    return ok({ log });
  });
  const deleteLog = vi.fn<Api['deleteLog']>(async (input) => {
    const log = logs.find((entry) => entry.id === input.logId) as Log;
    logs = logs.filter((entry) => entry !== log);
    return ok({ log });
  });
  const restoreLog = vi.fn<Api['restoreLog']>(async (input) => {
    logs = [...logs, input.log];
    return ok({ log: input.log });
  });
  return { api: stubApi({ listLogs, updateLog, deleteLog, restoreLog }), listLogs, updateLog, deleteLog, restoreLog };
}

async function renderTable(count: number, limit = 10) {
  const fake = memoryApi(count);
  const pager = new LogPager(fake.api, 't-num', () => 'UTC', limit);
  await pager.load();
  const onchange = vi.fn();
  render(LogTable, { props: { tracker: trackers.numerical, pager, timeZone: 'UTC', onchange } });
  render(UndoToasts);
  return { ...fake, pager, onchange };
}

const values = () => screen.getAllByTestId('log-row').map((row) => within(row).getAllByRole('cell')[1]?.textContent);

afterEach(() => {
  for (const toast of toasts.items) toasts.dismiss(toast.id);
});

describe('the log table', () => {
  it('shows the newest entries first, in the profile’s zone, with value, unit and note', async () => {
    await renderTable(3);
    const rows = screen.getAllByTestId('log-row');
    expect(within(rows[0] as HTMLElement).getAllByRole('cell').slice(0, 3).map((cell) => cell.textContent)).toEqual([
      formatTime('2026-01-03T07:00:00.000Z', 'UTC'),
      '2 hours',
      'note 2',
    ]);
    expect(values()).toEqual(['2 hours', '1 hours', '0 hours']);
  });

  it('sorts oldest first when the When header is pressed', async () => {
    const { listLogs } = await renderTable(3);
    await fireEvent.click(screen.getByRole('button', { name: /When/ }));
    await vi.waitFor(() => expect(values()).toEqual(['0 hours', '1 hours', '2 hours']));
    expect(listLogs).toHaveBeenLastCalledWith(expect.objectContaining({ order: 'oldest', offset: 0 }));
    expect(screen.getByRole('columnheader', { name: /When/ }).getAttribute('aria-sort')).toBe('ascending');
  });

  it('pages through 100,000 entries asking only for one page at a time', async () => {
    const { listLogs } = await renderTable(100_000, 50);
    expect(screen.getAllByTestId('log-row')).toHaveLength(50);
    expect(screen.getByText(/1–50 of 100,000/)).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: 'Last' }));
    await vi.waitFor(() => expect(screen.getByText('Page 2,000 of 2,000')).toBeTruthy());
    expect(values().at(-1)).toBe('0 hours');
    await fireEvent.click(screen.getByRole('button', { name: 'Previous' }));
    await vi.waitFor(() => expect(screen.getByText(/99,901–99,950 of 100,000/)).toBeTruthy());
    expect(listLogs.mock.calls.every(([input]) => input.limit === 50)).toBe(true);
    // Building 100,000 stub entries takes seconds on a loaded two-core machine: a limit, not a measure.
  }, 60_000);

  it('filters by days', async () => {
    const { listLogs } = await renderTable(40);
    await fireEvent.input(screen.getByLabelText('From'), { target: { value: '2026-01-05' } });
    await fireEvent.input(screen.getByLabelText('To'), { target: { value: '2026-01-07' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Filter' }));
    await vi.waitFor(() => expect(values()).toEqual(['6 hours', '5 hours', '4 hours']));
    expect(listLogs).toHaveBeenLastCalledWith(expect.objectContaining({ from: '2026-01-05T00:00:00+00:00', to: '2026-01-08T00:00:00+00:00' }));
  });

  it('edits an entry in a dialog', async () => {
    const { updateLog, onchange } = await renderTable(2);
    const row = screen.getAllByTestId('log-row')[0] as HTMLElement;
    await fireEvent.click(within(row).getByRole('button', { name: 'Edit' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit entry' });
    await fireEvent.input(within(dialog).getByLabelText('Value'), { target: { value: '9' } });
    await fireEvent.input(within(dialog).getByLabelText('Note'), { target: { value: 'fixed' } });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(updateLog).toHaveBeenCalledWith({ trackerId: 't-num', logId: 'log-1', value: 9, at: '2026-01-02T07:00:00+00:00', note: 'fixed' });
    await vi.waitFor(() => expect(values()[0]).toBe('9 hours'));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(onchange).toHaveBeenCalled();
  });

  it('deletes an entry after confirming, and Undo puts it back', async () => {
    const { deleteLog, restoreLog } = await renderTable(2);
    const row = screen.getAllByTestId('log-row')[0] as HTMLElement;
    await fireEvent.click(within(row).getByRole('button', { name: 'Delete' }));
    expect(deleteLog).not.toHaveBeenCalled();
    await fireEvent.click(within(within(row).getByRole('group', { name: 'Confirm deletion' })).getByRole('button', { name: 'Delete' }));
    expect(deleteLog).toHaveBeenCalledWith({ trackerId: 't-num', logId: 'log-1' });
    await vi.waitFor(() => expect(values()).toEqual(['0 hours']));

    const toast = await screen.findByTestId('toast');
    await fireEvent.click(within(toast).getByRole('button', { name: 'Undo' }));
    expect(restoreLog).toHaveBeenCalledWith({ log: expect.objectContaining({ id: 'log-1' }) });
    await vi.waitFor(() => expect(values()).toEqual(['1 hours', '0 hours']));
    flushSync();
    expect(screen.queryByTestId('toast')).toBeNull();
  });

  it('keeps an entry when the confirmation is cancelled', async () => {
    const { deleteLog } = await renderTable(1);
    const row = screen.getAllByTestId('log-row')[0] as HTMLElement;
    await fireEvent.click(within(row).getByRole('button', { name: 'Delete' }));
    await fireEvent.click(within(row).getByRole('button', { name: 'Cancel' }));
    expect(deleteLog).not.toHaveBeenCalled();
    expect(values()).toEqual(['0 hours']);
  });

  it('says so when there are no entries', async () => {
    await renderTable(0);
    expect(screen.getByText('No entries yet.')).toBeTruthy();
  });
});
