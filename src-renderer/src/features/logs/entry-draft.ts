/**
 * What an entry form holds while a person types, and how it becomes the value the contract
 * takes, checked against the value table the core uses, so the form says what the core would.
 */
import type { Log, LogValueInput, Tracker, TrackerType } from '../../../../src-preload/contract';
import { valueRulesOf } from '../../../../src-preload/tracker-values/value-rules';
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

/** What each type's fields of the form hold as a value, or null while nothing is given. */
const givenValue: { readonly [K in TrackerType]: (draft: EntryDraft) => LogValueInput | null } = {
  numerical: (draft) => (draft.amount === null || Number.isNaN(draft.amount) ? null : draft.amount),
  boolean: (draft) => (draft.answer === '' ? null : draft.answer === 'yes'),
  multiple_choice: (draft) => (draft.choices.length === 0 ? null : [...draft.choices]),
  duration: (draft) => (draft.duration.trim() === '' ? null : draft.duration.trim()),
};

/**
 * The value as the contract takes it, or the message to show on the value field: the value
 * table's own verdict, so the form says before saving exactly what the core would.
 */
export function valueOf(tracker: Tracker, draft: EntryDraft): { value: LogValueInput } | { error: string } {
  const rules = valueRulesOf(tracker.settings);
  const value = givenValue[tracker.settings.type](draft);
  if (value === null) return { error: `Expected ${rules.expected(tracker.settings)}.` };
  const verdict = rules.parse(value, tracker.settings);
  return verdict.ok ? { value } : { error: verdict.message };
}
