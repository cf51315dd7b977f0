/**
 * What the person sees before confirming an import: the files as read (role, separator,
 * columns), counts, the first trackers and logs exactly as they would be stored (values in
 * their human form), and the errors. Lists are capped so a million-row file answers with
 * a small message; the counts stay exact.
 */
import type { Tracker, TrackerSettings, TrackerType } from '../../../src-preload/contract';
import { logTimeText } from './csv-export';
import type { FileSummary } from './import-draft';
import type { ImportRowError, SourceRow } from './import-errors';
import type { ImportPlan } from './import-plan';
import type { LeftOut } from './left-out';
import { inFileOrder } from './row-errors';
import { humanValue } from './value-text';

export interface ImportPreview {
  readonly files: readonly FileSummary[];
  readonly counts: {
    readonly newTrackers: number;
    readonly existingTrackers: number;
    readonly newLogs: number;
    readonly duplicates: number;
    readonly errors: number;
    readonly skippedRows: number;
    readonly leftOut: number;
  };
  readonly trackers: readonly { readonly name: string; readonly type: TrackerType; readonly isNew: boolean }[];
  readonly rows: readonly { readonly tracker: string; readonly time: string; readonly value: string; readonly note: string }[];
  /** The first MAX_LISTED_ERRORS errors (row-errors.ts), in file and row order. */
  readonly errors: readonly ImportRowError[];
  readonly skippedRows: readonly SourceRow[];
  /** The first MAX_LISTED_ERRORS items left out, in file and row order, each with its reason. */
  readonly leftOut: readonly LeftOut[];
  readonly canCommit: boolean;
}

export function previewOf(plan: ImportPlan, existing: readonly Tracker[]): ImportPreview {
  const existingById = new Map(existing.map((tracker) => [tracker.id, tracker]));
  const trackerOf = (ref: ImportPlan['firstLogs'][number]['tracker']): { name: string; settings: TrackerSettings } =>
    'newIndex' in ref ? (plan.newTrackers[ref.newIndex] as { name: string; settings: TrackerSettings }) : (existingById.get(ref.existingId) as Tracker);
  return {
    files: plan.files,
    counts: {
      newTrackers: plan.newTrackers.length,
      existingTrackers: plan.existingTrackers.length,
      newLogs: plan.entries.count,
      duplicates: plan.duplicates,
      errors: plan.errorCount,
      skippedRows: plan.skippedCount,
      leftOut: plan.leftOutCount,
    },
    trackers: [
      ...plan.newTrackers.map((tracker) => ({ name: tracker.name, type: tracker.settings.type, isNew: true })),
      ...plan.existingTrackers.map((name) => ({ name, type: (existing.find((tracker) => tracker.name === name) as Tracker).settings.type, isNew: false })),
    ],
    rows: plan.firstLogs.map((log) => {
      const tracker = trackerOf(log.tracker);
      return { tracker: tracker.name, time: logTimeText(log.at, log.offsetMinutes), value: humanValue(log.value, tracker.settings), note: log.note };
    }),
    errors: [...plan.errors].sort(inFileOrder),
    skippedRows: plan.skippedRows,
    leftOut: [...plan.leftOut].sort(inFileOrder),
    canCommit: plan.canCommit,
  };
}
