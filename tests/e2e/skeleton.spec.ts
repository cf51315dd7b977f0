/**
 * The walking skeleton, end to end in a real browser against the real server and store:
 * sign up, four trackers of the four types, two entries each, log out and in, reset the
 * password with the backup code.
 */
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { join } from 'node:path';
import { expectNoAxeViolations } from './axe';
import { SCREENSHOT_DIR, screenshot, useBrowserAndApp } from './harness';

// The browser runs in Paris time, so a back-dated entry must keep its wall time through
// the round trip (local input → ISO with offset → stored UTC → local display).
const TIME_ZONE = 'Europe/Paris';
const LOCALE = 'en-GB';

const PERSON = {
  email: 'ada@example.org',
  password: 'first-password-1',
  name: 'Ada',
  age: '36',
  backupCode: 'blue whale in the attic',
};

const env = useBrowserAndApp();

async function openPage(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await env.browser.newContext({
    timezoneId: TIME_ZONE,
    locale: LOCALE,
    viewport: { width: 1100, height: 800 },
  });
  const page = await context.newPage();
  await page.goto(env.app.url);
  return { context, page };
}

/**
 * What the log table shows for a wall time typed in TIME_ZONE. The page formats the stored
 * moment in TIME_ZONE, which gives back the typed wall time; formatting the same wall time
 * read as UTC, in UTC, gives the same text without any offset arithmetic here.
 */
function shown(localWallTime: string): string {
  const format = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
  return format.format(new Date(`${localWallTime}:00Z`));
}

async function signUp(page: Page) {
  await page.getByRole('button', { name: 'Create an account' }).click();
  const form = page.getByRole('form', { name: 'Create your account' });
  await form.waitFor();
  await expectNoAxeViolations(page, 'the sign-up form');
  await form.getByLabel('Email').fill(PERSON.email);
  await form.getByLabel('Password').fill(PERSON.password);
  await form.getByLabel('Name').fill(PERSON.name);
  await form.getByLabel('Age').fill(PERSON.age);
  await form.getByLabel('Gender').selectOption('female');
  await form.getByLabel('Backup code').fill(PERSON.backupCode);
  await form.getByRole('button', { name: 'Sign up' }).click();
}

async function logIn(page: Page, password: string) {
  const form = page.getByRole('form', { name: 'Log in' });
  await form.getByLabel('Email').fill(PERSON.email);
  await form.getByLabel('Password').fill(password);
  await form.getByRole('button', { name: 'Log in' }).click();
}

async function logOut(page: Page) {
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.getByRole('form', { name: 'Log in' }).waitFor();
}

async function expectDashboard(page: Page) {
  await page.getByText(`Logged in as ${PERSON.name}`).waitFor();
  expect(await page.getByRole('button', { name: 'Log out' }).isVisible()).toBe(true);
}

type NewTracker =
  | { name: string; description: string; type: 'numerical'; unit: string }
  | { name: string; description: string; type: 'multiple_choice'; options: string[] }
  | { name: string; description: string; type: 'boolean' | 'duration' };

async function createTracker(page: Page, tracker: NewTracker) {
  await page.getByRole('link', { name: 'Dashboard' }).first().click();
  await page.getByRole('button', { name: 'New tracker' }).click();
  const form = page.getByRole('dialog', { name: 'New tracker' }).getByRole('form', { name: 'New tracker' });
  await form.getByLabel('Name').fill(tracker.name);
  await form.getByLabel(/Description/).fill(tracker.description);
  await form.getByLabel('Type').selectOption(tracker.type);
  if (tracker.type === 'numerical') await form.getByLabel('Unit').fill(tracker.unit);
  if (tracker.type === 'multiple_choice') {
    for (const [index, label] of tracker.options.entries()) {
      if (index >= 2) await form.getByRole('button', { name: 'Add option' }).click();
      await form.getByLabel(`Option ${index + 1}`, { exact: true }).fill(label);
    }
    await form.screenshot({ path: join(SCREENSHOT_DIR, 'new-tracker-options.png') });
  }
  // Yes/no and duration trackers have no fields of their own: the other two show them all.
  if (tracker.type === 'numerical' || tracker.type === 'multiple_choice') await expectNoAxeViolations(page, `the New tracker dialog (${tracker.type})`);
  await form.getByRole('button', { name: 'Create tracker' }).click();
  await card(page, tracker.name).waitFor();
}

