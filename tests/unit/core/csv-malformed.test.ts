/**
 * The malformed-file corpus (tests/fixtures/csv/malformed): each file gives its typed
 * error — a refused file (AppFailure code) or row errors with row, column and code — and
 * a plan that cannot be committed. That nothing is written is checked against a real
 * profile folder in csv-import-commit.test.ts.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Tracker } from '../../../src-preload/contract';
import { AppFailure } from '../../../src-main/core/errors';
import { decodeCsvBytes } from '../../../src-main/core/io/csv-reader';
import { draftOf } from '../../../src-main/core/io/import-kinds';
import { planImport } from '../../../src-main/core/io/import-plan';
import { counterIds, fixture, fixtureBytes, FIXTURES, trackerFixture, WEIGHT_SETTINGS } from './csv-fixtures';

const WEIGHT: Tracker = trackerFixture('weight', 'Weight', WEIGHT_SETTINGS);
const STEPS: Tracker = trackerFixture('steps', 'Steps', { type: 'numerical', unit: '', min: null, max: null, decimals: 0, aggregation: 'sum' });

type Expected = { readonly refused: string } | { readonly errors: readonly (readonly [code: string, row: number, column: string])[] };
interface Case {
  readonly expected: Expected;
  /** Read with the valid base-trackers.csv (logs files refer to its trackers). */
  readonly withBase?: boolean;
  readonly existing?: readonly Tracker[];
  readonly bytes?: boolean;
}

const CASES: Record<string, Case> = {
  'empty.csv': { expected: { refused: 'CSV_EMPTY' } },
  'whitespace-only.csv': { expected: { refused: 'CSV_EMPTY' } },
  'bom-only.csv': { expected: { refused: 'CSV_EMPTY' } },
  'binary.csv': { expected: { refused: 'CSV_BINARY' }, bytes: true },
  'latin1.csv': { expected: { refused: 'CSV_BINARY' }, bytes: true },
  'unknown-columns.csv': { expected: { refused: 'CSV_COLUMNS_INVALID' } },
  'logs-missing-value-columns.csv': { expected: { errors: [['CSV_COLUMN_MISSING', 1, 'value']] }, withBase: true },
  'logs-duplicate-column.csv': { expected: { errors: [['CSV_COLUMN_TWICE', 1, 'value']] }, withBase: true },
  'trackers-duplicate-column.csv': { expected: { errors: [['CSV_COLUMN_TWICE', 1, 'type']] } },
  'logs-bad-number.csv': { expected: { errors: [['LOG_VALUE_INVALID', 2, 'value']] }, withBase: true },
  'logs-bad-boolean.csv': { expected: { errors: [['LOG_VALUE_INVALID', 2, 'value']] }, withBase: true },
  'logs-bad-duration.csv': { expected: { errors: [['LOG_VALUE_INVALID', 2, 'value']] }, withBase: true },
  'logs-bad-choice.csv': { expected: { errors: [['LOG_VALUE_INVALID', 2, 'value']] }, withBase: true },
  'logs-several-choices-single.csv': { expected: { errors: [['LOG_VALUE_INVALID', 2, 'value']] }, withBase: true },
  'logs-number-out-of-range.csv': { expected: { errors: [['LOG_VALUE_INVALID', 2, 'value']] }, withBase: true },
  'logs-number-too-precise.csv': { expected: { errors: [['LOG_VALUE_INVALID', 2, 'value']] }, withBase: true },
  'logs-number-too-large.csv': { expected: { errors: [['LOG_VALUE_INVALID', 2, 'value']] }, existing: [STEPS] },
  'logs-negative-number-below-min.csv': { expected: { errors: [['LOG_VALUE_INVALID', 2, 'value']] }, withBase: true },
  'logs-value-mismatch.csv': { expected: { errors: [['LOG_VALUE_MISMATCH', 2, 'value_canonical']] }, withBase: true },
  'logs-bad-canonical-json.csv': { expected: { errors: [['LOG_VALUE_INVALID', 2, 'value_canonical']] }, withBase: true },
  'logs-empty-value.csv': { expected: { errors: [['LOG_VALUE_INVALID', 2, 'value']] }, withBase: true },
  'logs-bad-date.csv': { expected: { errors: [['LOG_TIME_INVALID', 2, 'time']] }, withBase: true },
  'logs-no-offset.csv': { expected: { errors: [['LOG_TIME_INVALID', 2, 'time']] }, withBase: true },
  'logs-date-only.csv': { expected: { errors: [['LOG_TIME_INVALID', 2, 'time']] }, withBase: true },
  'logs-empty-time.csv': { expected: { errors: [['LOG_TIME_INVALID', 2, 'time']] }, withBase: true },
  'logs-unknown-tracker.csv': { expected: { errors: [['TRACKER_UNKNOWN', 2, 'tracker']] }, withBase: true },
  'logs-missing-tracker-name.csv': { expected: { errors: [['TRACKER_NAME_REQUIRED', 2, 'tracker']] }, withBase: true },
  'logs-long-note.csv': { expected: { errors: [['CELL_TOO_LONG', 2, 'note']] }, withBase: true },
  'logs-mixed-separators.csv': { expected: { errors: [['CSV_COLUMN_COUNT', 2, ''], ['CSV_COLUMN_COUNT', 3, '']] }, withBase: true },
  'logs-unclosed-quote.csv': { expected: { errors: [['CSV_QUOTES', 2, '']] }, withBase: true },
  'logs-extra-cells.csv': { expected: { errors: [['CSV_COLUMN_COUNT', 2, '']] }, withBase: true },
  'logs-formula-value.csv': { expected: { errors: [['LOG_VALUE_INVALID', 2, 'value']] }, withBase: true },
  'trackers-duplicate-name.csv': { expected: { errors: [['TRACKER_NAME_TWICE', 3, 'name']] } },
  'trackers-duplicate-name-case.csv': { expected: { errors: [['TRACKER_NAME_TWICE', 3, 'name']] } },
  'trackers-bad-type.csv': { expected: { errors: [['TRACKER_TYPE_INVALID', 2, 'type']] } },
  'trackers-bad-settings-json.csv': { expected: { errors: [['TRACKER_SETTINGS_INVALID', 2, 'settings']] } },
  'trackers-one-option.csv': { expected: { errors: [['TRACKER_SETTINGS_INVALID', 2, 'settings']] } },
  'trackers-duplicate-option.csv': { expected: { errors: [['TRACKER_SETTINGS_INVALID', 2, 'settings']] } },
  'trackers-min-gt-max.csv': { expected: { errors: [['TRACKER_SETTINGS_INVALID', 2, 'settings']] } },
  'trackers-min-too-large.csv': { expected: { errors: [['TRACKER_SETTINGS_INVALID', 2, 'settings']] } },
  'trackers-bad-target.csv': { expected: { errors: [['TRACKER_TARGET_INVALID', 2, 'target']] } },
  'trackers-bad-color.csv': { expected: { errors: [['TRACKER_LOOKS_INVALID', 2, 'color']] } },
  'trackers-empty-name.csv': { expected: { errors: [['TRACKER_NAME_REQUIRED', 2, 'name']] } },
  'trackers-long-name.csv': { expected: { errors: [['CELL_TOO_LONG', 2, 'name']] } },
  'trackers-bad-archived.csv': { expected: { errors: [['CELL_INVALID', 2, 'archived']] } },
  'trackers-bad-created.csv': { expected: { errors: [['CELL_INVALID', 2, 'created']] } },
  'trackers-type-conflict.csv': { expected: { errors: [['TRACKER_TYPE_CONFLICT', 2, 'type']] }, existing: [WEIGHT] },
};

