import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import EntryForm from '../../src-renderer/src/features/logs/EntryForm.svelte';
import type { EntrySubmission } from '../../src-renderer/src/features/logs/entry-draft';
import type { Result, Tracker } from '../../src-preload/contract';
import { logOf, trackers } from './stub-api';
import { formatTime } from '../../src-renderer/src/features/logs/format';

const multi: Tracker = {
  ...trackers.multipleChoice,
  id: 't-tags',
  name: 'Tags',
  settings: {
    type: 'multiple_choice',
    multiple: true,
    options: [
      { id: 'o-work', label: 'Work', archived: false },
      { id: 'o-old', label: 'Old', archived: true },
      { id: 'o-home', label: 'Home', archived: false },
    ],
  },
};

function renderForm(tracker: Tracker, extra: Record<string, unknown> = {}) {
  const onsubmit = vi.fn(async (_entry: EntrySubmission): Promise<Result<unknown>> => ({ ok: true, value: {} }));
  render(EntryForm, { props: { tracker, onsubmit, ...extra } });
  const form = screen.getByRole('form');
  return { onsubmit, form };
}

const save = (form: HTMLElement, name = 'Add entry') => fireEvent.click(within(form).getByRole('button', { name }));

describe('the entry form', () => {
  it('sends a number for a numerical tracker, with its note', async () => {
    const { onsubmit, form } = renderForm(trackers.numerical);
    await fireEvent.input(within(form).getByLabelText('Value'), { target: { value: '7.5' } });
    await fireEvent.input(within(form).getByLabelText('Note'), { target: { value: 'late, but fine' } });
    await save(form);
    expect(onsubmit).toHaveBeenCalledWith({ value: 7.5, note: 'late, but fine' });
  });

  it('sends true or false for a yes/no tracker', async () => {
    const { onsubmit, form } = renderForm(trackers.boolean);
    await fireEvent.click(within(form).getByLabelText('No'));
    await save(form);
    expect(onsubmit).toHaveBeenCalledWith({ value: false, note: '' });
  });

  it('sends the chosen option id for a single-choice tracker', async () => {
    const { onsubmit, form } = renderForm(trackers.multipleChoice);
    await fireEvent.change(within(form).getByLabelText('Value'), { target: { value: 'o-bad' } });
    await save(form);
    expect(onsubmit).toHaveBeenCalledWith({ value: ['o-bad'], note: '' });
  });

  it('offers checkboxes for a multi-select tracker, hides archived options and keeps the option order', async () => {
    const { onsubmit, form } = renderForm(multi);
    expect(within(form).queryByLabelText('Old')).toBeNull();
    await fireEvent.click(within(form).getByLabelText('Home'));
    await fireEvent.click(within(form).getByLabelText('Work'));
    await save(form);
    expect(onsubmit).toHaveBeenCalledWith({ value: ['o-work', 'o-home'], note: '' });
  });

  it('asks for at least one option on a multi-select tracker, and drops the request once one is ticked', async () => {
    const { onsubmit, form } = renderForm(multi);
    await save(form);
    expect(onsubmit).not.toHaveBeenCalled();
    expect(within(form).getByRole('alert').textContent).toBe('Expected one or more of: Work, Home.');
    await fireEvent.click(within(form).getByLabelText('Work'));
    expect(within(form).queryByRole('alert')).toBeNull();
  });

  it('says before saving what the core would: a number beyond what is kept, a duration with part of a second', async () => {
    const numeric = renderForm(trackers.numerical);
    await fireEvent.input(within(numeric.form).getByLabelText('Value'), { target: { value: '1e15' } });
    await save(numeric.form);
    expect(numeric.onsubmit).not.toHaveBeenCalled();
    expect(within(numeric.form).getByRole('alert').textContent).toMatch(/below 1,000,000,000,000,000/);
  });

  it('sends the duration text as typed, for the core to parse', async () => {
    const { onsubmit, form } = renderForm(trackers.duration);
    await fireEvent.input(within(form).getByLabelText('Value'), { target: { value: ' 1h 30m ' } });
    await save(form);
    expect(onsubmit).toHaveBeenCalledWith({ value: '1h 30m', note: '' });
  });

  it('sends a back-dated time in the profile’s time zone, with that zone’s offset', async () => {
    const { onsubmit, form } = renderForm(trackers.numerical, { timeZone: 'America/New_York' });
    await fireEvent.input(within(form).getByLabelText('Value'), { target: { value: '8' } });
    await fireEvent.input(within(form).getByLabelText(/When/), { target: { value: '2026-07-14T21:05' } });
    await save(form);
    expect(onsubmit.mock.calls[0]?.[0].at).toBe('2026-07-14T21:05:00-04:00');
  });

  it('fills in the log being edited, in the profile’s zone, and sends the changes', async () => {
    const log = logOf('t-read', 5400, 'evening', '2026-01-10T20:15:00.000Z');
    const { onsubmit, form } = renderForm(trackers.duration, { log, timeZone: 'Europe/Paris', submitLabel: 'Save' });
    expect((within(form).getByLabelText('Value') as HTMLInputElement).value).toBe('1h 30m');
    expect((within(form).getByLabelText(/When/) as HTMLInputElement).value).toBe('2026-01-10T21:15');
    expect((within(form).getByLabelText('Note') as HTMLInputElement).value).toBe('evening');
    await fireEvent.input(within(form).getByLabelText('Value'), { target: { value: '45m' } });
    await save(form, 'Save');
    expect(onsubmit).toHaveBeenCalledWith({ value: '45m', at: '2026-01-10T21:15:00+01:00', note: 'evening' });
  });

  it('cancels on Escape', async () => {
    const oncancel = vi.fn();
    const { form } = renderForm(trackers.numerical, { oncancel });
    await fireEvent.keyDown(within(form).getByLabelText('Value'), { key: 'Escape' });
    expect(oncancel).toHaveBeenCalledOnce();
  });

  it('saves on Enter from a yes/no choice', async () => {
    const { onsubmit, form } = renderForm(trackers.boolean);
    const yes = within(form).getByLabelText('Yes');
    await fireEvent.click(yes);
    await fireEvent.keyDown(yes, { key: 'Enter' });
    expect(onsubmit).toHaveBeenCalledWith({ value: true, note: '' });
  });

  it('saves on Enter from a single-choice list and from the note, not while an input method composes', async () => {
    const { onsubmit, form } = renderForm(trackers.multipleChoice);
    const value = within(form).getByLabelText('Value');
    const note = within(form).getByLabelText('Note');
    await fireEvent.change(value, { target: { value: 'o-good' } });
    await fireEvent.input(note, { target: { value: 'さくら' } });
    await fireEvent.keyDown(note, { key: 'Enter', isComposing: true });
    expect(onsubmit).not.toHaveBeenCalled();
    await fireEvent.keyDown(value, { key: 'Enter' });
    expect(onsubmit).toHaveBeenCalledWith({ value: ['o-good'], note: 'さくら' });
  });

  it('answers a yes/no tracker with the Y and N keys', async () => {
    const { onsubmit, form } = renderForm(trackers.boolean);
    const yes = within(form).getByLabelText('Yes') as HTMLInputElement;
    await fireEvent.keyDown(yes, { key: 'y' });
    expect(yes.checked).toBe(true);
    await fireEvent.keyDown(yes, { key: 'N' });
    expect((within(form).getByLabelText('No') as HTMLInputElement).checked).toBe(true);
    await save(form);
    expect(onsubmit).toHaveBeenCalledWith({ value: false, note: '' });
  });

  it('shows the core’s error about the value next to it', async () => {
    const onsubmit = vi.fn(async (): Promise<Result<unknown>> => ({
      ok: false,
      error: { code: 'LOG_VALUE_INVALID', message: 'Write a duration such as 1:30 or 1h 30m.', field: 'value' },
    }));
    render(EntryForm, { props: { tracker: trackers.duration, onsubmit } });
    const form = screen.getByRole('form');
    await fireEvent.input(within(form).getByLabelText('Value'), { target: { value: '1:30' } });
    await save(form);
    const alert = await within(form).findByRole('alert');
    expect(alert.textContent).toBe('Write a duration such as 1:30 or 1h 30m.');
    expect(within(form).getByLabelText('Value').getAttribute('aria-describedby')).toContain(alert.id);
  });
});

