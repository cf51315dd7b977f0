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
import type { LeftOut } from './left-out';
import { PlannedEntries, StoredMoments, TrackerEntries, type PlannedLog } from './planned-entries';
import { FirstInFileOrder, RowErrors } from './row-errors';
import { checkValue, expectedValue, parseCanonical, parseHuman, valueOfLabels } from './value-text';

export type { PlannedLog } from './planned-entries';

export interface ExistingData {
  readonly trackers: readonly Tracker[];
  /**
   * Logs already stored for a tracker (only asked for trackers the files name): as logs,
   * or already as their moments and value codes (what the import service reads them into).
   */
  logsOf(trackerId: string): Iterable<{ readonly at: string; readonly value: LogValue }> | StoredMoments;
}

/** A tracker the import would create; `ref` is its index in `newTrackers`. */
export type NewTracker = Omit<DraftTracker, 'source' | 'createdAt'> & { readonly createdAt: string };

export type TrackerRef = { readonly existingId: string } | { readonly newIndex: number };

/** The first entries the preview shows. */
export const FIRST_LOGS = 20;

export interface ImportPlan {
  readonly files: readonly FileSummary[];
  readonly newTrackers: readonly NewTracker[];
  /** Names of trackers already in the profile that receive logs. */
  readonly existingTrackers: readonly string[];
  /** Every entry the import adds, per tracker, compactly (`planned-entries.ts`). */
  readonly entries: PlannedEntries;
  /** The first FIRST_LOGS of them, in the order of the files. */
  readonly firstLogs: readonly PlannedLog[];
  readonly duplicates: number;
  /** The first MAX_LISTED_ERRORS errors by file and row (all of them when fewer), in the order found. */
  readonly errors: readonly ImportRowError[];
  readonly errorCount: number;
  /** Rows left out because of their errors (only with `skipInvalid`): the first MAX_LISTED_ERRORS by file and row. */
  readonly skippedRows: readonly SourceRow[];
  readonly skippedCount: number;
  /** What the files hold that is not stored (not errors, not duplicates), each with its reason: the first MAX_LISTED_ERRORS by file and row. */
  readonly leftOut: readonly LeftOut[];
  readonly leftOutCount: number;
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
  /** The entries it receives, duplicates left out. */
  readonly entries: TrackerEntries;
  /** Values already read for this tracker, by their cells (see `resolveValue`). */
  readonly values: Map<string, ValueResult>;
}

/** Distinct cell pairs remembered per tracker: real data repeats a few values endlessly. */
const MAX_REMEMBERED_VALUES = 10_000;

const keyOf = (name: string): string => name.trim().toLowerCase();

/**
 * Where an importer's output goes. The plan is one; a draft (`import-draft.ts`) is the
 * other, for tests and small files. Trackers must arrive before the logs that name them.
 */
export interface DraftSink {
  addErrors(errors: readonly ImportRowError[]): void;
  addLeftOut(items: readonly LeftOut[]): void;
  addTrackers(trackers: readonly DraftTracker[], brokenTrackers: readonly string[]): void;
  addLog(log: DraftLog): void;
}

export function planImport(draft: Draft, existing: ExistingData, options: PlanOptions): ImportPlan {
  const planner = new ImportPlanner(existing, options);
  planner.addErrors(draft.errors);
  planner.addLeftOut(draft.leftOut ?? []);
  planner.addTrackers(draft.trackers, draft.brokenTrackers ?? []);
  for (const log of draft.logs) planner.addLog(log);
  return planner.finish(draft.files);
}

/**
 * The plan built as the rows come: a million-row logs file is planned while it is read,
 * so no row outlives its own step (see `readOurFiles`).
 */
export class ImportPlanner implements DraftSink {
  private readonly errors = new RowErrors();
  private readonly leftOut = new FirstInFileOrder<LeftOut>();
  private readonly byName = new Map<string, Resolved>();
  private readonly broken = new Set<string>();
  private readonly newTrackers: NewTracker[] = [];
  private readonly existingNames: string[] = [];
  private readonly existingByName: Map<string, Tracker>;
  /** Every tracker receiving entries, in the order first met. */
  private readonly targets: Resolved[] = [];
  private added = 0;
  private duplicates = 0;
  // A file names the same few trackers a million times: resolve each spelling once.
  private readonly bySpelling = new Map<string, Resolved>();

  constructor(
    private readonly existing: ExistingData,
    private readonly options: PlanOptions,
  ) {
    this.existingByName = new Map(existing.trackers.map((tracker) => [keyOf(tracker.name), tracker]));
  }

  addErrors(errors: readonly ImportRowError[]): void {
    for (const error of errors) this.errors.add(error);
  }

  addLeftOut(items: readonly LeftOut[]): void {
    for (const item of items) this.leftOut.add(item);
  }

