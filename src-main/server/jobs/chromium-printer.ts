/**
 * Browser mode's printer port: the report printed by a headless Chromium, started for the
 * one print over a DevTools pipe (cdp-pipe.ts) and ended after it. Chromium's own
 * `--print-to-pdf` switch was not enough: it prints the date, the title and the file's
 * URL in its header and footer and cannot take a footer of ours, and it needs the document
 * in a file or a URL (2 MB at most). Through DevTools the footer is ours
 * (`Page.printToPDF`'s template, as in the desktop app) and the document comes from memory.
 *
 * How the document gets in: the page is sent to `REPORT_URL` and the request answered by
 * us (the Fetch domain) with the HTML and REPORT_CSP; every other request is failed, and
 * with `--host-resolver-rules` no name is ever looked up. Scripts are off. The browser runs
 * in a throwaway profile folder, the page in an off-the-record context, so nothing of the
 * report is cached or stored; the folder is removed after the print.
 *
 * Without a Chromium the port answers NO_PRINTER with the reason, and the report is
 * offered as a page to print from the browser.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { PortFailure } from '../../core/services/port-failure';
import { PAPER_INCHES, mmToInches, parsePrintInput, printFailed, PRINT_TIMEOUT_MS, REPORT_CSP, type PdfOptions, type Printer } from '../../core/services/printer';
import { CdpPipe, type CdpEvent } from './cdp-pipe';
import { lookForChromium, type ChromiumLookup } from './find-chromium';

/** Where the page is sent; never fetched (the Fetch domain answers it), never resolved (`~NOTFOUND`). */
export const REPORT_URL = 'https://qs-report.invalid/report.html';

/** After this long for a closed browser to exit, it is killed. */
const EXIT_GRACE_MS = 5_000;

export const noPrinterReason = (why: string): string => `${why} Without it the report cannot be made into a PDF here; it is offered as a page to print from the browser instead.`;

/** Chromium's header would be the date and title: an empty one leaves only the footer. */
const NO_HEADER = '<span></span>';

/** The port's options as `Page.printToPDF` takes them (paper and margins in inches). */
export function cdpPrintParams(options: PdfOptions): Record<string, unknown> {
  const paper = PAPER_INCHES[options.pageSize];
  const { top, right, bottom, left } = options.marginsMm;
  const footer = options.footerTemplate === null ? { displayHeaderFooter: false } : { displayHeaderFooter: true, headerTemplate: NO_HEADER, footerTemplate: options.footerTemplate };
  return {
    landscape: options.landscape,
    printBackground: options.printBackground,
    paperWidth: paper.width,
    paperHeight: paper.height,
    marginTop: mmToInches(top),
    marginRight: mmToInches(right),
    marginBottom: mmToInches(bottom),
    marginLeft: mmToInches(left),
    preferCSSPageSize: false,
    generateTaggedPDF: options.tagged,
    generateDocumentOutline: options.outline,
    ...footer,
  };
}

/** The switches for a browser that only prints: no first-run, no extensions, no network name lookups. */
export function chromiumArgs(profileDir: string, runningAsRoot: boolean): string[] {
  return [
    '--headless',
    '--remote-debugging-pipe',
    `--user-data-dir=${profileDir}`,
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-gpu',
    '--disable-extensions',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-default-apps',
    '--disable-sync',
    '--mute-audio',
    '--host-resolver-rules=MAP * ~NOTFOUND',
    // Chromium refuses to start its sandbox as root (containers, CI); everyone else keeps it.
    ...(runningAsRoot ? ['--no-sandbox'] : []),
  ];
}

export interface ChromiumPrinterOptions {
  /** Where Chromium is; the app's lookup by default. */
  readonly find?: () => ChromiumLookup;
  readonly timeoutMs?: number;
  /** Where the throwaway profile folder is made; the system's temp folder by default. */
  readonly tempDir?: string;
}

const text = (value: unknown, what: string): string => {
  if (typeof value !== 'string') throw new Error(`Chromium answered without ${what}.`);
  return value;
};