describe('an entry dated more than a day ahead', () => {
  // Noon on 1 March 2026 (UTC, the profile's zone here); only Date is faked, no timers.
  const NOW = new Date('2026-03-01T12:00:00.000Z');
  afterEach(() => vi.useRealTimers());

  async function typeAhead(extra: Record<string, unknown> = {}, when = '2026-03-04T09:00') {
    vi.useFakeTimers({ toFake: ['Date'], now: NOW });
    const rendered = renderForm(trackers.numerical, { timeZone: 'UTC', ...extra });
    await fireEvent.input(within(rendered.form).getByLabelText('Value'), { target: { value: '8' } });
    await fireEvent.input(within(rendered.form).getByLabelText(/When/), { target: { value: when } });
    return rendered;
  }

  it('asks first, in a sentence with the date, and saves only when the person confirms', async () => {
    const { onsubmit, form } = await typeAhead();
    await save(form);
    expect(onsubmit).not.toHaveBeenCalled();
    const confirm = within(form).getByRole('group', { name: 'Confirm the date' });
    expect(within(confirm).getByRole('alert').textContent).toBe(
      `This entry is dated ${formatTime('2026-03-04T09:00:00+00:00', 'UTC')}, more than a day from now. Save it with this date?`,
    );
    await fireEvent.click(within(confirm).getByRole('button', { name: 'Save with this date' }));
    expect(onsubmit).toHaveBeenCalledWith({ value: 8, at: '2026-03-04T09:00:00+00:00', note: '' });
  });

  it('keeps the form as it was on Cancel, without saving', async () => {
    const { onsubmit, form } = await typeAhead();
    await save(form);
    await fireEvent.click(within(within(form).getByRole('group', { name: 'Confirm the date' })).getByRole('button', { name: 'Cancel' }));
    expect(onsubmit).not.toHaveBeenCalled();
    expect(within(form).queryByRole('group', { name: 'Confirm the date' })).toBeNull();
    expect((within(form).getByLabelText('Value') as HTMLInputElement).value).toBe('8');
    expect((within(form).getByLabelText(/When/) as HTMLInputElement).value).toBe('2026-03-04T09:00');
  });

  it('asks again when the date changes, and not at all within a day', async () => {
    const { onsubmit, form } = await typeAhead();
    await save(form);
    await fireEvent.input(within(form).getByLabelText(/When/), { target: { value: '2026-03-02T11:00' } });
    expect(within(form).queryByRole('group', { name: 'Confirm the date' })).toBeNull();
    await save(form);
    expect(onsubmit).toHaveBeenCalledWith({ value: 8, at: '2026-03-02T11:00:00+00:00', note: '' });
  });

  it('asks too when an entry is edited to a date ahead', async () => {
    const log = logOf('t-num', 7, '', '2026-02-28T08:00:00.000Z');
    const { onsubmit, form } = await typeAhead({ log, submitLabel: 'Save' });
    await save(form, 'Save');
    expect(onsubmit).not.toHaveBeenCalled();
    await fireEvent.click(within(form).getByRole('button', { name: 'Save with this date' }));
    expect(onsubmit).toHaveBeenCalledWith({ value: 8, at: '2026-03-04T09:00:00+00:00', note: '' });
  });
});
