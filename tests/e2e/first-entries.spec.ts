/**
 * What a new person meets with their first entries, in a real browser: a chart of a single
 * entry shows its point, a yes/no card changes today's answer instead of adding a second
 * one, and an entry dated days ahead is confirmed first. Screenshots of each go to
 * test-results/screenshots/ for a person to look at.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type { Input, Log, Tracker } from '../../src-preload/contract';
import { expectNoAxeViolations } from './axe';
import { SCREENSHOT_DIR, screenshot, useBrowserAndApp } from './harness';
import { callApi, card, goToDashboard, openTrackerPage, signUpWithApi } from './trackers-ui';

const TIME_ZONE = 'Europe/Paris';
const SLEEP_COLOUR = [0x2f, 0x6f, 0xdf] as const;

const env = useBrowserAndApp();
let people = 0;

async function openDashboard(trackers: Input<'createTracker'>[]): Promise<{ context: BrowserContext; page: Page; token: string; created: Tracker[] }> {
  const context = await env.browser.newContext({ timezoneId: TIME_ZONE, locale: 'en-GB', viewport: { width: 1200, height: 900 } });
  people += 1;
  const token = await signUpWithApi(context, env.app.url, `first${people}@example.org`, TIME_ZONE);
  const created: Tracker[] = [];
  for (const input of trackers) created.push((await callApi<{ tracker: Tracker }>(env.app.url, 'POST', '/api/trackers', token, input)).tracker);
  const page = await context.newPage();
  await page.goto(env.app.url);
  await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
  return { context, page, token, created };
}

/** How many pixels of the canvas are drawn in (about) the given colour. */
function pixelsOf(page: Page, rgb: readonly [number, number, number]): Promise<number> {
  // A string script: the e2e tsconfig has no DOM types.
  return page.evaluate(`(() => {
    const canvas = document.querySelector('[data-testid="chart-line"] canvas');
    const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let count = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      if (pixels[i + 3] > 200 && Math.abs(pixels[i] - ${rgb[0]}) < 24 && Math.abs(pixels[i + 1] - ${rgb[1]}) < 24 && Math.abs(pixels[i + 2] - ${rgb[2]}) < 24) count++;
    }
    return count;
  })()`);
}

