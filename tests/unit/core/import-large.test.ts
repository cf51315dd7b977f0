/**
 * Other apps' importers on files of hundreds of thousands of rows: they read them, and
 * list their problems, instead of failing with "Maximum call stack size exceeded" (a list
 * spread into a call's arguments). Each file is read through `planFiles`, as the import
 * service reads it.
 */
import { describe, expect, it } from 'vitest';
import { planFiles, type ImportKind } from '../../../src-main/core/io/import-kinds';
import type { InputFile } from '../../../src-main/core/io/our-format-import';
import { counterIds, fixture } from './csv-fixtures';

const ROWS = 200_000;
const EMPTY = { trackers: [], logsOf: () => [] };

const planOf = (kind: ImportKind, files: InputFile[]) =>
  planFiles(kind, files, { newId: counterIds(), offsetAt: () => 60 }, EMPTY, { skipInvalid: false, now: '2026-11-25T12:00:00.000Z' });

/** `count` lines made by `line`, after `header`. */
function csv(header: string, count: number, line: (index: number) => string): string {
  const lines = [header];
  for (let index = 0; index < count; index++) lines.push(line(index));
  return `${lines.join('\n')}\n`;
}

// Seconds of work each (Track & Graph reads every time through the general parser): a generous cap.
describe('importers of other apps, on large files', { timeout: 60_000 }, () => {
  it('Track & Graph: a feature of 200,000 points becomes one tracker with all of them', () => {
    const start = Date.parse('2020-01-01T00:00:00.000Z');
    const text = csv('FeatureName,Timestamp,Value,Label,Note', ROWS, (index) => `Weight,${new Date(start + index * 60_000).toISOString().slice(0, 23)}+00:00,${70 + (index % 10) / 10},,`);
    const plan = planOf('trackandgraph', [{ name: 'tg.csv', text }]);
    expect(plan.errorCount).toBe(0);
    expect(plan.newTrackers.map((tracker) => [tracker.name, tracker.settings.type])).toEqual([['Weight', 'numerical']]);
    expect(plan.entries.count).toBe(ROWS);
  });

  it.each([
    ['trackandgraph', [{ name: 'tg.csv', text: csv('FeatureName,Timestamp,Value,Label,Note', ROWS, () => 'Weight') }]],
    ['daylio', [{ name: 'daylio.csv', text: csv('full_date,date,weekday,time,mood,activities,note_title,note', ROWS, () => '2021-09-28') }]],
    ['loop', [fixture('loop/Habits.csv'), { name: 'Checkmarks.csv', text: csv('Date,Meditate,Run,Read,', ROWS, () => '2024-01-01') }]],
  ] as const)('%s: 200,000 rows with too few cells are each counted as a problem', (kind, files) => {
    const plan = planOf(kind, [...files]);
    expect(plan.errorCount).toBe(ROWS);
    expect(plan.errors[0]).toMatchObject({ row: 2, code: 'CSV_COLUMN_COUNT' });
    expect(plan.canCommit).toBe(false);
  });
});
