/**
 * Browser mode's printer through the real Chromium (`/usr/bin/chromium` or $CHROMIUM_PATH):
 * the PDF has the document's text and our page-number footer (read back with `pdftotext`),
 * the paper size asked for (`pdfinfo`), nothing the document names is fetched, its scripts
 * do not run, and the throwaway profile folder is gone after. The first page is saved as a
 * PNG (`pdftoppm`) in test-results/screenshots for a person to look at.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { reportHtml } from '../../src-main/core/report/report-html';
import { reportModel } from '../../src-main/core/report/report-model';
import { reportPrintOptions } from '../../src-main/core/report/report-pdf-options';
import { PortFailure } from '../../src-main/core/services/port-failure';
import { PAGE_NUMBER_FOOTER, type PdfOptions } from '../../src-main/core/services/printer';
import { createChromiumPrinter } from '../../src-main/server/jobs/chromium-printer';
import { lookForChromium } from '../../src-main/server/jobs/find-chromium';
import { novemberFixture } from '../support/report-month';
import { SCREENSHOT_DIR } from './harness';

const run = promisify(execFile);

const A4: PdfOptions = { pageSize: 'A4', landscape: false, marginsMm: { top: 15, right: 15, bottom: 18, left: 15 }, printBackground: true, footerTemplate: PAGE_NUMBER_FOOTER, tagged: false, outline: false };

const folders: string[] = [];
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((done) => server.close(done))));
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
});

async function folder(): Promise<string> {
  const made = await mkdtemp(join(tmpdir(), 'qs-print-test-'));
  folders.push(made);
  return made;
}

/** The PDF's text, its layout kept, with `pdftotext`. */
async function textOf(pdf: Uint8Array): Promise<string> {
  const file = join(await folder(), 'report.pdf');
  await writeFile(file, pdf);
  return (await run('pdftotext', ['-layout', file, '-'])).stdout;
}

async function pageSizeOf(pdf: Uint8Array): Promise<string> {
  const file = join(await folder(), 'report.pdf');
  await writeFile(file, pdf);
  return /Page size:\s+(.+)/.exec((await run('pdfinfo', [file])).stdout)?.[1] ?? '';
}

/** A loopback server that counts what it is asked for: a print must ask it nothing. */
async function watchedServer(): Promise<{ url: string; asked: string[] }> {
  const asked: string[] = [];
  const server = createServer((request, response) => {
    asked.push(request.url ?? '');
    response.end('<p>FETCHED FROM THE NETWORK</p>');
  });
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, asked };
}

const REPORT = (extra = ''): string => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>March 2026</title>
<style>body { font: 14px sans-serif } h1 { color: #234 } .next { break-before: page }</style></head>
<body>
  <h1>Sleep report</h1>
  <p>Entries: 31 · average 7 h 12 min</p>
  <svg width="200" height="60" role="img" aria-label="chart"><rect x="0" y="10" width="150" height="40" fill="#4a7"/></svg>
  ${extra}
  <p class="next">Water: 28 entries</p>
</body></html>`;

describe('printing through the real Chromium', () => {
  it('gives a PDF with the document’s text and “page / pages” in the footer, on the paper asked for', async () => {
    const printer = createChromiumPrinter();
    expect(await printer.availability()).toEqual({ available: true, reason: null });
    const pdf = await printer.printPdf(REPORT(), A4);
    expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const text = await textOf(pdf);
    expect(text).toContain('Sleep report');
    expect(text).toContain('Entries: 31 · average 7 h 12 min');
    expect(text).toContain('Water: 28 entries');
    expect(text).toMatch(/1\s*\/\s*2/);
    expect(text).toMatch(/2\s*\/\s*2/);
    expect(await pageSizeOf(pdf)).toMatch(/^595\.\d+ x 841\.\d+ pts \(A4\)/);
    expect(await pageSizeOf(await printer.printPdf(REPORT(), { ...A4, pageSize: 'Letter', footerTemplate: null }))).toMatch(/^612 x 792 pts \(letter\)/);

    await mkdir(SCREENSHOT_DIR, { recursive: true });
    const file = join(await folder(), 'report.pdf');
    await writeFile(file, pdf);
    await run('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', file, join(SCREENSHOT_DIR, 'chromium-printer-page-1')]);
  });

  it('prints the monthly report as the job runner will: the core’s HTML with the report’s recommended options', async () => {
    const { input } = novemberFixture();
    const pdf = await createChromiumPrinter().printPdf(reportHtml(reportModel({ ...input, locale: 'en-US' })), reportPrintOptions('en-US'));
    const text = (await textOf(pdf)).replace(/\s+/g, ' ');
    expect(text).toContain('Monthly report');
    expect(text).toContain('November 2026');
    for (const name of ['Sleep', 'Mood', 'Meditated', 'Reading', 'Tea & <b>coffee</b>']) expect(text).toContain(name);
    const pages = Number(/Page 1 of (\d+)/.exec(text)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(text).toContain(`Page ${pages} of ${pages}`);
    expect(await pageSizeOf(pdf)).toMatch(/\(letter\)/);
  });

  it('fetches nothing the document names, runs none of its scripts, and is not sent away', async () => {
    const { url, asked } = await watchedServer();
    const hostile = `
      <img src="${url}/pixel.png" alt="">
      <link rel="stylesheet" href="${url}/style.css">
      <iframe src="${url}/frame"></iframe>
      <img src="https://tracker.example/pixel.png" alt="">
      <meta http-equiv="refresh" content="0; url=${url}/away">
      <script>document.write('SCRIPT RAN')</script>`;
    const text = await textOf(await createChromiumPrinter().printPdf(REPORT(hostile), A4));
    expect(text).toContain('Sleep report');
    expect(text).not.toContain('SCRIPT RAN');
    expect(text).not.toContain('FETCHED FROM THE NETWORK');
    expect(asked).toEqual([]);
  });

  it('leaves no profile folder behind', async () => {
    const temp = await folder();
    await createChromiumPrinter({ tempDir: temp }).printPdf(REPORT(), A4);
    expect(await readdir(temp)).toEqual([]);
  });

  it('without a Chromium answers NO_PRINTER with a reason the report screen can show', async () => {
    const printer = createChromiumPrinter({ find: () => lookForChromium({ CHROMIUM_PATH: '/nowhere/chromium' }) });
    const reason = 'CHROMIUM_PATH is set to /nowhere/chromium, but there is no file there. Without it the report cannot be made into a PDF here; it is offered as a page to print from the browser instead.';
    expect(await printer.availability()).toEqual({ available: false, reason });
    const failure = await printer.printPdf(REPORT(), A4).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PortFailure);
    expect(failure).toMatchObject({ code: 'NO_PRINTER', message: reason });
  });

  it('a browser that dies at once fails the print as PRINT_FAILED, without waiting for the timeout', async () => {
    const temp = await folder();
    const failure = await createChromiumPrinter({ find: () => ({ found: true, path: '/bin/false' }), tempDir: temp })
      .printPdf(REPORT(), A4)
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'PRINT_FAILED', message: expect.stringContaining('Chromium closed its DevTools pipe') });
    expect(await readdir(temp)).toEqual([]);
  });
});
