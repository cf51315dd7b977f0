/**
 * The notifier and printer ports over the channel: the worker-side proxies (port-proxies.ts)
 * and the host's answers (port-calls.ts) joined by a real MessageChannel, so what crosses is
 * what structured clone and transfer really deliver; and the real worker told which ports
 * its shell lends and handed a snoozed nudge.
 */
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import type { Notifier, Nudge } from '../../../src-main/core/services/notifier';
import { PortFailure } from '../../../src-main/core/services/port-failure';
import { PAGE_NUMBER_FOOTER, type PdfOptions, type Printer } from '../../../src-main/core/services/printer';
import type { PortCall, ShellPorts, ToWorker, WorkerSetup } from '../../../src-main/host/channel';
import { CoreHost } from '../../../src-main/host/core-host';
import { answerPortCall } from '../../../src-main/host/port-calls';
import { portCaller, portsOverChannel, type PortAnswer } from '../../../src-main/host/port-proxies';
import { tempDir, TEST_SCRYPT } from '../core/helpers';

const NUDGE: Nudge = { profileId: 'p-1', title: 'Time to log', body: 'Sleep and Water have no entry today.', trackerIds: ['t-1', 't-2'], actions: ['snooze'] };
const OPTIONS: PdfOptions = {
  pageSize: 'A4',
  landscape: false,
  marginsMm: { top: 15, right: 15, bottom: 18, left: 15 },
  printBackground: true,
  footerTemplate: PAGE_NUMBER_FOOTER,
  tagged: true,
  outline: true,
};

const channels: MessagePort[] = [];
afterEach(() => {
  for (const port of channels.splice(0)) port.close();
});

interface Joined {
  readonly ports: ShellPorts;
  /** What the shell's thread saw arrive, and the bytes it answered with (after posting). */
  readonly calls: PortCall[];
}

/** The worker's proxies on one end of a real channel, the host's answering on the other. */
function joined(shell: Partial<ShellPorts>, onAnswered?: (answer: PortAnswer, transfer: readonly ArrayBuffer[]) => void): Joined {
  const { port1: workerEnd, port2: hostEnd } = new MessageChannel();
  channels.push(workerEnd, hostEnd);
  const caller = portCaller((message) => workerEnd.postMessage(message));
  workerEnd.on('message', (message: ToWorker) => {
    if (message.kind === 'port-answer') caller.settle(message);
  });
  const calls: PortCall[] = [];
  hostEnd.on('message', (message: { id: number } & PortCall) => {
    calls.push(message);
    void answerPortCall(shell, message).then(({ answer, transfer }) => {
      hostEnd.postMessage(answer, transfer);
      onAnswered?.(answer, transfer);
    });
  });
  return { ports: portsOverChannel(caller.call), calls };
}

const notifierAnswering = (answer: Awaited<ReturnType<Notifier['notify']>>): Notifier & { heard: Nudge[] } => {
  const heard: Nudge[] = [];
  return { heard, notify: (nudge) => Promise.resolve(void heard.push(nudge)).then(() => answer) };
};

const printerAnswering = (print: Printer['printPdf']): Printer => ({
  availability: () => Promise.resolve({ available: true, reason: null }),
  printPdf: print,
});

describe('the notifier over the channel', () => {
  it('carries the nudge to the shell’s notifier and its delivery back', async () => {
    const notifier = notifierAnswering({ shown: true });
    const { ports } = joined({ notifier });
    expect(await ports.notifier.notify(NUDGE)).toEqual({ shown: true });
    expect(notifier.heard).toEqual([NUDGE]);
  });

  it('brings back a nudge the system did not show, with the reason', async () => {
    const { ports } = joined({ notifier: notifierAnswering({ shown: false, reason: 'No notification service is running.' }) });
    expect(await ports.notifier.notify(NUDGE)).toEqual({ shown: false, reason: 'No notification service is running.' });
  });

  it('refuses an answer that is no delivery, rather than handing the core a wrong type', async () => {
    const odd = { notify: () => Promise.resolve({ shown: 'yes' }) } as unknown as Notifier;
    const { ports } = joined({ notifier: odd });
    await expect(ports.notifier.notify(NUDGE)).rejects.toThrow('something other than its delivery');
  });

  it('fails plainly in a shell that lends no notifier', async () => {
    const { ports } = joined({});
    await expect(ports.notifier.notify(NUDGE)).rejects.toThrow('This shell lends no notifier.');
  });
});

