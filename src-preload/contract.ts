/**
 * The contract: every operation the UI may ask of the app, with the schema of its
 * input and output (`operations.ts` adds each one's session rule and REST route). It is
 * the single source for the preload bridge, the IPC handlers,
 * the REST routes and the renderer's `api` type; `tests/desktop/contract-sides.test.ts`
 * fails when any side misses or adds an operation.
 *
 * Schemas here check *shape* (a string is a string). Domain rules (a valid e-mail, an age
 * from 1 to 130, a password long enough) live in the core, which answers with a specific
 * error code the UI can explain; see `src-main/core/errors.ts`.
 */
import { z } from 'zod';

// ── shared value shapes ──────────────────────────────────────────────────────

export const TRACKER_TYPES = ['numerical', 'multiple_choice', 'boolean', 'duration'] as const;
export const trackerTypeSchema = z.enum(TRACKER_TYPES);
export type TrackerType = z.infer<typeof trackerTypeSchema>;

export const GENDERS = ['female', 'male', 'non_binary', 'other', 'prefer_not_to_say'] as const;
export const genderSchema = z.enum(GENDERS);
export type Gender = z.infer<typeof genderSchema>;

const id = z.string().min(1).max(64);

export const profileSchema = z.object({
  id,
  email: z.string(),
  name: z.string(),
  age: z.number().int(),
  gender: genderSchema,
  createdAt: z.string(),
});
export type Profile = z.infer<typeof profileSchema>;

export const choiceOptionSchema = z.object({ id, label: z.string() });
export type ChoiceOption = z.infer<typeof choiceOptionSchema>;

/** Settings per tracker type; the `type` tag makes a boolean tracker with options unrepresentable. */
export const trackerSettingsSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('numerical'), unit: z.string() }),
  z.object({ type: z.literal('multiple_choice'), options: z.array(choiceOptionSchema) }),
  z.object({ type: z.literal('boolean') }),
  z.object({ type: z.literal('duration') }),
]);
export type TrackerSettings = z.infer<typeof trackerSettingsSchema>;

export const trackerSchema = z.object({
  id,
  name: z.string(),
  description: z.string(),
  settings: trackerSettingsSchema,
  createdAt: z.string(),
});
export type Tracker = z.infer<typeof trackerSchema>;

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

// ── inputs the UI sends ───────────────────────────────────────────────────────

const newTrackerSettingsSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('numerical'), unit: z.string().max(500).default('') }),
  z.object({
    type: z.literal('multiple_choice'),
    /** Labels of the options; the core gives each a stable id. */
    options: z.array(z.string().max(500)).max(1000),
  }),
  z.object({ type: z.literal('boolean') }),
  z.object({ type: z.literal('duration') }),
]);
export type NewTrackerSettings = z.infer<typeof newTrackerSettingsSchema>;

/**
 * A value as a form sends it: numerical as a number or numeric text, boolean as
 * true/false, multiple choice as option ids, duration as seconds or text such as
 * `1:30`, `1h 30m`, `90m`, `45s`. The core parses it by the tracker's type.
 */
export const logValueInputSchema = z.union([
  z.number(),
  z.boolean(),
  z.string().max(200),
  z.array(z.string().max(64)).max(50),
]);
export type LogValueInput = z.infer<typeof logValueInputSchema>;

const text = (max: number) => z.string().max(max);

// ── the operations ────────────────────────────────────────────────────────────

/** An operation's schemas; its session rule and route are in `operations.ts`. */
interface Operation<I extends z.ZodType, O extends z.ZodType> {
  readonly input: I;
  readonly output: O;
}
const op = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O): Operation<I, O> => ({ input, output });

const empty = z.object({}).strict();
const profileOut = z.object({ profile: profileSchema });

export const contract = {
  /** Create a profile and log in to it. The backup code is what resets a forgotten password. */
  signUp: op(
    z.object({
      email: text(320),
      password: text(1024),
      name: text(500),
      age: z.number(),
      gender: genderSchema,
      backupCode: text(1024),
    }),
    profileOut,
  ),
  /** Log in with e-mail (any case) and password. */
  logIn: op(z.object({ email: text(320), password: text(1024) }), profileOut),
  /** End the session; the next call needs a new log-in. */
  logOut: op(empty, z.object({})),
  /** Set a new password for the profile of `email`, proven by its backup code. */
  resetPassword: op(
    z.object({ email: text(320), backupCode: text(1024), newPassword: text(1024) }),
    z.object({}),
  ),
  /** The profile of the current session, or null when nobody is logged in. */
  currentProfile: op(empty, z.object({ profile: profileSchema.nullable() })),

  /** Every tracker of the person, oldest first. */
  listTrackers: op(empty, z.object({ trackers: z.array(trackerSchema) })),
  /** Create a tracker of any of the four types. Names are unique per profile (any case). */
  createTracker: op(
    z.object({
      name: text(500),
      description: text(5000).default(''),
      settings: newTrackerSettingsSchema,
    }),
    z.object({ tracker: trackerSchema }),
  ),
  /** Delete a tracker and all its logs. */
  deleteTracker: op(z.object({ trackerId: id }), z.object({})),

  /** Log an entry on a tracker; `at` defaults to now. */
  addLog: op(
    z.object({
      trackerId: id,
      /** ISO-8601 with an offset or `Z`; its offset is kept as the entry's own. */
      at: z.string().max(64).optional(),
      value: logValueInputSchema,
      note: text(10_000).default(''),
    }),
    z.object({ log: logSchema }),
  ),
  /** A tracker's logs, newest first. */
  listLogs: op(z.object({ trackerId: id }), z.object({ logs: z.array(logSchema) })),
} as const;

export type Contract = typeof contract;
export type Method = keyof Contract;
export type Input<M extends Method> = z.input<Contract[M]['input']>;
export type ParsedInput<M extends Method> = z.output<Contract[M]['input']>;
export type Output<M extends Method> = z.output<Contract[M]['output']>;

// ── results ───────────────────────────────────────────────────────────────────

/**
 * Expected failures travel as values: Electron passes only an error's `message` across
 * IPC, so a thrown error would lose its code.
 */
export interface AppError {
  readonly code: string;
  readonly message: string;
  /** The input field the error is about, when there is one (for forms). */
  readonly field?: string;
}
export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: AppError };

/** What the renderer sees: one async function per operation. */
export type Api = { [M in Method]: (input: Input<M>) => Promise<Result<Output<M>>> };
