/**
 * Backups in a real browser against the real server and store (issue 14): a profile with
 * entries is backed up from Settings › Backups, gets more entries, logs out, is restored
 * from the profile picker (the backup found, its password, the preview, a confirmation),
 * and after logging in holds the entries of the snapshot time. Checked with axe-core;
 * screenshots in test-results/screenshots/backups-*.png.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { version } from '../../package.json';
import type { Log, Tracker } from '../../src-preload/contract';
import { expectNoAxeViolations } from './axe';
import { screenshot, useBrowserAndApp } from './harness';
import { callApi, openTrackerPage, rows, signUpWithApi } from './trackers-ui';

const env = useBrowserAndApp();
const TIME_ZONE = 'Europe/Paris';
const EMAIL = 'backups@example.org';
const PASSWORD = 'a-long-enough-password';

describe('backups in a browser', () => {
  it('backs up from Settings, then restores the backup from the picker with a preview, and the entries are those of the backup', async () => {
    const context = await env.browser.newContext({ timezoneId: TIME_ZONE, locale: 'en-GB', viewport: { width: 1100, height: 900 } });
    const token = await signUpWithApi(context, env.app.url, EMAIL, TIME_ZONE);
    const { tracker } = await callApi<{ tracker: Tracker }>(env.app.url, 'POST', '/api/trackers', token, { name: 'Sleep', settings: { type: 'numerical', unit: 'h' } });
    const logsPath = `/api/trackers/${encodeURIComponent(tracker.id)}/logs`;
    for (const [day, hours] of [['2026-11-20', 7], ['2026-11-21', 8]] as const) await callApi<{ log: Log }>(env.app.url, 'POST', logsPath, token, { at: `${day}T07:00:00.000Z`, value: hours, note: `night ${day}` });

    const page = await context.newPage();
    await page.goto(env.app.url);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    const section = page.getByRole('region', { name: 'Backups' });
    await section.getByRole('button', { name: 'Back up now' }).waitFor();
    // The day's scheduled backup may already be there (the server runs the jobs): one more by hand.
    const before = await section.getByRole('listitem').count();
    await section.getByRole('button', { name: 'Back up now' }).click();
    const status = section.getByRole('status');
    await status.filter({ hasText: 'Backed up:' }).waitFor();
    expect(await status.textContent()).toMatch(/^Backed up: \d{1,2} \w{3} \d{4}, \d{2}:\d{2} · \d+ KB · made by hand\.$/);
    expect(await section.getByRole('listitem').count()).toBe(before + 1);
    // On disk: the app's version in the manifest (the built worker bundles package.json's), the files encrypted as stored.
    const { profile } = await callApi<{ profile: { id: string } }>(env.app.url, 'GET', '/api/session', token);
    const profileBackups = join(env.app.dataDir, 'backups', profile.id);
    const newest = (await readdir(profileBackups)).sort().at(-1) ?? '';
    const manifest = JSON.parse(await readFile(join(profileBackups, newest, 'manifest.json'), 'utf8')) as { appVersion: string; reason: string };
    expect(manifest).toMatchObject({ appVersion: version, reason: 'manual' });
    expect((await readFile(join(profileBackups, newest, 'profile', 'trackers.json'))).includes(Buffer.from('Sleep'))).toBe(false);
    await section.scrollIntoViewIfNeeded();
    await expectNoAxeViolations(page, 'Settings › Backups');
    await screenshot(page, 'backups-settings');

    // Activity lists it, as it lists the daily one.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Activity' }).click();
    const byHand = page.getByTestId('activity-row').filter({ hasText: 'Backed up by hand' });
    await byHand.waitFor();
    expect(await byHand.getByRole('cell').nth(1).textContent()).toMatch(/^Backup · /);
    expect(await byHand.getByRole('cell').nth(2).textContent()).toContain('Done');
    await screenshot(page, 'backups-activity');

    // After the backup: one more entry.
    await callApi(env.app.url, 'POST', logsPath, token, { at: '2026-11-22T07:00:00.000Z', value: 5, note: 'after the backup' });
    await page.getByRole('button', { name: 'Log out' }).click();

    await page.getByRole('button', { name: 'Restore from a backup' }).click();
    const restore = page.getByRole('region', { name: 'Restore from a backup' });
    // The newest backup found: the one made by hand.
    const found = restore.getByRole('button', { name: new RegExp(`${EMAIL}.*made by hand`) });
    await found.click();
    await restore.getByLabel('Password of this backup’s profile').fill('not the password');
    await restore.getByRole('button', { name: 'Show what it holds' }).click();
    await restore.getByRole('alert').filter({ hasText: 'That is not the password' }).waitFor();
    await restore.getByLabel('Password of this backup’s profile').fill(PASSWORD);
    await restore.getByRole('button', { name: 'Show what it holds' }).click();
    const preview = restore.getByRole('region', { name: 'What the backup holds' });
    await preview.waitFor();
    expect(await preview.textContent()).toContain('2 entries in 1 tracker: Sleep.');
    expect(await preview.textContent()).toContain(`Ada (${EMAIL}), backed up`);
    expect(await preview.textContent()).toContain('restoring replaces what it holds now with the backup');
    await expectNoAxeViolations(page, 'the restore preview');
    await screenshot(page, 'backups-restore-preview');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'backups-restore-preview-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    await preview.getByRole('button', { name: 'Restore this backup…' }).click();
    const confirm = preview.getByRole('alertdialog');
    expect(await confirm.textContent()).toContain(`Replace ${EMAIL}’s data on this computer with the backup of`);
    await screenshot(page, 'backups-restore-confirm');
    await confirm.getByRole('button', { name: 'Yes, restore' }).click();

    const logIn = page.getByRole('form', { name: 'Log in' });
    await logIn.getByRole('status').filter({ hasText: 'was restored' }).waitFor();
    expect(await logIn.getByLabel('Email').inputValue()).toBe(EMAIL);
    await screenshot(page, 'backups-restored-log-in');
    await logIn.getByLabel('Password').fill(PASSWORD);
    await logIn.getByRole('button', { name: 'Log in' }).click();
    await page.getByText('Logged in as Ada').waitFor();

    await openTrackerPage(page, 'Sleep');
    await rows(page).first().waitFor();
    const notes = await rows(page).locator('td').allTextContents();
    expect(await rows(page).count()).toBe(2);
    expect(notes.join(' ')).toContain('night 2026-11-21');
    expect(notes.join(' ')).not.toContain('after the backup');
    await screenshot(page, 'backups-restored-entries');
    await context.close();
  });
});
