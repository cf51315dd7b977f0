/** The tray menu's model: pure data from the trackers, today's cards and the session. */
import { describe, expect, it } from 'vitest';
import type { DashboardCard, Log, Tracker } from '../../src-preload/contract';
import { dayAnswerToggle, menuLabel, NO_TRACKERS, trayMenuItems, type TrayItem } from '../../src-main/desktop/tray/tray-menu';
import { pinnedFirst } from '../../src-preload/tracker-values/tracker-order';

const tracker = (id: string, name: string, type: 'boolean' | 'numerical' | 'duration', extra: Partial<Tracker> = {}): Tracker => ({
  id,
  name,
  description: '',
  color: '#2f6fdf',
  emoji: '',
  archived: false,
  pinned: false,
  reminder: { enabled: true, days: [1, 2, 3, 4, 5, 6, 7], time: null },
  target: null,
  settings:
    type === 'numerical'
      ? { type, unit: 'hours', min: null, max: null, decimals: 1, aggregation: 'average' }
      : { type },
  createdAt: '2026-01-01T00:00:00.000Z',
  ...extra,
});

const log = (id: string, trackerId: string, value: boolean): Log => ({ id, trackerId, at: '2026-11-25T07:30:00.000Z', offsetMinutes: 60, value, note: '' });

const card = (trackerId: string, today: Log | null): DashboardCard => ({
  trackerId,
  today: { count: today ? 1 : 0, value: today ? today.value : null, lastLog: today },
  lastLog: today,
  currentStreak: 0,
  target: null,
});

const labels = (items: readonly TrayItem[]) => items.map((item) => (item.kind === 'separator' ? '—' : item.label));

describe('the tray’s trackers (pinnedFirst)', () => {
  it('leaves archived trackers out and puts pinned ones first, each group in the person’s order', () => {
    const list = [
      tracker('a', 'Sleep', 'numerical'),
      tracker('b', 'Water', 'numerical', { pinned: true }),
      tracker('c', 'Old habit', 'boolean', { archived: true, pinned: true }),
      tracker('d', 'Meditated', 'boolean'),
      tracker('e', 'Read', 'duration', { pinned: true }),
    ];
    expect(pinnedFirst(list).map((item) => item.id)).toEqual(['b', 'e', 'a', 'd']);
  });
});

describe('dayAnswerToggle', () => {
  it('adds a yes when today has no answer', () => {
    expect(dayAnswerToggle('t1', card('t1', null))).toEqual({ method: 'addLog', input: { trackerId: 't1', value: true } });
    expect(dayAnswerToggle('t1', undefined)).toEqual({ method: 'addLog', input: { trackerId: 't1', value: true } });
  });

  it('changes today’s answer rather than adding a second one: yes becomes no, no becomes yes', () => {
    expect(dayAnswerToggle('t1', card('t1', log('l1', 't1', true)))).toEqual({ method: 'updateLog', input: { trackerId: 't1', logId: 'l1', value: false } });
    expect(dayAnswerToggle('t1', card('t1', log('l2', 't1', false)))).toEqual({ method: 'updateLog', input: { trackerId: 't1', logId: 'l2', value: true } });
  });
});

describe('menuLabel', () => {
  it('doubles & (Electron reads one as a mnemonic), keeps one line and cuts long names by characters', () => {
    expect(menuLabel('Salt & pepper')).toBe('Salt && pepper');
    expect(menuLabel('  Two\nlines\t here ')).toBe('Two lines here');
    const long = menuLabel(`${'🧘'.repeat(60)}`);
    expect(Array.from(long)).toHaveLength(48);
    expect(long.endsWith('🧘…')).toBe(true);
  });
});

describe('trayMenuItems', () => {
  const meditated = tracker('t-bool', 'Meditated', 'boolean', { emoji: '🧘' });
  const sleep = tracker('t-num', 'Sleep', 'numerical');
  const flossed = tracker('t-floss', 'Flossed', 'boolean', { pinned: true });

  it('lists the trackers with today’s state, then Open, Lock and Quit', () => {
    const items = trayMenuItems({ kind: 'open', trackers: [meditated, sleep, flossed], cards: [card('t-bool', log('l1', 't-bool', true)), card('t-floss', log('l2', 't-floss', false))] });
    expect(labels(items)).toEqual(['Flossed', '🧘 Meditated', 'Sleep…', '—', 'Open Quantified Self', 'Lock', '—', 'Quit']);
    expect(items[0]).toMatchObject({ kind: 'answer', checked: false, write: { method: 'updateLog', input: { logId: 'l2', value: true } } });
    expect(items[1]).toMatchObject({ kind: 'answer', checked: true, write: { method: 'updateLog', input: { logId: 'l1', value: false } } });
    expect(items[2]).toEqual({ kind: 'quick-log', label: 'Sleep…', trackerId: 't-num' });
    expect(items.filter((item) => item.kind === 'command').map((item) => item.kind === 'command' && item.command)).toEqual(['open', 'lock', 'quit']);
  });

  it('an unanswered yes/no tracker is unchecked and its click adds a yes', () => {
    const [item] = trayMenuItems({ kind: 'open', trackers: [meditated], cards: [] });
    expect(item).toMatchObject({ kind: 'answer', checked: false, write: { method: 'addLog', input: { trackerId: 't-bool', value: true } } });
  });

  it('says there are no trackers yet, archived ones not counting', () => {
    const items = trayMenuItems({ kind: 'open', trackers: [{ ...sleep, archived: true }], cards: [] });
    expect(labels(items)).toEqual([NO_TRACKERS, '—', 'Open Quantified Self', 'Lock', '—', 'Quit']);
    expect(items[0]?.kind).toBe('note');
  });

  it('locked: a disabled line, a way to unlock, and Quit; no tracker and no Lock', () => {
    const items = trayMenuItems({ kind: 'locked' });
    expect(labels(items)).toEqual(['Locked', 'Open to unlock…', '—', 'Quit']);
    expect(items[0]?.kind).toBe('note');
    expect(items[1]).toMatchObject({ kind: 'command', command: 'open' });
  });

  it('shows why the trackers could not be read, and why a click saved nothing', () => {
    expect(labels(trayMenuItems({ kind: 'unavailable', message: 'Disk full.' }))[0]).toBe('Trackers unavailable: Disk full.');
    const items = trayMenuItems({ kind: 'open', trackers: [sleep], cards: [] }, 'Not saved: Disk full.');
    expect(labels(items).slice(0, 3)).toEqual(['Not saved: Disk full.', '—', 'Sleep…']);
  });
});
