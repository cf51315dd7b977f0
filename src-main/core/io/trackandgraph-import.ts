/**
 * Track & Graph's CSV export, read as its writer (SamAmco/track-and-graph) wrote it in
 * each era; the writer is `writeDataPointsToCSV`:
 * - now (since 2025-04, commit e044a8eae57415bdbe91dffe99c72319591f6e34; read at
 *   057645bd4fd553140af0bc8517bcaee01aae8968,
 *   app/data/src/main/java/com/samco/trackandgraph/data/csvreadwriter/CSVReadWriterImpl.kt):
 *   `FeatureName,Timestamp,Value,Label,Note`, CRLF; `Timestamp` is Java's
 *   `OffsetDateTime.toString()` (`2024-03-01T08:30:15.123+01:00`, seconds left out when
 *   zero); `Value` is `Double.toString()` (`72.5`, `1.0E7`) or, for a duration feature,
 *   `String.format("%d:%02d:%02d", s / 3600, (s % 3600) / 60, s % 60)` of
 *   `value.toLong()` (fractions of a second cut off by the exporter itself). Kotlin's `/`
 *   and `%` keep the sign, and `%02d` pads `-5` to nothing more: −5 s is `0:00:-5`,
 *   −65 s `0:-1:-5`, −37,780 s `-10:-29:-40` (upstream's CSVReadWriterImplTest expects
 *   exactly that). `String.format` without a Locale writes the phone's digits (`١:٣٠:٠٠`
 *   on an Arabic one). Hours have as many digits as they need (`12345:18:20`).
 * - 2022-09 to 2025-04 (183e56b2bf52a253a20251eac6c215f8f90b4ef1,
 *   base/src/main/java/com/samco/trackandgraph/base/model/CSVReadWriterImpl.kt): no Label
 *   column (`FeatureName,Timestamp,Value,Note`); a label follows the value after a colon,
 *   `3.0:Okay`, `0:20:00:Nap`; durations as now.
 * - 2020-06 to 2022-09 (6b39ecbd4504a033c6054809cfc53a5d546d5159 and after,
 *   app/src/main/java/com/samco/trackandgraph/util/CSVReadWriter.kt, durations through
 *   `formatTimeDuration` of util/DateTimeFormatters.kt from edfa6637): discrete features as
 *   `index:label` (`2:Great`); durations signed on the hours only, minutes and seconds
 *   unsigned (`-10:29:40` is −37,780 s). That writer lost the sign of a negative duration
 *   under an hour (`0:01:05`), which no reader can restore.
 * Upstream's own reader sums the three parts and requires two digits after a `-`, so it
 * reads `0:00:-5` as the number 0 labelled `00:-5`; this one reads each era as it was written.
 *
 * Mapping:
 * - Durations → duration tracker. A duration is whole seconds of 0 or more: a negative one
 *   is a problem of its row, its value in words. A label on a duration starts the note.
 * - A feature with a label on any point ("labelled": in Track & Graph a point is a value
 *   with an optional label, shown `3 : Okay`; its discrete features were such a scale)
 *   → single-choice tracker. When each label always carries the same value, the options are
 *   the labels, in order of value, and the tracker's description keeps the mapping
 *   (`Awful = 1, Okay = 3`); when a label carries several values, each option is a value
 *   and its label as Track & Graph shows the point (`30 : Run`, `45 : Run`). A point
 *   without a label is the option named by its value (`2`). One option is padded to two.
 *   Past 50 options, or options that would differ only in capitals, the feature stays
 *   numerical with each label starting its note, and the description says why.
 * - Any other feature → numerical tracker.
 */
import type { TrackerSettings } from '../../../src-preload/contract';
import { AppFailure } from '../errors';
import { parseLogTime } from '../domain/log-time';
import { locateColumns, readCsv } from './csv-reader';
import { isPlainNumber } from './formula-guard';
import { DEFAULT_COLOR, MAX_DESCRIPTION, MAX_NAME, MAX_NOTE, paddedOptions, type Draft, type DraftLog, type DraftTracker } from './import-draft';
import { rowError, type ImportRowError, type SourceRow } from './import-errors';
import { unreadColumns, type LeftOut } from './left-out';
import type { InputFile } from './our-format-import';
import { MAX_CHOICE_OPTIONS } from '../domain/tracker-types';
import { MAX_OPTION_LABEL } from './settings-cell';
import { durationText } from './value-text';

/** Hours, minutes, seconds (each may be signed), then `:label` in the 2022–2025 export; digits of any script. */
const DURATION = /^(-?\p{Nd}+)?:(-?\p{Nd}{1,2}):(-?\p{Nd}{1,2})(?::(.*))?$/su;
const ANY_DIGIT = /\p{Nd}/u;
const ANY_DIGITS = /\p{Nd}/gu;
const FROM = 'Imported from Track & Graph';
const LABELS_IN_NOTES = `${FROM}: a data point’s label starts its note`;

