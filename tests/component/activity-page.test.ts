/** The Activity page: job runs newest first, outcomes in words, the empty state, and "Show more". */
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import ActivityPage from '../../src-renderer/src/features/activity/ActivityPage.svelte';
import { ranLate, runSubject } from '../../src-renderer/src/features/activity/activity-text';
import type { Api, JobRun } from '../../src-preload/contract';
import { ok, settingsIn, stubApi } from './stub-api';

function run(n: number, change: Partial<JobRun> = {}): JobRun {
  const at = new Date(Date.UTC(2026, 10, 1, 19, n)).toISOString();
  return { id: `run-${n}`, kind: 'nudge', key: `nudge:2026-11-01:t${n}`, dueAt: at, ranAt: at, outcome: 'done', summary: `Nudged: Tracker ${n}`, error: null, day: '2026-11-01', ...change };
}

function renderActivity(listActivity: Api['listActivity'], pageSize?: number) {
  render(ActivityPage, { props: { api: stubApi({ listActivity, getSettings: settingsIn('Europe/Paris') }), ...(pageSize === undefined ? {} : { pageSize }) } });
}

const rows = () => screen.getAllByTestId('activity-row');
const cells = (row: HTMLElement) => within(row).getAllByRole('cell').map((cell) => cell.textContent?.replace(/\s+/g, ' ').trim());

describe('the Activity page', () => {
  it('says that nothing has run yet when the record is empty', async () => {
    renderActivity(() => ok({ runs: [], more: false }));
    expect((await screen.findByText(/Nothing has run yet/)).textContent).toBe('Nothing has run yet: nudges, reports and backups will appear here. Choose when in Settings');
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Show more' })).toBeNull();
  });

  it('lists runs as they come (newest first) with what, outcome in words, summary and error', async () => {
    const failed = run(2, { kind: 'mail', outcome: 'failed', summary: 'Monthly report for October 2026', error: 'The mail server refused the login.' });
    const report = run(1, { kind: 'report', key: 'report:2026-10', day: '2026-10-01', summary: 'Report for October 2026 made' });
    renderActivity(() => ok({ runs: [failed, report, run(0, { outcome: 'skipped', summary: 'Every tracker had an entry' })], more: false }));

    const table = await screen.findByRole('table', { name: 'Job runs, newest first' });
    expect(within(table).getAllByRole('columnheader').map((header) => header.textContent)).toEqual(['When', 'What', 'Outcome', 'Summary', 'Error']);
    const [first, second, third] = rows();
    expect(cells(first!).slice(1)).toEqual(['Mail · Nov 1, 2026', '✕ Failed', 'Monthly report for October 2026', 'The mail server refused the login.']);
    expect(cells(second!).slice(1, 3)).toEqual(['Monthly report · October 2026', '✓ Done']);
    expect(cells(third!).slice(2, 4)).toEqual(['– Skipped', 'Every tracker had an entry']);
    // The outcome is in words, the symbol is only decoration.
    expect(within(first!).getByText('✕').getAttribute('aria-hidden')).toBe('true');
  });

  it('shows when a run that came late (the app was closed) was due', async () => {
    const late = run(5, { kind: 'report', dueAt: '2026-11-01T08:00:00.000Z', ranAt: '2026-11-02T10:00:00.000Z', day: '2026-10-01' });
    renderActivity(() => ok({ runs: [late, run(1)], more: false }));
    const [lateRow, onTime] = await screen.findAllByTestId('activity-row');
    expect(within(lateRow!).getAllByRole('cell')[0]?.textContent).toMatch(/due Nov 1, 2026/);
    expect(within(onTime!).getAllByRole('cell')[0]?.textContent).not.toMatch(/due/);
  });

  it('shows more, older runs after the last one shown, until there are none', async () => {
    const listActivity = vi.fn<Api['listActivity']>(async (input) => {
      if (input.before === undefined) return ok({ runs: [run(5), run(4)], more: true });
      if (input.before === 'run-4') return ok({ runs: [run(3), run(2)], more: true });
      return ok({ runs: [run(1)], more: false });
    });
    renderActivity(listActivity, 2);
    await screen.findByRole('table');
    expect(rows()).toHaveLength(2);

    await fireEvent.click(screen.getByRole('button', { name: 'Show more' }));
    await vi.waitFor(() => expect(rows()).toHaveLength(4));
    await fireEvent.click(screen.getByRole('button', { name: 'Show more' }));
    await vi.waitFor(() => expect(rows()).toHaveLength(5));

    expect(listActivity.mock.calls.map(([input]) => input)).toEqual([{ limit: 2 }, { limit: 2, before: 'run-4' }, { limit: 2, before: 'run-2' }]);
    expect(rows().map((row) => cells(row)[3])).toEqual(['Nudged: Tracker 5', 'Nudged: Tracker 4', 'Nudged: Tracker 3', 'Nudged: Tracker 2', 'Nudged: Tracker 1']);
    expect(screen.queryByRole('button', { name: 'Show more' })).toBeNull();
  });

  it('shows why the record could not be read, and keeps the runs already shown', async () => {
    const listActivity = vi.fn<Api['listActivity']>(async (input) =>
      input.before === undefined ? ok({ runs: [run(2)], more: true }) : { ok: false, error: { code: 'DATA_FILE_DAMAGED', message: 'jobs.json is damaged.' } },
    );
    renderActivity(listActivity, 1);
    await screen.findByRole('table');
    await fireEvent.click(screen.getByRole('button', { name: 'Show more' }));
    expect((await screen.findByRole('alert')).textContent).toBe('jobs.json is damaged.');
    expect(rows()).toHaveLength(1);
  });
});

describe('how a run reads', () => {
  it('names the kind and the day or month it concerns', () => {
    expect(runSubject({ kind: 'nudge', day: null })).toBe('Nudge');
    expect(runSubject({ kind: 'report', day: '2026-02-01' })).toBe('Monthly report · February 2026');
  });

  it('counts a run as late from one minute after it was due', () => {
    expect(ranLate({ dueAt: '2026-11-01T20:00:00.000Z', ranAt: '2026-11-01T20:00:59.000Z' })).toBe(false);
    expect(ranLate({ dueAt: '2026-11-01T20:00:00.000Z', ranAt: '2026-11-01T20:01:00.000Z' })).toBe(true);
  });

  it('shows what ran meanwhile when Refresh is pressed, or when the tab comes back into view', async () => {
    let runs = [run(1)];
    const listActivity = vi.fn<Api['listActivity']>(() => ok({ runs, more: false }));
    renderActivity(listActivity);
    await screen.findAllByTestId('activity-row');
    runs = [run(2), run(1)];
    await fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    await vi.waitFor(() => expect(rows()).toHaveLength(2));
    expect(listActivity.mock.calls.at(-1)).toEqual([{ limit: 50 }]);

    runs = [run(3), run(2), run(1)];
    document.dispatchEvent(new Event('visibilitychange'));
    await vi.waitFor(() => expect(rows()).toHaveLength(3));
    expect(cells(rows()[0]!)[3]).toBe('Nudged: Tracker 3');
  });
});