describe('first entries', () => {
  it('draws the point of a chart with a single entry', async () => {
    const { context, page, token, created } = await openDashboard([
      { name: 'Sleep', emoji: '😴', color: '#2f6fdf', settings: { type: 'numerical', unit: 'h', decimals: 1, aggregation: 'average' } },
    ]);
    const sleep = created[0]!;
    await callApi(env.app.url, 'POST', `/api/trackers/${encodeURIComponent(sleep.id)}/logs`, token, { value: 7.5, note: '' });
    await page.reload();
    await openTrackerPage(page, 'Sleep');
    const chart = page.getByTestId('chart-line');
    await chart.locator('canvas').waitFor();
    await page.getByRole('heading', { name: 'Trends' }).scrollIntoViewIfNeeded();
    // The chart draws at once (animation is off); a frame lets its resize observer settle.
    await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))');
    // The point is filled in the tracker's colour; an empty box has none of it.
    expect(await pixelsOf(page, SLEEP_COLOUR)).toBeGreaterThan(20);
    await chart.screenshot({ path: join(SCREENSHOT_DIR, 'first-entry-chart.png') });
    await expectNoAxeViolations(page, 'a tracker page with one entry');
    await screenshot(page, 'first-entry-tracker-page');
    await context.close();
  });

  it('changes today’s yes/no answer on the card instead of adding a second entry', async () => {
    const { context, page, token, created } = await openDashboard([{ name: 'Meditated', emoji: '🧘', color: '#1f9d74', settings: { type: 'boolean' } }]);
    const meditated = created[0]!;
    const onCard = card(page, 'Meditated');
    await onCard.getByRole('button', { name: 'Yes for today' }).click();
    await onCard.getByText('Today: Yes', { exact: true }).waitFor();
    await onCard.screenshot({ path: join(SCREENSHOT_DIR, 'yes-no-card-answered.png') });
    await expectNoAxeViolations(page, 'the dashboard with today’s yes/no answered');

    await onCard.getByRole('group', { name: 'Change today’s answer for Meditated' }).getByRole('button', { name: 'Change to No' }).click();
    await onCard.getByText('Today: No', { exact: true }).waitFor();
    expect(await onCard.getByText(/^Last: No/).isVisible()).toBe(true);
    await onCard.screenshot({ path: join(SCREENSHOT_DIR, 'yes-no-card-changed.png') });
    const { logs } = await callApi<{ logs: Log[] }>(env.app.url, 'POST', `/api/trackers/${encodeURIComponent(meditated.id)}/logs/query`, token, {});
    expect(logs.map((log) => log.value)).toEqual([false]);

    // Three weeks before today: yes, no, or nothing, so the heat map shows each kind of day.
    for (let day = 1; day <= 21; day++) {
      if (day % 5 === 0) continue;
      const at = new Date(Date.now() - day * 86_400_000).toISOString();
      await callApi(env.app.url, 'POST', `/api/trackers/${encodeURIComponent(meditated.id)}/logs`, token, { value: day % 3 !== 0, at, note: '' });
    }

    // The tracker page's form offers the same change.
    await openTrackerPage(page, 'Meditated');
    const form = page.getByRole('form', { name: 'Add an entry to Meditated' });
    await form.getByText('Today’s answer is No: saving changes it.').waitFor();
    const heatmap = page.getByTestId('chart-heatmap');
    await heatmap.waitFor();
    expect(await heatmap.locator('figcaption').textContent()).toMatch(/^Day by day, .+ – .+$/);
    // The default range is 30 days: 30 squares, not a year of them.
    expect(await heatmap.locator('rect').count()).toBe(30);
    await heatmap.screenshot({ path: join(SCREENSHOT_DIR, 'yes-no-heatmap-30-days.png') });
    await expectNoAxeViolations(page, 'a yes/no tracker page whose form changes today’s answer');
    await screenshot(page, 'yes-no-tracker-page');
    await form.getByRole('radiogroup', { name: 'Value' }).getByLabel('Yes', { exact: true }).check();
    await form.getByRole('button', { name: 'Change today’s answer' }).click();
    await form.getByText('Today’s answer is Yes: saving changes it.').waitFor();
    const after = await callApi<{ logs: Log[] }>(env.app.url, 'POST', `/api/trackers/${encodeURIComponent(meditated.id)}/logs/query`, token, { limit: 1 });
    expect(after.logs.map((log) => log.value)).toEqual([true]);
    expect(after.logs[0]?.id).toBe(logs[0]?.id);
    await context.close();
  });

  it('asks before saving an entry dated days ahead, and Cancel keeps the form', async () => {
    const { context, page } = await openDashboard([{ name: 'Sleep', settings: { type: 'numerical', unit: 'h', decimals: 1, aggregation: 'average' } }]);
    await openTrackerPage(page, 'Sleep');
    const form = page.getByRole('form', { name: 'Add an entry to Sleep' });
    await form.getByLabel('Value', { exact: true }).fill('8');
    const ahead = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    await form.getByLabel(/When/).fill(`${ahead}T07:30`);
    await form.getByRole('button', { name: 'Add entry' }).click();
    const confirm = form.getByRole('group', { name: 'Confirm the date' });
    await confirm.waitFor();
    expect(await confirm.getByRole('alert').textContent()).toMatch(/^This entry is dated .+, more than a day from now\. Save it with this date\?$/);
    await expectNoAxeViolations(page, 'a tracker page asking to confirm a date days ahead');
    await screenshot(page, 'future-entry-confirmation');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'detached' });
    expect(await form.getByLabel('Value', { exact: true }).inputValue()).toBe('8');
    expect(await page.getByText('No entries yet.').isVisible()).toBe(true);
    await goToDashboard(page);
    // Waited for: the heading shows before the card's facts arrive.
    await card(page, 'Sleep').getByText('No entries yet').waitFor();
    await context.close();
  });
});
