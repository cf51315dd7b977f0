import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StoredLog, StoredTracker } from '../../../../src-main/core/store/formats';
import type { JournalOp, LogPlace } from '../../../../src-main/core/store/journal/operations';
import { pendingShards, shardLogsWithPending, timersWithPending, trackersWithPending } from '../../../../src-main/core/store/journal/pending-read';
import type { JournalEntry } from '../../../../src-main/core/store/journal/record-format';
import { emptyPendingView, placeOf, replay, type PendingView } from '../../../../src-main/core/store/journal/replay';
import { aLog, aRecord, aTracker } from './journal-fixtures';

const TRACKERS = ['t0', 't1', 't2'] as const;
const MONTHS = ['2026-10', '2026-11', '2026-12'] as const;
const LOGS = ['l0', 'l1', 'l2', 'l3', 'l4'] as const;

const entriesOf = (ops: readonly JournalOp[], from = 1): JournalEntry[] => ops.map((op, index) => ({ seq: from + index, record: aRecord(from + index, op) }));

const logAt = (id: string, trackerId: string, month: string, day: number, value: number): StoredLog =>
  aLog(0, { id, trackerId, at: `${month}-${String(day).padStart(2, '0')}T06:00:00.000Z`, value });

const arbLog = fc
  .record({ id: fc.constantFrom(...LOGS), tracker: fc.constantFrom(...TRACKERS), month: fc.constantFrom(...MONTHS), day: fc.integer({ min: 1, max: 28 }), value: fc.integer({ min: 0, max: 9 }) })
  .map(({ id, tracker, month, day, value }) => logAt(id, tracker, month, day, value));
const arbPlace: fc.Arbitrary<LogPlace> = fc.record({ trackerId: fc.constantFrom(...TRACKERS), month: fc.constantFrom(...MONTHS) });
const arbTracker = fc.record({ id: fc.constantFrom(...TRACKERS), name: fc.constantFrom('A', 'B') }).map(({ id, name }) => aTracker(id, { name }));
const arbOrder = fc.shuffledSubarray([...TRACKERS], { minLength: 3, maxLength: 3 });
const arbTrackerId = fc.constantFrom(...TRACKERS);

const SAME_INSTANT_OPS: JournalOp[] = [
  { type: 'log-edited', log: logAt('l3', 't0', '2026-10', 1, 0) },
  { type: 'log-restored', log: logAt('l0', 't2', '2026-11', 13, 0) },
  { type: 'log-added', log: logAt('l3', 't2', '2026-11', 13, 0) },
];

/** Any operation at all, consistent or not: idempotence must not depend on the service's rules. */
const arbOp: fc.Arbitrary<JournalOp> = fc.oneof(
  arbLog.map((log): JournalOp => ({ type: 'log-added', log })),
  arbLog.map((log): JournalOp => ({ type: 'log-edited', log })),
  fc.tuple(arbLog, arbPlace).map(([log, from]): JournalOp => ({ type: 'log-moved', log, from })),
  fc.tuple(fc.constantFrom(...LOGS), arbPlace).map(([logId, from]): JournalOp => ({ type: 'log-deleted', logId, from })),
  arbLog.map((log): JournalOp => ({ type: 'log-restored', log })),
  fc.tuple(arbTracker, arbOrder).map(([tracker, order]): JournalOp => ({ type: 'tracker-created', tracker, order })),
  arbTracker.map((tracker): JournalOp => ({ type: 'tracker-changed', tracker })),
  arbTracker.map((tracker): JournalOp => ({ type: 'tracker-deleted', tracker: { ...tracker, deletedAt: '2026-11-20T00:00:00.000Z' } })),
  arbTracker.map((tracker): JournalOp => ({ type: 'tracker-restored', tracker: { ...tracker, deletedAt: null } })),
  arbTrackerId.map((trackerId): JournalOp => ({ type: 'tracker-purged', trackerId })),
  arbOrder.map((order): JournalOp => ({ type: 'tracker-reordered', order })),
  arbTrackerId.map((trackerId): JournalOp => ({ type: 'timer-started', timer: { trackerId, startedAt: '2026-11-20T08:00:00.000Z' } })),
  fc.tuple(arbTrackerId, arbLog).map(([trackerId, log]): JournalOp => ({ type: 'timer-stopped', trackerId, log: { ...log, trackerId } })),
  arbTrackerId.map((trackerId): JournalOp => ({ type: 'timer-cancelled', trackerId })),
);