function card(page: Page, name: string): Locator {
  return page.getByTestId('tracker-card').filter({ has: page.getByRole('heading', { name, exact: true }) });
}

/** Entries and the log table live on the tracker's own page (`#/trackers/<id>`). */
async function openTracker(page: Page, name: string) {
  if (!(await page.getByRole('heading', { level: 1, name: 'Dashboard' }).isVisible())) {
    await page.getByRole('link', { name: 'Dashboard' }).first().click();
  }
  await card(page, name).getByRole('link', { name, exact: true }).click();
  await page.getByRole('heading', { level: 1, name, exact: true }).waitFor();
}

interface Entry {
  /** What to type or choose: number text, 'Yes'/'No', an option label, duration text. */
  readonly value: string;
  readonly when: string;
  readonly note: string;
}

async function addEntry(page: Page, tracker: NewTracker, entry: Entry) {
  const form = page.getByRole('form', { name: `Add an entry to ${tracker.name}` });
  const before = await rows(page).count();
  switch (tracker.type) {
    case 'boolean':
      await form.getByRole('radiogroup', { name: 'Value' }).getByLabel(entry.value, { exact: true }).check();
      break;
    case 'multiple_choice':
      await form.getByLabel('Value', { exact: true }).selectOption({ label: entry.value });
      break;
    case 'numerical':
    case 'duration':
      await form.getByLabel('Value', { exact: true }).fill(entry.value);
  }
  await form.getByLabel(/When/).fill(entry.when);
  await form.getByLabel('Note').fill(entry.note);
  await form.getByRole('button', { name: 'Add entry' }).click();
  await rows(page).nth(before).waitFor();
}

function rows(page: Page): Locator {
  return page.getByTestId('log-row');
}

async function tableOf(page: Page, trackerName: string): Promise<string[][]> {
  await openTracker(page, trackerName);
  await rows(page).first().waitFor();
  const cells = await Promise.all((await rows(page).all()).map((row) => row.locator('td').allTextContents()));
  return cells.map((row) => row.slice(0, 3).map((text) => text.trim()));
}

const TRACKERS: readonly { tracker: NewTracker; entries: readonly Entry[]; shownValues: readonly string[] }[] = [
  {
    tracker: { name: 'Sleep', description: 'Hours slept at night', type: 'numerical', unit: 'hours' },
    entries: [
      { value: '7.5', when: '2026-03-01T07:30', note: 'woke up once, then slept well' },
      { value: '8', when: '2026-03-02T08:00', note: '' },
    ],
    shownValues: ['8 hours', '7.5 hours'],
  },
  {
    tracker: { name: 'Mood', description: 'How the day felt', type: 'multiple_choice', options: ['Good', 'Okay', 'Bad'] },
    entries: [
      { value: 'Good', when: '2026-03-01T21:00', note: 'sunny' },
      { value: 'Bad', when: '2026-03-02T21:15', note: 'rain all day' },
    ],
    shownValues: ['Bad', 'Good'],
  },
  {
    tracker: { name: 'Meditated', description: 'Ten minutes in the morning', type: 'boolean' },
    entries: [
      { value: 'Yes', when: '2026-03-01T06:45', note: 'before coffee' },
      { value: 'No', when: '2026-03-02T06:45', note: 'overslept' },
    ],
    shownValues: ['No', 'Yes'],
  },
  {
    tracker: { name: 'Reading', description: 'Time spent reading books', type: 'duration' },
    entries: [
      { value: '90m', when: '2026-03-01T22:00', note: 'novel' },
      { value: '45s', when: '2026-03-02T22:30', note: 'just a page, then asleep' },
    ],
    shownValues: ['45s', '1h 30m'],
  },
];

/** The table each tracker must show: newest first, local time, value in words, note. */
function expectedTable(index: number): string[][] {
  const { entries, shownValues } = TRACKERS[index]!;
  return [...entries].reverse().map((entry, row) => [shown(entry.when), shownValues[row]!, entry.note]);
}

