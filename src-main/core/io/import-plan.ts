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
  /** What the files hold that is not stored (not errors, not duplicates), each with its reason. */
  readonly leftOut: readonly LeftOut[];
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
  readonly seen: SeenLogs;
  /** Values already read for this tracker, by their cells (see `resolveValue`). */
  readonly values: Map<string, ValueResult>;
}

/** Distinct cell pairs remembered per tracker: real data repeats a few values endlessly. */
const MAX_REMEMBERED_VALUES = 10_000;

const keyOf = (name: string): string => name.trim().toLowerCase();
const sameValue = (a: LogValue, b: LogValue): boolean => a === b || (Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((id, index) => id === b[index]));

/**
 * The logs of one tracker, to find duplicates (same moment and value). Every importer and
 * the store give `at` in `toISOString()` form, so equal moments are equal texts, and texts
 * sort as moments. Stored logs come sorted (shards, oldest first) and are searched by
 * bisection; the file's own entries usually come in time order too, and while they do
 * only the latest moment needs remembering. The first entry out of order switches to a
 * map of every moment seen — hashing a million keys is what the ordered road avoids.
 */
class SeenLogs {
  private readonly storedAt: string[];
  private readonly storedValues: LogValue[];
  /** The file's entries so far, kept in case an entry out of order needs the map. */
  private readonly addedAt: string[] = [];
  private readonly addedValues: LogValue[] = [];
  private byMoment: Map<string, LogValue[]> | null = null;

  /** Stored logs; oldest first as shards keep them (sorted here if they are not). */
  constructor(stored: Iterable<{ readonly at: string; readonly value: LogValue }> = []) {
    let logs = [...stored];
    if (!logs.every((log, index) => index === 0 || (logs[index - 1] as { at: string }).at <= log.at)) {
      logs = logs.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    }
    this.storedAt = logs.map((log) => log.at);
    this.storedValues = logs.map((log) => log.value);
  }

  /** False when the tracker already has this value at this moment. */
  add(at: string, value: LogValue): boolean {
    if (this.isStored(at, value) || this.isAdded(at, value)) return false;
    this.addedAt.push(at);
    this.addedValues.push(value);
    if (this.byMoment !== null) remember(this.byMoment, at, value);
    return true;
  }

  private isStored(at: string, value: LogValue): boolean {
    const { storedAt, storedValues } = this;
    let low = 0;
    let high = storedAt.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((storedAt[middle] as string) < at) low = middle + 1;
      else high = middle;
    }
    for (let index = low; index < storedAt.length && storedAt[index] === at; index++) if (sameValue(storedValues[index] as LogValue, value)) return true;
    return false;
  }

  private isAdded(at: string, value: LogValue): boolean {
    const { addedAt, addedValues } = this;
    const last = addedAt.length - 1;
    if (this.byMoment === null) {
      if (last < 0 || (addedAt[last] as string) < at) return false;
      // Equal moments sit together at the end while the order holds.
      if (addedAt[last] === at) {
        for (let index = last; index >= 0 && addedAt[index] === at; index--) if (sameValue(addedValues[index] as LogValue, value)) return true;
        return false;
      }
      this.byMoment = new Map();
      for (let index = 0; index <= last; index++) remember(this.byMoment, addedAt[index] as string, addedValues[index] as LogValue);
    }
    return (this.byMoment.get(at) ?? []).some((other) => sameValue(other, value));
  }
}

function remember(byMoment: Map<string, LogValue[]>, at: string, value: LogValue): void {
  const values = byMoment.get(at);
  if (values === undefined) byMoment.set(at, [value]);
  else values.push(value);
}

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
  private readonly errors: ImportRowError[] = [];
  private readonly leftOut: LeftOut[] = [];
  private readonly byName = new Map<string, Resolved>();
  private readonly broken = new Set<string>();
  private readonly newTrackers: NewTracker[] = [];
  private readonly existingNames: string[] = [];
  private readonly existingByName: Map<string, Tracker>;
  private readonly logs: PlannedLog[] = [];
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
    for (const error of errors) this.errors.push(error);
  }

  addLeftOut(items: readonly LeftOut[]): void {
    for (const item of items) this.leftOut.push(item);
  }

  addTrackers(trackers: readonly DraftTracker[], brokenTrackers: readonly string[]): void {
    const { byName, broken, errors, newTrackers } = this;
    for (const draftTracker of trackers) {
      const key = keyOf(draftTracker.name);
      if (byName.has(key) || broken.has(key)) {
        errors.push(rowError(draftTracker.source, 'name', 'TRACKER_NAME_TWICE', `The tracker "${draftTracker.name}" appears more than once in the files.`));
        broken.add(key);
        continue;
      }
      const current = this.existingByName.get(key);
      if (current !== undefined) {
        if (current.settings.type !== draftTracker.settings.type) {
          errors.push(
            rowError(draftTracker.source, 'type', 'TRACKER_TYPE_CONFLICT', `You already have a ${current.settings.type} tracker named "${current.name}"; this row makes it ${draftTracker.settings.type}.`),
          );
          broken.add(key);
          continue;
        }
        byName.set(key, resolvedExisting(current, this.existing));
        this.existingNames.push(current.name);
        continue;
      }
      const { source: _source, createdAt, ...fields } = draftTracker;
      newTrackers.push({ ...fields, createdAt: createdAt ?? this.options.now });
      byName.set(key, { ref: { newIndex: newTrackers.length - 1 }, settings: draftTracker.settings, seen: new SeenLogs(), values: new Map() });
    }
    for (const name of brokenTrackers) broken.add(keyOf(name));
  }

  addLog(log: DraftLog): void {
    const target = this.bySpelling.get(log.trackerName) ?? this.resolveName(log);
    if (target === null) return;
    const value = resolveValue(log, target, this.errors);
    if (value === null) return;
    if (!target.seen.add(log.at, value)) {
      this.duplicates++;
      return;
    }
    this.logs.push({ tracker: target.ref, at: log.at, offsetMinutes: log.offsetMinutes, value, note: log.note });
  }

  finish(files: readonly FileSummary[]): ImportPlan {
    const { errors, options } = this;
    const skippedRows = options.skipInvalid ? uniqueRows(errors) : [];
    const fileLevel = errors.some((error) => error.row === 1 && (error.code === 'CSV_COLUMN_MISSING' || error.code === 'CSV_COLUMN_TWICE'));
    const canCommit = errors.length === 0 || (options.skipInvalid && !fileLevel);
    return {
      files,
      newTrackers: this.newTrackers,
      existingTrackers: [...new Set(this.existingNames)],
      logs: this.logs,
      duplicates: this.duplicates,
      errors,
      skippedRows,
      leftOut: this.leftOut,
      canCommit,
    };
  }

  /** The tracker a spelling names (in the files, else in the profile), or null and an error. */
  private resolveName(log: DraftLog): Resolved | null {
    const key = keyOf(log.trackerName);
    let target = this.byName.get(key);
    if (target === undefined && !this.broken.has(key)) {
      const current = this.existingByName.get(key);
      if (current !== undefined) {
        target = resolvedExisting(current, this.existing);
        this.byName.set(key, target);
        this.existingNames.push(current.name);
      }
    }
    if (target === undefined) {
      this.errors.push(
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

function resolvedExisting(tracker: Tracker, existing: ExistingData): Resolved {
  const seen = new SeenLogs(existing.logsOf(tracker.id));
  return { ref: { existingId: tracker.id }, settings: tracker.settings, seen, values: new Map() };
}

function resolveValue(log: DraftLog, target: Resolved, errors: ImportRowError[]): LogValue | null {
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
