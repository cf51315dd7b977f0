/**
 * Browser mode, real server: a person turns the daily nudge on and sets its time in
 * Settings, and the next look of the job runner (at log-in) records the nudge in the
 * Activity view — "could not be shown" with the reason, as the server here has no
 * notification service (its PATH holds no notify-send, as on a machine without a desktop).
 * Then the person allows this browser's notifications in Settings, and the page shows the
 * nudge the server could not; a click on it opens the tracker. The browser's Notification
 * API is a recording stand-in (headless Chromium shows none). The profile and its tracker are
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
    await ok('updateBackupSettings', { enabled: false, keep: 7, folder: null });
    await ok('createTracker', { name: 'Water', settings: { type: 'boolean' } });
  } finally {
    await core.close();
  }
}

const env = useBrowserAndApp({ prepare: profileMadeLongAgo, env: { PATH: '/nonexistent' } });

/** Stands in for the browser's Notification API before the page loads: allowed on request (kept across a reload), every notification recorded. */
const RECORDING_NOTIFICATIONS = `
  window.__notifications = [];
  window.Notification = class {
    static permission = sessionStorage.getItem('test-notifications') ?? 'default';
    static requestPermission() { sessionStorage.setItem('test-notifications', 'granted'); window.Notification.permission = 'granted'; return Promise.resolve('granted'); }
    constructor(title, options) { this.title = title; this.body = options?.body; this.onclick = null; window.__notifications.push(this); }
    close() {}
  };
`;

interface RecordedNotification {
  readonly title: string;
  readonly body: string;
}

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
    await page.getByText('Nothing has run yet: nudges, reports and backups will appear here.').waitFor();

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
    // The server has no notification service: recorded with the reason it could not be shown.
    expect(await cells.nth(2).textContent()).toContain('Failed');
    expect(await cells.nth(4).textContent()).toMatch(/^Not shown: .*notify-send/);
    expect(await page.getByTestId('activity-row').count()).toBe(1);
    await expectNoAxeViolations(page, 'Activity with a nudge');
    await screenshot(page, 'nudge-activity');
    await context.close();
  });

  it('shows the nudge the server could not as a browser notification once allowed, and opens the tracker from it', async () => {
    const context = await env.browser.newContext({ timezoneId: 'UTC', locale: 'en-GB', viewport: { width: 1100, height: 900 } });
    const { token } = await callApi<{ token: string }>(env.app.url, 'POST', '/api/session', null, { email: EMAIL, password: PASSWORD });
    await context.addInitScript({ content: `sessionStorage.setItem(${JSON.stringify(TOKEN_KEY)}, ${JSON.stringify(token)});${RECORDING_NOTIFICATIONS}` });
    const page = await context.newPage();
    await page.goto(`${env.app.url}#/settings`);
    const reminders = page.getByRole('form', { name: 'Reminders' });
    await reminders.getByRole('button', { name: 'Show nudges in this browser' }).click();
    expect(await reminders.getByRole('status').first().textContent()).toBe('Nudges show as this browser’s notifications while this page is open.');
    await screenshot(page, 'nudge-browser-allowed');

    await page.waitForFunction('window.__notifications.length > 0');
    const shown = await page.evaluate<RecordedNotification[]>('window.__notifications.map(({ title, body }) => ({ title, body }))');
    expect(shown).toEqual([{ title: "Time to log today's entries", body: 'No entry yet today: Water.' }]);

    await page.evaluate('window.__notifications[0].onclick()');
    await page.getByRole('heading', { level: 1, name: 'Water' }).waitFor();
    expect(page.url()).toMatch(/#\/trackers\/[^/]+$/);

    // A reload shows nothing twice: the page looks again at once, finds the same run, and
    // the browser remembers it showed it.
    const looked = page.waitForResponse((response) => response.url().endsWith('/api/activity/query'));
    await page.reload();
    expect(JSON.stringify(await (await looked).json())).toContain('"outcome":"failed"');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Activity' }).click();
    await page.getByTestId('activity-row').first().waitFor();
    expect(await page.evaluate('window.__notifications.length')).toBe(0);
    await context.close();
  });
});
