/**
 * The desktop's printer port: the report printed by `webContents.printToPDF` in a hidden
 * window made for the one print and destroyed after it.
 *
 * How the document gets in: not as a `data:` URL (Chromium refuses URLs over 2 MB, and a
 * year of charts can pass that) and not as a temp file (the report would lie on disk
 * unencrypted, and survive a crash there). It is served from memory by the app's own
 * privileged scheme (window/app-protocol.ts registers it before `ready`) at
 * `qs://report/<random token>`, in a session of its own kept in memory: nothing of it is
 * cached or stored, and the app's page (`qs://app`) and its storage are another origin.
 *
 * The window is locked down beyond the app's windows: no preload, JavaScript off (the
 * report is static HTML), sandboxed, no permissions, no navigation, no new windows, and
 * every request but the report itself and `data:` cancelled; the document comes with
 * REPORT_CSP, which fetches nothing.
 */
import { randomUUID } from 'node:crypto';
import { BrowserWindow, session, type PrintToPDFOptions, type Session, type WebPreferences } from 'electron';
import { mmToInches, parsePrintInput, printFailed, PRINT_TIMEOUT_MS, REPORT_CSP, type PdfOptions, type Printer } from '../../core/services/printer';
import { APP_SCHEME } from '../window/app-scheme';

/** Kept in memory (no `persist:` prefix): a print leaves no cache, cookies or storage behind. */
export const PRINT_PARTITION = 'qs-print';
export const REPORT_HOST = 'report';

export const PRINT_WINDOW_PREFERENCES: WebPreferences = {
  partition: PRINT_PARTITION,
  javascript: false,
  sandbox: true,
  contextIsolation: true,
  nodeIntegration: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  spellcheck: false,
  devTools: false,
};

/** Chromium's header would be the date and title: an empty one leaves only the footer. */
const NO_HEADER = '<span></span>';

/** The port's options as `webContents.printToPDF` takes them (inches, Chromium's templates). */
export function printToPdfOptions(options: PdfOptions): PrintToPDFOptions {
  const { top, right, bottom, left } = options.marginsMm;
  const footer = options.footerTemplate === null ? { displayHeaderFooter: false } : { displayHeaderFooter: true, headerTemplate: NO_HEADER, footerTemplate: options.footerTemplate };
  return {
    pageSize: options.pageSize,
    landscape: options.landscape,
    printBackground: options.printBackground,
    margins: { top: mmToInches(top), right: mmToInches(right), bottom: mmToInches(bottom), left: mmToInches(left) },
    preferCSSPageSize: false,
    generateTaggedPDF: options.tagged,
    generateDocumentOutline: options.outline,
    ...footer,
  };
}

export const reportUrl = (token: string): string => `${APP_SCHEME}://${REPORT_HOST}/${token}`;

/** The token a URL names when it is a report's, else null (decided on the parsed URL). */
export function reportToken(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host.toLowerCase() !== REPORT_HOST || parsed.search !== '' || parsed.username !== '' || parsed.password !== '') return null;
  const token = parsed.pathname.slice(1);
  return /^[0-9a-f-]{36}$/.test(token) ? token : null;
}

/** Whether the print window may make a request: the report itself, or a `data:` image in it. */
export function isReportRequest(url: string): boolean {
  if (reportToken(url) !== null) return true;
  try {
    return new URL(url).protocol === 'data:';
  } catch {
    return false;
  }
}

const notFound = (): Response => new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });

/** The answer to a request in the print session: a document being printed, else 404. */
export function serveReport(pages: ReadonlyMap<string, string>, request: Request): Response {
  const token = reportToken(request.url);
  const html = token === null ? undefined : pages.get(token);
  if (html === undefined || request.method !== 'GET') return notFound();
  return new Response(html, {
    status: 200,
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': REPORT_CSP, 'X-Content-Type-Options': 'nosniff' },
  });
}

export interface PrintWindowOptions {
  readonly timeoutMs?: number;
}

export function createPrintWindowPrinter(options: PrintWindowOptions = {}): Printer {
  const timeoutMs = options.timeoutMs ?? PRINT_TIMEOUT_MS;
  /** Documents being printed, by their URL's token. */
  const pages = new Map<string, string>();
  let prepared: Session | null = null;

  /** The print session, set up at the first print (sessions exist only once Electron is ready). */
  function printSession(): Session {
    if (prepared !== null) return prepared;
    const made = session.fromPartition(PRINT_PARTITION, { cache: false });
    made.protocol.handle(APP_SCHEME, (request) => serveReport(pages, request));
    made.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isReportRequest(details.url) }));
    made.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
    made.setPermissionCheckHandler(() => false);
    prepared = made;
    return made;
  }

  function lockedWindow(): BrowserWindow {
    printSession();
    const window = new BrowserWindow({ show: false, width: 1024, height: 768, webPreferences: PRINT_WINDOW_PREFERENCES });
    const { webContents } = window;
    webContents.on('will-navigate', (event) => event.preventDefault());
    webContents.on('will-redirect', (event) => event.preventDefault());
    webContents.on('will-attach-webview', (event) => event.preventDefault());
    webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
    return window;
  }

  return {
    availability: () => Promise.resolve({ available: true, reason: null }),
    async printPdf(html, pdfOptions) {
      const input = parsePrintInput(html, pdfOptions);
      const token = randomUUID();
      pages.set(token, input.html);
      let window: BrowserWindow | null = null;
      let timer: NodeJS.Timeout | undefined;
      try {
        window = lockedWindow();
        const printing = window;
        const timedOut = new Promise<never>((_resolve, reject) => {
          timer = setTimeout(() => reject(new Error(`it took longer than ${Math.round(timeoutMs / 1000)} s`)), timeoutMs);
        });
        const print = async (): Promise<Uint8Array> => {
          await printing.loadURL(reportUrl(token));
          const pdf = await printing.webContents.printToPDF(printToPdfOptions(input.options));
          return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
        };
        return await Promise.race([print(), timedOut]);
      } catch (error) {
        throw printFailed(error);
      } finally {
        clearTimeout(timer);
        pages.delete(token);
        if (window !== null && !window.isDestroyed()) window.destroy();
      }
    },
  };
}