describe('the printer over the channel', () => {
  it('carries the HTML and options to the shell and moves the PDF’s bytes back', async () => {
    const made: Uint8Array[] = [];
    const printer = printerAnswering((html) => {
      const pdf = new Uint8Array(Buffer.from(`%PDF-1.7 ${html}`.padEnd(200_000, ' ')));
      made.push(pdf);
      return Promise.resolve(pdf);
    });
    let moved: readonly ArrayBuffer[] = [];
    const { ports, calls } = joined({ printer }, (_answer, transfer) => (moved = transfer));
    const pdf = await ports.printer.printPdf('<p>March</p>', OPTIONS);

    expect(calls).toEqual([expect.objectContaining({ port: 'printer', method: 'printPdf', args: ['<p>March</p>', OPTIONS] })]);
    expect(pdf).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(pdf).toString('latin1', 0, 21)).toBe('%PDF-1.7 <p>March</p>');
    expect(pdf.byteLength).toBe(200_000);
    // Moved, not copied: the shell's buffer is handed over and left empty there.
    expect(moved).toHaveLength(1);
    expect(made[0]?.byteLength).toBe(0);
  });

  it('copies only the PDF’s own bytes when the printer answered a view into a larger buffer', async () => {
    const larger = new Uint8Array(1_000);
    larger.set(Buffer.from('%PDF'), 100);
    const view = larger.subarray(100, 400);
    const { ports } = joined({ printer: printerAnswering(() => Promise.resolve(view)) });
    const pdf = await ports.printer.printPdf('<p/>', OPTIONS);
    expect(pdf.byteLength).toBe(300);
    expect(Buffer.from(pdf.subarray(0, 4)).toString('latin1')).toBe('%PDF');
    // The larger buffer stays the printer's.
    expect(larger.byteLength).toBe(1_000);
  });

  it('keeps a PortFailure’s code across the thread: NO_PRINTER with its reason', async () => {
    const reason = 'No Chromium was found, so the report is offered as a page to print from the browser.';
    const { ports } = joined({ printer: printerAnswering(() => Promise.reject(new PortFailure('NO_PRINTER', reason))) });
    const failure = await ports.printer.printPdf('<p/>', OPTIONS).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PortFailure);
    expect(failure).toMatchObject({ code: 'NO_PRINTER', message: reason });
  });

  it('brings any other failure back as a plain Error with its message', async () => {
    const { ports } = joined({ printer: printerAnswering(() => Promise.reject(new Error('the window crashed'))) });
    const failure = await ports.printer.printPdf('<p/>', OPTIONS).catch((error: unknown) => error);
    expect(failure).not.toBeInstanceOf(PortFailure);
    expect(failure).toMatchObject({ message: 'the window crashed' });
  });

  it('answers whether the shell can print', async () => {
    const cannot: Printer = { availability: () => Promise.resolve({ available: false, reason: 'No Chromium.' }), printPdf: () => Promise.reject(new Error('unused')) };
    const { ports } = joined({ printer: cannot });
    expect(await ports.printer.availability()).toEqual({ available: false, reason: 'No Chromium.' });
  });

  it('fails a print the shell answered without bytes as PRINT_FAILED', async () => {
    const { ports } = joined({ printer: printerAnswering(() => Promise.resolve('not a pdf' as unknown as Uint8Array)) });
    await expect(ports.printer.printPdf('<p/>', OPTIONS)).rejects.toMatchObject({ code: 'PRINT_FAILED' });
  });
});

describe('the ports in the real worker', () => {
  const hosts: CoreHost[] = [];
  afterEach(async () => {
    await Promise.all(hosts.splice(0).map((host) => host.close()));
  });

  async function start(ports: Partial<ShellPorts>): Promise<{ host: CoreHost; setups: WorkerSetup[]; sent: unknown[] }> {
    const setups: WorkerSetup[] = [];
    const sent: unknown[] = [];
    const worker = (setup: WorkerSetup): Worker => {
      setups.push(setup);
      const made = new Worker(new URL('../../support/ts-core-worker.mjs', import.meta.url), { workerData: setup });
      const post = made.postMessage.bind(made);
      made.postMessage = (message: unknown, transfer?: readonly ArrayBuffer[]) => {
        sent.push(message);
        post(message, transfer);
      };
      return made;
    };
    const host = await CoreHost.start({ dataDir: await tempDir(), scrypt: TEST_SCRYPT, worker, ports });
    hosts.push(host);
    return { host, setups, sent };
  }

  it('tells the worker which ports its shell lends', async () => {
    const { setups } = await start({ notifier: notifierAnswering({ shown: true }), printer: printerAnswering(() => Promise.resolve(new Uint8Array(1))) });
    expect(setups.map((setup) => [...setup.ports].sort())).toEqual([['notifier', 'printer']]);
  });

  it('sends a snoozed nudge to the worker as the snoozeNudge control, and the worker answers it', async () => {
    const { host, sent } = await start({ notifier: notifierAnswering({ shown: true }) });
    await host.snoozeNudge('p-1', ['t-1'], Date.UTC(2026, 10, 30, 21));
    expect(sent).toContainEqual(expect.objectContaining({ kind: 'control', control: 'snoozeNudge', input: { profileId: 'p-1', trackerIds: ['t-1'], until: Date.UTC(2026, 10, 30, 21) } }));
  });
});
