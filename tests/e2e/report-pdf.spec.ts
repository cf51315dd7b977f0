/**
 * The monthly report printed to PDF exactly as browser mode prints it (the printer port's
 * headless Chromium, with `reportPrintOptions`): its text read back with `pdftotext`, and
 * its pages saved as PNG (test-results/report/) for a person to look at. The same HTML is
 * also opened in a page with scripts on, to show it fetches nothing and runs nothing.
 */
import { execFile } from 'node:child_process';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { durationText } from '../../src-preload/tracker-values/duration';
import { reportPrintOptions } from '../../src-main/core/report/report-pdf-options';
import { createChromiumPrinter } from '../../src-main/server/jobs/chromium-printer';
import { reportHtml } from '../../src-main/core/report/report-html';
import { reportModel } from '../../src-main/core/report/report-model';
import { novemberFixture } from '../support/report-month';
import { launchBrowser } from './harness';

const run = promisify(execFile);
/** One decimal at most, as the value table writes an amount of a tracker with `decimals: 1`. */
const oneDecimal = (n: number): string => String(Math.round(n * 10) / 10);
const percent = (share: number): string => `${Math.round(share * 100)}%`;
const OUT = join(resolve(dirname(fileURLToPath(import.meta.url)), '../..'), 'test-results/report');