/** Plans the import of one malformed file; a refused file throws its AppFailure. */
export function planMalformed(name: string, existing: readonly Tracker[] = []) {
  const spec = CASES[name] as Case;
  const path = `malformed/${name}`;
  const file = spec.bytes ? { name, text: decodeCsvBytes(name, fixtureBytes(path)) } : fixture(path, name);
  const files = spec.withBase ? [fixture('base-trackers.csv'), file] : [file];
  const draft = draftOf('logs', files, { newId: counterIds(), offsetAt: () => 0 });
  return planImport(draft, { trackers: existing, logsOf: () => [] }, { skipInvalid: false, now: '2026-11-25T12:00:00.000Z' });
}
export const MALFORMED_CASES = CASES;

describe('malformed CSV corpus', () => {
  it('has a case for every file in the folder, and at least 30', () => {
    const files = readdirSync(join(FIXTURES, 'malformed')).sort();
    expect(Object.keys(CASES).sort()).toEqual(files);
    expect(files.length).toBeGreaterThanOrEqual(30);
  });

  it.each(Object.entries(CASES))('%s gives its typed error', (name, spec) => {
    const attempt = () => planMalformed(name, spec.existing);
    if ('refused' in spec.expected) {
      expect(attempt).toThrow(AppFailure);
      try {
        attempt();
      } catch (error) {
        expect((error as AppFailure).code).toBe(spec.expected.refused);
        expect((error as AppFailure).message.length).toBeGreaterThan(10);
      }
      return;
    }
    const plan = attempt();
    expect(plan.errors.map((error) => [error.code, error.row, error.column])).toEqual(spec.expected.errors);
    expect(plan.errors.every((error) => error.file !== '' && error.message.length > 10)).toBe(true);
    expect(plan.canCommit).toBe(false);
  });
});