/**
 * Operations as the services would write them: a log added once, then edited in place,
 * moved from where it is, deleted from where it is, restored where it was; a purged
 * tracker's id never used again.
 */
function consistent(ops: readonly JournalOp[]): JournalOp[] {
  const where = new Map<string, { log: StoredLog; live: boolean }>();
  const purged = new Set<string>();
  const out: JournalOp[] = [];
  for (const op of ops) {
    switch (op.type) {
      case 'log-added':
      case 'log-edited':
      case 'log-restored':
      case 'log-moved':
      case 'timer-stopped': {
        if (purged.has(op.log.trackerId)) continue;
        const known = where.get(op.log.id);
        if (known !== undefined && purged.has(known.log.trackerId)) continue;
        let made: JournalOp;
        if (known === undefined) made = op.type === 'timer-stopped' ? op : { type: 'log-added', log: op.log };
        else if (!known.live) made = { type: 'log-restored', log: known.log };
        else if (op.type === 'log-moved' || op.type === 'log-added') made = { type: 'log-moved', log: op.log, from: placeOf(known.log) };
        else made = { type: 'log-edited', log: { ...op.log, trackerId: known.log.trackerId, at: known.log.at } };
        const log = made.type === 'log-restored' || made.type === 'log-added' || made.type === 'log-moved' || made.type === 'log-edited' || made.type === 'timer-stopped' ? made.log : op.log;
        where.set(log.id, { log, live: true });
        out.push(made);
        continue;
      }
      case 'log-deleted': {
        const known = where.get(op.logId);
        if (known === undefined || !known.live || purged.has(known.log.trackerId)) continue;
        where.set(op.logId, { log: known.log, live: false });
        out.push({ type: 'log-deleted', logId: op.logId, from: placeOf(known.log) });
        continue;
      }
      case 'tracker-purged':
        if (purged.has(op.trackerId)) continue;
        purged.add(op.trackerId);
        for (const [id, known] of where) if (known.log.trackerId === op.trackerId) where.set(id, { ...known, live: false });
        out.push(op);
        continue;
      case 'tracker-reordered':
        out.push(op);
        continue;
      case 'timer-started':
        if (!purged.has(op.timer.trackerId)) out.push(op);
        continue;
      case 'timer-cancelled':
        if (!purged.has(op.trackerId)) out.push(op);
        continue;
      default:
        if (!purged.has(op.tracker.id)) out.push(op);
    }
  }
  return out;
}

const PLACES: LogPlace[] = TRACKERS.flatMap((trackerId) => MONTHS.map((month) => ({ trackerId, month })));

/** Everything a read can see: every shard, the trackers, the timers. */
function visible(view: PendingView, shards: ReadonlyMap<string, readonly StoredLog[]> = new Map(), trackers: readonly StoredTracker[] = [], timers: readonly { trackerId: string; startedAt: string }[] = []) {
  return {
    shards: PLACES.map((place) => shardLogsWithPending(view, place, shards.get(`${place.trackerId}/${place.month}`) ?? [])),
    trackers: trackersWithPending(view, trackers),
    timers: timersWithPending(view, timers).sort((a, b) => a.trackerId.localeCompare(b.trackerId)),
  };
}

