/**
 * The port behind the daily nudge: show the person a notification the core composed. The
 * desktop shell implements it with Electron `Notification` (desktop/jobs/), browser mode
 * with node-notifier on the host (server/jobs/).
 *
 * What the person then does with it (clicks it, snoozes it, marks the day done) comes back
 * through the shell, not through this port: see host/channel.ts ("Nudges and the way back").
 */
import { z } from 'zod';
import { id } from '../../../src-preload/contract/shared';
import { PortFailure } from './port-failure';

/** Buttons a nudge may carry where the system shows them (macOS, Windows). */
export const NUDGE_ACTIONS = ['snooze', 'done-for-today'] as const;
export type NudgeAction = (typeof NUDGE_ACTIONS)[number];

/** The buttons' words, the same in every shell. */
export const NUDGE_ACTION_LABELS: Readonly<Record<NudgeAction, string>> = {
  snooze: 'Snooze 1 hour',
  'done-for-today': 'Done for today',
};

/** How long "Snooze 1 hour" holds a nudge back. */
export const SNOOZE_MS = 60 * 60 * 1000;

export const nudgeSchema = z
  .object({
    profileId: id,
    /** What the notification says, as the core wrote it: tracker names, or a generic text when the person chose that. */
    title: z.string().min(1).max(200),
    body: z.string().max(2000),
    /** The trackers it is about: one opens its quick-log window, several (or none) the dashboard. */
    trackerIds: z.array(id).max(1000),
    /** `done-for-today` only when every tracker is a yes/no tracker: the shell answers "yes" for them. */
    actions: z
      .array(z.enum(NUDGE_ACTIONS))
      .max(NUDGE_ACTIONS.length)
      .refine((actions) => new Set(actions).size === actions.length, 'Each action at most once.'),
  })
  .strict();
export type Nudge = Readonly<z.infer<typeof nudgeSchema>>;

/**
 * Whether the system took the notification. Not shown is an outcome, not an error: the run
 * is recorded with the reason (and browser mode's page may show it instead).
 */
export type NudgeDelivery = { readonly shown: true } | { readonly shown: false; readonly reason: string };

/** What the person did with a nudge, as a shell reports it to its own handler. */
export const NUDGE_RESPONSES = ['clicked', 'snoozed', 'done-for-today'] as const;
export type NudgeResponse = (typeof NUDGE_RESPONSES)[number];

export interface Notifier {
  /** Show the nudge; resolves once the system took it or refused it. */
  notify(nudge: Nudge): Promise<NudgeDelivery>;
}

/** The nudge, checked; PORT_INPUT_INVALID names what is wrong. */
export function parseNudge(value: unknown): Nudge {
  const parsed = nudgeSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new PortFailure('PORT_INPUT_INVALID', `Not a nudge: ${issue ? `${issue.path.join('.') || 'nudge'}: ${issue.message}` : 'invalid'}.`);
}
