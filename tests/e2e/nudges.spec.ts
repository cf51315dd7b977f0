/**
 * Browser mode, real server: a person turns the daily nudge on and sets its time in
 * Settings, and the next look of the job runner (at log-in) records the nudge in the
 * Activity view — shown on the host, or "could not be shown" with the reason where the
 * host has no notification service (as on a CI machine). The profile and its tracker are
 * laid down as made 100 days ago: a tracker made after a day's nudge time is nudged from
 * the next day only.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { dispatch, type Session } from '../../src-main/core/dispatch';
import { openCore } from '../../src-main/core/index';
import { expectNoAxeViolations } from './axe';
import { screenshot, useBrowserAndApp } from './harness';
import { callApi, TOKEN_KEY } from './trackers-ui';

const EMAIL = 'nudged@example.org';
const PASSWORD = 'a-long-enough-password';
const DAY_MS = 86_400_000;

async function profileMadeLongAgo(dataDir: string): Promise<void> {
  const past = new Date(Date.now() - 100 * DAY_MS);
  const core = await openCore({ dataDir, scrypt: { N: 2 ** 10, r: 8, p: 1 }, now: () => past });
  let session: Session | null = null;
  const ok = async (method: string, input: unknown): Promise<void> => {
    const answer = await dispatch(core.handlers, method, input, session);
    if (!answer.result.ok) throw new Error(`${method}: ${answer.result.error.message}`);
    session = answer.session;
  };
  try {
    await ok('signUp', { email: EMAIL, password: PASSWORD, name: 'Nina', age: 41, gender: 'female', backupCode: 'blue whale in the attic', timeZone: 'UTC' });
    // Nothing runs at the first log-in: the person turns the nudge on in the test.
    await ok('updateSettings', { nudges: { enabled: false, time: '20:00', text: 'names', byMail: false }, reports: { enabled: false, time: '09:00', byMail: false } });
    await ok('createTracker', { name: 'Water', settings: { type: 'boolean' } });
  } finally {
    await core.close();
  }
}

const env = useBrowserAndApp({ prepare: profileMadeLongAgo });

async function openFromHeader(page: Page, link: string, heading: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link }).click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

describe('the daily nudge in browser mode', () => {
  it('set the nudge time in Settings; the next look records the nudge in Activity', async () => {
    const context = await env.browser.newContext({ timezoneId: 'UTC', locale: 'en-GB', viewport: { width: 1100, height: 900 } });
    const { token } = await callApi<{ token: string }>(env.app.url, 'POST', '/api/session', null, { email: EMAIL, password: PASSWORD });
    await context.addInitScript({ content: `sessionStorage.setItem(${JSON.stringify(TOKEN_KEY)}, ${JSON.stringify(token)});` });
    const page = await context.newPage();
    await page.goto(env.app.url);

    await openFromHeader(page, 'Activity', 'Activity');
    await page.getByText('Nothing has run yet: nudges and reports will appear here.').waitFor();

    await openFromHeader(page, 'Settings', 'Settings');
    const reminders = page.getByRole('form', { name: 'Reminders' });
    await reminders.getByLabel('Nudge me about trackers without an entry for the day').check();
    // Midnight has passed today in the profile's zone, so the nudge is due at once.
    await reminders.getByLabel('Nudge time').fill('00:00');
    await reminders.getByRole('button', { name: 'Save reminders' }).click();
    expect(await reminders.getByRole('status').textContent()).toBe('Saved.');

    // The job runner looks at a profile when it is unlocked: lock, and log in again.
    await page.getByRole('button', { name: 'Lock' }).click();
    const logIn = page.getByRole('form', { name: 'Log in' });
    await logIn.getByLabel('Email').fill(EMAIL);
    await logIn.getByLabel('Password').fill(PASSWORD);
    await logIn.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();

    await openFromHeader(page, 'Activity', 'Activity');
    const today = new Date().toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
    const row = page.getByTestId('activity-row').first();
    await row.waitFor();
    const cells = row.getByRole('cell');
    expect(await cells.nth(1).textContent()).toContain(`Nudge · ${today}`);
    expect(await cells.nth(3).textContent()).toContain('Water');
    // Shown on the host, or recorded with the reason it could not be.
    const outcome = (await cells.nth(2).textContent()) ?? '';
    if (outcome.includes('Failed')) expect(await cells.nth(4).textContent()).toMatch(/^Not shown: /);
    else expect(outcome).toContain('Done');
    expect(await page.getByTestId('activity-row').count()).toBe(1);
    await expectNoAxeViolations(page, 'Activity with a nudge');
    await screenshot(page, 'nudge-activity');
    await context.close();
  });
});
