/**
 * The one message channel between a shell's thread and the core's worker, derived from
 * the contract: a call names a contract operation and carries its raw input and the
 * caller's session; the answer is `dispatch`'s own. Beside the calls travel the few
 * controls a shell needs that are not operations (lock a profile, open a remembered one,
 * warm up, close), the calls the core makes to capabilities only the shell has (its ports:
 * the keychain today), and the progress of long jobs. Everything here is plain data:
 * it crosses the thread by structured clone.
 */
import type { JobView, Method, Profile } from '../../src-preload/contract';
import type { Dispatched, Session } from '../core/dispatch';
import type { ScryptParams } from '../core/index';
import type { Keychain } from '../core/services/keychain';

/** Capabilities a shell lends the core, reached through the core's ports. */
export interface ShellPorts {
  readonly keychain: Keychain;
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
  unlockRemembered: { input: { profileId: string }; output: Profile | null };
  warmUp: { input: { profileId: string }; output: null };
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
  | { readonly kind: 'port-answer'; readonly id: number; readonly ok: false; readonly message: string };

export type FromWorker =
  | { readonly kind: 'opened' }
  | { readonly kind: 'open-failed'; readonly code: string | null; readonly message: string }
  /** `autoLocks`: the profiles of the session before and after the call, as they are now. */
  | { readonly kind: 'answer'; readonly id: number; readonly dispatched: Dispatched; readonly autoLocks: readonly AutoLockNote[] }
  | { readonly kind: 'control-answer'; readonly id: number; readonly value: unknown; readonly autoLocks: readonly AutoLockNote[] }
  | ({ readonly kind: 'port-call'; readonly id: number } & PortCall)
  | { readonly kind: 'progress'; readonly profileId: string; readonly job: JobView | null };
