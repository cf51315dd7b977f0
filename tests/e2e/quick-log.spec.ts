/**
 * The quick-log in a real browser against the real server and store, keyboard only, in a
 * viewport the size of the desktop app's quick-log window (420×260): pick a tracker by
 * typing, log a value and a note with Enter, and find the entry in the tracker's table;
 * a yes/no answer changed rather than doubled; Escape. Checked with axe-core in light and
 * dark, with screenshots in test-results/screenshots/quick-log-*.png.
 */
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { Input, Tracker } from '../../src-preload/contract';
import { expectNoAxeViolations } from './axe';
import { screenshot, useBrowserAndApp } from './harness';
import { callApi, signUpWithApi, table } from './trackers-ui';

const TIME_ZONE = 'Europe/Paris';
const WINDOW = { width: 420, height: 260 };

const env = useBrowserAndApp();
let people = 0;

const NEW_TRACKERS: Input<'createTracker'>[] = [
  { name: 'Sleep', emoji: '😴', settings: { type: 'numerical', unit: 'hours' } },
  { name: 'Water', emoji: '💧', color: '#0f8fa8', settings: { type: 'numerical', unit: 'glasses', decimals: 0 } },
  { name: 'Mood', emoji: '🙂', settings: { type: 'multiple_choice', options: ['Good', 'Okay', 'Bad'] } },
  { name: 'Meditated', emoji: '🧘', pinned: true, settings: { type: 'boolean' } },
  { name: 'Reading', emoji: '📚', settings: { type: 'duration' } },
];

/** A fresh profile with the trackers above, and a page of the quick-log window's size. */
async function openProfile(): Promise<{ context: BrowserContext; page: Page; trackers: Tracker[] }> {
  const context = await env.browser.newContext({ timezoneId: TIME_ZONE, locale: 'en-GB', viewport: WINDOW });
  people += 1;
  const token = await signUpWithApi(context, env.app.url, `quick${people}@example.org`, TIME_ZONE);
  const trackers: Tracker[] = [];
  for (const input of NEW_TRACKERS) trackers.push((await callApi<{ tracker: Tracker }>(env.app.url, 'POST', '/api/trackers', token, input)).tracker);
  return { context, page: await context.newPage(), trackers };
}

/** The quick-log page at its route; waits for its heading. */
async function openQuickLog(page: Page, heading: string, trackerId?: string): Promise<void> {
  await page.goto(new URL(trackerId ? `#/quick-log/${encodeURIComponent(trackerId)}` : '#/quick-log', env.app.url).href);
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

const optionNames = (page: Page) => page.getByRole('listbox', { name: 'Trackers' }).getByRole('option').locator('.name').allTextContents();

describe('the quick-log in a browser', () => {
  it('keyboard only: type to filter, Enter, a value and a note, Enter; the entry is in the tracker’s log table', async () => {
    const { context, page } = await openProfile();
    await openQuickLog(page, 'Quick log');
    expect(await page.getByRole('navigation').count()).toBe(0);
    await page.getByRole('option').first().waitFor();
    expect(await optionNames(page)).toEqual(['Meditated', 'Sleep', 'Water', 'Mood', 'Reading']);
    await screenshot(page, 'quick-log-picker');
    await expectNoAxeViolations(page, 'the quick-log picker');

    // Typed into the picker's field, which has focus from the start.
    await page.keyboard.type('e');
    expect(await optionNames(page)).toEqual(['Meditated', 'Sleep', 'Water', 'Reading']);
    await page.keyboard.type('r');
    expect(await optionNames(page)).toEqual(['Water']);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Log Water' }).waitFor();

    await page.keyboard.type('3');
    await page.keyboard.press('Tab');
    await page.keyboard.type('after lunch');
    await screenshot(page, 'quick-log-entry');
    await expectNoAxeViolations(page, 'the quick-log entry form');
    await page.keyboard.press('Enter');

    // In a browser tab the tracker's page follows the save.
    await page.getByRole('heading', { level: 1, name: 'Water', exact: true }).waitFor();
    await page.getByTestId('log-row').first().waitFor();
    const [row] = await table(page);
    expect(row?.slice(1)).toEqual(['3 glasses', 'after lunch']);
    await context.close();
  });

  it('refuses a bad value with the main window’s message, announced, and keeps the person on the form', async () => {
    const { context, page, trackers } = await openProfile();
    const reading = trackers.find((tracker) => tracker.name === 'Reading');
    await openQuickLog(page, 'Log Reading', reading?.id);
    await page.keyboard.type('soon');
    await page.keyboard.press('Enter');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/duration/i);
    expect(await page.getByLabel('Value', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'quick-log-error-dark');
    await expectNoAxeViolations(page, 'the quick-log with an error');
    await context.close();
  });

  it('answers a yes/no tracker with Y or N: a second answer the same day changes the first', async () => {
    const { context, page, trackers } = await openProfile();
    const meditated = trackers.find((tracker) => tracker.name === 'Meditated');
    await openQuickLog(page, 'Log Meditated', meditated?.id);
    await page.keyboard.press('y');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Meditated', exact: true }).waitFor();
    await page.getByTestId('log-row').first().waitFor();
    expect((await table(page)).map((row) => row[1])).toEqual(['Yes']);

    await openQuickLog(page, 'Log Meditated', meditated?.id);
    await page.getByText('Today’s answer is Yes: saving changes it.').waitFor();
    await page.keyboard.press('n');
    await screenshot(page, 'quick-log-yes-no');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Meditated', exact: true }).waitFor();
    await page.getByTestId('log-row').getByText('No', { exact: true }).waitFor();
    expect((await table(page)).map((row) => row[1])).toEqual(['No']);
    await context.close();
  });

  it('Escape goes back to the dashboard in a browser tab', async () => {
    const { context, page } = await openProfile();
    await page.setViewportSize({ width: 1200, height: 700 });
    await openQuickLog(page, 'Quick log');
    await page.getByRole('option').first().waitFor();
    await screenshot(page, 'quick-log-browser-tab');
    await page.keyboard.press('Escape');
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    expect(new URL(page.url()).hash).toBe('#/');
    await context.close();
  });
});
