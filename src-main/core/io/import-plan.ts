/**
 * From a draft (any importer) to an import plan, without touching disk: which trackers
 * are new and which already exist (same name and type), every log in its stored form,
 * which logs are duplicates (same tracker, moment and value as one already there or
 * earlier in the files), and every problem. By default any problem blocks the whole
 * import; with `skipInvalid` the rows with problems are left out and listed.
 */
import type { LogValue, Tracker, TrackerSettings } from '../../../src-preload/contract';
import type { Draft, DraftLog, DraftTracker, DraftValue, FileSummary } from './import-draft';
import { rowError, type ImportRowError, type SourceRow } from './import-errors';
import { checkValue, expectedValue, parseCanonical, parseHuman, valueOfLabels } from './value-text';

export interface ExistingData {
  readonly trackers: readonly Tracker[];
  /** Logs already stored for a tracker (only asked for trackers the files name). */
  logsOf(trackerId: string): Iterable<{ readonly at: string; readonly value: LogValue }>;
}

/** A tracker the import would create; `ref` is its index in `newTrackers`. */
export type NewTracker = Omit<DraftTracker, 'source' | 'createdAt'> & { readonly createdAt: string };

export type TrackerRef = { readonly existingId: string } | { readonly newIndex: number };

export interface PlannedLog {
  readonly tracker: TrackerRef;
  readonly at: string;
  readonly offsetMinutes: number;
  readonly value: LogValue;
  readonly note: string;
}

export interface ImportPlan {
  readonly files: readonly FileSummary[];
  readonly newTrackers: readonly NewTracker[];
  /** Names of trackers already in the profile that receive logs. */
  readonly existingTrackers: readonly string[];
  readonly logs: readonly PlannedLog[];
  readonly duplicates: number;
  readonly errors: readonly ImportRowError[];
  /** Rows left out because of their errors (only with `skipInvalid`). */
  readonly skippedRows: readonly SourceRow[];
  /** False when errors block the import (they always do without `skipInvalid`). */
  readonly canCommit: boolean;
}

export interface PlanOptions {
  readonly skipInvalid: boolean;
  /** The import's time, for trackers whose file gives no creation time. */
  readonly now: string;
}

interface Resolved {
  readonly ref: TrackerRef;
  readonly settings: TrackerSettings;
  readonly seen: Set<string>;
}

const keyOf = (name: string): string => name.trim().toLowerCase();
const logKey = (at: string, value: LogValue): string => `${Date.parse(at)}|${JSON.stringify(value)}`;

export function planImport(draft: Draft, existing: ExistingData, options: PlanOptions): ImportPlan {
  const errors: ImportRowError[] = [...draft.errors];
  const byName = new Map<string, Resolved>();
  const broken = new Set<string>();
  const newTrackers: NewTracker[] = [];
  const existingNames: string[] = [];
  const existingByName = new Map(existing.trackers.map((tracker) => [keyOf(tracker.name), tracker]));

  for (const draftTracker of draft.trackers) {
    const key = keyOf(draftTracker.name);
    if (byName.has(key) || broken.has(key)) {
      errors.push(rowError(draftTracker.source, 'name', 'TRACKER_NAME_TWICE', `The tracker "${draftTracker.name}" appears more than once in the files.`));
      broken.add(key);
      continue;
    }
    const current = existingByName.get(key);
    if (current !== undefined) {
      if (current.settings.type !== draftTracker.settings.type) {
        errors.push(
          rowError(draftTracker.source, 'type', 'TRACKER_TYPE_CONFLICT', `You already have a ${current.settings.type} tracker named "${current.name}"; this row makes it ${draftTracker.settings.type}.`),
        );
        broken.add(key);
        continue;
      }
      byName.set(key, resolvedExisting(current, existing));
      existingNames.push(current.name);
      continue;
    }
    const { source: _source, createdAt, ...fields } = draftTracker;
    newTrackers.push({ ...fields, createdAt: createdAt ?? options.now });
    byName.set(key, { ref: { newIndex: newTrackers.length - 1 }, settings: draftTracker.settings, seen: new Set() });
  }
  for (const name of draft.brokenTrackers ?? []) broken.add(keyOf(name));

  const logs: PlannedLog[] = [];
  let duplicates = 0;
  for (const log of draft.logs) {
    const key = keyOf(log.trackerName);
    let target = byName.get(key);
    if (target === undefined && !broken.has(key)) {
      const current = existingByName.get(key);
      if (current !== undefined) {
        target = resolvedExisting(current, existing);
        byName.set(key, target);
        existingNames.push(current.name);
      }
    }
    if (target === undefined) {
      errors.push(
        broken.has(key)
          ? rowError(log.source, 'tracker', 'TRACKER_ROW_INVALID', `The row of the tracker "${log.trackerName}" has errors, so its entries cannot be imported.`)
          : rowError(log.source, 'tracker', 'TRACKER_UNKNOWN', `There is no tracker named "${log.trackerName}" in the files or in your profile.`),
      );
      continue;
    }
    const value = resolveValue(log, target.settings, errors);
    if (value === null) continue;
    const seenKey = logKey(log.at, value);
    if (target.seen.has(seenKey)) {
      duplicates++;
      continue;
    }
    target.seen.add(seenKey);
    logs.push({ tracker: target.ref, at: log.at, offsetMinutes: log.offsetMinutes, value, note: log.note });
  }

  const skippedRows = options.skipInvalid ? uniqueRows(errors) : [];
  const fileLevel = errors.some((error) => error.row === 1 && (error.code === 'CSV_COLUMN_MISSING' || error.code === 'CSV_COLUMN_TWICE'));
  const canCommit = errors.length === 0 || (options.skipInvalid && !fileLevel);
  return { files: draft.files, newTrackers, existingTrackers: [...new Set(existingNames)], logs, duplicates, errors, skippedRows, canCommit };
}