let browser: Browser | undefined;
beforeAll(async () => {
  browser = await launchBrowser();
  await rm(OUT, { recursive: true, force: true });
  await mkdir(OUT, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

/** Print `html` as the report is printed; answers the PDF's path, its text (layout kept) and its page count. */
async function printReport(html: string, name: string, locale: string): Promise<{ pdf: string; text: string; pages: number; pageSize: string; scriptsRan: boolean }> {
  if (!browser) throw new Error('The browser starts in beforeAll.');
  const context = await browser.newContext({ javaScriptEnabled: true });
  const page = await context.newPage();
  const requests: string[] = [];
  const dialogs: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  // An escaped `<script>alert(…)</script>` in a name or note must print, not run.
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.setContent(html, { waitUntil: 'load' });
  const scriptsRan = dialogs.length > 0 || (await page.locator('script').count()) > 0;
  const pdf = join(OUT, `${name}.pdf`);
  await context.close();
  await writeFile(pdf, await createChromiumPrinter().printPdf(html, reportPrintOptions(locale)));
  expect(requests, 'the report fetches nothing').toEqual([]);
  const { stdout: text } = await run('pdftotext', ['-layout', '-enc', 'UTF-8', pdf, '-']);
  const { stdout: info } = await run('pdfinfo', [pdf]);
  const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0);
  const pageSize = /Page size:\s+(.+)/.exec(info)?.[1]?.trim() ?? '';
  await run('pdftoppm', ['-png', '-r', '80', pdf, join(OUT, name)]);
  return { pdf, text, pages, pageSize, scriptsRan };
}

describe('the monthly report as a PDF', () => {
  it('prints a month of four kinds of tracker with their figures, streaks and the month before', async () => {
    const { input, expected } = novemberFixture();
    const model = reportModel(input);
    const { text, pages, pageSize, scriptsRan } = await printReport(reportHtml(model), 'november-2026', 'en-GB');
    const flat = text.replace(/\s+/g, ' ');
    // pdftotext guesses spaces from glyph positions ("6 h" may come out as "6h"): figures are compared without them.
    const tight = text.replace(/\s+/g, '');
    const has = (expectedText: string) => expect(tight).toContain(expectedText.replace(/\s+/g, ''));

    expect(scriptsRan).toBe(false);
    expect(pageSize).toMatch(/\(A4\)/);
    expect(pages).toBeGreaterThanOrEqual(3);
    // Title page.
    expect(flat).toContain('Monthly report');
    expect(flat).toContain('November 2026');
    expect(flat).toContain('Ada <Lovelace> & Co');
    // Tracker names, as typed (escaped into HTML, printed as themselves).
    for (const name of ['Sleep', 'Mood', 'Meditated', 'Reading', 'Tea & <b>coffee</b>']) expect(flat).toContain(name);
    // Counts and averages (Sleep is shown with one decimal, as its settings say).
    has(`Sleep Number · h ENTRIES DAYS LOGGED AVERAGE MINIMUM MAXIMUM TOTAL ${expected.sleepEntries} ${expected.sleepEntries} of 30 ${oneDecimal(expected.sleepAverage)} h ${oneDecimal(expected.sleepMin)} h ${oneDecimal(expected.sleepMax)} h`);
    // The comparison with October: the average both months and the change.
    const change = expected.sleepAverage - expected.sleepPreviousAverage;
    expect(change).toBeGreaterThan(0);
    has(`Average ${oneDecimal(expected.sleepAverage)} h ${oneDecimal(expected.sleepPreviousAverage)} h +${oneDecimal(change)} h`);
    has(`Target met ${expected.sleepTargetDays} of 30 days (${percent(expected.sleepTargetDays / 30)})`);
    // Yes/no: yes-rate, its change in points, and streaks as of 30 November.
    const { meditatedYesRate: rate, meditatedPreviousYesRate: previousRate } = expected;
    has(`Meditated Yes / no DAYS ANSWERED YES-RATE DAYS WITH YES DAYS WITH NO ${expected.meditatedAnswered} of 30 ${percent(rate)} ${expected.meditatedYes} ${expected.meditatedAnswered - expected.meditatedYes}`);
    has(`Yes-rate ${percent(rate)} ${percent(previousRate)} +${Math.round((rate - previousRate) * 100)} pts`);
    expect(flat).toMatch(new RegExp(`Meditated Yes / no[^]*Current streak on 30 Nov ${expected.meditatedCurrentStreak} days[^]*Best streak in November ${expected.meditatedBestStreak} days`));
    // Duration: total, time per day over the 30 days, and against October's 31.
    const perDay = expected.readingTotalSeconds / 30;
    const previousPerDay = expected.readingPreviousTotalSeconds / 31;
    has(`Reading Duration ENTRIES DAYS LOGGED TOTAL TIME PER DAY`);
    has(`${expected.readingEntries} 25 of 30 ${durationText(expected.readingTotalSeconds)} ${durationText(perDay)}`);
    has(`Time per day ${durationText(perDay)} ${durationText(previousPerDay)} +${durationText(perDay - previousPerDay)}`);
    // Multiple choice: entries against October, the most chosen option.
    has(`Entries ${expected.moodEntries} ${expected.moodPreviousEntries} +${expected.moodEntries - expected.moodPreviousEntries}`);
    has(`Mood Multiple choice ENTRIES DAYS LOGGED MOST CHOSEN OPTIONS CHOSEN ${expected.moodEntries} 30 of 30 Calm (${expected.moodCalm}) 4 of 4`);
    // Notes: escaped text printed as typed, bounded with a count of the rest.
    expect(flat).toContain('Woke at 4 <script>alert("night")</script>, then slept again.');
    expect(flat).toContain(`…and ${expected.teaNotes - 20} more notes this month.`);
    // Quiet and archived trackers.
    expect(flat).toMatch(/Water — no entries \(October 2026: 12 entries\)/);
    expect(flat).not.toContain('Old habit');
    // The printer's footer: page numbers.
    expect(flat).toContain(`Page 1 of ${pages}`);
    expect(flat).toContain(`Page ${pages} of ${pages}`);
    const png = (await readdir(OUT)).filter((file) => file.startsWith('november-2026') && file.endsWith('.png'));
    expect(png).toHaveLength(pages);
  });

  it('prints an empty month as one Letter page that says so', async () => {
    const { input } = novemberFixture();
    const quietInput = { ...input, locale: 'en-US', trackers: input.trackers.map(({ tracker, logs }) => ({ tracker, logs: logs.filter((log) => log.at < '2026-10-31T23:00:00.000Z') })) };
    const { text, pages, pageSize } = await printReport(reportHtml(reportModel(quietInput)), 'empty-month', 'en-US');
    const flat = text.replace(/\s+/g, ' ');
    expect(pageSize).toMatch(/\(letter\)/);
    expect(pages).toBe(1);
    expect(flat).toContain('No entries this month');
    expect(flat).toContain('None of your trackers has an entry in November 2026.');
    expect(flat).toMatch(/Your trackers .*Sleep — October 2026: 31 entries/);
    expect(flat).toContain('Page 1 of 1');
  });
});
