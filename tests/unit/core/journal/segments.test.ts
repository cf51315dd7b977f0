import { describe, expect, it } from 'vitest';
import { checkpointFormat, planRecovery, segmentFirstSeq, segmentName, type SegmentRead } from '../../../../src-main/core/store/journal/segments';

const segment = (firstSeq: number, count: number, torn = false): SegmentRead => ({ name: segmentName(firstSeq), firstSeq, count, torn });

describe('journal segments and checkpoints', () => {
  it('names segments by their first sequence so that names sort as numbers, and reads only such names back', () => {
    expect(segmentName(101)).toBe('00000000000000000101.qsj');
    expect(segmentFirstSeq('00000000000000000101.qsj')).toBe(101);
    expect([segmentName(9), segmentName(10), segmentName(100)].sort()).toEqual([segmentName(9), segmentName(10), segmentName(100)]);
    for (const other of ['.00000000000000000101.qsj.tmp', '00000000000000000101.qsj.bak', '101.qsj', '00000000000000000000.qsj', 'checkpoint.json']) expect(segmentFirstSeq(other)).toBeNull();
    expect(() => segmentName(0)).toThrow(RangeError);
  });

  it('before any checkpoint, replays every segment and appends to the last', () => {
    expect(planRecovery(0, [])).toEqual({ kind: 'plan', remove: [], replay: [], active: null, nextSeq: 1 });
    expect(planRecovery(0, [segment(1, 5, true)])).toEqual({ kind: 'plan', remove: [], replay: [segmentName(1)], active: segmentName(1), nextSeq: 6 });
  });

  it('after a checkpoint, replays only what it did not cover, from the segment it rotated to', () => {
    // Rotated at 40 (records 41… go to the new segment), then checkpointed through 40.
    expect(planRecovery(40, [segment(41, 3), segment(1, 40)])).toEqual({ kind: 'plan', remove: [segmentName(1)], replay: [segmentName(41)], active: segmentName(41), nextSeq: 44 });
    // The checkpoint ran while the new segment was still empty.
    expect(planRecovery(40, [segment(1, 40), segment(41, 0)])).toEqual({ kind: 'plan', remove: [segmentName(1)], replay: [], active: segmentName(41), nextSeq: 41 });
  });

  it('repairs a crash at each step of a checkpoint', () => {
    // Crashed after rotating, before checkpoint.json: everything is replayed again (idempotent).
    expect(planRecovery(0, [segment(1, 40), segment(41, 2)])).toMatchObject({ remove: [], replay: [segmentName(1), segmentName(41)], active: segmentName(41), nextSeq: 43 });
    // Crashed after checkpoint.json, before the closed segment was deleted.
    expect(planRecovery(40, [segment(1, 40), segment(41, 2)])).toMatchObject({ remove: [segmentName(1)], replay: [segmentName(41)], nextSeq: 43 });
    // A checkpoint partly inside a segment (an older app's, or a checkpoint without rotation): replay its rest.
    expect(planRecovery(30, [segment(1, 40)])).toMatchObject({ remove: [], replay: [segmentName(1)], active: segmentName(1), nextSeq: 41 });
    // The last segment ends before the checkpoint: a new one goes on after it.
    expect(planRecovery(50, [segment(1, 40)])).toEqual({ kind: 'plan', remove: [segmentName(1)], replay: [], active: null, nextSeq: 51 });
  });

  it('calls missing records a gap rather than skipping them', () => {
    expect(planRecovery(40, [segment(45, 2)])).toEqual({ kind: 'gap', reason: `records 41 to 44 are missing before ${segmentName(45)}` });
    expect(planRecovery(0, [segment(1, 10), segment(12, 3)])).toMatchObject({ kind: 'gap' });
    expect(planRecovery(0, [segment(1, 10, true), segment(11, 3)])).toMatchObject({ kind: 'gap', reason: `segment ${segmentName(1)} ends torn but is not the last one` });
  });

  it('keeps checkpoint.json a versioned format whose schema refuses a negative sequence', () => {
    expect(checkpointFormat.schema.safeParse({ version: 1, through: 40, deviceSeq: 12, hlc: { ms: 5, counter: 0 } }).success).toBe(true);
    expect(checkpointFormat.schema.safeParse({ version: 1, through: -1, deviceSeq: 12, hlc: { ms: 5, counter: 0 } }).success).toBe(false);
  });
});
