/**
 * Issue 12's data in a real browser against the real server and store: Settings ›
 * Reminders, Monthly report and Mail saved and read back after a reload (the mail password
 * in no file of the data folder), a tracker's reminder set in the New tracker dialog, and
 * the Activity page empty and then with a record of runs, paged. Every screen is checked
 * with axe-core in light and dark; screenshots in test-results/screenshots/jobs-*.png.
 *
 * No runner makes runs yet, so the record is laid down as the store would write it:
 * jobs.json encrypted with the profile's key, while the profile is locked (its files are
 * read again at the next log-in).
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { dataLayout, openProfileCodec } from '../../src-main/core/index';
import type { JobRun, MailSettingsView, Tracker } from '../../src-preload/contract';
import { expectNoAxeViolations } from './axe';
import { screenshot, useBrowserAndApp } from './harness';
import { callApi, card, goToDashboard, signUpWithApi } from './trackers-ui';

const TIME_ZONE = 'Europe/Paris';
const PASSWORD = 'a-long-enough-password';
const SMTP_PASSWORD = 'smtp-e2e-Secret-77';

const env = useBrowserAndApp();
let people = 0;

async function openProfile(): Promise<{ context: BrowserContext; page: Page; token: string; email: string }> {
  const context = await env.browser.newContext({ timezoneId: TIME_ZONE, locale: 'en-GB', viewport: { width: 1100, height: 900 } });
  people += 1;
  const email = `jobs${people}@example.org`;
  const token = await signUpWithApi(context, env.app.url, email, TIME_ZONE);
  return { context, page: await context.newPage(), token, email };
}

async function openFromHeader(page: Page, link: string, heading: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link }).click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

/** Every file of the data folder whose bytes contain `needle`. */
async function filesContaining(dir: string, needle: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    if ((await readFile(path)).includes(needle)) found.push(path);
  }
  return found;
}

