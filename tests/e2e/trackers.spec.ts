/**
 * Trackers end to end in a real browser against the real server and store: for each type,
 * create, log (quick entry and back-dated), edit a log, delete one with undo, edit the
 * tracker, archive and restore; a duration timer that survives a reload; the trash.
 */
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { expectNoAxeViolations } from './axe';
import { screenshot, useBrowserAndApp } from './harness';
import { card, createTracker, fillValue, goToDashboard, openTrackerPage, rows, signUpWithApi, table, type NewTracker } from './trackers-ui';

const TIME_ZONE = 'Europe/Paris';
const LOCALE = 'en-GB';

const env = useBrowserAndApp();
let people = 0;

/** A fresh profile per test, logged in, on the dashboard. */
async function openDashboard(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await env.browser.newContext({ timezoneId: TIME_ZONE, locale: LOCALE, viewport: { width: 1200, height: 900 } });
  people += 1;
  await signUpWithApi(context, env.app.url, `person${people}@example.org`, TIME_ZONE);
  const page = await context.newPage();
  await page.goto(env.app.url);
  await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
  return { context, page };
}

/** What the table shows for a wall time typed in TIME_ZONE (the page shows it back in TIME_ZONE). */
function shown(wallTime: string): string {
  return new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(`${wallTime}:00Z`));
}

interface Case {
  tracker: NewTracker;
  /** Logged from the dashboard card (now). */
  quick: string;
  quickShown: string;
  /** Logged on the tracker page, back-dated. */
  backDated: string;
  /** …then edited to this value. */
  edited: string;
  editedShown: string;
}

const CASES: Case[] = [
  { tracker: { name: 'Sleep', type: 'numerical', unit: 'hours', emoji: '😴' }, quick: '7.5', quickShown: '7.5 hours', backDated: '6', edited: '6.5', editedShown: '6.5 hours' },
  { tracker: { name: 'Mood', type: 'multiple_choice', options: ['Good', 'Okay', 'Bad'], emoji: '🙂' }, quick: 'Good', quickShown: 'Good', backDated: 'Bad', edited: 'Okay', editedShown: 'Okay' },
  {
    tracker: { name: 'Activities', type: 'multiple_choice', options: ['Work', 'Gym', 'Home'], multiple: true },
    quick: 'Work, Gym',
    quickShown: 'Work, Gym',
    backDated: 'Home',
    edited: 'Work, Home',
    editedShown: 'Work, Home',
  },
  { tracker: { name: 'Meditated', type: 'boolean', emoji: '🧘' }, quick: 'Yes', quickShown: 'Yes', backDated: 'No', edited: 'Yes', editedShown: 'Yes' },
  { tracker: { name: 'Reading', type: 'duration', emoji: '📚' }, quick: '45m', quickShown: '45m', backDated: '1:30', edited: '2h 5m', editedShown: '2h 5m' },
];

const BACK_DATED_AT = '2026-03-01T07:30';

