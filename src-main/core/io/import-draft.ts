/**
 * What every importer (our CSVs, Loop, Track & Graph, Daylio) turns its files into:
 * trackers and logs named by tracker name, each remembering the row it came from. The
 * plan (`import-plan.ts`) then matches names to the profile's trackers, checks values,
 * finds duplicates and decides what would be written.
 */
import type { LogValue, Target, TrackerSettings } from '../../../src-preload/contract';
import type { ImportRowError, SourceRow } from './import-errors';
import type { Separator } from './csv-reader';
import type { LeftOut } from './left-out';
import { MIN_CHOICE_OPTIONS } from '../domain/tracker-types';

export interface DraftTracker {
  readonly source: SourceRow;
  readonly name: string;
  readonly description: string;
  readonly color: string;
  readonly emoji: string;
  readonly archived: boolean;
  readonly target: Target | null;
  readonly settings: TrackerSettings;
  /** When the file says; else the import's time. */
  readonly createdAt: string | null;
}

/**
 * A value as the file gives it: already canonical (other apps' numbers and yes/no),
 * option labels (other apps' choices), or our logs CSV's two cells, which can only be
 * read once the tracker (new or existing) is known.
 */
export type DraftValue =
  | { readonly kind: 'stored'; readonly value: LogValue }
  | { readonly kind: 'labels'; readonly labels: readonly string[] }
  | { readonly kind: 'cells'; readonly human: string; readonly canonical: string; readonly humanColumn: string; readonly canonicalColumn: string };

export interface DraftLog {
  readonly source: SourceRow;
  readonly trackerName: string;
  /** UTC `toISOString()` form. */
  readonly at: string;
  readonly offsetMinutes: number;
  readonly value: DraftValue;
  readonly note: string;
}

export interface FileSummary {
  readonly file: string;
  /** What the importer took the file for (`trackers`, `logs`, `Loop habits`…), or `ignored`. */
  readonly role: string;
  readonly separator: Separator;
  readonly columns: readonly string[];
  readonly rows: number;
}

export interface Draft {
  readonly files: readonly FileSummary[];
  readonly trackers: readonly DraftTracker[];
  readonly logs: readonly DraftLog[];
  readonly errors: readonly ImportRowError[];
  /** Trackers whose rows were refused: their logs are reported as such, not as unknown. */
  readonly brokenTrackers?: readonly string[];
  /** What the files hold that the import does not store, each with its reason. */
  readonly leftOut?: readonly LeftOut[];
}

/** Fields longer than the app accepts anywhere else are refused, row by row. */
export const MAX_NAME = 500;
export const MAX_DESCRIPTION = 5000;
export const MAX_NOTE = 10_000;
export const MAX_EMOJI = 32;
/** Colour of a tracker whose file gives none. */
export const DEFAULT_COLOR = '#4f7cac';

/**
 * Option labels made enough for a choice tracker (which needs two): a single label gets
 * "other" beside it (or "other option", when the label is "other").
 */
export function paddedOptions(labels: readonly string[]): string[] {
  if (labels.length >= MIN_CHOICE_OPTIONS) return [...labels];
  const taken = new Set(labels.map((label) => label.toLowerCase()));
  return [...labels, taken.has('other') ? 'other option' : 'other'];
}