interface Point {
  readonly source: SourceRow;
  readonly at: string;
  readonly offsetMinutes: number;
  /** The Value cell as written, for messages. */
  readonly cell: string;
  /** Seconds for a duration (possibly negative), else the number. */
  readonly number: number;
  readonly duration: boolean;
  readonly label: string;
  readonly note: string;
}

const COLUMNS = ['featurename', 'timestamp', 'value'] as const;
const OPTIONAL_COLUMNS = ['label', 'note'] as const;

export function draftFromTrackAndGraph(files: readonly InputFile[], newId: () => string): Draft {
  const errors: ImportRowError[] = [];
  const leftOut: LeftOut[] = [];
  const features = new Map<string, { name: string; source: SourceRow; points: Point[] }>();
  const summaries = [];
  for (const file of files) {
    const table = readCsv(file.name, file.text);
    for (const problem of table.problems) errors.push(problem);
    summaries.push({ file: file.name, role: 'Track & Graph data points', separator: table.separator, columns: table.header, rows: table.rows.length });
    const { columns, errors: columnErrors } = locateColumns(table, COLUMNS, OPTIONAL_COLUMNS);
    errors.push(...columnErrors);
    leftOut.push(...unreadColumns(file.name, table.header, [...COLUMNS, ...OPTIONAL_COLUMNS]));
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
    const { name, points } = feature;
    const durations = points.filter((point) => point.duration).length;
    if (durations > 0 && durations < points.length) {
      const odd = points.find((point) => !point.duration) as Point;
      errors.push(rowError(odd.source, 'Value', 'TRACKER_TYPE_CONFLICT', `"${name}" mixes durations (H:MM:SS) and plain numbers.`));
      brokenTrackers.push(name);
      // Listed as rows of a refused tracker, so "skip invalid rows" names every one of them.
      for (const point of points) logs.push(logOf(point, name, { kind: 'stored', value: point.number }, point.note));
      continue;
    }
    const labelled = points.some((point) => point.label !== '');
    const tracker = (description: string, settings: TrackerSettings): DraftTracker => ({
      source: feature.source,
      name,
      description,
      color: DEFAULT_COLOR,
      emoji: '',
      archived: false,
      target: null,
      settings,
      createdAt: null,
    });
    if (durations > 0) {
      trackers.push(tracker(labelled ? `${LABELS_IN_NOTES}.` : '', { type: 'duration' }));
      for (const point of points) {
        const problem = durationProblem(point);
        if (problem === null) logs.push(logOf(point, name, { kind: 'stored', value: point.number }, noteWithLabel(point)));
        else errors.push(rowError(point.source, 'Value', 'LOG_VALUE_INVALID', problem));
      }
      continue;
    }
    const choices = labelled ? choicesOf(points) : null;
    if (choices?.ok === true) {
      const options = paddedOptions(choices.names).map((label) => ({ id: newId(), label, archived: false }));
      trackers.push(tracker(choices.description, { type: 'multiple_choice', multiple: false, options }));
      for (const point of points) logs.push(logOf(point, name, { kind: 'labels', labels: [choices.nameOf(point)] }, point.note));
      continue;
    }
    const decimals = Math.min(4, points.reduce((most, point) => Math.max(most, decimalsOf(point.number)), 0));
    trackers.push(tracker(choices === null ? '' : `${LABELS_IN_NOTES} (${choices.reason}).`, { type: 'numerical', unit: '', min: null, max: null, decimals, aggregation: 'average' }));
    for (const point of points) logs.push(logOf(point, name, { kind: 'stored', value: point.number }, noteWithLabel(point)));
  }
  return { files: summaries, trackers, logs, errors, brokenTrackers, leftOut };
}

const logOf = (point: Point, trackerName: string, value: DraftLog['value'], note: string): DraftLog => ({
  source: point.source,
  trackerName,
  at: point.at,
  offsetMinutes: point.offsetMinutes,
  value,
  note: note.slice(0, MAX_NOTE),
});

const noteWithLabel = (point: Point): string => (point.label === '' ? point.note : point.note === '' ? point.label : `${point.label} — ${point.note}`);

function durationProblem(point: Point): string | null {
  if (point.number < 0) return `"${point.cell}" is a negative duration (minus ${durationText(-point.number)}); durations are 0 or more, so this point cannot be imported.`;
  if (!Number.isSafeInteger(point.number)) return `"${point.cell}" is longer than a duration the app can store.`;
  return null;
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
  const cell = value.trim();
  const duration = DURATION.exec(cell);
  if (duration) {
    const [, hours = '', minutes = '', seconds = '', suffix = ''] = duration;
    return { source, ...time, cell, number: durationSeconds(hours, minutes, seconds), duration: true, label: (label.trim() || suffix).trim(), note };
  }
  // `value:label`, as the 2019–2025 exports wrote a labelled value.
  const [numberText, ...rest] = cell.split(':');
  if (!isPlainNumber(numberText ?? '')) {
    errors.push(rowError(source, 'Value', 'LOG_VALUE_INVALID', `"${value}" is neither a number nor a duration H:MM:SS.`));
    return null;
  }
  return { source, ...time, cell, number: Number(numberText), duration: false, label: (label.trim() || rest.join(':')).trim(), note };
}