describe('issue 12’s settings and Activity in a browser', () => {
  it('Settings: reminders, the monthly report and mail are saved, read back after a reload, and the mail password is in no file', async () => {
    const { context, page, token } = await openProfile();
    await page.goto(env.app.url);
    await openFromHeader(page, 'Settings', 'Settings');

    const reminders = page.getByRole('form', { name: 'Reminders' });
    expect(await reminders.getByLabel('Nudge time').inputValue()).toBe('20:00');
    await reminders.getByLabel('Nudge time').fill('21:30');
    await reminders.getByLabel(/Only “Time to log your trackers”/).check();
    await reminders.getByRole('button', { name: 'Save reminders' }).click();
    expect(await reminders.getByRole('status').textContent()).toBe('Saved.');

    const report = page.getByRole('form', { name: 'Monthly report' });
    await report.getByLabel('Time on the 1st').fill('07:45');
    await report.getByLabel('Also e-mail it as a PDF attachment').check();
    await report.getByRole('button', { name: 'Save report settings' }).click();
    await report.getByRole('status').waitFor();

    // Mail: a wrong address is shown by its field and nothing is saved; then it is put right.
    const mail = page.getByRole('form', { name: 'Mail' });
    await mail.getByLabel('SMTP server').fill('smtp.example.org');
    await mail.getByLabel('Encryption').selectOption('tls');
    expect(await mail.getByLabel('Port').inputValue()).toBe('465');
    await mail.getByLabel('User name').fill('ada');
    await mail.getByLabel('Password', { exact: true }).fill(SMTP_PASSWORD);
    await mail.getByLabel('From').fill('ada@example.org');
    await mail.getByLabel('To').fill('not an address');
    await mail.getByRole('button', { name: 'Save mail settings' }).click();
    const wrongTo = mail.getByRole('alert');
    await wrongTo.waitFor();
    expect(await wrongTo.textContent()).toBe('Enter the address the mail goes to, such as you@example.com.');
    expect(await mail.getByLabel('To').getAttribute('aria-invalid')).toBe('true');
    expect((await callApi<{ mail: MailSettingsView | null }>(env.app.url, 'GET', '/api/settings/mail', token)).mail).toBeNull();
    await screenshot(page, 'jobs-settings-mail-error');
    await expectNoAxeViolations(page, 'the settings page with a wrong mail address');

    await mail.getByLabel('To').fill('ada+qs@example.org');
    await mail.getByRole('button', { name: 'Save mail settings' }).click();
    expect(await mail.getByRole('status').textContent()).toBe('Saved.');
    expect(await mail.getByLabel('Password', { exact: true }).getAttribute('placeholder')).toBe('kept');

    // Read back from the store after a reload.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    expect(await page.getByRole('form', { name: 'Reminders' }).getByLabel('Nudge time').inputValue()).toBe('21:30');
    expect(await page.getByRole('form', { name: 'Reminders' }).getByLabel(/Only “Time to log your trackers”/).isChecked()).toBe(true);
    expect(await page.getByRole('form', { name: 'Monthly report' }).getByLabel('Time on the 1st').inputValue()).toBe('07:45');
    const reloadedMail = page.getByRole('form', { name: 'Mail' });
    expect(await reloadedMail.getByLabel('SMTP server').inputValue()).toBe('smtp.example.org');
    expect(await reloadedMail.getByLabel('Password', { exact: true }).inputValue()).toBe('');
    expect(await reloadedMail.getByText('A password is kept. Leave this empty to keep it, or type a new one.').count()).toBe(1);
    expect(await page.getByRole('form', { name: 'Reminders' }).getByText('To the address in Mail below.').count()).toBe(1);

    await expectNoAxeViolations(page, 'the settings page with reminders, report and mail');
    await screenshot(page, 'jobs-settings');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'jobs-settings-dark');

    expect(await filesContaining(env.app.dataDir, SMTP_PASSWORD)).toEqual([]);
    await context.close();
  });

  it('a tracker’s reminder is set in the New tracker dialog and kept', async () => {
    const { context, page, token } = await openProfile();
    await page.goto(env.app.url);
    await page.getByRole('button', { name: 'New tracker' }).click();
    const form = page.getByRole('dialog', { name: 'New tracker' }).getByRole('form', { name: 'New tracker' });
    await form.getByLabel('Name').fill('Gym');
    await form.getByLabel('Type').selectOption('boolean');
    const reminder = form.getByRole('group', { name: 'Reminder' });
    await reminder.getByLabel('Saturday').uncheck();
    await reminder.getByLabel('Sunday').uncheck();
    await reminder.getByLabel(/Own time/).fill('18:00');
    await reminder.scrollIntoViewIfNeeded();
    await screenshot(page, 'jobs-tracker-reminder');
    await expectNoAxeViolations(page, 'the New tracker dialog with its reminder');
    await form.getByRole('button', { name: 'Create tracker' }).click();
    await card(page, 'Gym').waitFor();

    const { trackers } = await callApi<{ trackers: Tracker[] }>(env.app.url, 'GET', '/api/trackers', token);
    expect(trackers.map((tracker) => [tracker.name, tracker.reminder])).toEqual([['Gym', { enabled: true, days: [1, 2, 3, 4, 5], time: '18:00' }]]);
    await goToDashboard(page);
    await context.close();
  });

  it('Activity: empty at first, then the record of runs newest first, paged with Show more', async () => {
    const { context, page, email, token } = await openProfile();
    const { profile } = await callApi<{ profile: { id: string } }>(env.app.url, 'GET', '/api/session', token);
    await page.goto(env.app.url);
    await openFromHeader(page, 'Activity', 'Activity');
    const empty = page.getByText('Nothing has run yet: nudges, reports and backups will appear here.');
    await empty.waitFor();
    expect(await empty.getByRole('link', { name: 'Choose when in Settings' }).getAttribute('href')).toBe('#/settings');
    expect(await page.getByRole('table').count()).toBe(0);
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Activity' }).getAttribute('aria-current')).toBe('page');
    await expectNoAxeViolations(page, 'the empty Activity page');
    await screenshot(page, 'jobs-activity-empty');

    // Lock, lay down a record of 55 runs, and log in again.
    await page.getByRole('button', { name: 'Lock' }).click();
    const logIn = page.getByRole('form', { name: 'Log in' });
    await logIn.waitFor();
    const codec = await openProfileCodec(env.app.dataDir, profile.id, PASSWORD);
    const file = join(dataLayout(env.app.dataDir).profileDir(profile.id), 'jobs.json');
    await writeFile(file, codec.encode(file, JSON.stringify({ version: 1, runs: record(), lastCheck: null })));
    await logIn.getByLabel('Email').fill(email);
    await logIn.getByLabel('Password').fill(PASSWORD);
    await logIn.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Activity' }).waitFor();

    const rows = page.getByTestId('activity-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(50);
    expect(await rows.first().getByRole('cell').nth(3).textContent()).toBe('Nudged: Water, Sleep');
    expect(await rows.nth(1).getByRole('cell').nth(2).textContent()).toContain('Failed');
    await expectNoAxeViolations(page, 'the Activity page');
    await page.setViewportSize({ width: 1100, height: 700 });
    await screenshot(page, 'jobs-activity');

    await page.getByRole('button', { name: 'Show more' }).click();
    await rows.nth(54).waitFor();
    expect(await rows.count()).toBe(55);
    expect(await rows.last().getByRole('cell').nth(3).textContent()).toBe('Run 1');
    expect(await page.getByRole('button', { name: 'Show more' }).count()).toBe(0);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.evaluate('window.scrollTo(0, 0)');
    await screenshot(page, 'jobs-activity-dark');
    await context.close();
  });
});