function resolvedExisting(tracker: Tracker, existing: ExistingData): Resolved {
  const seen = new Set<string>();
  for (const log of existing.logsOf(tracker.id)) seen.add(logKey(log.at, log.value));
  return { ref: { existingId: tracker.id }, settings: tracker.settings, seen };
}

function resolveValue(log: DraftLog, settings: TrackerSettings, errors: ImportRowError[]): LogValue | null {
  const value = valueOf(log.value, settings);
  if (value.ok) return value.value;
  errors.push(rowError(log.source, value.column, value.code, value.message));
  return null;
}

type ValueResult =
  | { readonly ok: true; readonly value: LogValue }
  | { readonly ok: false; readonly column: string; readonly code: 'LOG_VALUE_INVALID' | 'LOG_VALUE_MISMATCH'; readonly message: string };

function valueOf(draft: DraftValue, settings: TrackerSettings): ValueResult {
  const invalid = (column: string): ValueResult => ({ ok: false, column, code: 'LOG_VALUE_INVALID', message: `Expected ${expectedValue(settings)}.` });
  switch (draft.kind) {
    case 'stored': {
      const value = checkValue(draft.value, settings);
      return value === null ? invalid('value') : { ok: true, value };
    }
    case 'labels': {
      const value = valueOfLabels(draft.labels, settings);
      return value === null ? invalid('value') : { ok: true, value };
    }
    case 'cells': {
      const hasCanonical = draft.canonical.trim() !== '';
      const hasHuman = draft.human.trim() !== '';
      const fromCanonical = hasCanonical ? parseCanonical(draft.canonical, settings) : null;
      const fromHuman = hasHuman ? parseHuman(draft.human, settings) : null;
      if (fromCanonical !== null && fromHuman !== null && JSON.stringify(fromCanonical) !== JSON.stringify(fromHuman)) {
        // Choices: the ids of another profile's options do not match ours; labels do.
        if (settings.type === 'multiple_choice') return { ok: true, value: fromHuman };
        return { ok: false, column: draft.canonicalColumn, code: 'LOG_VALUE_MISMATCH', message: `"${draft.human}" and ${draft.canonical} are different values; correct one of them.` };
      }
      if (fromCanonical !== null) return { ok: true, value: fromCanonical };
      if (fromHuman !== null) return { ok: true, value: fromHuman };
      if (!hasCanonical && !hasHuman) return { ok: false, column: draft.humanColumn, code: 'LOG_VALUE_INVALID', message: `The value is empty; expected ${expectedValue(settings)}.` };
      return invalid(hasHuman ? draft.humanColumn : draft.canonicalColumn);
    }
  }
}

function uniqueRows(errors: readonly ImportRowError[]): SourceRow[] {
  const seen = new Set<string>();
  const rows: SourceRow[] = [];
  for (const error of errors) {
    const key = `${error.file}\u0000${error.row}`;
    if (error.row === 1 || seen.has(key)) continue;
    seen.add(key);
    rows.push({ file: error.file, row: error.row });
  }
  return rows.sort((a, b) => (a.file === b.file ? a.row - b.row : a.file < b.file ? -1 : 1));
}
