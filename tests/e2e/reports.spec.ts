/**
 * The Reports page in a real browser against the real server, store and printer (headless
 * Chromium): a fresh profile has no report; last month's is made on demand, listed, and
 * downloaded as a PDF whose text names the tracker. Checked with axe-core in light and
 * dark; screenshots in test-results/screenshots/reports-*.png.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { Input, Tracker } from '../../src-preload/contract';
import { lastMonth, monthLabel } from '../../src-renderer/src/features/reports/report-text';
import { expectNoAxeViolations } from './axe';
import { screenshot, useBrowserAndApp } from './harness';
import { callApi, signUpWithApi } from './trackers-ui';

const run = promisify(execFile);
const TIME_ZONE = 'Europe/Paris';
const env = useBrowserAndApp();

const SLEEP: Input<'createTracker'> = {
  name: 'Sleep quality',
  emoji: '',
  color: '#2f6fdf',
  description: 'Hours slept at night',
  target: null,
  settings: { type: 'numerical', unit: 'h', decimals: 1, aggregation: 'average' },
};

describe('the Reports page in a browser', () => {
  it('makes last month’s report on demand, lists it and downloads it as a PDF', async () => {
    const context = await env.browser.newContext({ timezoneId: TIME_ZONE, locale: 'en-GB', viewport: { width: 1100, height: 800 }, acceptDownloads: true });
    const token = await signUpWithApi(context, env.app.url, 'reports@example.org', TIME_ZONE);
    const { tracker } = await callApi<{ tracker: Tracker }>(env.app.url, 'POST', '/api/trackers', token, SLEEP);
    const month = lastMonth(new Date(), TIME_ZONE);
    for (const [day, value] of [['05', 7.5], ['12', 6], ['20', 8.5]] as const) {
      await callApi(env.app.url, 'POST', `/api/trackers/${encodeURIComponent(tracker.id)}/logs`, token, { at: `${month}-${day}T07:00:00.000Z`, value, note: '' });
    }

    const page = await context.newPage();
    await page.goto(env.app.url);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }).click();
    await page.getByRole('heading', { level: 1, name: 'Reports' }).waitFor();
    expect(page.url()).toMatch(/#\/reports$/);
    // A profile made today was not there when last month ended: nothing is owed, nothing made.
    await page.getByText('No reports yet: the report for a month is made on the 1st of the next.').waitFor();
    expect(await page.getByLabel('Month').inputValue()).toBe(month);
    expect(await page.getByLabel('Month').getAttribute('max')).toBe(month);
    await expectNoAxeViolations(page, 'the empty Reports page');
    await screenshot(page, 'reports-empty');

    // The button is a real one, pressed from the keyboard.
    await page.getByRole('button', { name: 'Make report' }).press('Enter');
    const status = page.getByRole('status');
    await status.waitFor();
    expect(await status.textContent()).toBe(`The report for ${monthLabel(month)} is made and saved below.`);
    const rows = page.getByTestId('report-row');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().getByRole('rowheader').textContent()).toBe(monthLabel(month));
    expect(await rows.first().getByRole('cell').first().textContent()).toMatch(/^\d+ KB$/);

    // Listed by the core too, so a reload shows it.
    await page.reload();
    await rows.first().waitFor();
    expect(await rows.count()).toBe(1);
    await expectNoAxeViolations(page, 'the Reports page with a report');
    await screenshot(page, 'reports-list');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'reports-list-dark');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: `Download PDF of ${monthLabel(month)}` }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const path = await download.path();
    const bytes = await readFile(path);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { stdout: text } = await run('pdftotext', ['-layout', '-enc', 'UTF-8', path, '-']);
    expect(text).toContain('Sleep quality');
    expect(text).toContain(monthLabel(month));
    await context.close();
  });
});