function durationSeconds(hoursText: string, minutesText: string, secondsText: string): number {
  const [hours, minutes, seconds] = [hoursText, minutesText, secondsText].map((part) => Number(part.replace(ANY_DIGITS, asciiDigit) || '0')) as [number, number, number];
  // Signed hours with unsigned minutes and seconds: only the 2020–2022 writer made those.
  if (hoursText.startsWith('-') && !minutesText.startsWith('-') && !secondsText.startsWith('-')) return -(-hours * 3600 + minutes * 60 + seconds);
  return hours * 3600 + minutes * 60 + seconds;
}

/**
 * A decimal digit of any script as its ASCII digit. Unicode encodes every script's digits
 * as runs of ten from 0 to 9, runs that touch following each other whole, so the distance
 * from the start of the run, modulo ten, is the digit's value.
 */
function asciiDigit(digit: string): string {
  let code = digit.codePointAt(0) as number;
  let steps = 0;
  while (ANY_DIGIT.test(String.fromCodePoint(code - 1))) {
    code--;
    steps++;
  }
  return String(steps % 10);
}

type Choices =
  | { readonly ok: true; readonly names: string[]; readonly nameOf: (point: Point) => string; readonly description: string }
  | { readonly ok: false; readonly reason: string };

interface Option {
  readonly name: string;
  readonly value: number;
  readonly label: string;
}

/** The options of a labelled feature, or why it cannot have them. */
function choicesOf(points: readonly Point[]): Choices {
  const valuesOfLabel = new Map<string, Set<number>>();
  for (const point of points) if (point.label !== '') valuesOfLabel.set(point.label, (valuesOfLabel.get(point.label) ?? new Set()).add(point.number));
  const oneValueEach = [...valuesOfLabel.values()].every((values) => values.size === 1);
  // A label alone when it always means one value; else the value and label as Track & Graph shows the point.
  const byLabel = (point: Point): Option => ({ name: point.label === '' ? numberText(point.number) : point.label, value: point.number, label: point.label });
  const byPair = (point: Point): Option => ({ name: point.label === '' ? numberText(point.number) : `${numberText(point.number)} : ${point.label}`, value: point.number, label: point.label });
  const reasons: string[] = [];
  for (const optionOf of oneValueEach ? [byLabel, byPair] : [byPair]) {
    const options = optionsOf(points, optionOf);
    if (typeof options === 'string') {
      reasons.push(options);
      continue;
    }
    const mapping = options.filter((option) => option.label !== '').map((option) => `${option.label} = ${numberText(option.value)}`);
    const description = optionOf === byLabel ? `${FROM}, where each label stands for a value: ${mapping.join(', ')}.` : '';
    if (description.length > MAX_DESCRIPTION) {
      reasons.push('its labels and values are longer than a description can hold');
      continue;
    }
    return { ok: true, names: options.map((option) => option.name), nameOf: (point) => optionOf(point).name, description };
  }
  return { ok: false, reason: reasons[0] as string };
}

/** Distinct options in order of value (then of first use), or why they cannot be options. */
function optionsOf(points: readonly Point[], optionOf: (point: Point) => Option): Option[] | string {
  const byName = new Map<string, Option>();
  for (const point of points) {
    const option = optionOf(point);
    const known = byName.get(option.name.toLowerCase());
    if (known === undefined) byName.set(option.name.toLowerCase(), option);
    else if (known.name !== option.name) return `"${known.name}" and "${option.name}" would be two options differing only in capitals`;
    else if (known.value !== option.value || known.label !== option.label) return `two different points would both be the option "${option.name}"`;
  }
  const options = [...byName.values()];
  if (options.length > MAX_CHOICE_OPTIONS) return `as options it would need ${options.length}, more than the ${MAX_CHOICE_OPTIONS} a tracker can have`;
  if (options.some((option) => option.name.length > MAX_OPTION_LABEL)) return `a label is longer than the ${MAX_OPTION_LABEL} characters of an option`;
  return options.sort((a, b) => a.value - b.value);
}

/** A number as Track & Graph shows it: no trailing `.0`. */
const numberText = (value: number): string => String(value);

const decimalsOf = (value: number): number => {
  const text = String(value);
  if (text.includes('e')) return 4;
  const dot = text.indexOf('.');
  return dot === -1 ? 0 : text.length - dot - 1;
};
