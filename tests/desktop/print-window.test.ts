/**
 * The desktop's printer, `electron` mocked: a hidden, locked-down window in a session of its
 * own, the document served from memory under the report's CSP, `printToPDF` called with the
 * documented options, and the window destroyed however the print ends.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PortFailure } from '../../src-main/core/services/port-failure';
import { PAGE_NUMBER_FOOTER, PRINT_TIMEOUT_MS, REPORT_CSP, type PdfOptions } from '../../src-main/core/services/printer';
import { createPrintWindowPrinter, printToPdfOptions, isReportRequest, PRINT_PARTITION, reportToken } from '../../src-main/desktop/jobs/print-window';
import { BrowserWindow, printing, resetFake, session, type FakeSession } from './electron-fake';

vi.mock('electron', () => import('./electron-fake'));

const HTML = '<!doctype html><title>March 2026</title><h1>Sleep</h1><p>31 entries</p>';
const A4: PdfOptions = { pageSize: 'A4', landscape: false, marginsMm: { top: 25.4, right: 12.7, bottom: 19.05, left: 12.7 }, printBackground: true, footerTemplate: PAGE_NUMBER_FOOTER, tagged: false, outline: false };

beforeEach(() => resetFake());
afterEach(() => vi.useRealTimers());

const printWindow = (): BrowserWindow => {
  const found = BrowserWindow.created[0];
  if (!found) throw new Error('no window was made');
  return found;
};

const printSession = (): FakeSession => {
  const found = session.partitions.get(PRINT_PARTITION)?.session;
  if (!found) throw new Error('no print session was made');
  return found;
};

async function served(url: string, method = 'GET'): Promise<Response> {
  const handler = printSession().protocol.handlers.get('qs');
  if (!handler) throw new Error('the print session serves nothing');
  return handler(new Request(url, { method }));
}

describe('printToPdfOptions', () => {
  it('maps the port’s options to printToPDF’s: inches, the footer alone (an empty header)', () => {
    expect(printToPdfOptions(A4)).toEqual({
      pageSize: 'A4',
      landscape: false,
      printBackground: true,
      margins: { top: 1, right: 0.5, bottom: expect.closeTo(0.75, 10), left: 0.5 },
      preferCSSPageSize: false,
      generateTaggedPDF: false,
      generateDocumentOutline: false,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: PAGE_NUMBER_FOOTER,
    });
  });

  it('asks for a tagged PDF with an outline when the options do', () => {
    expect(printToPdfOptions({ ...A4, tagged: true, outline: true })).toMatchObject({ generateTaggedPDF: true, generateDocumentOutline: true });
  });

  it('without a footer template shows neither header nor footer', () => {
    expect(printToPdfOptions({ ...A4, pageSize: 'Letter', footerTemplate: null })).toMatchObject({ pageSize: 'Letter', displayHeaderFooter: false });
    expect(printToPdfOptions({ ...A4, footerTemplate: null })).not.toHaveProperty('footerTemplate');
  });
});

describe('the print window', () => {
  it('prints the document in a hidden window with the documented options, returns the PDF and destroys the window', async () => {
    printing.pdf = Buffer.from('%PDF-1.7 March');
    const pdf = await createPrintWindowPrinter().printPdf(HTML, A4);
    expect(Buffer.from(pdf).toString('latin1')).toBe('%PDF-1.7 March');
    const window = printWindow();
    expect(window.webContents.printedWith).toEqual([printToPdfOptions(A4)]);
    expect(window.options).toMatchObject({ show: false });
    expect(window.shown).toBe(false);
    expect(window.destroyed).toBe(true);
  });

  it('is locked down: no preload, scripts off, sandboxed, in its own in-memory session', async () => {
    await createPrintWindowPrinter().printPdf(HTML, A4);
    const preferences = printWindow().options['webPreferences'];
    expect(preferences).toMatchObject({ partition: PRINT_PARTITION, javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true, devTools: false });
    expect(preferences).not.toHaveProperty('preload');
    expect(PRINT_PARTITION.startsWith('persist:')).toBe(false);
    expect(session.partitions.get(PRINT_PARTITION)?.options).toEqual({ cache: false });
  });

  it('never navigates elsewhere, opens no window, and grants no permission', async () => {
    await createPrintWindowPrinter().printPdf(HTML, A4);
    const { webContents } = printWindow();
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const event = { url: 'https://example.com/', preventDefault: vi.fn() };
      webContents.emit(name, event);
      expect(event.preventDefault, name).toHaveBeenCalled();
    }
    expect(webContents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    const granted = vi.fn();
    printSession().permissionRequestHandler?.(webContents, 'notifications', granted);
    expect(granted).toHaveBeenCalledWith(false);
    expect(printSession().permissionCheckHandler?.(webContents, 'media')).toBe(false);
  });

  it('cancels every request but the report itself and its data: images', async () => {
    await createPrintWindowPrinter().printPdf(HTML, A4);
    const answer = (url: string): { cancel?: boolean } => {
      let response: { cancel?: boolean } = {};
      printSession().beforeRequest?.({ url }, (given) => (response = given));
      return response;
    };
    const report = 'qs://report/0b0c2a56-3f4e-4d7a-9f55-0a1b2c3d4e5f';
    expect(answer(report)).toEqual({ cancel: false });
    expect(answer('data:image/png;base64,iVBORw0KGgo=')).toEqual({ cancel: false });
    for (const foreign of ['https://tracker.example/pixel.png', 'http://127.0.0.1:8080/', 'file:///etc/passwd', 'qs://app/index.html', `${report}?x=1`, 'qs://report/../app/index.html']) {
      expect(answer(foreign), foreign).toEqual({ cancel: true });
    }
  });

  it('serves the document from memory under the report’s CSP while it prints, and nothing after', async () => {
    let during: Response | null = null;
    printing.hold = (contents, resolve) => {
      void served(printWindow().loadedUrl ?? '').then((response) => {
        during = response;
        expect(contents).toBe(printWindow().webContents);
        resolve(Buffer.from('%PDF'));
      });
    };
    await createPrintWindowPrinter().printPdf(HTML, A4);
    const url = printWindow().loadedUrl ?? '';
    expect(reportToken(url)).not.toBeNull();
    const response = during as Response | null;
    expect(response?.status).toBe(200);
    expect(response?.headers.get('Content-Security-Policy')).toBe(REPORT_CSP);
    expect(await response?.text()).toBe(HTML);
    expect((await served(url)).status).toBe(404);
    expect((await served('qs://report/00000000-0000-0000-0000-000000000000')).status).toBe(404);
  });

  it('turns a failed print into PRINT_FAILED and still destroys the window', async () => {
    printing.failWith = 'Printing failed';
    const failure = await createPrintWindowPrinter()
      .printPdf(HTML, A4)
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PortFailure);
    expect(failure).toMatchObject({ code: 'PRINT_FAILED', message: 'The report could not be printed to PDF: Printing failed' });
    expect(printWindow().destroyed).toBe(true);
  });

  it('gives up a print that hangs, destroying its window', async () => {
    vi.useFakeTimers();
    printing.hold = () => undefined;
    const failure = createPrintWindowPrinter()
      .printPdf(HTML, A4)
      .catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(PRINT_TIMEOUT_MS);
    expect(await failure).toMatchObject({ code: 'PRINT_FAILED', message: expect.stringContaining('took longer than 60 s') });
    expect(printWindow().destroyed).toBe(true);
  });

  it('refuses bad options with PORT_INPUT_INVALID before making any window', async () => {
    await expect(createPrintWindowPrinter().printPdf(HTML, { ...A4, pageSize: 'A3' } as unknown as PdfOptions)).rejects.toMatchObject({ code: 'PORT_INPUT_INVALID' });
    expect(BrowserWindow.created).toEqual([]);
  });

  it('says it can print', async () => {
    expect(await createPrintWindowPrinter().availability()).toEqual({ available: true, reason: null });
  });
});

describe('reportToken and isReportRequest', () => {
  it.each([
    ['qs://report/0b0c2a56-3f4e-4d7a-9f55-0a1b2c3d4e5f', true],
    ['QS://REPORT/0b0c2a56-3f4e-4d7a-9f55-0a1b2c3d4e5f', true],
    ['qs://app/0b0c2a56-3f4e-4d7a-9f55-0a1b2c3d4e5f', false],
    ['qs://user@report/0b0c2a56-3f4e-4d7a-9f55-0a1b2c3d4e5f', false],
    ['qs://report/0b0c2a56-3f4e-4d7a-9f55-0a1b2c3d4e5f/extra', false],
    ['https://report/0b0c2a56-3f4e-4d7a-9f55-0a1b2c3d4e5f', false],
    ['not a url', false],
  ])('%s is a report: %s', (url, expected) => {
    expect(reportToken(url) !== null).toBe(expected);
    expect(isReportRequest(url)).toBe(expected);
  });
});