/** Run one print in a started browser: a fresh off-the-record page, the document, the PDF. */
async function printIn(cdp: CdpPipe, html: string, options: PdfOptions): Promise<Uint8Array> {
  const { browserContextId } = await cdp.send('Target.createBrowserContext', { disposeOnDetach: true });
  const { targetId } = await cdp.send('Target.createTarget', { url: 'about:blank', browserContextId: text(browserContextId, 'a browser context') });
  const sessionId = text((await cdp.send('Target.attachToTarget', { targetId: text(targetId, 'a page'), flatten: true }))['sessionId'], 'a session');
  const onPage = (method: string, params: Readonly<Record<string, unknown>> = {}) => cdp.send(method, params, sessionId);

  const body = Buffer.from(html, 'utf8').toString('base64');
  let stopListening = (): void => undefined;
  const loaded = new Promise<void>((resolve) => {
    stopListening = cdp.onEvent((event: CdpEvent) => {
      if (event.sessionId !== sessionId) return;
      if (event.method === 'Page.loadEventFired') return resolve();
      if (event.method !== 'Fetch.requestPaused') return;
      const requestId = event.params['requestId'];
      const request = event.params['request'];
      const url = typeof request === 'object' && request !== null && 'url' in request ? request.url : null;
      // Answers are not awaited here: a failure shows as the page not loading, which the print's timeout ends.
      if (url === REPORT_URL) {
        void onPage('Fetch.fulfillRequest', {
          requestId,
          responseCode: 200,
          responseHeaders: [
            { name: 'Content-Type', value: 'text/html; charset=utf-8' },
            { name: 'Content-Security-Policy', value: REPORT_CSP },
          ],
          body,
        }).catch(() => undefined);
      } else {
        void onPage('Fetch.failRequest', { requestId, errorReason: 'Aborted' }).catch(() => undefined);
      }
    });
  });
  try {
    await onPage('Emulation.setScriptExecutionDisabled', { value: true });
    await onPage('Fetch.enable', { patterns: [{ urlPattern: '*' }] });
    await onPage('Page.enable');
    const navigated = await onPage('Page.navigate', { url: REPORT_URL });
    if (typeof navigated['errorText'] === 'string' && navigated['errorText'] !== '') throw new Error(`the report did not load (${navigated['errorText']})`);
    await loaded;
    const { data } = await onPage('Page.printToPDF', cdpPrintParams(options));
    return new Uint8Array(Buffer.from(text(data, 'a PDF'), 'base64'));
  } finally {
    stopListening();
  }
}

/** End the browser: ask it to close, kill it if it will not. */
async function stop(child: ChildProcess, cdp: CdpPipe): Promise<void> {
  // Never started (no such file), or already gone: nothing to wait for.
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void cdp.send('Browser.close').catch(() => undefined);
  const killer = setTimeout(() => child.kill('SIGKILL'), EXIT_GRACE_MS);
  await exited;
  clearTimeout(killer);
}

export function createChromiumPrinter(options: ChromiumPrinterOptions = {}): Printer {
  const find = options.find ?? (() => lookForChromium());
  const timeoutMs = options.timeoutMs ?? PRINT_TIMEOUT_MS;

  async function print(browser: string, html: string, pdfOptions: PdfOptions): Promise<Uint8Array> {
    const profileDir = await mkdtemp(join(options.tempDir ?? tmpdir(), 'qs-print-'));
    const child = spawn(browser, chromiumArgs(profileDir, process.getuid?.() === 0), { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] });
    // The end of what Chromium said on stderr, for a failure's message.
    let said = '';
    child.stderr?.on('data', (chunk: Buffer) => (said = (said + chunk.toString('utf8')).slice(-2000)));
    const cdp = new CdpPipe(child.stdio[3] as Writable, child.stdio[4] as Readable);
    const started = new Promise<never>((_resolve, reject) => child.once('error', (error) => reject(new Error(`Chromium could not be started: ${error.message}`))));
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`it took longer than ${Math.round(timeoutMs / 1000)} s`)), timeoutMs);
    });
    try {
      return await Promise.race([printIn(cdp, html, pdfOptions), started, timedOut]);
    } catch (error) {
      // Headless Chromium complains on every start about a missing D-Bus: that is never the reason.
      const last = said
        .split('\n')
        .filter((line) => line.trim() !== '' && !/dbus/i.test(line))
        .at(-1);
      throw error instanceof Error && last ? new Error(`${error.message} (Chromium said: ${last})`) : error;
    } finally {
      clearTimeout(timer);
      await stop(child, cdp);
      await rm(profileDir, { recursive: true, force: true });
    }
  }

  return {
    availability() {
      const lookup = find();
      return Promise.resolve(lookup.found ? { available: true, reason: null } : { available: false, reason: noPrinterReason(lookup.reason) });
    },
    async printPdf(html, pdfOptions) {
      const input = parsePrintInput(html, pdfOptions);
      const lookup = find();
      if (!lookup.found) throw new PortFailure('NO_PRINTER', noPrinterReason(lookup.reason));
      try {
        return await print(lookup.path, input.html, input.options);
      } catch (error) {
        throw printFailed(error);
      }
    },
  };
}
