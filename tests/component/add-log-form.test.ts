import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import TrackerCard from '../../src-renderer/src/features/trackers/TrackerCard.svelte';
import type { Api, Tracker } from '../../src-preload/contract';
import { logOf, ok, stubApi, trackers } from './stub-api';

/** A tracker card whose api answers `addLog` with a log echoing the value it was sent. */
function renderCard(tracker: Tracker) {
  const addLog = vi.fn<Api['addLog']>(async (input) =>
    ok({ log: logOf(tracker.id, typeof input.value === 'string' ? 5400 : input.value, input.note ?? '') }),
  );
  const api = stubApi({ listLogs: () => ok({ logs: [] }), addLog });
  render(TrackerCard, { props: { tracker, api, ondelete: () => ok({}) } });
  return { addLog, form: screen.getByRole('form', { name: `Add an entry to ${tracker.name}` }) };
}

async function submit(form: HTMLElement) {
  await fireEvent.click(within(form).getByRole('button', { name: 'Add entry' }));
}

describe('the add-entry form', () => {
  it('sends a number for a numerical tracker, and shows the entry', async () => {
    const { addLog, form } = renderCard(trackers.numerical);
    await fireEvent.input(within(form).getByLabelText('Value'), { target: { value: '7.5' } });
    await fireEvent.input(within(form).getByLabelText('Note'), { target: { value: 'late, but fine' } });
    await submit(form);

    expect(addLog).toHaveBeenCalledWith({ trackerId: 't-num', value: 7.5, note: 'late, but fine' });
    const row = await screen.findByTestId('log-row');
    expect(row.textContent).toContain('7.5 hours');
    expect(row.textContent).toContain('late, but fine');
  });

  it('sends true or false for a yes/no tracker', async () => {
    const { addLog, form } = renderCard(trackers.boolean);
    await fireEvent.click(within(form).getByLabelText('No'));
    await submit(form);

    expect(addLog).toHaveBeenCalledWith({ trackerId: 't-bool', value: false, note: '' });
  });

  it('sends the chosen option id for a multiple-choice tracker', async () => {
    const { addLog, form } = renderCard(trackers.multipleChoice);
    await fireEvent.change(within(form).getByLabelText('Value'), { target: { value: 'o-bad' } });
    await submit(form);

    expect(addLog).toHaveBeenCalledWith({ trackerId: 't-mood', value: ['o-bad'], note: '' });
  });

  it('sends the duration text as typed, for the core to parse', async () => {
    const { addLog, form } = renderCard(trackers.duration);
    await fireEvent.input(within(form).getByLabelText('Value'), { target: { value: ' 1h 30m ' } });
    await submit(form);

    expect(addLog).toHaveBeenCalledWith({ trackerId: 't-read', value: '1h 30m', note: '' });
    expect((await screen.findByTestId('log-row')).textContent).toContain('1h 30m');
  });

  it('sends the chosen time as ISO-8601 with the local offset', async () => {
    const { addLog, form } = renderCard(trackers.numerical);
    await fireEvent.input(within(form).getByLabelText('Value'), { target: { value: '8' } });
    await fireEvent.input(within(form).getByLabelText(/When/), { target: { value: '2026-03-01T07:30' } });
    await submit(form);

    const at = addLog.mock.calls[0]?.[0].at ?? '';
    expect(at).toMatch(/^2026-03-01T07:30:00[+-]\d{2}:\d{2}$/);
    expect(new Date(at).getTime()).toBe(new Date(2026, 2, 1, 7, 30).getTime());
  });

  it('asks for a value before calling the app', async () => {
    const { addLog, form } = renderCard(trackers.boolean);
    await submit(form);

    expect(addLog).not.toHaveBeenCalled();
    expect(within(form).getByRole('alert').textContent).toBe('Choose yes or no.');
  });

  it('shows the core’s error about the value next to it', async () => {
    const addLog = vi.fn<Api['addLog']>(async () => ({
      ok: false,
      error: { code: 'LOG_VALUE_INVALID', message: 'Write a duration such as 1:30 or 1h 30m.', field: 'value' },
    }));
    render(TrackerCard, {
      props: { tracker: trackers.duration, api: stubApi({ listLogs: () => ok({ logs: [] }), addLog }), ondelete: () => ok({}) },
    });
    const form = screen.getByRole('form', { name: 'Add an entry to Reading' });
    await fireEvent.input(within(form).getByLabelText('Value'), { target: { value: 'soon' } });
    await submit(form);

    const alert = await within(form).findByRole('alert');
    expect(alert.textContent).toBe('Write a duration such as 1:30 or 1h 30m.');
    expect(within(form).getByLabelText('Value').getAttribute('aria-describedby')).toContain(alert.id);
  });
});