  addTrackers(trackers: readonly DraftTracker[], brokenTrackers: readonly string[]): void {
    const { byName, broken, errors, newTrackers } = this;
    for (const draftTracker of trackers) {
      const key = keyOf(draftTracker.name);
      if (byName.has(key) || broken.has(key)) {
        errors.add(rowError(draftTracker.source, 'name', 'TRACKER_NAME_TWICE', `The tracker "${draftTracker.name}" appears more than once in the files.`));
        broken.add(key);
        continue;
      }
      const current = this.existingByName.get(key);
      if (current !== undefined) {
        if (current.settings.type !== draftTracker.settings.type) {
          errors.add(
            rowError(draftTracker.source, 'type', 'TRACKER_TYPE_CONFLICT', `You already have a ${current.settings.type} tracker named "${current.name}"; this row makes it ${draftTracker.settings.type}.`),
          );
          broken.add(key);
          continue;
        }
        byName.set(key, this.resolvedExisting(current));
        this.existingNames.push(current.name);
        continue;
      }
      const { source: _source, createdAt, ...fields } = draftTracker;
      newTrackers.push({ ...fields, createdAt: createdAt ?? this.options.now });
      byName.set(key, this.target({ newIndex: newTrackers.length - 1 }, draftTracker.settings, null));
    }
    for (const name of brokenTrackers) broken.add(keyOf(name));
  }

  addLog(log: DraftLog): void {
    const target = this.bySpelling.get(log.trackerName) ?? this.resolveName(log);
    if (target === null) return;
    const value = resolveValue(log, target, this.errors);
    if (value === null) return;
    if (target.entries.add(this.added, log.at, log.offsetMinutes, value, log.note)) this.added++;
    else this.duplicates++;
  }

  finish(files: readonly FileSummary[]): ImportPlan {
    const { errors, options } = this;
    const skipped = options.skipInvalid ? errors.rowsWithErrors() : { count: 0, rows: [] };
    const canCommit = errors.count === 0 || (options.skipInvalid && !errors.fileLevel);
    const entries = new PlannedEntries(this.targets.filter((target) => target.entries.length > 0));
    return {
      files,
      newTrackers: this.newTrackers,
      existingTrackers: [...new Set(this.existingNames)],
      entries,
      firstLogs: entries.first(FIRST_LOGS),
      duplicates: this.duplicates,
      errors: errors.listed(),
      errorCount: errors.count,
      skippedRows: skipped.rows,
      skippedCount: skipped.count,
      leftOut: this.leftOut.listed(),
      leftOutCount: this.leftOut.count,
      canCommit,
    };
  }

  private target(ref: TrackerRef, settings: TrackerSettings, stored: StoredMoments | null): Resolved {
    const target = { ref, settings, entries: new TrackerEntries(settings.type, stored), values: new Map<string, ValueResult>() };
    this.targets.push(target);
    return target;
  }

  private resolvedExisting(tracker: Tracker): Resolved {
    const logs = this.existing.logsOf(tracker.id);
    const stored = logs instanceof StoredMoments ? logs : StoredMoments.fromLogs(tracker.settings.type, logs);
    return this.target({ existingId: tracker.id }, tracker.settings, stored);
  }

  /** The tracker a spelling names (in the files, else in the profile), or null and an error. */
  private resolveName(log: DraftLog): Resolved | null {
    const key = keyOf(log.trackerName);
    let target = this.byName.get(key);
    if (target === undefined && !this.broken.has(key)) {
      const current = this.existingByName.get(key);
      if (current !== undefined) {
        target = this.resolvedExisting(current);
        this.byName.set(key, target);
        this.existingNames.push(current.name);
      }
    }
    if (target === undefined) {
      this.errors.add(
        this.broken.has(key)
          ? rowError(log.source, 'tracker', 'TRACKER_ROW_INVALID', `The row of the tracker "${log.trackerName}" has errors, so its entries cannot be imported.`)
          : rowError(log.source, 'tracker', 'TRACKER_UNKNOWN', `There is no tracker named "${log.trackerName}" in the files or in your profile.`),
      );
      return null;
    }
    this.bySpelling.set(log.trackerName, target);
    return target;
  }
}

function resolveValue(log: DraftLog, target: Resolved, errors: RowErrors): LogValue | null {
  const draft = log.value;
  let value: ValueResult | undefined;
  if (draft.kind === 'cells') {
    const cells = `${draft.human}\u0000${draft.canonical}`;
    value = target.values.get(cells);
    if (value === undefined) {
      value = valueOf(draft, target.settings);
      if (target.values.size < MAX_REMEMBERED_VALUES) target.values.set(cells, value);
    }
  } else {
    value = valueOf(draft, target.settings);
  }
  if (value.ok) return value.value;
  errors.add(rowError(log.source, value.column, value.code, value.message));
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
