/**
 * CSV end to end in a real browser against the real server and store: the Import / export
 * page downloads the logs CSV (its content checked), then a trackers CSV and a logs CSV are
 * picked, previewed, imported, and the entries are in the new tracker's log table; and
 * Loop Habit Tracker's export is imported from its ZIP archive as it comes.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { screenshot, useBrowserAndApp } from './harness';
import { callApi, openTrackerPage, signUpWithApi, table } from './trackers-ui';

const TIME_ZONE = 'Europe/Paris';

const env = useBrowserAndApp();

describe('CSV import and export', () => {
  it('exports the logs as a download, then imports files with a preview into the tables', async () => {
    const context = await env.browser.newContext({ timezoneId: TIME_ZONE, locale: 'en-GB', viewport: { width: 1200, height: 900 }, acceptDownloads: true });
    const token = await signUpWithApi(context, env.app.url, 'csv@example.org', TIME_ZONE);
    const { tracker } = await callApi<{ tracker: { id: string } }>(env.app.url, 'POST', '/api/trackers', token, { name: 'Sleep', settings: { type: 'numerical', unit: 'hours', decimals: 1 } });
    await callApi(env.app.url, 'POST', `/api/trackers/${tracker.id}/logs`, token, { value: 7.5, at: '2026-01-02T07:00:00+01:00', note: 'slept "well", woke once' });

    const page = await context.newPage();
    await page.goto(env.app.url);
    await page.getByRole('link', { name: 'Import / export' }).click();
    await page.getByRole('heading', { level: 1, name: 'Import / export' }).waitFor();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export all logs CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^logs-\d{4}-\d{2}-\d{2}\.csv$/);
    const exported = await readFile(await download.path(), 'utf8');
    expect(exported).toBe('\uFEFFtracker,time,value,value_canonical,note\r\nSleep,2026-01-02T07:00:00+01:00,7.5,7.5,"slept ""well"", woke once"\r\n');

    const trackersCsv = 'name,type,settings\nWater,numerical,"{""unit"":""glasses"",""decimals"":0}"\n';
    const logsCsv = 'tracker;time;value;note\nWater;2026-01-03T09:00:00+01:00;3;morning\nwater;2026-01-03T15:00:00+01:00;2;"after lunch; tea"\nSleep;2026-01-02T07:00:00+01:00;7.5;\n';
    await page.getByLabel('CSV files').setInputFiles([
      { name: 'trackers.csv', mimeType: 'text/csv', buffer: Buffer.from(trackersCsv) },
      { name: 'logs.csv', mimeType: 'text/csv', buffer: Buffer.from(logsCsv) },
    ]);
    const preview = page.getByRole('region', { name: 'Preview' });
    await preview.waitFor();
    const counts = preview.getByRole('list', { name: 'What the import does' });
    expect(await counts.textContent()).toContain('2 new entries');
    expect(await counts.textContent()).toContain('1 duplicate');
    expect(await preview.getByRole('table', { name: 'Files read' }).textContent()).toContain('semicolon');
    await screenshot(page, 'csv-import-preview');

    await preview.getByRole('button', { name: 'Import 2 entries' }).click();
    await page.getByText('Imported 2 entries, 1 new tracker, 1 duplicate left out.').waitFor();

    await page.getByRole('link', { name: 'Dashboard' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await openTrackerPage(page, 'Water');
    await page.getByTestId('log-row').nth(1).waitFor();
    const shown = await table(page);
    expect(shown.map((row) => row.slice(1))).toEqual([
      ['2 glasses', 'after lunch; tea'],
      ['3 glasses', 'morning'],
    ]);
    await context.close();
  });

  it('imports Loop Habit Tracker’s export from its ZIP archive', async () => {
    const context = await env.browser.newContext({ timezoneId: TIME_ZONE, locale: 'en-GB', viewport: { width: 1200, height: 900 } });
    await signUpWithApi(context, env.app.url, 'loop@example.org', TIME_ZONE);
    const loop = join(import.meta.dirname, '../fixtures/csv/loop');
    const entry = async (path: string) => new Uint8Array(await readFile(join(loop, path)));
    const archive = zipSync({
      'Habits.csv': await entry('Habits.csv'),
      'Checkmarks.csv': await entry('Checkmarks.csv'),
      '001 Meditate': { 'Checkmarks.csv': await entry('001 Meditate/Checkmarks.csv') },
      '002 Run': { 'Checkmarks.csv': await entry('002 Run/Checkmarks.csv') },
    });

    const page = await context.newPage();
    await page.goto(env.app.url);
    await page.getByRole('link', { name: 'Import / export' }).click();
    await page.getByLabel('Format').selectOption({ label: 'Loop Habit Tracker' });
    await page.getByLabel('CSV files').setInputFiles([{ name: 'Loop Habits CSV 2024-03-06.zip', mimeType: 'application/zip', buffer: Buffer.from(archive) }]);
    const preview = page.getByRole('region', { name: 'Preview' });
    await preview.waitFor();
    const counts = await preview.getByRole('list', { name: 'What the import does' }).textContent();
    // Meditate's skipped day is an entry of "Meditate (skipped days and notes)".
    expect(counts).toContain('7 new entries');
    expect(counts).toContain('4 new trackers');
    expect(counts).toContain('7 left out (why: below)');
    expect(await preview.getByRole('table', { name: 'Files read' }).textContent()).toContain('001 Meditate/Checkmarks.csv');
    expect(await preview.getByRole('table', { name: 'Left out, and why' }).textContent()).toContain('frequency (YES_AUTO)');
    await screenshot(page, 'csv-import-loop-zip');

    await preview.getByRole('button', { name: 'Import 7 entries' }).click();
    await page.getByText(/^Imported 7 entries, 4 new trackers/).waitFor();
    await page.getByRole('link', { name: 'Dashboard' }).first().click();
    await openTrackerPage(page, 'Run');
    await page.getByTestId('log-row').nth(1).waitFor();
    expect((await table(page)).map((row) => row.at(-1))).toEqual(['Park loop, windy', '']);
    await context.close();
  });
});
