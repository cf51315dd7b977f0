/**
 * Track & Graph's CSV export. Format read from its writer, SamAmco/track-and-graph:
 *   app/data/src/main/java/com/samco/trackandgraph/data/csvreadwriter/CSVReadWriterImpl.kt
 * Header `FeatureName,Timestamp,Value,Label,Note` (older exports: no Label, or no Note);
 * one row per data point; `Timestamp` is Java's `OffsetDateTime.toString()`
 * (`2024-03-01T08:30:15.123+01:00`, seconds left out when zero); `Value` is a double
 * (`72.5`, `1.0E7`) or, for duration trackers, `H:MM:SS`; very old exports wrote a
 * labelled value as `value:label`.
 * Mapping: a feature whose values are durations → duration tracker; a feature whose every
 * point carries a label, with one value per label (2 to 50 labels) → multiple-choice
 * tracker whose options are the labels in order of their values; any other feature →
 * numerical tracker, a point's label then leading its note (`label — note`).
 */
import type { TrackerSettings } from '../../../src-preload/contract';
import { AppFailure } from '../errors';
import { parseLogTime } from '../domain/log-time';
import { locateColumns, readCsv } from './csv-reader';
import { isPlainNumber } from './formula-guard';
import { DEFAULT_COLOR, MAX_NAME, MAX_NOTE, type Draft, type DraftLog, type DraftTracker } from './import-draft';
import { rowError, type ImportRowError, type SourceRow } from './import-errors';
import type { InputFile } from './our-format-import';
import { MAX_OPTIONS, MIN_OPTIONS } from './settings-cell';

const DURATION = /^(-?\d*):(-?\d{2}):(-?\d{2})$/;

interface Point {
  readonly source: SourceRow;
  readonly at: string;
  readonly offsetMinutes: number;
  readonly number: number;
  readonly duration: boolean;
  readonly label: string;
  readonly note: string;
}

export function draftFromTrackAndGraph(files: readonly InputFile[], newId: () => string): Draft {
  const errors: ImportRowError[] = [];
  const features = new Map<string, { name: string; source: SourceRow; points: Point[] }>();
  const summaries = [];
  for (const file of files) {
    const table = readCsv(file.name, file.text);
    errors.push(...table.problems);
    summaries.push({ file: file.name, role: 'Track & Graph data points', separator: table.separator, columns: table.header, rows: table.rows.length });
    const { columns, errors: columnErrors } = locateColumns(table, ['featurename', 'timestamp', 'value'] as const, ['label', 'note'] as const);
    errors.push(...columnErrors);
    if (columnErrors.length > 0) continue;
    for (const { row, cells } of table.rows) {
      const source = { file: file.name, row };
      const name = (cells[columns.featurename as number] as string).trim();
      if (name === '' || name.length > MAX_NAME) {
        errors.push(rowError(source, 'FeatureName', name === '' ? 'TRACKER_NAME_REQUIRED' : 'CELL_TOO_LONG', 'Every data point needs a feature name of up to 500 characters.'));
        continue;
      }
      const point = readPoint(source, cells[columns.timestamp as number] as string, cells[columns.value as number] as string, columns.label === undefined ? '' : (cells[columns.label] as string), columns.note === undefined ? '' : (cells[columns.note] as string), errors);
      if (point === null) continue;
      const feature = features.get(name) ?? { name, source, points: [] };
      feature.points.push(point);
      features.set(name, feature);
    }
  }

  const trackers: DraftTracker[] = [];
  const logs: DraftLog[] = [];
  const brokenTrackers: string[] = [];
  for (const feature of features.values()) {
    const durations = feature.points.filter((point) => point.duration).length;
    if (durations > 0 && durations < feature.points.length) {
      const odd = feature.points.find((point) => !point.duration) as Point;
      errors.push(rowError(odd.source, 'Value', 'TRACKER_TYPE_CONFLICT', `"${feature.name}" mixes durations (H:MM:SS) and plain numbers.`));
      brokenTrackers.push(feature.name);
      // Listed as rows of a refused tracker, so "skip invalid rows" names every one of them.
      for (const point of feature.points) logs.push({ source: point.source, trackerName: feature.name, at: point.at, offsetMinutes: point.offsetMinutes, value: { kind: 'stored', value: point.number }, note: point.note });
      continue;
    }
    const choices = durations === 0 ? choiceLabels(feature.points) : null;
    const settings: TrackerSettings =
      durations > 0
        ? { type: 'duration' }
        : choices !== null
          ? { type: 'multiple_choice', multiple: false, options: choices.map((label) => ({ id: newId(), label, archived: false })) }
          : { type: 'numerical', unit: '', min: null, max: null, decimals: Math.min(4, Math.max(0, ...feature.points.map((point) => decimalsOf(point.number)))), aggregation: 'average' };
    trackers.push({ source: feature.source, name: feature.name, description: '', color: DEFAULT_COLOR, emoji: '', archived: false, target: null, settings, createdAt: null });
    for (const point of feature.points) {
      const labelled = settings.type === 'numerical' && point.label !== '';
      logs.push({
        source: point.source,
        trackerName: feature.name,
        at: point.at,
        offsetMinutes: point.offsetMinutes,
        value: settings.type === 'multiple_choice' ? { kind: 'labels', labels: [point.label] } : { kind: 'stored', value: point.number },
        note: (labelled ? (point.note === '' ? point.label : `${point.label} — ${point.note}`) : point.note).slice(0, MAX_NOTE),
      });
    }
  }
  return { files: summaries, trackers, logs, errors, brokenTrackers };
}

