/**
 * Charts with a year of data, for a person to look at: four trackers (one per type) fed
 * 365 days of entries through the HTTP API, then the dashboard and every chart kind are
 * saved to test-results/screenshots/ (light, and the line chart in dark mode too).
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Input, Tracker } from '../../src-preload/contract';
import { expectNoAxeViolations } from './axe';
import { SCREENSHOT_DIR, screenshot, useBrowserAndApp } from './harness';
import { callApi, card, openTrackerPage, signUpWithApi } from './trackers-ui';

const TIME_ZONE = 'Europe/Paris';
const DAY_MS = 86_400_000;

const env = useBrowserAndApp();

/** A small deterministic generator, so the pictures are the same from run to run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const NEW_TRACKERS: Input<'createTracker'>[] = [
  {
    name: 'Sleep',
    emoji: '😴',
    color: '#2f6fdf',
    description: 'Hours slept at night',
    target: { period: 'day', comparison: 'at_least', value: 7.5 },
    settings: { type: 'numerical', unit: 'h', decimals: 1, aggregation: 'average' },
  },
  { name: 'Mood', emoji: '🙂', color: '#d9822b', settings: { type: 'multiple_choice', options: ['Great', 'Good', 'Okay', 'Low'] } },
  { name: 'Meditated', emoji: '🧘', color: '#1f9d74', target: { period: 'week', comparison: 'at_least', value: 5 }, settings: { type: 'boolean' } },
  { name: 'Reading', emoji: '📚', color: '#7b4fd0', target: { period: 'day', comparison: 'at_least', value: 1800 }, settings: { type: 'duration' } },
];

/** One entry per tracker per day for the last 365 days (a few days skipped, as in life). */
function yearOfLogs(trackers: Tracker[]): Input<'addLog'>[] {
  const next = random(42);
  const today = Date.now();
  const logs: Input<'addLog'>[] = [];
  for (let day = 364; day >= 0; day--) {
    const morning = new Date(today - day * DAY_MS);
    morning.setUTCHours(6, 30, 0, 0);
    const evening = new Date(morning.getTime() + 15 * 3_600_000);
    const season = Math.sin((2 * Math.PI * day) / 365);
    for (const tracker of trackers) {
      if (next() < 0.06) continue;
      switch (tracker.settings.type) {
        case 'numerical':
          logs.push({ trackerId: tracker.id, at: morning.toISOString(), value: Math.round((7.2 + season * 0.6 + (next() - 0.5) * 2) * 10) / 10, note: '' });
          break;
        case 'multiple_choice': {
          const pick = Math.min(3, Math.floor(next() * 3 + (season > 0 ? 0 : 1) * next()));
          const option = tracker.settings.options[pick];
          if (option) logs.push({ trackerId: tracker.id, at: evening.toISOString(), value: [option.id], note: '' });
          break;
        }
        case 'boolean':
          logs.push({ trackerId: tracker.id, at: morning.toISOString(), value: day < 20 || next() < 0.68, note: '' });
          break;
        case 'duration':
          logs.push({ trackerId: tracker.id, at: evening.toISOString(), value: Math.round((10 + next() * 60 + (day % 7 >= 5 ? 40 : 0)) * 60), note: '' });
          break;
      }
    }
  }
  return logs;
}

async function trendsOf(page: Page, name: string): Promise<void> {
  await page.getByRole('link', { name: 'Dashboard' }).first().click();
  await openTrackerPage(page, name);
  await page.getByRole('group', { name: 'Range' }).getByRole('button', { name: '1 year' }).click();
  await page.locator('.charts canvas').first().waitFor();
  await page.getByRole('heading', { name: 'Trends' }).scrollIntoViewIfNeeded();
  // Charts draw at once (animation is off); give the resize observer a frame to settle.
  await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))');
}

async function panel(page: Page, testId: string, name: string): Promise<void> {
  const figure = page.getByTestId(testId);
  await figure.waitFor();
  await figure.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
}

describe('charts with a year of data', () => {
  it('draws every chart kind and the dashboard with the four types', async () => {
    const context = await env.browser.newContext({ timezoneId: TIME_ZONE, locale: 'en-GB', viewport: { width: 1280, height: 1000 } });
    const token = await signUpWithApi(context, env.app.url, 'charts@example.org', TIME_ZONE);
    const trackers: Tracker[] = [];
    for (const input of NEW_TRACKERS) trackers.push((await callApi<{ tracker: Tracker }>(env.app.url, 'POST', '/api/trackers', token, input)).tracker);

    const logs = yearOfLogs(trackers);
    for (let i = 0; i < logs.length; i += 40) {
      await Promise.all(
        logs.slice(i, i + 40).map(({ trackerId, ...body }) => callApi(env.app.url, 'POST', `/api/trackers/${encodeURIComponent(trackerId)}/logs`, token, body)),
      );
    }
    const reading = trackers[3]!;
    await callApi(env.app.url, 'POST', `/api/trackers/${encodeURIComponent(reading.id)}/timer`, token, {});

    const page = await context.newPage();
    await page.goto(env.app.url);
    for (const tracker of trackers) await card(page, tracker.name).waitFor();
    expect(await page.getByTestId('tracker-card').count()).toBe(4);
    await expectNoAxeViolations(page, 'the dashboard with a year of data');
    await screenshot(page, 'charts-dashboard');

    await trendsOf(page, 'Sleep');
    await panel(page, 'chart-line', 'chart-line');
    await expectNoAxeViolations(page, 'a numerical tracker page with a year of charts');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'charts-tracker-page.png') });
    // The chart is redrawn once the new range's series has come back.
    const redrawn = page.waitForResponse((response) => new URL(response.url()).pathname.endsWith('/chart'));
    await page.getByRole('group', { name: 'Range' }).getByRole('button', { name: '30 days' }).click();
    await redrawn;
    await page.getByRole('group', { name: 'Range' }).getByRole('button', { name: '30 days', pressed: true }).waitFor();
    await panel(page, 'chart-line', 'chart-line-30d');

    await trendsOf(page, 'Meditated');
    await panel(page, 'chart-done', 'chart-done');
    await panel(page, 'chart-heatmap', 'chart-heatmap');
    await expectNoAxeViolations(page, 'a yes/no tracker page with a year of charts');

    await trendsOf(page, 'Mood');
    await panel(page, 'chart-distribution', 'chart-choice-distribution');
    await panel(page, 'chart-stacked', 'chart-choice-stacked');
    await expectNoAxeViolations(page, 'a multiple-choice tracker page with a year of charts');

    await trendsOf(page, 'Reading');
    await panel(page, 'chart-duration', 'chart-duration');
    await expectNoAxeViolations(page, 'a duration tracker page with a year of charts');

    await page.emulateMedia({ colorScheme: 'dark' });
    await trendsOf(page, 'Sleep');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'charts-tracker-page-dark.png') });
    await page.getByRole('link', { name: 'Dashboard' }).first().click();
    await card(page, 'Sleep').waitFor();
    await screenshot(page, 'charts-dashboard-dark');
    await context.close();
  });
});