/**
 * 55 runs, oldest first as the store keeps them: plain nudges, then a report made late, a
 * failed mail and the latest nudge. Dated in the month that began 35 to 66 days ago, so they
 * are all past and all within the 90 days the record keeps when a log-in's look rewrites it.
 */
function record(): JobRun[] {
  const base = new Date(Date.now() - 35 * 86_400_000);
  const at = (day: number, hour: number, minute = 0) => new Date(Date.UTC(base.getUTCFullYear(), base.getUTCMonth(), day, hour, minute)).toISOString();
  const runs: JobRun[] = Array.from({ length: 51 }, (_, index) => ({
    id: `run-${index + 1}`,
    kind: 'nudge',
    key: `nudge:run-${index + 1}`,
    dueAt: at(1 + Math.floor(index / 2), 19, index % 2),
    ranAt: at(1 + Math.floor(index / 2), 19, index % 2),
    outcome: index % 5 === 4 ? 'skipped' : 'done',
    summary: index === 0 ? 'Run 1' : index % 5 === 4 ? 'Every tracker had an entry' : 'Nudged: Sleep',
    error: null,
    day: `2026-10-${String(1 + Math.floor(index / 2)).padStart(2, '0')}`,
  }));
  runs.push(
    { id: 'report-oct', kind: 'report', key: 'report:2026-10', dueAt: at(31, 8), ranAt: at(31, 8), outcome: 'missed', summary: 'The app was closed at 09:00 on the 1st', error: null, day: '2026-10-01' },
    { id: 'report-late', kind: 'report', key: 'report:2026-09', dueAt: at(31, 8), ranAt: at(31, 9, 12), outcome: 'done', summary: 'Report for September 2026 made', error: null, day: '2026-09-01' },
    { id: 'mail-1', kind: 'mail', key: 'mail:report:2026-09', dueAt: at(31, 9, 12), ranAt: at(31, 9, 13), outcome: 'failed', summary: 'Mailing the report for September 2026', error: 'The mail server refused the login (535 Authentication failed).', day: '2026-09-01' },
    { id: 'nudge-today', kind: 'nudge', key: 'nudge:2026-10-31', dueAt: at(31, 19), ranAt: at(31, 19), outcome: 'done', summary: 'Nudged: Water, Sleep', error: null, day: '2026-10-31' },
  );
  return runs;
}
