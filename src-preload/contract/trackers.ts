/** Trackers: what a person watches, of four types, with settings, looks and a target. */
import { z } from 'zod';
import { DEFAULT_REMINDER, trackerReminderSchema } from './jobs';
import { id, nothing, empty, op, text } from './shared';

export const TRACKER_TYPES = ['numerical', 'multiple_choice', 'boolean', 'duration'] as const;
export const trackerTypeSchema = z.enum(TRACKER_TYPES);
export type TrackerType = z.infer<typeof trackerTypeSchema>;

/** How a numerical tracker's logs of one day/week/month become one chart point. */
export const AGGREGATIONS = ['average', 'sum', 'min', 'max', 'last'] as const;
export const aggregationSchema = z.enum(AGGREGATIONS);
export type Aggregation = z.infer<typeof aggregationSchema>;

export const choiceOptionSchema = z.object({
  /** Stable: logs store it, so renaming or reordering an option never orphans them. */
  id,
  label: z.string(),
  /** Archived options stay readable in old logs but are not offered for new ones. */
  archived: z.boolean(),
});
export type ChoiceOption = z.infer<typeof choiceOptionSchema>;

/** Settings per tracker type; the `type` tag makes a boolean tracker with options unrepresentable. */
export const trackerSettingsSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('numerical'),
    unit: z.string(),
    min: z.number().nullable(),
    max: z.number().nullable(),
    /** Decimal places shown, 0–4 (values are kept as given; see the README). */
    decimals: z.number().int().min(0).max(4),
    aggregation: aggregationSchema,
  }),
  z.object({
    type: z.literal('multiple_choice'),
    options: z.array(choiceOptionSchema),
    /** Chosen at creation: one option per entry, or several. */
    multiple: z.boolean(),
  }),
  z.object({ type: z.literal('boolean') }),
  z.object({ type: z.literal('duration') }),
]);
export type TrackerSettings = z.infer<typeof trackerSettingsSchema>;

/**
 * A daily or weekly goal, in the tracker's own terms: numerical → the period's aggregated
 * value; boolean → days with "yes"; duration → total seconds; multiple choice → entries.
 */
export const targetSchema = z.object({
  period: z.enum(['day', 'week']),
  comparison: z.enum(['at_least', 'at_most']),
  value: z.number().min(0),
});
export type Target = z.infer<typeof targetSchema>;

export const trackerSchema = z.object({
  id,
  name: z.string(),
  description: z.string(),
  /** `#rrggbb` */
  color: z.string(),
  /** One emoji or empty. */
  emoji: z.string(),
  archived: z.boolean(),
  /** Listed first in the tray menu and the quick-log picker; the dashboard keeps the person's order. */
  pinned: z.boolean(),
  /** Whether, on which weekdays and at what time the daily nudge may name it (issue 12). */
  reminder: trackerReminderSchema,
  target: targetSchema.nullable(),
  settings: trackerSettingsSchema,
  createdAt: z.string(),
});
export type Tracker = z.infer<typeof trackerSchema>;

/** A tracker in the trash: restorable until it is purged. */
export const deletedTrackerSchema = trackerSchema.extend({ deletedAt: z.string() });
export type DeletedTracker = z.infer<typeof deletedTrackerSchema>;

const label = text(500);
const newSettingsSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('numerical'),
    unit: text(500).default(''),
    min: z.number().nullable().default(null),
    max: z.number().nullable().default(null),
    decimals: z.number().default(2),
    aggregation: aggregationSchema.default('average'),
  }),
  z.object({
    type: z.literal('multiple_choice'),
    /** Labels of the options; the core gives each a stable id. */
    options: z.array(label).max(1000),
    multiple: z.boolean().default(false),
  }),
  z.object({ type: z.literal('boolean') }),
  z.object({ type: z.literal('duration') }),
]);
export type NewTrackerSettings = z.input<typeof newSettingsSchema>;

/**
 * New settings for an existing tracker. Options are the full new list in order: an entry
 * with an `id` renames/reorders/archives that option, one without adds a new option.
 * A different `type` is refused while the tracker has logs (TRACKER_TYPE_LOCKED).
 */
const settingsUpdateSchema = z.discriminatedUnion('type', [
  newSettingsSchema.options[0],
  z.object({
    type: z.literal('multiple_choice'),
    options: z.array(z.object({ id: id.optional(), label, archived: z.boolean().default(false) })).max(1000),
    multiple: z.boolean(),
  }),
  z.object({ type: z.literal('boolean') }),
  z.object({ type: z.literal('duration') }),
]);
export type TrackerSettingsUpdate = z.input<typeof settingsUpdateSchema>;

const looks = {
  color: text(16).optional(),
  emoji: text(32).optional(),
};

export const trackerOperations = {
  /** Every tracker of the person (archived ones too, flagged), in the person's order. */
  listTrackers: op(empty, z.object({ trackers: z.array(trackerSchema) })),
  /** Create a tracker of any of the four types. Names are unique per profile (any case). */
  createTracker: op(
    z.object({
      name: text(500),
      description: text(5000).default(''),
      ...looks,
      pinned: z.boolean().default(false),
      reminder: trackerReminderSchema.default(() => ({ ...DEFAULT_REMINDER, days: [...DEFAULT_REMINDER.days] })),
      target: targetSchema.nullable().default(null),
      settings: newSettingsSchema,
    }),
    z.object({ tracker: trackerSchema }),
  ),
  /**
   * Change any of name, description, looks, target, archived and pinned flags, reminder and
   * settings. A reminder given replaces the tracker's whole reminder.
   */
  updateTracker: op(
    z.object({
      trackerId: id,
      name: text(500).optional(),
      description: text(5000).optional(),
      ...looks,
      target: targetSchema.nullable().optional(),
      archived: z.boolean().optional(),
      pinned: z.boolean().optional(),
      reminder: trackerReminderSchema.optional(),
      settings: settingsUpdateSchema.optional(),
    }),
    z.object({ tracker: trackerSchema }),
  ),
  /** Set the order of the trackers (every id once). */
  reorderTrackers: op(z.object({ trackerIds: z.array(id).max(10_000) }), nothing),
  /** Move a tracker and its logs to the trash; `restoreTracker` undoes it. */
  deleteTracker: op(z.object({ trackerId: id }), nothing),
  /** The trash, newest deletion first. */
  listDeletedTrackers: op(empty, z.object({ trackers: z.array(deletedTrackerSchema) })),
  /** Bring a tracker back from the trash with all its logs. */
  restoreTracker: op(z.object({ trackerId: id }), z.object({ tracker: trackerSchema })),
  /** Delete a trashed tracker and its logs for good. */
  purgeTracker: op(z.object({ trackerId: id }), nothing),
} as const;