describe('trackers in a browser', () => {
  for (const example of CASES) {
    const { tracker } = example;
    it(`${tracker.name} (${tracker.type}${'multiple' in tracker && tracker.multiple ? ', several options' : ''}): create, log, edit a log, delete with undo, edit, archive and restore`, async () => {
      const { context, page } = await openDashboard();
      await createTracker(page, tracker);

      // Quick entry on the card.
      const onCard = card(page, tracker.name);
      if (tracker.type === 'boolean') {
        await onCard.getByRole('button', { name: 'Yes for today' }).click();
      } else {
        const quick = onCard.getByRole('form', { name: `Quick entry for ${tracker.name}` });
        await fillValue(quick, tracker.type, example.quick);
        await quick.getByRole('button', { name: 'Log' }).click();
      }
      await onCard.getByText(`Today: ${example.quickShown}`).waitFor();
      expect(await onCard.getByText('1-day streak').isVisible()).toBe(true);
      await expectNoAxeViolations(page, `the dashboard with a ${tracker.type} card`);

      // A back-dated entry on the tracker page.
      await openTrackerPage(page, tracker.name);
      const entry = page.getByRole('form', { name: `Add an entry to ${tracker.name}` });
      await fillValue(entry, tracker.type, example.backDated);
      await entry.getByLabel(/When/).fill(BACK_DATED_AT);
      await entry.getByLabel('Note').fill('from last spring');
      await entry.getByRole('button', { name: 'Add entry' }).click();
      await rows(page).nth(1).waitFor();
      expect((await table(page))[1]?.[0]).toBe(shown(BACK_DATED_AT));
      expect((await table(page))[0]?.[1]).toBe(example.quickShown);
      await expectNoAxeViolations(page, `the ${tracker.type} tracker page`);

      // Edit the back-dated entry in its dialog.
      await rows(page).nth(1).getByRole('button', { name: 'Edit' }).click();
      const dialog = page.getByRole('dialog', { name: 'Edit entry' });
      if (tracker.type === 'multiple_choice' && 'multiple' in tracker && tracker.multiple) {
        for (const option of tracker.options) await dialog.getByLabel(option, { exact: true }).uncheck();
      }
      await fillValue(dialog, tracker.type, example.edited);
      await dialog.getByLabel('Note').fill('remembered better');
      await expectNoAxeViolations(page, `the Edit entry dialog (${tracker.type})`);
      await dialog.getByRole('button', { name: 'Save' }).click();
      await dialog.waitFor({ state: 'detached' });
      expect((await table(page))[1]).toEqual([shown(BACK_DATED_AT), example.editedShown, 'remembered better']);

      // Delete it, then undo.
      await rows(page).nth(1).getByRole('button', { name: 'Delete' }).click();
      await rows(page).nth(1).getByRole('group', { name: 'Confirm deletion' }).getByRole('button', { name: 'Delete' }).click();
      await page.getByTestId('toast').waitFor();
      await rows(page).nth(1).waitFor({ state: 'detached' });
      expect(await rows(page).count()).toBe(1);
      await expectNoAxeViolations(page, `the ${tracker.type} tracker page with an undo toast`);
      await page.getByTestId('toast').getByRole('button', { name: 'Undo' }).click();
      await rows(page).nth(1).waitFor();
      expect((await table(page))[1]).toEqual([shown(BACK_DATED_AT), example.editedShown, 'remembered better']);

      // Edit the tracker: a new name (and for choices a renamed option, which old logs follow).
      await page.getByRole('button', { name: 'Edit', exact: true }).first().click();
      const edit = page.getByRole('dialog', { name: `Edit ${tracker.name}` });
      const renamed = `${tracker.name} (daily)`;
      await edit.getByLabel('Name').fill(renamed);
      if (tracker.type === 'multiple_choice') await edit.getByLabel('Option 1', { exact: true }).fill(`${tracker.options[0]}!`);
      await expectNoAxeViolations(page, `the Edit tracker dialog (${tracker.type})`);
      await edit.getByRole('button', { name: 'Save changes' }).click();
      await page.getByRole('heading', { level: 1, name: renamed }).waitFor();
      if (tracker.type === 'multiple_choice') {
        const first = tracker.options[0] ?? '';
        await rows(page).first().getByText(example.quickShown.replace(first, `${first}!`), { exact: true }).waitFor();
      }

      // Archive: hidden on the dashboard until "Show archived"; restore from its page.
      await page.getByRole('button', { name: 'Archive' }).click();
      await page.getByRole('button', { name: 'Restore' }).waitFor();
      await goToDashboard(page);
      expect(await card(page, renamed).count()).toBe(0);
      await page.getByLabel('Show archived (1)').check();
      await card(page, renamed).waitFor();
      await expectNoAxeViolations(page, `the dashboard with an archived ${tracker.type} card`);
      await openTrackerPage(page, renamed);
      await page.getByRole('button', { name: 'Restore' }).click();
      await page.getByRole('button', { name: 'Archive' }).waitFor();
      await goToDashboard(page);
      await card(page, renamed).waitFor();
      await context.close();
    });
  }

  it('reorders cards by drag and by keyboard, and keeps the order after a reload', async () => {
    const { context, page } = await openDashboard();
    for (const name of ['First', 'Second', 'Third']) await createTracker(page, { name, type: 'boolean' });
    const names = () => page.getByTestId('tracker-card').locator('h3').allTextContents();
    expect(await names()).toEqual(['First', 'Second', 'Third']);

    await card(page, 'Third').dragTo(card(page, 'First'), { targetPosition: { x: 40, y: 10 } });
    await page.waitForFunction(() => {
      const { document } = globalThis as unknown as { document: { querySelector(selector: string): { textContent: string | null } | null } };
      return document.querySelector('[data-testid="tracker-card"] h3')?.textContent === 'Third';
    });
    expect(await names()).toEqual(['Third', 'First', 'Second']);

    await card(page, 'First').getByRole('button', { name: 'Move First down' }).focus();
    await page.keyboard.press('Alt+ArrowDown');
    await card(page, 'First').getByRole('button', { name: 'Move First up' }).waitFor();
    await page.waitForFunction(() => {
      const { document } = globalThis as unknown as { document: { querySelectorAll(selector: string): ArrayLike<{ textContent: string | null }> } };
      return Array.from(document.querySelectorAll('[data-testid="tracker-card"] h3'), (h) => h.textContent).join() === 'Third,Second,First';
    });
    await page.reload();
    await card(page, 'First').waitFor();
    expect(await names()).toEqual(['Third', 'Second', 'First']);
    await context.close();
  });

  it('refuses to change the type of a tracker that has entries, and says why', async () => {
    const { context, page } = await openDashboard();
    await createTracker(page, { name: 'Steps', type: 'numerical', unit: 'steps' });
    const quick = card(page, 'Steps').getByRole('form', { name: 'Quick entry for Steps' });
    await quick.getByLabel('Value', { exact: true }).fill('9000');
    await quick.getByRole('button', { name: 'Log' }).click();
    await card(page, 'Steps').getByText(/^Today: 9,000 steps$/).waitFor();
    await openTrackerPage(page, 'Steps');
    await page.getByRole('button', { name: 'Edit', exact: true }).first().click();
    const edit = page.getByRole('dialog', { name: 'Edit Steps' });
    await edit.getByLabel('Type').selectOption('boolean');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    const alert = edit.getByRole('alert');
    await alert.waitFor();
    expect((await alert.textContent())?.length).toBeGreaterThan(10);
    await expectNoAxeViolations(page, 'the Edit tracker dialog refusing a type change');
    await screenshot(page, 'tracker-type-locked');
    await page.keyboard.press('Escape');
    await edit.waitFor({ state: 'detached' });
    expect(await page.getByRole('heading', { level: 1, name: 'Steps' }).isVisible()).toBe(true);
    await context.close();
  });

  it('runs a timer that survives a reload, and logs its duration when stopped', async () => {
    const { context, page } = await openDashboard();
    await createTracker(page, { name: 'Focus', type: 'duration', emoji: '⏱️' });
    await card(page, 'Focus').getByRole('button', { name: 'Start timer' }).click();
    const timer = card(page, 'Focus').getByRole('timer', { name: 'Focus timer' });
    await page.waitForFunction(() => /0:00:0[2-9]/.test(String((globalThis as { document?: { body: { innerText: string } } }).document?.body.innerText)));
    await page.reload();
    await timer.waitFor();
    expect(await timer.textContent()).toMatch(/^0:00:\d\d$/);
    await expectNoAxeViolations(page, 'the dashboard with a running timer');
    await card(page, 'Focus').getByRole('button', { name: 'Stop timer' }).click();
    await card(page, 'Focus').getByRole('button', { name: 'Start timer' }).waitFor();
    const today = card(page, 'Focus').getByText(/^Today: \d+s$/);
    await today.waitFor();
    await openTrackerPage(page, 'Focus');
    await rows(page).first().waitFor();
    expect((await table(page))[0]?.[1]).toMatch(/^\d+s$/);
    await context.close();
  });

  it('moves a deleted tracker to the trash, with undo, restore and delete forever', async () => {
    const { context, page } = await openDashboard();
    await createTracker(page, { name: 'Water', type: 'numerical', unit: 'glasses', emoji: '💧' });
    await openTrackerPage(page, 'Water');
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('button', { name: 'Move to trash' }).waitFor();
    await expectNoAxeViolations(page, 'a tracker page asking to confirm its deletion');
    await page.getByRole('button', { name: 'Move to trash' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await page.getByTestId('toast').getByRole('button', { name: 'Undo' }).click();
    await page.getByRole('heading', { level: 1, name: 'Water' }).waitFor();

    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('button', { name: 'Move to trash' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    expect(await card(page, 'Water').count()).toBe(0);
    await page.getByRole('link', { name: 'Trash' }).click();
    const item = page.getByTestId('trash-item').filter({ hasText: 'Water' });
    await item.waitFor();
    await expectNoAxeViolations(page, 'the trash with a tracker');
    await screenshot(page, 'trash');
    await item.getByRole('button', { name: 'Restore' }).click();
    await item.waitFor({ state: 'detached' });
    await goToDashboard(page);
    await card(page, 'Water').waitFor();

    await openTrackerPage(page, 'Water');
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('button', { name: 'Move to trash' }).click();
    // The page goes to the dashboard once the deletion is stored; the trash read before that would miss Water.
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await page.getByRole('link', { name: 'Trash' }).click();
    await item.getByRole('button', { name: 'Delete forever' }).click();
    await item.getByRole('button', { name: 'Delete forever' }).click();
    await page.getByText('The trash is empty.', { exact: false }).waitFor();
    await expectNoAxeViolations(page, 'the empty trash');
    await context.close();
  });
});
