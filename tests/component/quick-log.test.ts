import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../../src-renderer/src/App.svelte';
import QuickLogPage from '../../src-renderer/src/features/quick-log/QuickLogPage.svelte';
import { draftOf, valueOf } from '../../src-renderer/src/features/logs/entry-draft';
import { dayIn } from '../../src-renderer/src/features/logs/zoned-time';
import { router } from '../../src-renderer/src/lib/router.svelte';
import type { Api, Log, Tracker } from '../../src-preload/contract';
import { ada, noStayUnlocked, settings, summaries } from './session-fixtures';
import { logOf, ok, settingsIn, stubApi, trackers } from './stub-api';

const water: Tracker = { ...trackers.numerical, id: 't-water', name: 'Water', pinned: true, settings: { ...trackers.numerical.settings, unit: 'glasses' } };
const steps: Tracker = { ...trackers.numerical, id: 't-steps', name: 'Steps', archived: true };
/** The person's order; Water is pinned, Steps archived. */
const ALL: Tracker[] = [trackers.numerical, trackers.boolean, steps, trackers.multipleChoice, water, trackers.duration];

function apiWith(extra: Partial<Api> = {}) {
  const addLog = vi.fn<Api['addLog']>(async (input) => ok({ log: logOf(input.trackerId, typeof input.value === 'number' ? input.value : 0) }));
  const api = stubApi({ listTrackers: () => ok({ trackers: ALL }), getSettings: settingsIn('UTC'), addLog, ...extra });
  return { api, addLog };
}

function renderQuickLog(trackerId: string | null, extra: Partial<Api> = {}) {
  const { api, addLog } = apiWith(extra);
  render(QuickLogPage, { props: { api, trackerId } });
  return { addLog };
}

/** The desktop app: its preload bridge is there, and the quick-log is a window that closes. */
function inDesktopApp() {
  window.qs = stubApi({});
  return vi.spyOn(window, 'close').mockImplementation(() => undefined);
}

const pickerInput = () => screen.findByRole('combobox', { name: 'Tracker' });
const optionNames = () => screen.getAllByRole('option').map((option) => option.querySelector('.name')?.textContent);
const activeOption = () => screen.getAllByRole('option').find((option) => option.getAttribute('aria-selected') === 'true');

/** jsdom lays nothing out and has no scrollIntoView: record which element asked to be shown. */
const scrolledTo = vi.fn<(this: Element, options?: ScrollIntoViewOptions) => void>();

beforeEach(() => {
  router.go({ name: 'quick-log', trackerId: null });
  Element.prototype.scrollIntoView = scrolledTo;
});

afterEach(() => {
  delete window.qs;
  delete (Element.prototype as Partial<Element>).scrollIntoView;
  scrolledTo.mockClear();
  vi.restoreAllMocks();
});

