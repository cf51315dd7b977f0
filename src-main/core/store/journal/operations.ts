/**
 * What one journal record does: a typed operation that sets or deletes things by id, never
 * "add one to…", so applying a record twice changes nothing the second time (replay.ts).
 * Each carries the whole new value, and a log that leaves a shard names the shard it
 * leaves, so a checkpoint knows every month file to take it out of.
 */
import { z } from 'zod';
import { logSchema } from '../../../../src-preload/contract';
import { trackersFileSchema, type StoredLog, type StoredTracker } from '../formats';
import { timersFileSchema } from '../timers-format';

const id = z.string().min(1).max(64);
const month = z.string().regex(/^\d{4}-\d{2}$/);

/** A log shard: one tracker's logs of one UTC month. */
export const logPlaceSchema = z.object({ trackerId: id, month }).strict();
export type LogPlace = z.infer<typeof logPlaceSchema>;

const storedTracker = trackersFileSchema.shape.trackers.element;
const timer = timersFileSchema.shape.timers.element;
const order = z.array(id);

/**
 * The union. Logs: added, edited in place (same tracker and month), moved (to another
 * tracker or month; `from` is the shard it leaves), deleted (`from` is its shard), restored.
 * Trackers: created (with the person's order after it), changed, deleted to the trash and
 * restored (the whole tracker, `deletedAt` set or null), purged (gone with its logs and
 * timer), reordered. Timers: started, stopped (the timer gone and its log added in one
 * record), cancelled.
 */
export const journalOpSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('log-added'), log: logSchema }).strict(),
  z.object({ type: z.literal('log-edited'), log: logSchema }).strict(),
  z.object({ type: z.literal('log-moved'), log: logSchema, from: logPlaceSchema }).strict(),
  z.object({ type: z.literal('log-deleted'), logId: id, from: logPlaceSchema }).strict(),
  z.object({ type: z.literal('log-restored'), log: logSchema }).strict(),
  z.object({ type: z.literal('tracker-created'), tracker: storedTracker, order }).strict(),
  z.object({ type: z.literal('tracker-changed'), tracker: storedTracker }).strict(),
  z.object({ type: z.literal('tracker-deleted'), tracker: storedTracker.extend({ deletedAt: z.string() }) }).strict(),
  z.object({ type: z.literal('tracker-restored'), tracker: storedTracker.extend({ deletedAt: z.null() }) }).strict(),
  z.object({ type: z.literal('tracker-purged'), trackerId: id }).strict(),
  z.object({ type: z.literal('tracker-reordered'), order }).strict(),
  z.object({ type: z.literal('timer-started'), timer }).strict(),
  z.object({ type: z.literal('timer-stopped'), trackerId: id, log: logSchema }).strict(),
  z.object({ type: z.literal('timer-cancelled'), trackerId: id }).strict(),
]);
export type JournalOp = z.infer<typeof journalOpSchema>;
export type JournalOpType = JournalOp['type'];

// The schemas above must describe the stored types, or a record could hold what a shard cannot.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const logsAgree: Same<z.infer<typeof logSchema>, StoredLog> = true;
const trackersAgree: Same<z.infer<typeof storedTracker>, StoredTracker> = true;
void logsAgree;
void trackersAgree;
