/**
 * What an entry form holds while a person types, and how it becomes the value the contract
 * takes. The renderer checks only what it must to build a value (something chosen, a number
 * typed); the core validates the rest (min/max, duration text) and explains what is wrong.
 */
import type { Log, LogValueInput, Tracker } from '../../../../src-preload/contract';
import { formatDuration } from './format';
import { isoToZonedInput } from './zoned-time';

export interface EntryDraft {
  amount: number | null;
  answer: 'yes' | 'no' | '';
  /** Chosen option ids, in the tracker's option order. */
  choices: string[];
  duration: string;
  /** datetime-local text in the profile's zone; empty = now. */
  when: string;
  note: string;
}

/** What an entry form hands its owner. */
export interface EntrySubmission {
  value: LogValueInput;
  /** Absent when the person left the time empty (now). */
  at?: string;
  note: string;
  /** The id of today's answer this entry changes instead of adding a second (see `day-answer.ts`). */
  replaces?: string;
}

/**
 * How far ahead an entry's time may be before the form asks: a time a few hours ahead is
 * a zone or clock slip, one days ahead is more likely a mistyped day or year, and it would
 * then stand as the tracker's last entry.
 */
export const AHEAD_LIMIT_MS = 86_400_000;

/** Whether the moment `at` (ISO-8601) is more than a day after `now` (epoch ms). */
export const isFarAhead = (at: string, now: number): boolean => Date.parse(at) - now > AHEAD_LIMIT_MS;

/** A blank draft, or one filled from the log being edited. */
export function draftOf(log: Log | undefined, timeZone: string | undefined): EntryDraft {
  const draft: EntryDraft = { amount: null, answer: '', choices: [], duration: '', when: '', note: '' };
  if (!log) return draft;
  draft.when = isoToZonedInput(log.at, timeZone);
  draft.note = log.note;
  if (typeof log.value === 'number') {
    draft.amount = log.value;
    draft.duration = formatDuration(log.value);
  } else if (typeof log.value === 'boolean') {
    draft.answer = log.value ? 'yes' : 'no';
  } else {
    draft.choices = [...log.value];
  }
  return draft;
}

/** The value as the contract takes it, or the message to show on the value field. */
export function valueOf(tracker: Tracker, draft: EntryDraft): { value: LogValueInput } | { error: string } {
  switch (tracker.settings.type) {
    case 'numerical':
      return draft.amount === null || Number.isNaN(draft.amount) ? { error: 'Enter a number.' } : { value: draft.amount };
    case 'boolean':
      return draft.answer === '' ? { error: 'Choose yes or no.' } : { value: draft.answer === 'yes' };
    case 'multiple_choice':
      if (draft.choices.length === 0) return { error: tracker.settings.multiple ? 'Choose at least one option.' : 'Choose an option.' };
      return { value: [...draft.choices] };
    case 'duration':
      // The core parses `1:30`, `1h 30m`, `90m`, `45s` and explains what it cannot.
      return draft.duration.trim() === '' ? { error: 'Enter a duration such as 1:30, 1h 30m or 45m.' } : { value: draft.duration.trim() };
  }
}
