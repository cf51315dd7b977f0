/**
 * A minimal client of the Chrome DevTools Protocol over the pipe Chromium opens with
 * `--remote-debugging-pipe`: it reads commands from its file descriptor 3 and writes answers
 * and events to 4, each message JSON ended by a NUL byte. This is all browser mode needs to
 * print (chromium-printer.ts), so no driver library has to ship with the app; nothing
 * listens on a port, so no other program on the machine can reach the browser.
 */
import type { Readable, Writable } from 'node:stream';

export interface CdpEvent {
  readonly method: string;
  readonly params: Readonly<Record<string, unknown>>;
  /** The target session the event belongs to; absent for the browser's own. */
  readonly sessionId?: string;
}

interface Waiting {
  readonly method: string;
  readonly resolve: (value: Readonly<Record<string, unknown>>) => void;
  readonly reject: (error: Error) => void;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export class CdpPipe {
  readonly #out: Writable;
  readonly #waiting = new Map<number, Waiting>();
  readonly #listeners = new Set<(event: CdpEvent) => void>();
  /** The start of a message whose end has not arrived yet. */
  #partial: Buffer[] = [];
  #nextId = 0;
  #closed: Error | null = null;

  constructor(out: Writable, input: Readable) {
    this.#out = out;
    input.on('data', (chunk: Buffer) => this.#receive(chunk));
    input.on('close', () => this.#close(new Error('Chromium closed its DevTools pipe.')));
    // A browser that died makes reads and writes fail (ECONNRESET, EPIPE) before the close: the same news.
    const broken = (error: Error): void => this.#close(new Error(`Chromium closed its DevTools pipe (${error.message}).`));
    input.on('error', broken);
    out.on('error', broken);
  }

  /** Send a command (to a target's session when `sessionId` is given) and wait for its result. */
  send(method: string, params: Readonly<Record<string, unknown>> = {}, sessionId?: string): Promise<Readonly<Record<string, unknown>>> {
    if (this.#closed !== null) return Promise.reject(this.#closed);
    const id = (this.#nextId += 1);
    return new Promise((resolve, reject) => {
      this.#waiting.set(id, { method, resolve, reject });
      this.#out.write(`${JSON.stringify(sessionId === undefined ? { id, method, params } : { id, method, params, sessionId })}\0`);
    });
  }

  /** Hear every event; returns the way to stop. */
  onEvent(listener: (event: CdpEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #receive(chunk: Buffer): void {
    let start = 0;
    for (let end = chunk.indexOf(0); end !== -1; end = chunk.indexOf(0, start)) {
      this.#partial.push(chunk.subarray(start, end));
      const text = Buffer.concat(this.#partial).toString('utf8');
      this.#partial = [];
      start = end + 1;
      this.#dispatch(text);
    }
    if (start < chunk.length) this.#partial.push(chunk.subarray(start));
  }

  #dispatch(text: string): void {
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      return this.#close(new Error('Chromium sent something that is not DevTools JSON.'));
    }
    if (!isRecord(message)) return;
    if (typeof message['id'] === 'number') {
      const waiting = this.#waiting.get(message['id']);
      this.#waiting.delete(message['id']);
      if (waiting === undefined) return;
      const error = message['error'];
      if (isRecord(error)) waiting.reject(new Error(`${waiting.method}: ${typeof error['message'] === 'string' ? error['message'] : 'failed'}`));
      else waiting.resolve(isRecord(message['result']) ? message['result'] : {});
      return;
    }
    if (typeof message['method'] !== 'string') return;
    const event: CdpEvent = {
      method: message['method'],
      params: isRecord(message['params']) ? message['params'] : {},
      ...(typeof message['sessionId'] === 'string' ? { sessionId: message['sessionId'] } : {}),
    };
    for (const listener of [...this.#listeners]) listener(event);
  }

  #close(error: Error): void {
    if (this.#closed !== null) return;
    this.#closed = error;
    for (const waiting of this.#waiting.values()) waiting.reject(new Error(`${waiting.method}: ${error.message}`));
    this.#waiting.clear();
  }
}