describe('the quick-log’s tracker picker', () => {
  it('offers the trackers in use, pinned first then in the person’s order, with the text field focused', async () => {
    renderQuickLog(null);
    const input = await pickerInput();
    expect(document.activeElement).toBe(input);
    await vi.waitFor(() => expect(optionNames()).toEqual(['Water', 'Sleep', 'Meditated', 'Mood', 'Reading']));
    expect(activeOption()?.textContent).toContain('Water');
    expect(input.getAttribute('aria-activedescendant')).toBe(activeOption()?.id);
  });

  it('filters as the person types, moves with the arrows and picks with Enter; the value field then has focus', async () => {
    renderQuickLog(null);
    const input = await pickerInput();
    await fireEvent.input(input, { target: { value: 'E' } });
    expect(optionNames()).toEqual(['Water', 'Sleep', 'Meditated', 'Reading']);
    await fireEvent.input(input, { target: { value: ' ee ' } });
    expect(optionNames()).toEqual(['Sleep']);
    await fireEvent.input(input, { target: { value: 'e' } });
    await fireEvent.keyDown(input, { key: 'ArrowDown' });
    await fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(activeOption()?.textContent).toContain('Meditated');
    await fireEvent.keyDown(input, { key: 'ArrowUp' });
    expect(activeOption()?.textContent).toContain('Sleep');
    expect(input.getAttribute('aria-activedescendant')).toBe(activeOption()?.id);
    // A long list scrolls in the small window: the highlighted tracker is kept in view.
    expect(scrolledTo.mock.contexts.at(-1)).toBe(activeOption());
    expect(scrolledTo).toHaveBeenLastCalledWith({ block: 'nearest' });

    await fireEvent.keyDown(input, { key: 'Enter' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Log Sleep' })).toBeTruthy();
    expect(screen.queryByRole('combobox')).toBeNull();
    await vi.waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Value')));
  });

  it('says when nothing matches, and Enter then picks nothing', async () => {
    renderQuickLog(null);
    const input = await pickerInput();
    await fireEvent.input(input, { target: { value: 'xyz' } });
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(screen.getByText('No tracker matches “xyz”.')).toBeTruthy();
    await fireEvent.keyDown(input, { key: 'Enter' });
    expect(screen.getByRole('heading', { level: 1, name: 'Quick log' })).toBeTruthy();
  });

  it('shows the picker with a message when the tracker it was opened for is gone', async () => {
    renderQuickLog('t-gone');
    expect((await screen.findByRole('alert')).textContent).toBe('That tracker is not there any more: choose another.');
    expect(await pickerInput()).toBeTruthy();
  });
});

describe('logging from the quick-log', () => {
  it('opened for a tracker, focuses its value at once; Enter saves the parsed value and the note, then the window closes', async () => {
    const close = inDesktopApp();
    const { addLog } = renderQuickLog('t-water');
    expect(await screen.findByRole('heading', { level: 1, name: 'Log Water' })).toBeTruthy();
    const value = screen.getByLabelText('Value');
    await vi.waitFor(() => expect(document.activeElement).toBe(value));
    expect(screen.queryByLabelText(/When/)).toBeNull();

    await fireEvent.input(value, { target: { value: '2.5' } });
    await fireEvent.input(screen.getByLabelText('Note'), { target: { value: 'after the run' } });
    await fireEvent.keyDown(screen.getByLabelText('Note'), { key: 'Enter' });
    expect(addLog).toHaveBeenCalledWith({ trackerId: 't-water', value: 2.5, note: 'after the run' });
    await vi.waitFor(() => expect(close).toHaveBeenCalledOnce());
  });

  it('in a browser tab, shows the tracker’s page after saving instead of closing', async () => {
    const close = vi.spyOn(window, 'close').mockImplementation(() => undefined);
    const { addLog } = renderQuickLog('t-read');
    const value = await screen.findByLabelText('Value');
    await fireEvent.input(value, { target: { value: '1h 30m' } });
    await fireEvent.keyDown(value, { key: 'Enter' });
    expect(addLog).toHaveBeenCalledWith({ trackerId: 't-read', value: '1h 30m', note: '' });
    await vi.waitFor(() => expect(location.hash).toBe('#/trackers/t-read'));
    expect(router.route).toEqual({ name: 'tracker', trackerId: 't-read' });
    expect(close).not.toHaveBeenCalled();
  });

  it('shows the main window’s message for a missing or invalid value, announced, and saves nothing', async () => {
    const close = inDesktopApp();
    const { addLog } = renderQuickLog('t-water');
    const value = await screen.findByLabelText('Value');
    await fireEvent.keyDown(value, { key: 'Enter' });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe((valueOf(water, draftOf(undefined, undefined)) as { error: string }).error);
    expect(value.getAttribute('aria-invalid')).toBe('true');
    expect(value.getAttribute('aria-describedby')).toContain(alert.id);

    await fireEvent.input(value, { target: { value: '1e15' } });
    await fireEvent.keyDown(value, { key: 'Enter' });
    expect((await screen.findByRole('alert')).textContent).toMatch(/below 1,000,000,000,000,000/);
    expect(addLog).not.toHaveBeenCalled();
    expect(close).not.toHaveBeenCalled();
  });

  it('answers a yes/no tracker with Y or N and Enter', async () => {
    const { addLog } = renderQuickLog('t-bool', { listLogs: () => ok({ logs: [], total: 0 }) });
    const yes = await screen.findByLabelText('Yes');
    await vi.waitFor(() => expect(document.activeElement).toBe(yes));
    await fireEvent.keyDown(yes, { key: 'n' });
    const no = screen.getByLabelText('No') as HTMLInputElement;
    expect(no.checked).toBe(true);
    expect(document.activeElement).toBe(no);
    await fireEvent.keyDown(no, { key: 'Enter' });
    expect(addLog).toHaveBeenCalledWith({ trackerId: 't-bool', value: false, note: '' });
  });

  it('changes today’s yes/no answer rather than adding a second one', async () => {
    const today: Log = logOf('t-bool', true, 'morning', new Date().toISOString());
    const listLogs = vi.fn<Api['listLogs']>(async () => ok({ logs: [today], total: 1 }));
    const updateLog = vi.fn<Api['updateLog']>(async () => ok({ log: { ...today, value: false } }));
    const { addLog } = renderQuickLog('t-bool', { listLogs, updateLog });
    const yes = await screen.findByLabelText('Yes');
    expect(listLogs).toHaveBeenCalledWith(expect.objectContaining({ trackerId: 't-bool', from: `${dayIn(new Date(), 'UTC')}T00:00:00+00:00`, limit: 1 }));
    expect(screen.getByText('Today’s answer is Yes: saving changes it.')).toBeTruthy();
    await fireEvent.keyDown(yes, { key: 'N' });
    await fireEvent.keyDown(screen.getByLabelText('No'), { key: 'Enter' });
    expect(updateLog).toHaveBeenCalledWith({ trackerId: 't-bool', logId: today.id, value: false });
    expect(addLog).not.toHaveBeenCalled();
  });
});

describe('Escape', () => {
  it('closes the window in the desktop app, from the picker and from the entry form', async () => {
    const close = inDesktopApp();
    renderQuickLog(null);
    await fireEvent.keyDown(await pickerInput(), { key: 'Escape' });
    expect(close).toHaveBeenCalledOnce();

    await fireEvent.keyDown(await pickerInput(), { key: 'Enter' });
    await fireEvent.keyDown(await screen.findByLabelText('Value'), { key: 'Escape' });
    expect(close).toHaveBeenCalledTimes(2);
    expect(location.hash).toBe('#/quick-log');
  });

  it('goes back to the dashboard in a browser tab', async () => {
    const close = vi.spyOn(window, 'close').mockImplementation(() => undefined);
    renderQuickLog('t-num');
    await fireEvent.keyDown(await screen.findByLabelText('Value'), { key: 'Escape' });
    expect(location.hash).toBe('#/');
    expect(router.route).toEqual({ name: 'dashboard' });
    expect(close).not.toHaveBeenCalled();
  });
});

describe('the quick-log in the app', () => {
  const session = (extra: Partial<Api>) =>
    stubApi({
      listTrackers: () => ok({ trackers: ALL }),
      getSettings: () => ok({ settings, stayUnlocked: noStayUnlocked }),
      listProfiles: () => ok({ profiles: summaries }),
      ...extra,
    });

  it('shows no header or navigation, only the quick-log', async () => {
    render(App, { props: { api: session({ currentProfile: () => ok({ profile: ada }) }) } });
    expect(await screen.findByRole('heading', { level: 1, name: 'Quick log' })).toBeTruthy();
    expect(screen.queryByRole('navigation')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Lock' })).toBeNull();
  });

  it('asks a locked-out person to log in first, then shows the quick-log for the tracker it was opened for', async () => {
    router.go({ name: 'quick-log', trackerId: 't-water' });
    const logIn = vi.fn<Api['logIn']>(() => ok({ profile: ada, newBackupCode: null }));
    render(App, { props: { api: session({ currentProfile: () => ok({ profile: null }), logIn }) } });
    const form = await screen.findByRole('form', { name: 'Log in' });
    expect(screen.queryByRole('heading', { name: 'Log Water' })).toBeNull();
    await fireEvent.input(within(form).getByLabelText('Email'), { target: { value: 'ada@example.org' } });
    await fireEvent.input(within(form).getByLabelText('Password'), { target: { value: 'secret words' } });
    await fireEvent.click(within(form).getByRole('button', { name: 'Log in' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Log Water' })).toBeTruthy();
    await vi.waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Value')));
  });

  it('sends someone else who logs in after a lock to the picker, not to the previous person’s tracker', async () => {
    router.go({ name: 'quick-log', trackerId: 't-water' });
    const grace = { ...ada, id: 'p-grace', email: 'grace@example.org', name: 'Grace' };
    // The first answer finds the profile locked (by the other window, or the idle timer).
    const listTrackers = vi
      .fn<Api['listTrackers']>()
      .mockResolvedValueOnce({ ok: false, error: { code: 'SESSION_LOCKED', message: 'This profile was locked.' } })
      .mockImplementation(() => ok({ trackers: ALL }));
    const logIn = vi.fn<Api['logIn']>(() => ok({ profile: grace, newBackupCode: null }));
    render(App, { props: { api: session({ currentProfile: () => ok({ profile: ada }), listTrackers, logIn }) } });
    const form = await screen.findByRole('form', { name: 'Log in' });
    await fireEvent.input(within(form).getByLabelText('Email'), { target: { value: 'grace@example.org' } });
    await fireEvent.input(within(form).getByLabelText('Password'), { target: { value: 'secret words' } });
    await fireEvent.click(within(form).getByRole('button', { name: 'Log in' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Quick log' })).toBeTruthy();
    expect(router.route).toEqual({ name: 'quick-log', trackerId: null });
  });
});
