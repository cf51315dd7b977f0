/**
 * The worker's side of the shell's ports: each port's interface as the core sees it, made
 * of calls over the channel (channel.ts) that the host answers with the shell's own object
 * (port-calls.ts). Answers are checked here, so a shell answering nonsense fails the one
 * call rather than handing the core a wrong type.
 */
import type { Keychain } from '../core/services/keychain';
import type { Notifier, NudgeDelivery } from '../core/services/notifier';
import { isPortFailureCode, PortFailure } from '../core/services/port-failure';
import type { Printer, PrinterAvailability } from '../core/services/printer';
import type { FromWorker, PortCall, ShellPorts, ToWorker } from './channel';

/** Make one call of a port's method in the shell and wait for its answer. */
export type CallShell = (call: PortCall) => Promise<unknown>;

export type PortAnswer = Extract<ToWorker, { kind: 'port-answer' }>;

export interface PortCaller {
  readonly call: CallShell;
  /** Take in the host's answer to a call (an answer to no waiting call is dropped). */
  settle(answer: PortAnswer): void;
}

/** Calls to the shell's ports, each posted with its own id and waiting for its answer. */
export function portCaller(post: (message: Extract<FromWorker, { kind: 'port-call' }>) => void): PortCaller {
  const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  return {
    call(call) {
      const id = (nextId += 1);
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        post({ kind: 'port-call', id, ...call });
      });
    },
    settle(answer) {
      const call = waiting.get(answer.id);
      waiting.delete(answer.id);
      if (answer.ok) call?.resolve(answer.value);
      else call?.reject(isPortFailureCode(answer.code) ? new PortFailure(answer.code, answer.message) : new Error(answer.message));
    },
  };
}

/** A Buffer crosses the thread as a plain Uint8Array. */
const asBuffer = (value: unknown): Buffer | null => (value instanceof Uint8Array ? Buffer.from(value.buffer, value.byteOffset, value.byteLength) : null);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

function asDelivery(value: unknown): NudgeDelivery {
  if (isRecord(value) && value['shown'] === true) return { shown: true };
  if (isRecord(value) && value['shown'] === false && typeof value['reason'] === 'string') return { shown: false, reason: value['reason'] };
  throw new Error('The shell answered a nudge with something other than its delivery.');
}

function asAvailability(value: unknown): PrinterAvailability {
  if (isRecord(value) && value['available'] === true) return { available: true, reason: null };
  if (isRecord(value) && value['available'] === false && typeof value['reason'] === 'string') return { available: false, reason: value['reason'] };
  throw new Error('The shell answered whether it can print with something other than an availability.');
}

function asPdf(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  throw new PortFailure('PRINT_FAILED', 'The shell answered a print with no PDF.');
}

/** Every port as the core calls it; the host refuses calls to a port its shell does not lend. */
export function portsOverChannel(call: CallShell): ShellPorts {
  const keychain: Keychain = {
    availability: () => call({ port: 'keychain', method: 'availability', args: [] }) as ReturnType<Keychain['availability']>,
    save: async (profileId, dataKey) => void (await call({ port: 'keychain', method: 'save', args: [profileId, dataKey] })),
    load: async (profileId) => asBuffer(await call({ port: 'keychain', method: 'load', args: [profileId] })),
    forget: async (profileId) => void (await call({ port: 'keychain', method: 'forget', args: [profileId] })),
  };
  const notifier: Notifier = {
    notify: async (nudge) => asDelivery(await call({ port: 'notifier', method: 'notify', args: [nudge] })),
  };
  const printer: Printer = {
    availability: async () => asAvailability(await call({ port: 'printer', method: 'availability', args: [] })),
    printPdf: async (html, options) => asPdf(await call({ port: 'printer', method: 'printPdf', args: [html, options] })),
  };
  return { keychain, notifier, printer };
}
