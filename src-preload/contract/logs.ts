/** Logs: entries on a tracker — a moment, a value, a note — and duration timers. */
import { z } from 'zod';
import { id, nothing, empty, op, text } from './shared';

/**
 * A stored value, canonical per type: numerical → number, boolean → true/false,
 * multiple choice → chosen option ids, duration → whole seconds.
 */
export const logValueSchema = z.union([z.number(), z.boolean(), z.array(z.string())]);
export type LogValue = z.infer<typeof logValueSchema>;

export const logSchema = z.object({
  id,
  trackerId: id,
  /** The moment, UTC ISO-8601 (`2026-11-25T07:30:00.000Z`). */
  at: z.string(),
  /** The entry's original UTC offset in minutes (+60 for Paris in winter). */
  offsetMinutes: z.number().int(),
  value: logValueSchema,
  note: z.string(),
});
export type Log = z.infer<typeof logSchema>;

/**
 * A value as a form sends it: numerical as a number or numeric text, boolean as
 * true/false, multiple choice as option ids, duration as seconds or text such as
 * `1:30`, `1h 30m`, `90m`, `45s`. The core parses it by the tracker's type.
 */
export const logValueInputSchema = z.union([z.number(), z.boolean(), z.string().max(200), z.array(z.string().max(64)).max(50)]);
export type LogValueInput = z.infer<typeof logValueInputSchema>;

/** ISO-8601 with an offset or `Z`; its offset is kept as the entry's own. */
const moment = text(64);

export const timerSchema = z.object({ trackerId: id, startedAt: z.string() });
export type Timer = z.infer<typeof timerSchema>;

export const logOperations = {
  /** Log an entry on a tracker; `at` defaults to now. Several per day are fine. */
  addLog: op(z.object({ trackerId: id, at: moment.optional(), value: logValueInputSchema, note: text(10_000).default('') }), z.object({ log: logSchema })),
  /** Change an entry's time, value or note. */
  updateLog: op(
    z.object({ trackerId: id, logId: id, at: moment.optional(), value: logValueInputSchema.optional(), note: text(10_000).optional() }),
    z.object({ log: logSchema }),
  ),
  /** Delete an entry; answers it, so the UI can offer undo through `restoreLog`. */
  deleteLog: op(z.object({ trackerId: id, logId: id }), z.object({ log: logSchema })),
  /** Put a deleted entry back, same id (undo). */
  restoreLog: op(z.object({ log: logSchema }), z.object({ log: logSchema })),
  /**
   * A page of a tracker's logs within an optional time range (`from` inclusive, `to`
   * exclusive), newest or oldest first, with the total for paging.
   */
  listLogs: op(
    z.object({
      trackerId: id,
      from: moment.optional(),
      to: moment.optional(),
      order: z.enum(['newest', 'oldest']).default('newest'),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(1000).default(100),
    }),
    z.object({ logs: z.array(logSchema), total: z.number().int() }),
  ),
  /** Running timers (duration trackers); they survive closing the app. */
  listTimers: op(empty, z.object({ timers: z.array(timerSchema) })),
  /** Start a duration tracker's timer (one per tracker). */
  startTimer: op(z.object({ trackerId: id }), z.object({ timer: timerSchema })),
  /** Stop it and log the elapsed time as one entry. */
  stopTimer: op(z.object({ trackerId: id, note: text(10_000).default('') }), z.object({ log: logSchema })),
  /** Drop a running timer without logging. */
  cancelTimer: op(z.object({ trackerId: id }), nothing),
} as const;
