/**
 * The host's side of the shell's ports: run a call the core's worker made on the shell's
 * own object and make the answer to post back (channel.ts). A PDF's bytes are moved to the
 * worker, not copied; a failure keeps its PortFailure code.
 */
import type { Keychain } from '../core/services/keychain';
import { PortFailure } from '../core/services/port-failure';
import type { Printer } from '../core/services/printer';
import type { PortCall, ShellPorts } from './channel';
import type { PortAnswer } from './port-proxies';

const noPort = (port: keyof ShellPorts): Promise<never> => Promise.reject(new Error(`This shell lends no ${port}.`));

type CallOf<P extends keyof ShellPorts> = Extract<PortCall, { port: P }>;

/** A Buffer came across as a plain Uint8Array. */
function runKeychainCall(keychain: Keychain, call: CallOf<'keychain'>): Promise<unknown> {
  switch (call.method) {
    case 'availability':
      return keychain.availability();
    case 'save': {
      const [profileId, dataKey] = call.args;
      return keychain.save(profileId, Buffer.from(dataKey.buffer, dataKey.byteOffset, dataKey.byteLength));
    }
    case 'load':
      return keychain.load(...call.args);
    case 'forget':
      return keychain.forget(...call.args);
  }
}

function runPrinterCall(printer: Printer, call: CallOf<'printer'>): Promise<unknown> {
  switch (call.method) {
    case 'availability':
      return printer.availability();
    case 'printPdf':
      return printer.printPdf(...call.args);
  }
}

/** Run a port call on the shell's object. */
export function runPortCall(ports: Partial<ShellPorts>, call: PortCall): Promise<unknown> {
  switch (call.port) {
    case 'keychain':
      return ports.keychain === undefined ? noPort('keychain') : runKeychainCall(ports.keychain, call);
    case 'notifier':
      return ports.notifier === undefined ? noPort('notifier') : ports.notifier.notify(...call.args);
    case 'printer':
      return ports.printer === undefined ? noPort('printer') : runPrinterCall(ports.printer, call);
  }
}

/**
 * A PDF in memory of its own, to move to the worker: the bytes a printer made may be a view
 * into a larger buffer (structured clone would copy all of it), and moving detaches them here.
 */
function movable(value: unknown): { readonly value: unknown; readonly transfer: ArrayBuffer[] } {
  if (!(value instanceof Uint8Array)) return { value, transfer: [] };
  const own = value.byteOffset === 0 && value.byteLength === value.buffer.byteLength && value.buffer instanceof ArrayBuffer ? value : new Uint8Array(value);
  return { value: own, transfer: [own.buffer as ArrayBuffer] };
}

/** The answer to post for a call, with what to move rather than copy. */
export async function answerPortCall(ports: Partial<ShellPorts>, call: { readonly id: number } & PortCall): Promise<{ readonly answer: PortAnswer; readonly transfer: ArrayBuffer[] }> {
  try {
    const result = await runPortCall(ports, call);
    // Only a print's bytes are moved: the shell made them for this call and keeps no use for them.
    const { value, transfer } = call.port === 'printer' && call.method === 'printPdf' ? movable(result) : { value: result, transfer: [] };
    return { answer: { kind: 'port-answer', id: call.id, ok: true, value }, transfer };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { answer: { kind: 'port-answer', id: call.id, ok: false, message, code: error instanceof PortFailure ? error.code : null }, transfer: [] };
  }
}