describe('the walking skeleton in a browser', () => {
  it('signs up, tracks four kinds of things, logs out and in, and resets the password', async () => {
    const { context, page } = await openPage();
    await page.getByRole('form', { name: 'Log in' }).waitFor();
    await expectNoAxeViolations(page, 'the log-in screen');

    await signUp(page);
    await expectDashboard(page);
    expect(await page.getByRole('heading', { name: 'Start tracking something' }).isVisible()).toBe(true);
    await expectNoAxeViolations(page, 'the empty dashboard');

    for (const { tracker, entries } of TRACKERS) {
      await createTracker(page, tracker);
      await openTracker(page, tracker.name);
      for (const entry of entries) await addEntry(page, tracker, entry);
    }
    for (const [index, { tracker }] of TRACKERS.entries()) {
      expect(await tableOf(page, tracker.name), tracker.name).toEqual(expectedTable(index));
    }
    await page.getByRole('link', { name: 'Dashboard' }).first().click();
    await card(page, 'Reading').waitFor();
    expect(await page.getByTestId('tracker-card').locator('h3').allTextContents()).toEqual(
      TRACKERS.map(({ tracker }) => tracker.name),
    );
    await expectNoAxeViolations(page, 'the dashboard with four trackers');
    await screenshot(page, 'dashboard');

    // A value the core cannot read: its message shows by the field, nothing is logged.
    await openTracker(page, 'Reading');
    const reading = page.getByRole('form', { name: 'Add an entry to Reading' });
    await reading.getByLabel('Value', { exact: true }).fill('a while');
    await reading.getByRole('button', { name: 'Add entry' }).click();
    const valueError = reading.getByRole('alert');
    await valueError.waitFor();
    expect(await valueError.textContent()).not.toBe('');
    expect(await reading.getByLabel('Value', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await rows(page).count()).toBe(2);
    await expectNoAxeViolations(page, 'a tracker page with a refused value');
    await reading.screenshot({ path: join(SCREENSHOT_DIR, 'add-entry-error.png') });

    // A reload keeps the session (the token lives in sessionStorage).
    await page.reload();
    await expectDashboard(page);
    await rows(page).first().waitFor();

    await logOut(page);
    await screenshot(page, 'log-in');
    await logIn(page, PERSON.password);
    await expectDashboard(page);
    for (const [index, { tracker }] of TRACKERS.entries()) {
      expect(await tableOf(page, tracker.name), tracker.name).toEqual(expectedTable(index));
    }

    await logOut(page);
    await page.getByRole('button', { name: 'Forgot your password?' }).click();
    const reset = page.getByRole('form', { name: 'Reset your password' });
    await reset.getByLabel('Email').fill(PERSON.email);
    await reset.getByLabel('Backup code').fill(PERSON.backupCode);
    await reset.getByLabel('New password').fill('second-password-2');
    await expectNoAxeViolations(page, 'the reset-password form');
    await reset.getByRole('button', { name: 'Set new password' }).click();
    // The reset hands out a new backup code, shown once (accounts.spec.ts checks it in depth).
    await page.getByRole('region', { name: 'Your new backup code' }).waitFor();
    await expectNoAxeViolations(page, 'the new backup code');
    await page.getByRole('button', { name: 'I have saved it' }).click();
    const notice = page.getByRole('form', { name: 'Log in' }).getByRole('status');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('Your password was changed');

    await logIn(page, PERSON.password);
    const refused = page.getByRole('form', { name: 'Log in' }).getByRole('alert');
    await refused.waitFor();
    expect(await refused.textContent()).toBe('That e-mail and password do not match a profile on this computer.');
    await expectNoAxeViolations(page, 'a refused log-in');

    await logIn(page, 'second-password-2');
    await expectDashboard(page);
    expect(await tableOf(page, 'Sleep')).toEqual(expectedTable(0));

    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'dashboard-dark');

    await context.close();
  });

  it('shows the app’s message next to the field it is about', async () => {
    const { context, page } = await openPage();
    await page.getByRole('button', { name: 'Create an account' }).click();
    const form = page.getByRole('form', { name: 'Create your account' });
    await form.getByLabel('Email').fill('grace@example.org');
    await form.getByLabel('Password').fill('short');
    await form.getByLabel('Name').fill('Grace');
    await form.getByLabel('Age').fill('40');
    await form.getByLabel('Backup code').fill('a long enough backup code');
    await form.getByRole('button', { name: 'Sign up' }).click();

    const alert = form.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/password needs at least \d+ characters/);
    expect(await form.getByLabel('Password').getAttribute('aria-invalid')).toBe('true');
    await expectNoAxeViolations(page, 'the sign-up form with an error');
    await screenshot(page, 'sign-up-error');
    await context.close();
  });
});
