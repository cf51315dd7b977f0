/** Saving an entry where a day holds one answer (`oneAnswerADay` in the value table). */
import type { Api, Log, Result } from '../../../../src-preload/contract';
import type { EntrySubmission } from './entry-draft';

/** Add the entry, or change the one it replaces (today's answer). */
export function saveEntry(api: Api, trackerId: string, { replaces, ...entry }: EntrySubmission): Promise<Result<{ log: Log }>> {
  if (replaces === undefined) return api.addLog({ trackerId, ...entry });
  // The answer changes; the entry keeps its time, and its note unless a new one was typed.
  return api.updateLog({ trackerId, logId: replaces, value: entry.value, ...(entry.note ? { note: entry.note } : {}) });
}
