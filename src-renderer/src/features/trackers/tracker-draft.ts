/**
 * What the tracker form holds while a person edits it, and the contract input it becomes
 * (create or update). The core validates names, options, min/max and decimals and says
 * what is wrong; this only shapes the input.
 */
import { DEFAULT_REMINDER, type Aggregation, type Input, type Target, type Tracker, type TrackerReminder, type TrackerType } from '../../../../src-preload/contract';

export interface OptionDraft {
  /** Absent for an option added in this form. */
  id?: string;
  label: string;
  archived: boolean;
}

export interface TrackerDraft {
  name: string;
  description: string;
  emoji: string;
  color: string;
  /** First in the tray menu and the quick-log picker. */
  pinned: boolean;
  /** The daily nudge may name it when it has no entry for the day. */
  reminderEnabled: boolean;
  /** ISO weekdays (1 = Monday) on which it is nudged. */
  reminderDays: number[];
  /** Its own nudge time (`HH:MM`), or empty for the profile's. */
  reminderTime: string;
  type: TrackerType;
  unit: string;
  min: number | null;
  max: number | null;
  decimals: number;
  aggregation: Aggregation;
  options: OptionDraft[];
  multiple: boolean;
  targetPeriod: 'none' | Target['period'];
  targetComparison: Target['comparison'];
  /** In the target's form units: minutes for durations, else the tracker's own terms. */
  targetValue: number | null;
}

/** The weekdays of the reminder, Monday first (ISO numbers), with the names the form shows. */
export const WEEKDAY_NAMES: readonly (readonly [number, string])[] = [
  [1, 'Monday'],
  [2, 'Tuesday'],
  [3, 'Wednesday'],
  [4, 'Thursday'],
  [5, 'Friday'],
  [6, 'Saturday'],
  [7, 'Sunday'],
];

/** Colours offered for a new tracker, readable on light and dark backgrounds. */
export const PALETTE = ['#2f6fdf', '#1f9d74', '#d9822b', '#c2416b', '#7b4fd0', '#0f8fa8', '#8a8f1f', '#b5472e'];

export const AGGREGATION_LABELS: Record<Aggregation, string> = {
  average: 'Average',
  sum: 'Sum',
  min: 'Minimum',
  max: 'Maximum',
  last: 'Last entry',
};

/** What the target counts, in the person's words, by type. */
export function targetUnit(draft: Pick<TrackerDraft, 'type' | 'unit' | 'targetPeriod'>): string {
  switch (draft.type) {
    case 'numerical':
      return draft.unit || 'value';
    case 'duration':
      return 'minutes';
    case 'boolean':
      return draft.targetPeriod === 'week' ? 'days with yes' : 'yes';
    case 'multiple_choice':
      return 'entries';
  }
}

/** A blank draft (with a colour picked from the palette), or one filled from a tracker. */
export function draftOfTracker(tracker: Tracker | undefined, colorIndex = 0): TrackerDraft {
  const draft: TrackerDraft = {
    name: '',
    description: '',
    emoji: '',
    color: PALETTE[colorIndex % PALETTE.length] ?? '#2f6fdf',
    pinned: false,
    reminderEnabled: DEFAULT_REMINDER.enabled,
    reminderDays: [...DEFAULT_REMINDER.days],
    reminderTime: DEFAULT_REMINDER.time ?? '',
    type: 'numerical',
    unit: '',
    min: null,
    max: null,
    decimals: 1,
    aggregation: 'average',
    options: [
      { label: '', archived: false },
      { label: '', archived: false },
    ],
    multiple: false,
    targetPeriod: 'none',
    targetComparison: 'at_least',
    targetValue: null,
  };
  if (!tracker) return draft;
  const { settings, target } = tracker;
  Object.assign(draft, {
    name: tracker.name,
    description: tracker.description,
    emoji: tracker.emoji,
    color: tracker.color || draft.color,
    pinned: tracker.pinned,
    reminderEnabled: tracker.reminder.enabled,
    reminderDays: [...tracker.reminder.days],
    reminderTime: tracker.reminder.time ?? '',
    type: settings.type,
  });
  if (settings.type === 'numerical') {
    Object.assign(draft, { unit: settings.unit, min: settings.min, max: settings.max, decimals: settings.decimals, aggregation: settings.aggregation });
  } else if (settings.type === 'multiple_choice') {
    draft.options = settings.options.map((option) => ({ id: option.id, label: option.label, archived: option.archived }));
    draft.multiple = settings.multiple;
  }
  if (target) {
    draft.targetPeriod = target.period;
    draft.targetComparison = target.comparison;
    draft.targetValue = settings.type === 'duration' ? target.value / 60 : target.value;
  }
  return draft;
}

function targetOf(draft: TrackerDraft): Target | null {
  if (draft.targetPeriod === 'none' || draft.targetValue === null || Number.isNaN(draft.targetValue)) return null;
  const value = draft.type === 'duration' ? Math.round(draft.targetValue * 60) : draft.targetValue;
  return { period: draft.targetPeriod, comparison: draft.targetComparison, value };
}

/** The reminder a draft says: its days Monday first, an empty own time as none. */
export const reminderOf = (draft: Pick<TrackerDraft, 'reminderEnabled' | 'reminderDays' | 'reminderTime'>): TrackerReminder => ({
  enabled: draft.reminderEnabled,
  days: [...draft.reminderDays].sort((a, b) => a - b),
  time: draft.reminderTime === '' ? null : draft.reminderTime,
});

const numeric = (draft: TrackerDraft) => ({
  type: 'numerical' as const,
  unit: draft.unit.trim(),
  min: draft.min ?? null,
  max: draft.max ?? null,
  decimals: draft.decimals,
  aggregation: draft.aggregation,
});

/** What a draft says of everything but the settings, as both operations take it. Plain copies: IPC cannot clone `$state` proxies. */
const looksAndTarget = (draft: TrackerDraft) => ({
  name: draft.name,
  description: draft.description,
  emoji: draft.emoji.trim(),
  color: draft.color,
  pinned: draft.pinned,
  reminder: reminderOf(draft),
  target: targetOf(draft),
});

/** The `createTracker` input. A new tracker's options are labels: the core gives them ids. */
export function createInput(draft: TrackerDraft): Input<'createTracker'> {
  const options = draft.options.map((option) => option.label);
  const settings: Input<'createTracker'>['settings'] =
    draft.type === 'numerical' ? numeric(draft) : draft.type === 'multiple_choice' ? { type: 'multiple_choice', options, multiple: draft.multiple } : { type: draft.type };
  return { ...looksAndTarget(draft), settings };
}

/** The `updateTracker` input: every editable field, as the form holds it; options keep their ids. */
export function updateInput(trackerId: string, draft: TrackerDraft): Input<'updateTracker'> {
  const options = draft.options.map((option) => (option.id ? { id: option.id, label: option.label, archived: option.archived } : { label: option.label, archived: option.archived }));
  const settings: NonNullable<Input<'updateTracker'>['settings']> =
    draft.type === 'numerical' ? numeric(draft) : draft.type === 'multiple_choice' ? { type: 'multiple_choice', options, multiple: draft.multiple } : { type: draft.type };
  return { trackerId, ...looksAndTarget(draft), settings };
}
