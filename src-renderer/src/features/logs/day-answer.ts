/**
 * Tracker types whose day is one answer: the core counts a yes/no day by its newest entry,
 * so for them the UI changes today's answer instead of adding a second entry beside it.
 * A complete table (the compiler checks it), and the one place the UI asks this of a type.
 */
import type { Api, Log, Result, TrackerType } from '../../../../src-preload/contract';
import type { EntrySubmission } from './entry-draft';

export const ONE_ANSWER_A_DAY: Readonly<Record<TrackerType, boolean>> = {
  numerical: false,
  multiple_choice: false,
  boolean: true,
  duration: false,
};

/** Add the entry, or change the one it replaces (today's answer). */
export function saveEntry(api: Api, trackerId: string, { replaces, ...entry }: EntrySubmission): Promise<Result<{ log: Log }>> {
  if (replaces === undefined) return api.addLog({ trackerId, ...entry });
  // The answer changes; the entry keeps its time, and its note unless a new one was typed.
  return api.updateLog({ trackerId, logId: replaces, value: entry.value, ...(entry.note ? { note: entry.note } : {}) });
}
