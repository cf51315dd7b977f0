import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import LogTable from '../../src-renderer/src/features/logs/LogTable.svelte';
import { formatDuration, formatTime, formatValue } from '../../src-renderer/src/features/logs/format';
import type { Log, Tracker } from '../../src-preload/contract';
import { logOf, trackers } from './stub-api';

function cells(tracker: Tracker, logs: Log[]): string[][] {
  render(LogTable, { props: { tracker, logs } });
  return screen
    .getAllByTestId('log-row')
    .map((row) => within(row).getAllByRole('cell').map((cell) => cell.textContent ?? ''));
}

describe('the log table', () => {
  it('shows a number with its unit, the local time and the note', () => {
    const at = '2026-03-01T07:30:00.000Z';
    expect(cells(trackers.numerical, [logOf('t-num', 7.5, 'late, but fine', at)])).toEqual([
      [formatTime(at), '7.5 hours', 'late, but fine'],
    ]);
  });

  it('shows yes/no values as Yes and No', () => {
    expect(cells(trackers.boolean, [logOf('t-bool', true), logOf('t-bool', false)]).map((row) => row[1])).toEqual([
      'Yes',
      'No',
    ]);
  });

  it('shows the label of the chosen option', () => {
    expect(cells(trackers.multipleChoice, [logOf('t-mood', ['o-good'])]).map((row) => row[1])).toEqual(['Good']);
  });

  it('shows durations in hours, minutes and seconds', () => {
    expect(cells(trackers.duration, [logOf('t-read', 5400), logOf('t-read', 45)]).map((row) => row[1])).toEqual([
      '1h 30m',
      '45s',
    ]);
  });

  it('says so when there are no entries', () => {
    render(LogTable, { props: { tracker: trackers.duration, logs: [] } });
    expect(screen.getByText('No entries yet.')).toBeTruthy();
  });
});

describe('formatting values', () => {
  it.each([
    [0, '0m'],
    [45, '45s'],
    [90 * 60, '1h 30m'],
    [3725, '1h 2m 5s'],
    [7200, '2h'],
  ])('formatDuration(%i) is %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it('keeps a value it cannot match to an option visible', () => {
    expect(formatValue(trackers.multipleChoice.settings, ['o-gone'])).toBe('o-gone');
  });

  it('shows a number without a unit as the bare number', () => {
    expect(formatValue({ type: 'numerical', unit: '' }, 3)).toBe('3');
  });

  it('formats times in the local time zone', () => {
    const at = '2026-03-01T07:30:00.000Z';
    const expected = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(at));
    expect(formatTime(at)).toBe(expected);
  });
});
