import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import TrackerForm from '../../src-renderer/src/features/trackers/TrackerForm.svelte';
import { createInput, updateInput, type TrackerDraft } from '../../src-renderer/src/features/trackers/tracker-draft';
import type { Result, Tracker } from '../../src-preload/contract';
import { trackers } from './stub-api';

function renderForm(tracker?: Tracker, answer: Result<unknown> = { ok: true, value: {} }) {
  const onsave = vi.fn(async (_draft: TrackerDraft) => answer);
  render(TrackerForm, { props: { tracker, onsave } });
  return { onsave, form: screen.getByRole('form') };
}

const input = (form: HTMLElement, label: string | RegExp, value: string) => fireEvent.input(within(form).getByLabelText(label), { target: { value } });
const choose = (form: HTMLElement, label: string | RegExp, value: string) => fireEvent.change(within(form).getByLabelText(label), { target: { value } });

describe('the tracker form', () => {
  it('creates a numerical tracker with every setting and a daily target', async () => {
    const { onsave, form } = renderForm();
    await input(form, 'Emoji', '😴');
    await input(form, 'Name', 'Sleep');
    await input(form, /Description/, 'Hours a night');
    await input(form, 'Unit', 'h');
    await input(form, /Minimum/, '0');
    await input(form, /Maximum/, '24');
    await choose(form, 'Decimals', '2');
    await choose(form, 'Chart shows per day', 'sum');
    await fireEvent.click(within(form).getByLabelText('Colour #1f9d74'));
    await choose(form, 'Every', 'day');
    await input(form, 'Amount (h)', '8');
    await fireEvent.click(within(form).getByRole('button', { name: 'Create tracker' }));

    expect(createInput(onsave.mock.calls[0]![0])).toEqual({
      name: 'Sleep',
      description: 'Hours a night',
      emoji: '😴',
      color: '#1f9d74',
      pinned: false,
      reminder: { enabled: true, days: [1, 2, 3, 4, 5, 6, 7], time: null },
      target: { period: 'day', comparison: 'at_least', value: 8 },
      settings: { type: 'numerical', unit: 'h', min: 0, max: 24, decimals: 2, aggregation: 'sum' },
    });
  });

  it('creates a multi-select choice tracker from the options editor', async () => {
    const { onsave, form } = renderForm();
    await input(form, 'Name', 'Tags');
    await choose(form, 'Type', 'multiple_choice');
    await input(form, 'Option 1', 'Work');
    await input(form, 'Option 2', 'Gym');
    await fireEvent.click(within(form).getByRole('button', { name: 'Add option' }));
    await input(form, 'Option 3', 'Home');
    await fireEvent.click(within(form).getByRole('button', { name: 'Move option 3 up' }));
    await fireEvent.click(within(form).getByRole('button', { name: 'Remove option 3' }));
    await fireEvent.click(within(form).getByLabelText('Allow several options per entry'));
    await fireEvent.click(within(form).getByRole('button', { name: 'Create tracker' }));

    expect(createInput(onsave.mock.calls[0]![0]).settings).toEqual({ type: 'multiple_choice', options: ['Work', 'Home'], multiple: true });
  });

  it('takes a duration target in minutes and sends seconds', async () => {
    const { onsave, form } = renderForm();
    await input(form, 'Name', 'Reading');
    await choose(form, 'Type', 'duration');
    await choose(form, 'Every', 'week');
    await input(form, 'Amount (minutes)', '90');
    await fireEvent.click(within(form).getByRole('button', { name: 'Create tracker' }));
    expect(createInput(onsave.mock.calls[0]![0]).target).toEqual({ period: 'week', comparison: 'at_least', value: 5400 });
  });

  it('renames, reorders and archives saved options by id when editing', async () => {
    const { onsave, form } = renderForm(trackers.multipleChoice);
    await input(form, 'Option 1', 'Great');
    await fireEvent.click(within(form).getByRole('button', { name: 'Move option 2 up' }));
    await fireEvent.click(within(form).getByRole('button', { name: 'Archive option 2' }));
    await fireEvent.click(within(form).getByRole('button', { name: 'Add option' }));
    await input(form, 'Option 3', 'Meh');
    await fireEvent.click(within(form).getByRole('button', { name: 'Save changes' }));

    expect(updateInput('t-mood', onsave.mock.calls[0]![0]).settings).toEqual({
      type: 'multiple_choice',
      multiple: false,
      options: [
        { id: 'o-bad', label: 'Bad', archived: false },
        { id: 'o-good', label: 'Great', archived: true },
        { label: 'Meh', archived: false },
      ],
    });
  });

  it('creates a pinned tracker when “Pinned” is ticked, and an unpinned one otherwise', async () => {
    const { onsave, form } = renderForm();
    const pin = within(form).getByLabelText('Pinned (first in the tray menu and quick-log)') as HTMLInputElement;
    expect(pin.checked).toBe(false);
    await input(form, 'Name', 'Water');
    await fireEvent.click(pin);
    await fireEvent.click(within(form).getByRole('button', { name: 'Create tracker' }));
    expect(createInput(onsave.mock.calls[0]![0]).pinned).toBe(true);
    // The form is blank again for the next tracker, unpinned.
    expect(pin.checked).toBe(false);
  });

  it('shows a pinned tracker’s box ticked when editing, and unpins it', async () => {
    const { onsave, form } = renderForm({ ...trackers.boolean, pinned: true });
    const pin = within(form).getByLabelText('Pinned (first in the tray menu and quick-log)') as HTMLInputElement;
    expect(pin.checked).toBe(true);
    await fireEvent.click(pin);
    await fireEvent.click(within(form).getByRole('button', { name: 'Save changes' }));
    expect(updateInput('t-bool', onsave.mock.calls[0]![0])).toMatchObject({ trackerId: 't-bool', pinned: false });
  });

  describe('reminder', () => {
    const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
    const reminderOf = (form: HTMLElement) => within(form).getByRole('group', { name: 'Reminder' });
    const days = (form: HTMLElement) => within(within(reminderOf(form)).getByRole('group', { name: 'On these days' })).getAllByRole('checkbox') as HTMLInputElement[];

    it('starts on, every day, at the nudge time of Settings, with each weekday a box named in full', async () => {
      const { onsave, form } = renderForm();
      const reminder = reminderOf(form);
      expect((within(reminder).getByLabelText('Nudge me when it has no entry for the day') as HTMLInputElement).checked).toBe(true);
      expect(days(form).map((box) => [box.labels?.[0]?.textContent?.trim(), box.checked])).toEqual(WEEKDAYS.map((day) => [day, true]));
      expect((within(reminder).getByLabelText(/Own time/) as HTMLInputElement).value).toBe('');
      await input(form, 'Name', 'Water');
      await fireEvent.click(within(form).getByRole('button', { name: 'Create tracker' }));
      expect(createInput(onsave.mock.calls[0]![0]).reminder).toEqual({ enabled: true, days: [1, 2, 3, 4, 5, 6, 7], time: null });
    });

    it('sends the days ticked, Monday first, and an own time', async () => {
      const { onsave, form } = renderForm();
      await input(form, 'Name', 'Gym');
      for (const day of ['Sunday', 'Tuesday', 'Thursday', 'Saturday']) await fireEvent.click(within(reminderOf(form)).getByLabelText(day));
      await fireEvent.click(within(reminderOf(form)).getByLabelText('Sunday'));
      await input(form, /Own time/, '07:30');
      await fireEvent.click(within(form).getByRole('button', { name: 'Create tracker' }));
      expect(createInput(onsave.mock.calls[0]![0]).reminder).toEqual({ enabled: true, days: [1, 3, 5, 7], time: '07:30' });
    });

    it('shows a tracker’s reminder when editing, and turns it off', async () => {
      const { onsave, form } = renderForm({ ...trackers.boolean, reminder: { enabled: true, days: [6, 7], time: '10:00' } });
      expect(days(form).filter((box) => box.checked).map((box) => box.value)).toEqual(['6', '7']);
      expect((within(reminderOf(form)).getByLabelText(/Own time/) as HTMLInputElement).value).toBe('10:00');
      await fireEvent.click(within(reminderOf(form)).getByLabelText('Nudge me when it has no entry for the day'));
      await input(form, /Own time/, '');
      await fireEvent.click(within(form).getByRole('button', { name: 'Save changes' }));
      expect(updateInput('t-bool', onsave.mock.calls[0]![0]).reminder).toEqual({ enabled: false, days: [6, 7], time: null });
    });

    it('asks for at least one day before saving, by the days, and forgets it once a day is ticked', async () => {
      const { onsave, form } = renderForm({ ...trackers.boolean, reminder: { enabled: true, days: [3], time: null } });
      await fireEvent.click(within(reminderOf(form)).getByLabelText('Wednesday'));
      await fireEvent.click(within(form).getByRole('button', { name: 'Save changes' }));
      expect(onsave).not.toHaveBeenCalled();
      const alert = within(reminderOf(form)).getByRole('alert');
      expect(alert.textContent).toBe('Choose at least one day for the reminder.');
      expect(within(reminderOf(form)).getByRole('group', { name: 'On these days' }).getAttribute('aria-describedby')).toBe(alert.id);

      await fireEvent.click(within(reminderOf(form)).getByLabelText('Friday'));
      expect(within(reminderOf(form)).queryByRole('alert')).toBeNull();
    });
  });

  it('shows the core’s refusal of a type change next to the type', async () => {
    const refusal: Result<unknown> = {
      ok: false,
      error: { code: 'TRACKER_TYPE_LOCKED', message: 'Sleep has entries, so its type cannot change.', field: 'settings.type' },
    };
    const { form } = renderForm(trackers.numerical, refusal);
    await choose(form, 'Type', 'boolean');
    await fireEvent.click(within(form).getByRole('button', { name: 'Save changes' }));
    const alert = await within(form).findByRole('alert');
    expect(alert.textContent).toBe('Sleep has entries, so its type cannot change.');
    expect(within(form).getByLabelText('Type').getAttribute('aria-describedby')).toBe(alert.id);
  });

  it('clears “Give the tracker a name.” as soon as a name is typed', async () => {
    const refusal: Result<unknown> = { ok: false, error: { code: 'TRACKER_NAME_REQUIRED', message: 'Give the tracker a name.', field: 'name' } };
    const { form } = renderForm(undefined, refusal);
    await fireEvent.click(within(form).getByRole('button', { name: 'Create tracker' }));
    const name = within(form).getByLabelText('Name');
    expect((await within(form).findByRole('alert')).textContent).toBe('Give the tracker a name.');
    expect(name.getAttribute('aria-invalid')).toBe('true');

    await input(form, 'Name', 'S');
    expect(within(form).queryByRole('alert')).toBeNull();
    expect(name.getAttribute('aria-invalid')).toBe('false');
    expect(name.getAttribute('aria-describedby')).toBeNull();
  });

  it('keeps an error about another field while the name is edited', async () => {
    const refusal: Result<unknown> = { ok: false, error: { code: 'TARGET_INVALID', message: 'A target is a number of zero or more.', field: 'target.value' } };
    const { form } = renderForm(undefined, refusal);
    await input(form, 'Name', 'Sleep');
    await choose(form, 'Every', 'day');
    await fireEvent.click(within(form).getByRole('button', { name: 'Create tracker' }));
    expect((await within(form).findByRole('alert')).textContent).toBe('A target is a number of zero or more.');
    await input(form, 'Name', 'Sleep well');
    expect(within(form).getByRole('alert').textContent).toBe('A target is a number of zero or more.');
  });
});
