import { describe, expect, it } from 'vitest';
import type { Log } from '../../../src-preload/contract';
import { DayCalendar } from '../../../src-main/core/insights/day-calendar';
import { buildSummary, withMonthDigest } from '../../../src-main/core/insights/summary';

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
