import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import Dashboard from '../../src-renderer/src/features/trackers/Dashboard.svelte';
import type { Api, DashboardCard, Tracker } from '../../src-preload/contract';
import { logOf, ok, settingsIn, stubApi, trackers } from './stub-api';

const sleep: Tracker = { ...trackers.numerical, emoji: '😴', target: { period: 'day', comparison: 'at_least', value: 8 } };
const meditated: Tracker = trackers.boolean;
const reading: Tracker = trackers.duration;
const oldHabit: Tracker = { ...trackers.boolean, id: 't-old', name: 'Flossed', archived: true };

const cards: DashboardCard[] = [
  { trackerId: 't-num', today: { count: 2, value: 7.5, lastLog: logOf('t-num', 7.5) }, lastLog: logOf('t-num', 7.5), currentStreak: 12, target: { period: 'day', current: 7.5, goal: 8, met: false } },
  { trackerId: 't-bool', today: { count: 0, value: null, lastLog: null }, lastLog: null, currentStreak: 0, target: null },
];

function renderDashboard(list: Tracker[], extra: Partial<Api> = {}) {
  const api = stubApi({
    listTrackers: () => ok({ trackers: list }),
    dashboard: () => ok({ cards }),
    listTimers: () => ok({ timers: [] }),
    getSettings: settingsIn('UTC'),
    ...extra,
  });
  render(Dashboard, { props: { api } });
}

const cardOf = async (name: string) => (await screen.findByRole('article', { name })) as HTMLElement;
const names = () => screen.getAllByTestId('tracker-card').map((card) => within(card).getByRole('heading').textContent);