describe('replay of journal records into the pending view', () => {
  it('gives the same view when the same records are applied twice, from any starting view', () => {
    fc.assert(
      fc.property(fc.array(arbOp, { maxLength: 40 }), fc.array(arbOp, { maxLength: 20 }), (ops, before) => {
        const start = replay(entriesOf(before, 1000), emptyPendingView());
        const once = replay(entriesOf(ops), start);
        expect(replay(entriesOf(ops), once)).toEqual(once);
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same view applied in two parts as in one (a prefix, then the rest)', () => {
    fc.assert(
      fc.property(fc.array(arbOp, { maxLength: 40 }), fc.nat(), (ops, at) => {
        const cut = ops.length === 0 ? 0 : at % (ops.length + 1);
        const entries = entriesOf(ops);
        expect(replay(entries.slice(cut), replay(entries.slice(0, cut), emptyPendingView()))).toEqual(replay(entries, emptyPendingView()));
      }),
      { numRuns: 300 },
    );
  });

  it('reads the same whether records are still pending or were checkpointed into shards first', () => {
    fc.assert(
      fc.property(fc.array(arbOp, { maxLength: 50 }), fc.nat(), (raw, at) => {
        const ops = consistent(raw);
        const cut = ops.length === 0 ? 0 : at % (ops.length + 1);
        const entries = entriesOf(ops);
        const all = visible(replay(entries, emptyPendingView()));
        // A checkpoint of the first part: every shard, trackers and timers written as read.
        const first = visible(replay(entries.slice(0, cut), emptyPendingView()));
        const shards = new Map(PLACES.map((place, index) => [`${place.trackerId}/${place.month}`, first.shards[index] ?? []] as const));
        const rest = visible(replay(entries.slice(cut), emptyPendingView()), shards, first.trackers, first.timers);
        expect(rest.shards).toEqual(all.shards);
        expect(rest.timers).toEqual(all.timers);
        expect(new Map(rest.trackers.map((tracker) => [tracker.id, tracker]))).toEqual(new Map(all.trackers.map((tracker) => [tracker.id, tracker])));
      }),
      // The example fast-check once found: two logs at one instant read in another order
      // after a checkpoint, while the view listed logs by first sight, not last placement.
      { numRuns: 300, examples: [[SAME_INSTANT_OPS, 163_614_733]] },
    );
  });

  it('reads the same when the shards already hold some of the pending records (a read during a checkpoint, or after a crash in one)', () => {
    fc.assert(
      fc.property(fc.array(arbOp, { maxLength: 50 }), fc.nat(), fc.array(fc.boolean(), { minLength: PLACES.length, maxLength: PLACES.length }), (raw, at, written) => {
        const ops = consistent(raw);
        const cut = ops.length === 0 ? 0 : at % (ops.length + 1);
        const entries = entriesOf(ops);
        const all = replay(entries, emptyPendingView());
        // The checkpoint of the prefix wrote only some shards before the crash.
        const prefix = visible(replay(entries.slice(0, cut), emptyPendingView()));
        const shards = new Map(PLACES.flatMap((place, index) => (written[index] === true ? [[`${place.trackerId}/${place.month}`, prefix.shards[index] ?? []] as const] : [])));
        expect(visible(all, shards).shards).toEqual(visible(all).shards);
      }),
      { numRuns: 300 },
    );
  });

  it('takes a log moved across months out of the month it left and puts it in the one it reached', () => {
    const log = logAt('l0', 't0', '2026-11', 30 - 2, 5);
    const moved = logAt('l0', 't1', '2026-12', 1, 6);
    const view = replay(entriesOf([{ type: 'log-moved', log: moved, from: placeOf(log) }]), emptyPendingView());
    expect(shardLogsWithPending(view, { trackerId: 't0', month: '2026-11' }, [logAt('l9', 't0', '2026-11', 1, 1), log])).toEqual([logAt('l9', 't0', '2026-11', 1, 1)]);
    expect(shardLogsWithPending(view, { trackerId: 't1', month: '2026-12' }, [logAt('l8', 't1', '2026-12', 2, 1)])).toEqual([moved, logAt('l8', 't1', '2026-12', 2, 1)]);
    expect(pendingShards(view)).toEqual(['t0/2026-11', 't1/2026-12']);
  });

  it('hides a deleted log, empties a purged tracker, orders trackers as the last record says, and stops timers', () => {
    const stored = [logAt('l0', 't0', '2026-11', 1, 1), logAt('l1', 't0', '2026-11', 2, 2)];
    const view = replay(
      entriesOf([
        { type: 'log-deleted', logId: 'l0', from: { trackerId: 't0', month: '2026-11' } },
        { type: 'tracker-created', tracker: aTracker('t2'), order: ['t2', 't0', 't1'] },
        { type: 'tracker-purged', trackerId: 't1' },
        { type: 'timer-started', timer: { trackerId: 't2', startedAt: '2026-11-20T08:00:00.000Z' } },
        { type: 'timer-stopped', trackerId: 't0', log: logAt('l5', 't0', '2026-11', 20, 3600) },
      ]),
      emptyPendingView(),
    );
    expect(shardLogsWithPending(view, { trackerId: 't0', month: '2026-11' }, stored)).toEqual([stored[1], logAt('l5', 't0', '2026-11', 20, 3600)]);
    expect(shardLogsWithPending(view, { trackerId: 't1', month: '2026-11' }, [logAt('l7', 't1', '2026-11', 3, 3)])).toEqual([]);
    expect(trackersWithPending(view, [aTracker('t0'), aTracker('t1')]).map((tracker) => tracker.id)).toEqual(['t2', 't0']);
    expect(timersWithPending(view, [{ trackerId: 't0', startedAt: '2026-11-20T07:00:00.000Z' }])).toEqual([{ trackerId: 't2', startedAt: '2026-11-20T08:00:00.000Z' }]);
    expect(view.through).toBe(5);
  });
});
