/**
 * The one message channel between a shell's thread and the core's worker, derived from
 * the contract: a call names a contract operation and carries its raw input and the
 * caller's session; the answer is `dispatch`'s own. Beside the calls travel the few
 * controls a shell needs that are not operations (lock a profile, open a remembered one,
 * warm up, hand over a snoozed nudge, close), the calls the core makes to capabilities only
 * the shell has (its ports: keychain, notifier, printer), and the progress of long jobs.
 * Everything here is plain data: it crosses the thread by structured clone (a PDF's bytes
 * are moved, not copied). A port that fails with a PortFailure keeps its code across.
 *
 * Nudges and the way back. The core's job runner calls `notifier.notify(nudge)`; the answer
 * says only whether the system showed it (the runner records that). What the person does
 * with it later is handled by the shell that showed it, with what that shell already has:
 * - clicked: the shell opens the quick-log window for the nudge's one tracker, else the
 *   dashboard. The core is not told; an entry logged there is an ordinary write.
 * - "Done for today" (offered only when every tracker is yes/no): the shell writes today's
 *   "yes" with the contract's own `addLog` / `updateLog`, through its CoreClient and the
 *   person's session, as the tray does, so every window hears of it and the runner sees an
 *   entry for the day.
 * - "Snooze 1 hour": the shell sends the `snoozeNudge` control; the worker keeps it in
 *   `NudgeSnoozes` (core/services/nudge-snoozes.ts), where the runner reads it.
 * Browser mode's host notifications carry no buttons (node-notifier cannot report them on
 * Linux); there the open page is the place to act (see server/jobs/host-notifier.ts).
 */
import type { AppError, JobView, Method, Profile } from '../../src-preload/contract';
import type { Dispatched, Session } from '../core/dispatch';
import type { ScryptParams } from '../core/index';
import type { Keychain } from '../core/services/keychain';
import type { Notifier } from '../core/services/notifier';
import type { Printer } from '../core/services/printer';

/** Capabilities a shell lends the core, reached through the core's ports. */
export interface ShellPorts {
  readonly keychain: Keychain;
  readonly notifier: Notifier;
  readonly printer: Printer;
}
export type PortName = keyof ShellPorts;

/** One call of a port's method, typed by the port's interface. */
export type PortCall = {
  [P in PortName]: {
    [M in keyof ShellPorts[P]]: ShellPorts[P][M] extends (...args: infer A) => Promise<unknown> ? { port: P; method: M; args: A } : never;
  }[keyof ShellPorts[P]];
}[PortName];

/** What the worker opens the core with: the shell's choices, as plain data. */
export interface WorkerSetup {
  readonly dataDir: string;
  readonly scrypt?: ScryptParams;
  readonly exportRowsPerPart?: number;
  /** The ports the shell lends; the core gets a proxy for each. */
  readonly ports: readonly PortName[];
}

/** Requests of the shell that are not contract operations, with their answers. */
export interface Controls {
  lockProfile: { input: { profileId: string }; output: null };
  /** A personal access token checked before its request's body is read (Core.checkAccess). */
  checkAccess: { input: { profileId: string; accessToken: string; method: Method }; output: AppError | null };
  unlockRemembered: { input: { profileId: string }; output: Profile | null };
  warmUp: { input: { profileId: string }; output: null };
  /** The person snoozed a nudge for these trackers until `until` (ms since the epoch). */
  snoozeNudge: { input: { profileId: string; trackerIds: readonly string[]; until: number }; output: null };
  /** The machine woke, or its clock may have jumped: the job runner looks at every unlocked profile now. */
  lookForJobs: { input: Record<string, never>; output: null };
  /** Let pending writes land; the worker then ends. */
  close: { input: Record<string, never>; output: null };
}
export type ControlName = keyof Controls;

/** A profile's auto-lock minutes as the core now has them (null: not unlocked). */
export interface AutoLockNote {
  readonly profileId: string;
  readonly minutes: number | null;
}

export type ToWorker =
  | { readonly kind: 'call'; readonly id: number; readonly method: Method; readonly input: unknown; readonly session: Session | null }
  /** A REST request's body and path parameters, decoded in the worker (json-input.ts). */
  | {
      readonly kind: 'call-json';
      readonly id: number;
      readonly method: Method;
      readonly body: Uint8Array;
      readonly params: Readonly<Record<string, string>>;
      readonly session: Session | null;
    }
  | { readonly kind: 'control'; readonly id: number; readonly control: ControlName; readonly input: Controls[ControlName]['input'] }
  | { readonly kind: 'port-answer'; readonly id: number; readonly ok: true; readonly value: unknown }
  /** `code`: a PortFailure's code (core/services/port-failure.ts), else null. */
  | { readonly kind: 'port-answer'; readonly id: number; readonly ok: false; readonly message: string; readonly code: string | null };

export type FromWorker =
  | { readonly kind: 'opened' }
  | { readonly kind: 'open-failed'; readonly code: string | null; readonly message: string }
  /** `autoLocks`: the profiles of the session before and after the call, as they are now. */
  | { readonly kind: 'answer'; readonly id: number; readonly dispatched: Dispatched; readonly autoLocks: readonly AutoLockNote[] }
  | { readonly kind: 'control-answer'; readonly id: number; readonly value: unknown; readonly autoLocks: readonly AutoLockNote[] }
  | ({ readonly kind: 'port-call'; readonly id: number } & PortCall)
  | { readonly kind: 'progress'; readonly profileId: string; readonly job: JobView | null };
