/**
 * Checkpoint bookkeeping, pure: which journal segments a checkpoint made unnecessary, and
 * what opening a profile must replay. The journal is a run of segment files in
 * `<profile>/journal/`, each named by the sequence of its first record; a checkpoint
 * rotates to a new segment, writes what the closed segments amount to into the shards,
 * records `through` (the last sequence it covers) in `checkpoint.json`, then deletes the
 * closed segments. A crash between any two steps is repaired by `planRecovery`.
 */
import { z } from 'zod';
import type { FileFormat } from '../versioned-json-adapter';

const SEGMENT_NAME = /^(\d{20})\.qsj$/;

/** `00000000000000000101.qsj`: 20 digits, so names sort as their numbers. */
export const segmentName = (firstSeq: number): string => {
  if (!Number.isSafeInteger(firstSeq) || firstSeq < 1) throw new RangeError(`Not a sequence number: ${String(firstSeq)}`);
  return `${String(firstSeq).padStart(20, '0')}.qsj`;
};

/** The first sequence of a segment file's name; null for anything else (temps, `.bak`). */
export function segmentFirstSeq(name: string): number | null {
  const digits = SEGMENT_NAME.exec(name)?.[1];
  if (digits === undefined) return null;
  const seq = Number(digits);
  return Number.isSafeInteger(seq) && seq >= 1 ? seq : null;
}

/** A segment as read: its name, the sequences it holds, and whether its end was torn. */
export interface SegmentRead {
  readonly name: string;
  readonly firstSeq: number;
  readonly count: number;
  readonly torn: boolean;
}

export type RecoveryPlan =
  | {
      readonly kind: 'plan';
      /** Segments whose every record the checkpoint covers (a crash came before their deletion). */
      readonly remove: readonly string[];
      /** Replay the records of these segments with a sequence above `through`, in this order. */
      readonly replay: readonly string[];
      /** The segment to append to; null: make `segmentName(nextSeq)`. */
      readonly active: string | null;
      readonly nextSeq: number;
    }
  /** Records are missing between the checkpoint and the segments, or between two segments. */
  | { readonly kind: 'gap'; readonly reason: string };

/**
 * What opening a profile does with its segments (sorted here), given the `through` of the
 * last checkpoint (0 before the first). Only the last segment may end torn: an earlier one
 * was closed only after all its appends had settled.
 */
export function planRecovery(through: number, found: readonly SegmentRead[]): RecoveryPlan {
  const segments = [...found].sort((a, b) => a.firstSeq - b.firstSeq);
  const remove: string[] = [];
  const replay: string[] = [];
  let expected = through + 1;
  for (const [index, segment] of segments.entries()) {
    const last = segment.firstSeq + segment.count - 1;
    const isLast = index === segments.length - 1;
    if (segment.torn && !isLast) return { kind: 'gap', reason: `segment ${segment.name} ends torn but is not the last one` };
    // The last segment is appended to unless it ends before the checkpoint (its sequence
    // would then repeat numbers the checkpoint already holds).
    if (last < through || (last === through && !isLast)) {
      remove.push(segment.name);
      continue;
    }
    if (segment.firstSeq > expected) return { kind: 'gap', reason: `records ${String(expected)} to ${String(segment.firstSeq - 1)} are missing before ${segment.name}` };
    if (last >= expected) replay.push(segment.name);
    expected = Math.max(expected, last + 1);
  }
  const lastSegment = segments.at(-1);
  const active = lastSegment !== undefined && !remove.includes(lastSegment.name) ? lastSegment.name : null;
  return { kind: 'plan', remove, replay, active, nextSeq: expected };
}

/**
 * The segments (among the `names` of the journal folder) whose every record is at most
 * `through`: a segment ends where the next begins, and the last one, being appended to, is
 * never covered.
 */
export function coveredSegments(names: readonly string[], through: number): string[] {
  const firsts = names.map(segmentFirstSeq).filter((seq): seq is number => seq !== null).sort((a, b) => a - b);
  return firsts.filter((first, index) => index < firsts.length - 1 && (firsts[index + 1] as number) - 1 <= through).map(segmentName);
}

/** What a checkpoint records, in `journal/checkpoint.json` (encrypted like any profile file). */
export const checkpointFileSchema = z.object({
  version: z.literal(1),
  /** Every record up to this sequence is in the shards. */
  through: z.number().int().min(0),
  /** Where this device's sequence and clock stood: a new segment goes on from there. */
  deviceSeq: z.number().int().min(0),
  hlc: z.object({ ms: z.number().int().min(0), counter: z.number().int().min(0) }),
});
export type CheckpointFile = z.infer<typeof checkpointFileSchema>;

export const checkpointFormat: FileFormat<CheckpointFile> = { label: 'journal checkpoint', version: 1, schema: checkpointFileSchema, migrations: {} };
export const noCheckpoint = (): CheckpointFile => ({ version: 1, through: 0, deviceSeq: 0, hlc: { ms: 0, counter: 0 } });
