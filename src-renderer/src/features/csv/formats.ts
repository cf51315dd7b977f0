/** The import formats as the page offers them, with what to pick for each. */
import type { ImportKind } from '../../../../src-preload/contract';

export interface ImportFormat {
  readonly kind: ImportKind;
  readonly label: string;
  readonly hint: string;
}

export const IMPORT_FORMATS: readonly ImportFormat[] = [
  { kind: 'trackers', label: 'Quantified Self CSV', hint: 'The trackers CSV, the logs CSV, or both (from “Export” here).' },
  { kind: 'loop', label: 'Loop Habit Tracker', hint: 'Loop’s export as it comes (the .zip file), or its unzipped folder (Habits.csv and each habit’s Checkmarks.csv).' },
  { kind: 'trackandgraph', label: 'Track & Graph', hint: 'The CSV file from Track & Graph’s “Export”.' },
  { kind: 'daylio', label: 'Daylio', hint: 'The CSV file from Daylio’s “Export entries”.' },
];

export const SEPARATOR_NAMES: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab' };