function readPoint(source: SourceRow, timestamp: string, value: string, label: string, note: string, errors: ImportRowError[]): Point | null {
  let time;
  try {
    time = parseLogTime(timestamp, new Date(0), () => 0);
  } catch (error) {
    if (!(error instanceof AppFailure)) throw error;
    errors.push(rowError(source, 'Timestamp', 'LOG_TIME_INVALID', `"${timestamp}" is not a time with an offset, such as 2024-03-01T08:30:15.123+01:00.`));
    return null;
  }
  const text = value.trim();
  const duration = DURATION.exec(text);
  if (duration) {
    const seconds = Number(duration[1] || 0) * 3600 + Number(duration[2]) * 60 + Number(duration[3]);
    if (seconds < 0) {
      errors.push(rowError(source, 'Value', 'LOG_VALUE_INVALID', `"${value}" is a negative duration.`));
      return null;
    }
    return { source, ...time, number: seconds, duration: true, label: label.trim(), note };
  }
  // `value:label`, as the oldest exports wrote labelled values.
  const [numberText, ...rest] = text.split(':');
  if (!isPlainNumber(numberText ?? '')) {
    errors.push(rowError(source, 'Value', 'LOG_VALUE_INVALID', `"${value}" is neither a number nor a duration H:MM:SS.`));
    return null;
  }
  return { source, ...time, number: Number(numberText), duration: false, label: (label.trim() || rest.join(':')).trim(), note };
}

/** The option labels, in order of value, when the points are a labelled scale; else null. */
function choiceLabels(points: readonly Point[]): string[] | null {
  if (points.some((point) => point.label === '')) return null;
  const valueOf = new Map<string, number>();
  for (const point of points) {
    const known = valueOf.get(point.label);
    if (known !== undefined && known !== point.number) return null;
    valueOf.set(point.label, point.number);
  }
  if (valueOf.size < MIN_OPTIONS || valueOf.size > MAX_OPTIONS) return null;
  return [...valueOf.entries()].sort((a, b) => a[1] - b[1]).map(([label]) => label);
}

const decimalsOf = (value: number): number => {
  const text = String(value);
  if (text.includes('e')) return 4;
  const dot = text.indexOf('.');
  return dot === -1 ? 0 : text.length - dot - 1;
};