describe('the dashboard', () => {
  it('invites a new person to create a first tracker', async () => {
    renderDashboard([]);
    expect(await screen.findByRole('heading', { name: 'Start tracking something' })).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: 'Create your first tracker' }));
    expect(screen.getByRole('dialog', { name: 'New tracker' })).toBeTruthy();
  });

  it('shows today, the last entry, the streak and the target on each card, linking to its page', async () => {
    renderDashboard([sleep, meditated]);
    const card = await cardOf('Sleep');
    expect(within(card).getByText('Today: 7.5 hours (2 entries)')).toBeTruthy();
    expect(within(card).getByText(/^Last: 7.5 hours/)).toBeTruthy();
    expect(within(card).getByText('12-day streak')).toBeTruthy();
    expect(within(card).getByRole('progressbar', { name: 'Target of Sleep' }).getAttribute('aria-valuenow')).toBe('94');
    expect(within(card).getByRole('link', { name: 'Sleep' }).getAttribute('href')).toBe('#/trackers/t-num');
    const empty = await cardOf('Meditated');
    expect(within(empty).getByText('Nothing logged today')).toBeTruthy();
    expect(within(empty).getByText('No streak yet')).toBeTruthy();
  });

  it('logs “yes for today” in one click and refreshes the card', async () => {
    const addLog = vi.fn<Api['addLog']>(async () => ok({ log: logOf('t-bool', true) }));
    const dashboard = vi.fn<Api['dashboard']>(async () => ok({ cards }));
    renderDashboard([meditated], { addLog, dashboard });
    const card = await cardOf('Meditated');
    await fireEvent.click(within(card).getByRole('button', { name: 'Yes for today' }));
    expect(addLog).toHaveBeenCalledWith({ trackerId: 't-bool', value: true, note: '' });
    await vi.waitFor(() => expect(dashboard).toHaveBeenCalledTimes(2));
  });

  it('offers to change today’s yes/no answer instead of adding a second one', async () => {
    const answered = logOf('t-bool', true, 'after lunch');
    const todayYes: DashboardCard = { trackerId: 't-bool', today: { count: 1, value: true, lastLog: answered }, lastLog: answered, currentStreak: 3, target: null };
    const addLog = vi.fn<Api['addLog']>();
    const updateLog = vi.fn<Api['updateLog']>(async () => ok({ log: { ...answered, value: false } }));
    const dashboard = vi.fn<Api['dashboard']>(async () => ok({ cards: [todayYes] }));
    renderDashboard([meditated], { addLog, updateLog, dashboard });
    const card = await cardOf('Meditated');
    expect(within(card).getByText('Today: Yes')).toBeTruthy();
    expect(within(card).queryByRole('button', { name: 'Yes for today' })).toBeNull();
    const change = within(card).getByRole('group', { name: 'Change today’s answer for Meditated' });
    await fireEvent.click(within(change).getByRole('button', { name: 'Change to No' }));
    // The answer changes; its time and note stay.
    expect(updateLog).toHaveBeenCalledWith({ trackerId: 't-bool', logId: answered.id, value: false });
    expect(addLog).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(dashboard).toHaveBeenCalledTimes(2));
  });

  it('ticks a day answered yes, not one answered no', async () => {
    const no = logOf('t-bool', false);
    renderDashboard([meditated], { dashboard: () => ok({ cards: [{ trackerId: 't-bool', today: { count: 1, value: false, lastLog: no }, lastLog: no, currentStreak: 0, target: null }] }) });
    const today = within(await cardOf('Meditated')).getByText('Today: No');
    expect(today.classList.contains('done')).toBe(false);
    expect(within(await cardOf('Meditated')).getByRole('button', { name: 'Change to Yes' })).toBeTruthy();
  });

  it('logs a number from the quick entry', async () => {
    const addLog = vi.fn<Api['addLog']>(async () => ok({ log: logOf('t-num', 6) }));
    renderDashboard([sleep], { addLog });
    const card = await cardOf('Sleep');
    const form = within(card).getByRole('form', { name: 'Quick entry for Sleep' });
    await fireEvent.input(within(form).getByLabelText('Value'), { target: { value: '6' } });
    await fireEvent.click(within(form).getByRole('button', { name: 'Log' }));
    expect(addLog).toHaveBeenCalledWith({ trackerId: 't-num', value: 6, note: '' });
  });

  it('searches by name', async () => {
    renderDashboard([sleep, meditated, reading]);
    await cardOf('Sleep');
    await fireEvent.input(screen.getByLabelText('Search trackers'), { target: { value: 'read' } });
    expect(names()).toEqual(['Reading']);
    await fireEvent.input(screen.getByLabelText('Search trackers'), { target: { value: 'zzz' } });
    expect(screen.getByText('No tracker matches “zzz”.')).toBeTruthy();
  });

  it('hides archived trackers behind a toggle', async () => {
    renderDashboard([sleep, oldHabit]);
    await cardOf('Sleep');
    expect(names()).toEqual(['Sleep']);
    await fireEvent.click(screen.getByLabelText('Show archived (1)'));
    expect(names()).toEqual(['Sleep', 'Flossed']);
  });

  it('reorders with the move buttons and Alt+arrows, saving the whole order', async () => {
    const reorderTrackers = vi.fn<Api['reorderTrackers']>(async () => ok({}));
    renderDashboard([sleep, meditated, reading, oldHabit], { reorderTrackers });
    await fireEvent.click(within(await cardOf('Sleep')).getByRole('button', { name: 'Move Sleep down' }));
    expect(names()).toEqual(['Meditated', 'Sleep', 'Reading']);
    expect(reorderTrackers).toHaveBeenLastCalledWith({ trackerIds: ['t-bool', 't-num', 't-read', 't-old'] });

    await fireEvent.keyDown(await cardOf('Reading'), { key: 'ArrowUp', altKey: true });
    expect(names()).toEqual(['Meditated', 'Reading', 'Sleep']);
    expect(reorderTrackers).toHaveBeenLastCalledWith({ trackerIds: ['t-bool', 't-read', 't-num', 't-old'] });
  });

  it('puts the order back and says why when the app refuses it', async () => {
    const reorderTrackers = vi.fn<Api['reorderTrackers']>(async () => ({ ok: false, error: { code: 'INVALID_INPUT', message: 'Could not save the order.' } }));
    renderDashboard([sleep, meditated], { reorderTrackers });
    await fireEvent.click(within(await cardOf('Sleep')).getByRole('button', { name: 'Move Sleep down' }));
    await vi.waitFor(() => expect(names()).toEqual(['Sleep', 'Meditated']));
    expect(screen.getByRole('alert').textContent).toBe('Could not save the order.');
  });

  it('starts a timer on a duration card and stops it', async () => {
    const startTimer = vi.fn<Api['startTimer']>(async () => ok({ timer: { trackerId: 't-read', startedAt: new Date(Date.now() - 65_000).toISOString() } }));
    const stopTimer = vi.fn<Api['stopTimer']>(async () => ok({ log: logOf('t-read', 65) }));
    renderDashboard([reading], { startTimer, stopTimer });
    const card = await cardOf('Reading');
    await fireEvent.click(within(card).getByRole('button', { name: 'Start timer' }));
    expect(startTimer).toHaveBeenCalledWith({ trackerId: 't-read' });
    expect((await within(card).findByRole('timer', { name: 'Reading timer' })).textContent).toMatch(/^0:01:0\d$/);
    await fireEvent.click(within(card).getByRole('button', { name: 'Stop timer' }));
    expect(stopTimer).toHaveBeenCalledWith({ trackerId: 't-read' });
    expect(await within(card).findByRole('button', { name: 'Start timer' })).toBeTruthy();
  });

  it('shows a timer still running after a reload', async () => {
    renderDashboard([reading], { listTimers: () => ok({ timers: [{ trackerId: 't-read', startedAt: new Date(Date.now() - 3_700_000).toISOString() }] }) });
    const card = await cardOf('Reading');
    expect((await within(card).findByRole('timer')).textContent).toMatch(/^1:01:4\d$/);
  });

  it('focuses the quick entry of the first card on “n”', async () => {
    renderDashboard([sleep, meditated]);
    const card = await cardOf('Sleep');
    await fireEvent.keyDown(window, { key: 'n' });
    expect(document.activeElement).toBe(within(card).getByLabelText('Value'));
  });
});
