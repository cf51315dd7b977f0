import { describe, expect, it } from 'vitest';
import type { Log } from '../../../src-preload/contract';
import { DayCalendar } from '../../../src-main/core/insights/day-calendar';
import { buildSummary, keepNewestRuns, KEPT_RUNS, withMonthDigest } from '../../../src-main/core/insights/summary';

const log = (id: string, at: string): Log => ({ id, trackerId: 't', at, offsetMinutes: 0, value: true, note: '' });
const tracker = { settings: { type: 'boolean' as const }, target: null };

/** The digests as every shard folded in one by one would leave them (the rule buildSummary keeps). */
function foldedDigests(shards: readonly { month: string; logs: readonly Log[] }[]): Record<string, string> {
  let months: Record<string, string> = {};
  for (const shard of shards) months = withMonthDigest(months, shard.month, shard.logs);
  return months;
}

describe('building a summary digests only the newest shards', () => {
  const months = ['2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06', '2025-07'];
  const cases: Record<string, (month: string, index: number) => Log[]> = {
    'every shard with logs': (month, index) => [log(`a${index}`, `${month}-03T08:00:00.000Z`)],
    'the newest shards empty': (month, index) => (index >= 5 ? [] : [log(`b${index}`, `${month}-03T08:00:00.000Z`)]),
    'empty shards in between': (month, index) => (index % 2 === 1 ? [] : [log(`c${index}`, `${month}-03T08:00:00.000Z`), log(`d${index}`, `${month}-04T08:00:00.000Z`)]),
    'one shard with logs': (month, index) => (index === 2 ? [log('e', `${month}-03T08:00:00.000Z`)] : []),
    'no logs at all': () => [],
  };
  for (const [name, logsOf] of Object.entries(cases)) {
    it(`the same digests as folding every shard: ${name}`, () => {
      const shards = months.map((month, index) => ({ month, logs: logsOf(month, index) }));
      expect(buildSummary(tracker, shards, new DayCalendar('UTC')).months).toEqual(foldedDigests(shards));
    });
  }
});

describe('keepNewestRuns', () => {
  const run = (n: number): [string, string] => [`2025-01-${String(n).padStart(2, '0')}`, `2025-01-${String(n).padStart(2, '0')}`];
  const runs = (count: number) => Array.from({ length: count }, (_, i) => run(i + 1));

  it('keeps every run, and no cut, while there are few', () => {
    expect(keepNewestRuns(runs(3))).toEqual({ runs: runs(3), since: null });
    expect(keepNewestRuns(runs(KEPT_RUNS))).toEqual({ runs: runs(KEPT_RUNS), since: null });
  });

  it('drops the oldest beyond the limit and says from which day the runs are complete', () => {
    const kept = keepNewestRuns(runs(KEPT_RUNS + 3));
    expect(kept.runs).toEqual(runs(KEPT_RUNS + 3).slice(3));
    expect(kept.since).toBe(run(4)[0]);
  });

  it('keeps an earlier cut when nothing more is dropped', () => {
    expect(keepNewestRuns(runs(2), '2024-12-01')).toEqual({ runs: runs(2), since: '2024-12-01' });
  });
});
