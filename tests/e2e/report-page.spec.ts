/**
 * Browser mode where no Chromium is found to print with (`CHROMIUM_PATH` names no file): the
 * Reports page says why no PDF can be made, and offers the month as a page to print from the
 * browser, opened in a new tab with the report's content. Screenshots in
 * test-results/screenshots/report-page-*.png.
 */
import { describe, expect, it } from 'vitest';
import type { Input, Tracker } from '../../src-preload/contract';
import { lastMonth, monthLabel } from '../../src-renderer/src/features/reports/report-text';
import { expectNoAxeViolations } from './axe';
import { screenshot, useBrowserAndApp } from './harness';
import { callApi, signUpWithApi } from './trackers-ui';

const TIME_ZONE = 'Europe/Paris';
const MISSING_CHROMIUM = '/nonexistent/chromium';
const env = useBrowserAndApp({ env: { CHROMIUM_PATH: MISSING_CHROMIUM } });

const STEPS: Input<'createTracker'> = {
  name: 'Daily steps',
  emoji: '',
  color: '#2f6fdf',
  description: '',
  target: null,
  settings: { type: 'numerical', unit: 'steps', decimals: 0, aggregation: 'sum' },
};

describe('a report where no PDF can be made', () => {
  it('says why, and opens the month as a page to print from the browser', async () => {
    const context = await env.browser.newContext({ timezoneId: TIME_ZONE, locale: 'en-GB', viewport: { width: 1100, height: 800 } });
    const token = await signUpWithApi(context, env.app.url, 'printable@example.org', TIME_ZONE);
    const { tracker } = await callApi<{ tracker: Tracker }>(env.app.url, 'POST', '/api/trackers', token, STEPS);
    const month = lastMonth(new Date(), TIME_ZONE);
    for (const [day, value] of [['03', 8400], ['14', 12050]] as const) {
      await callApi(env.app.url, 'POST', `/api/trackers/${encodeURIComponent(tracker.id)}/logs`, token, { at: `${month}-${day}T18:00:00.000Z`, value, note: '' });
    }

    const page = await context.newPage();
    await page.goto(`${env.app.url}#/reports`);
    await page.getByText('No reports yet: the report for a month is made on the 1st of the next.').waitFor();
    await page.getByRole('button', { name: 'Make report' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('This app cannot make a PDF here.');
    expect(await alert.textContent()).toContain(`CHROMIUM_PATH is set to ${MISSING_CHROMIUM}, but there is no file there.`);
    expect(await page.getByTestId('report-row').count()).toBe(0);
    await expectNoAxeViolations(page, 'the Reports page offering a printable page');
    await screenshot(page, 'report-page-offer');

    const [printable] = await Promise.all([context.waitForEvent('page'), page.getByRole('button', { name: `Open ${monthLabel(month)} as a page to print` }).click()]);
    await printable.waitForURL(/^blob:/);
    await printable.getByText('Daily steps').first().waitFor();
    const text = await printable.locator('body').innerText();
    expect(text).toContain(monthLabel(month));
    expect(text).toContain('20,450');
    await screenshot(printable, 'report-page-printable');
    await context.close();
  });
});
