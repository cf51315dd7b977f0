/**
 * CSV end to end in a real browser against the real server and store: the Import / export
 * page downloads the logs CSV (its content checked), then a trackers CSV and a logs CSV are
 * picked, previewed (times in the person's zone and format), imported, the entries are in
 * the new tracker's log table, and that tracker's page exports its own logs; Loop Habit
 * Tracker's export is imported from its ZIP archive as it comes; a file dropped on the page
 * is taken as if it were chosen.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './axe';
import { SCREENSHOT_DIR, screenshot, useBrowserAndApp } from './harness';
import { callApi, openTrackerPage, signUpWithApi, table } from './trackers-ui';

const TIME_ZONE = 'Europe/Paris';

// The page's global used inside `evaluate`: the node tsconfig has no DOM types.
declare const getComputedStyle: (element: unknown) => { readonly outlineStyle: string };

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
    await expectNoAxeViolations(page, 'the import / export page');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export all logs CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^logs-\d{4}-\d{2}-\d{2}\.csv$/);
    const exported = await readFile(await download.path(), 'utf8');
    expect(exported).toBe('\uFEFFtracker,time,value,value_canonical,note\r\nSleep,2026-01-02T07:00:00+01:00,7.5,7.5,"slept ""well"", woke once"\r\n');

    const trackersCsv = 'name,type,settings\nWater,numerical,"{""unit"":""glasses"",""decimals"":0}"\n';
    const logsCsv = 'tracker;time;value;note\nWater;2026-01-03T09:00:00+01:00;3;morning\nwater;2026-01-03T15:00:00+01:00;2;"after lunch; tea"\nSleep;2026-01-02T07:00:00+01:00;7.5;\n';
    await page.getByLabel('Choose CSV files…').setInputFiles([
      { name: 'trackers.csv', mimeType: 'text/csv', buffer: Buffer.from(trackersCsv) },
      { name: 'logs.csv', mimeType: 'text/csv', buffer: Buffer.from(logsCsv) },
    ]);
    const preview = page.getByRole('region', { name: 'Preview' });
    await preview.waitFor();
    const counts = preview.getByRole('list', { name: 'What the import does' });
    expect(await counts.textContent()).toContain('2 new entries');
    expect(await counts.textContent()).toContain('1 duplicate');
    expect(await preview.getByRole('table', { name: 'Files read' }).textContent()).toContain('semicolon');
    // 09:00 at +01:00 in Paris, en-GB: as the log table shows times, not the file's ISO text.
    const firstRows = preview.getByRole('table', { name: /first entries/ });
    expect(await firstRows.locator('time').allTextContents()).toEqual(['3 Jan 2026, 09:00', '3 Jan 2026, 15:00']);
    expect(await page.getByRole('group', { name: /^Drop CSV or ZIP files/ }).textContent()).toContain('Chosen: trackers.csv, logs.csv.');
    await expectNoAxeViolations(page, 'the import preview');
    await screenshot(page, 'csv-import-preview');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'csv-import-preview-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    await preview.getByRole('button', { name: 'Import 2 entries' }).click();
    await page.getByText('Imported 2 entries, 1 new tracker, 1 duplicate left out.').waitFor();
    await expectNoAxeViolations(page, 'the import / export page after an import');

    await page.getByRole('link', { name: 'Dashboard' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await openTrackerPage(page, 'Water');
    await page.getByTestId('log-row').nth(1).waitFor();
    const shown = await table(page);
    expect(shown.map((row) => row.slice(1))).toEqual([
      ['2 glasses', 'after lunch; tea'],
      ['3 glasses', 'morning'],
    ]);

    // The tracker's own page exports its logs, and only its logs.
    const [own] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    expect(own.suggestedFilename()).toMatch(/^logs-water-\d{4}-\d{2}-\d{2}\.csv$/);
    const ownLines = (await readFile(await own.path(), 'utf8')).split('\r\n');
    expect(ownLines[0]).toBe('\uFEFFtracker,time,value,value_canonical,note');
    expect(ownLines.slice(1).map((line) => line.split(',').slice(0, 2).join(','))).toEqual(['Water,2026-01-03T09:00:00+01:00', 'Water,2026-01-03T15:00:00+01:00', '']);
    await page.getByText(`Saved ${own.suggestedFilename()}.`).waitFor();
    await expectNoAxeViolations(page, 'a tracker page after exporting its logs');
    await screenshot(page, 'tracker-page-export');
    await context.close();
  });

  it('takes a file dropped on the page as if it were chosen', async () => {
    const context = await env.browser.newContext({ timezoneId: TIME_ZONE, locale: 'en-GB', viewport: { width: 1200, height: 900 } });
    await signUpWithApi(context, env.app.url, 'drop@example.org', TIME_ZONE);
    const page = await context.newPage();
    await page.goto(env.app.url);
    await page.getByRole('link', { name: 'Import / export' }).click();
    const zone = page.getByRole('group', { name: /^Drop CSV or ZIP files/ });

    // The file button is reached with the keyboard: Tab from Format lands on its input, and its label shows the focus ring.
    await page.getByLabel('Format').focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.getAttribute("type")')).toBe('file');
    expect(await zone.locator('label.file-button').evaluate((label) => getComputedStyle(label).outlineStyle)).toBe('solid');
    await zone.screenshot({ path: join(SCREENSHOT_DIR, 'csv-file-button-focused.png') });

    const trackersCsv = 'name,type\nWalked,boolean\n';
    // A string script: the e2e tsconfig has no DOM types.
    const dataTransfer = await page.evaluateHandle(
      `(() => { const data = new DataTransfer(); data.items.add(new File([${JSON.stringify(trackersCsv)}], 'trackers.csv', { type: 'text/csv' })); return data; })()`,
    );
    await zone.dispatchEvent('dragenter', { dataTransfer });
    expect(await zone.getAttribute('class')).toContain('dragging');
    await zone.dispatchEvent('dragover', { dataTransfer });
    await zone.dispatchEvent('drop', { dataTransfer });
    const preview = page.getByRole('region', { name: 'Preview' });
    await preview.waitFor();
    expect(await preview.getByRole('list', { name: 'What the import does' }).textContent()).toContain('1 new tracker');
    expect(await zone.textContent()).toContain('Chosen: trackers.csv.');
    await preview.getByRole('button', { name: /^Import / }).click();
    await page.getByText(/^Imported 0 entries, 1 new tracker/).waitFor();
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
    await page.getByLabel('Choose CSV files…').setInputFiles([{ name: 'Loop Habits CSV 2024-03-06.zip', mimeType: 'application/zip', buffer: Buffer.from(archive) }]);
    const preview = page.getByRole('region', { name: 'Preview' });
    await preview.waitFor();
    const counts = await preview.getByRole('list', { name: 'What the import does' }).textContent();
    // Meditate's skipped day is an entry of "Meditate (skipped days and notes)".
    expect(counts).toContain('7 new entries');
    expect(counts).toContain('4 new trackers');
    expect(counts).toContain('7 left out (why: below)');
    expect(await preview.getByRole('table', { name: 'Files read' }).textContent()).toContain('001 Meditate/Checkmarks.csv');
    expect(await preview.getByRole('table', { name: 'Left out, and why' }).textContent()).toContain('frequency (YES_AUTO)');
    await expectNoAxeViolations(page, 'the preview of a Loop Habit Tracker archive');
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
