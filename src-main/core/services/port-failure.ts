/**
 * Why a port the shell lends the core (notifier.ts, printer.ts) could not do what was asked,
 * with a stable code the core branches on: "no printer" makes the report a page to print
 * from the browser, "print failed" is recorded and retried. The channel between the core's
 * worker and the shell carries the code beside the message (host/channel.ts), because an
 * Error crossing a thread keeps only its message.
 */
export const PORT_FAILURE_CODES = [
  /** This shell cannot make a PDF (browser mode without a Chromium); the message says why. */
  'NO_PRINTER',
  /** The shell has a printer, and printing this document failed. */
  'PRINT_FAILED',
  /** The core asked with something the port's schema refuses (a bug in the caller). */
  'PORT_INPUT_INVALID',
] as const;

export type PortFailureCode = (typeof PORT_FAILURE_CODES)[number];

export class PortFailure extends Error {
  constructor(
    readonly code: PortFailureCode,
    message: string,
  ) {
    super(message);
    this.name = 'PortFailure';
  }
}

export const isPortFailureCode = (value: unknown): value is PortFailureCode => (PORT_FAILURE_CODES as readonly unknown[]).includes(value);
