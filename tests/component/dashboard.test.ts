import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import Dashboard from '../../src-renderer/src/features/trackers/Dashboard.svelte';
import { Session } from '../../src-renderer/src/features/session/session.svelte';
import type { Api, Tracker } from '../../src-preload/contract';
import { ok, stubApi, trackers } from './stub-api';

const profile = { id: 'p1', email: 'a@b.c', name: 'Ada', age: 36, gender: 'female', createdAt: '2026-01-01T00:00:00Z' } as const;

function renderDashboard(api: Partial<Api>) {
  const session = new Session(stubApi(api));
  render(Dashboard, { props: { session, profile } });
  return session;
}

describe('the dashboard', () => {
  it('greets the person and says how to start when there are no trackers', async () => {
    renderDashboard({ listTrackers: () => ok({ trackers: [] }) });
    expect(screen.getByText('Ada')).toBeTruthy();
    expect(await screen.findByText('No trackers yet — create your first one above.')).toBeTruthy();
  });

  it('creates a multiple-choice tracker from the options editor and shows its card', async () => {
    const createTracker = vi.fn<Api['createTracker']>(async (input) =>
      ok({ tracker: { ...trackers.multipleChoice, name: input.name } satisfies Tracker }),
    );
    renderDashboard({ listTrackers: () => ok({ trackers: [] }), createTracker, listLogs: () => ok({ logs: [] }) });
    const form = screen.getByRole('form', { name: 'New tracker' });

    await fireEvent.input(within(form).getByLabelText('Name'), { target: { value: 'Mood' } });
    await fireEvent.change(within(form).getByLabelText('Type'), { target: { value: 'multiple_choice' } });
    await fireEvent.input(within(form).getByLabelText('Option 1'), { target: { value: 'Good' } });
    await fireEvent.input(within(form).getByLabelText('Option 2'), { target: { value: 'Bad' } });
    await fireEvent.click(within(form).getByRole('button', { name: 'Add option' }));
    await fireEvent.input(within(form).getByLabelText('Option 3'), { target: { value: 'Meh' } });
    await fireEvent.click(within(form).getByRole('button', { name: 'Remove option 2' }));
    await fireEvent.click(within(form).getByRole('button', { name: 'Create tracker' }));

    expect(createTracker).toHaveBeenCalledWith({
      name: 'Mood',
      description: '',
      settings: { type: 'multiple_choice', options: ['Good', 'Meh'] },
    });
    const card = await screen.findByTestId('tracker-card');
    expect(within(card).getByRole('heading', { name: 'Mood' })).toBeTruthy();
  });

  it('sends the unit of a numerical tracker', async () => {
    const createTracker = vi.fn<Api['createTracker']>(async () => ok({ tracker: trackers.numerical }));
    renderDashboard({ listTrackers: () => ok({ trackers: [] }), createTracker, listLogs: () => ok({ logs: [] }) });
    const form = screen.getByRole('form', { name: 'New tracker' });

    await fireEvent.input(within(form).getByLabelText('Name'), { target: { value: 'Sleep' } });
    await fireEvent.input(within(form).getByLabelText('Unit'), { target: { value: 'hours' } });
    await fireEvent.click(within(form).getByRole('button', { name: 'Create tracker' }));

    expect(createTracker).toHaveBeenCalledWith({ name: 'Sleep', description: '', settings: { type: 'numerical', unit: 'hours' } });
  });

  it('deletes a tracker only after confirmation', async () => {
    const deleteTracker = vi.fn<Api['deleteTracker']>(async () => ok({}));
    renderDashboard({ listTrackers: () => ok({ trackers: [trackers.boolean] }), listLogs: () => ok({ logs: [] }), deleteTracker });
    const card = await screen.findByTestId('tracker-card');

    await fireEvent.click(within(card).getByRole('button', { name: 'Delete tracker' }));
    expect(deleteTracker).not.toHaveBeenCalled();
    await fireEvent.click(within(card).getByRole('button', { name: 'Yes, delete' }));

    expect(deleteTracker).toHaveBeenCalledWith({ trackerId: 't-bool' });
    expect(await screen.findByText('No trackers yet — create your first one above.')).toBeTruthy();
  });
});

describe('the session', () => {
  it('returns to log-in when the app says the session is gone', async () => {
    const session = renderDashboard({
      listTrackers: async () => ({ ok: false, error: { code: 'NOT_LOGGED_IN', message: 'Please log in again.' } }),
    });
    session.opened(profile);
    await vi.waitFor(() => expect(session.profile).toBeNull());
    expect(session.problem).toBe('Please log in again.');
  });
});
