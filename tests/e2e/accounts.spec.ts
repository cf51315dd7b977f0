/**
 * Accounts end to end in a real browser against the real server and encrypted store: two
 * profiles that see only their own trackers, the profile picker, lock, reset with the
 * backup code (a new code each time, the old one refused), and the settings page.
 */
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { expectNoAxeViolations } from './axe';
import { screenshot, useBrowserAndApp } from './harness';

interface Person {
  readonly email: string;
  readonly password: string;
  readonly name: string;
  readonly age: string;
  readonly backupCode: string;
  readonly tracker: string;
}

const ADA: Person = {
  email: 'ada@example.org',
  password: 'ada-first-password',
  name: 'Ada',
  age: '36',
  backupCode: 'blue whale in the attic',
  tracker: 'Ada’s sleep',
};

const GRACE: Person = {
  email: 'grace@example.org',
  password: 'grace-first-password',
  name: 'Grace',
  age: '45',
  backupCode: 'compiler under the stairs',
  tracker: 'Grace’s reading',
};

const TOKEN_KEY = 'quantified-self.token';

// The page's globals used inside `page.evaluate`: the node tsconfig has no DOM types.
declare const sessionStorage: { getItem(key: string): string | null };
declare const document: { readonly activeElement: { getAttribute(name: string): string | null; readonly textContent: string | null } | null };

const env = useBrowserAndApp();

async function openPage(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await env.browser.newContext({ timezoneId: 'Europe/Paris', locale: 'en-GB', viewport: { width: 1100, height: 800 } });
  const page = await context.newPage();
  await page.goto(env.app.url);
  return { context, page };
}

const logInForm = (page: Page) => page.getByRole('form', { name: 'Log in' });
const picker = (page: Page) => page.getByRole('region', { name: 'Profiles on this computer' });

async function signUp(page: Page, person: Person) {
  await page.getByRole('button', { name: 'Create an account' }).click();
  const form = page.getByRole('form', { name: 'Create your account' });
  await form.getByLabel('Email').fill(person.email);
  await form.getByLabel('Password').fill(person.password);
  await form.getByLabel('Name').fill(person.name);
  await form.getByLabel('Age').fill(person.age);
  await form.getByLabel('Backup code').fill(person.backupCode);
  await form.getByRole('button', { name: 'Sign up' }).click();
  await expectLoggedIn(page, person);
}

async function expectLoggedIn(page: Page, person: Person) {
  await page.getByText(`Logged in as ${person.name}`).waitFor();
}

async function logIn(page: Page, email: string, password: string) {
  const form = logInForm(page);
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Password').fill(password);
  await form.getByRole('button', { name: 'Log in' }).click();
}

async function logOut(page: Page) {
  await page.getByRole('button', { name: 'Log out' }).click();
  await logInForm(page).waitFor();
}

/** Ask the server as the page does (same origin, the page's token); returns the parsed answer. */
function callApi(page: Page, verb: string, path: string, body?: unknown, token?: string | null) {
  return page.evaluate(
    async ({ verb, path, body, token, tokenKey }) => {
      const bearer = token === undefined ? sessionStorage.getItem(tokenKey) : token;
      const headers: Record<string, string> = { Accept: 'application/json' };
      if (bearer) headers.Authorization = `Bearer ${bearer}`;
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      const response = await fetch(path, { method: verb, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      return (await response.json()) as { ok: boolean; value?: unknown; error?: { code: string; message: string } };
    },
    { verb, path, body, token, tokenKey: TOKEN_KEY },
  );
}

/** Through the API, to save time: the tracker UI has its own e2e spec. */
async function createTracker(page: Page, name: string) {
  const answer = await callApi(page, 'POST', '/api/trackers', { name, settings: { type: 'boolean' } });
  expect(answer.ok, JSON.stringify(answer)).toBe(true);
}

async function trackerNames(page: Page): Promise<string[]> {
  await page.getByTestId('tracker-card').first().waitFor();
  return page.getByTestId('tracker-card').locator('h3').allTextContents();
}

/** The code the backup-code screen shows, after checking the screen is there. */
async function shownBackupCode(page: Page): Promise<string> {
  const region = page.getByRole('region', { name: 'Your new backup code' });
  await region.waitFor();
  const code = (await region.locator('.code').textContent())?.trim() ?? '';
  expect(code.length).toBeGreaterThanOrEqual(8);
  return code;
}

async function resetPassword(page: Page, email: string, backupCode: string, newPassword: string) {
  await page.getByRole('button', { name: 'Forgot your password?' }).click();
  const form = page.getByRole('form', { name: 'Reset your password' });
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Backup code').fill(backupCode);
  await form.getByLabel('New password').fill(newPassword);
  await form.getByRole('button', { name: 'Set new password' }).click();
  return form;
}

describe('accounts in a browser', () => {
  it('keeps two profiles apart, lists both in the picker, and locks back to the password prompt', async () => {
    const { context, page } = await openPage();
    const empty = picker(page).getByText(/There are no profiles on this computer yet/);
    await empty.waitFor();
    expect(await picker(page).getByRole('listitem').count()).toBe(0);
    await expectNoAxeViolations(page, 'the profile picker with no profiles');

    await signUp(page, ADA);
    await createTracker(page, ADA.tracker);
    await page.reload();
    expect(await trackerNames(page)).toEqual([ADA.tracker]);
    await logOut(page);

    await signUp(page, GRACE);
    await createTracker(page, GRACE.tracker);
    await page.reload();
    expect(await trackerNames(page)).toEqual([GRACE.tracker]);
    const graceList = await callApi(page, 'GET', '/api/trackers');
    expect(JSON.stringify(graceList)).not.toContain(ADA.tracker);
    await logOut(page);

    // The picker lists both; choosing one fills the e-mail and puts the cursor in the password.
    const profiles = picker(page).getByRole('listitem');
    await profiles.nth(1).waitFor();
    expect((await profiles.allTextContents()).map((text) => text.replace(/\s+/g, ' ').trim()).sort()).toEqual([
      'A ada@example.org',
      'G grace@example.org',
    ]);
    await expectNoAxeViolations(page, 'the profile picker with two profiles');
    await screenshot(page, 'profile-picker');
    await picker(page).getByRole('button', { name: ADA.email }).click();
    expect(await logInForm(page).getByLabel('Email').inputValue()).toBe(ADA.email);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('password');
    await page.keyboard.type(ADA.password);
    await page.keyboard.press('Enter');
    await expectLoggedIn(page, ADA);
    expect(await trackerNames(page)).toEqual([ADA.tracker]);

    // Lock: the data leaves the page, the token stops working, the picker comes preselected.
    const token = await page.evaluate((key) => sessionStorage.getItem(key), TOKEN_KEY);
    await page.getByRole('button', { name: 'Lock' }).click();
    await logInForm(page).waitFor();
    expect(await page.getByText(ADA.tracker).count()).toBe(0);
    expect(await logInForm(page).getByRole('status').textContent()).toContain('Locked');
    expect(await picker(page).getByRole('button', { name: ADA.email }).getAttribute('aria-pressed')).toBe('true');
    expect(await logInForm(page).getByLabel('Email').inputValue()).toBe(ADA.email);
    const withOldToken = await callApi(page, 'GET', '/api/trackers', undefined, token);
    expect(withOldToken.ok).toBe(false);
    await expectNoAxeViolations(page, 'the locked screen');
    await screenshot(page, 'locked');

    await logInForm(page).getByLabel('Password').fill(ADA.password);
    await logInForm(page).getByRole('button', { name: 'Log in' }).click();
    await expectLoggedIn(page, ADA);
    expect(await trackerNames(page)).toEqual([ADA.tracker]);

    await context.close();
  });

  it('reset shows a new backup code once; the old code is refused afterwards and the new one works', async () => {
    const { context, page } = await openPage();
    await picker(page).getByRole('listitem').first().waitFor();

    await resetPassword(page, GRACE.email, GRACE.backupCode, 'grace-second-password');
    const newCode = await shownBackupCode(page);
    expect(newCode).not.toBe(GRACE.backupCode);
    expect(await page.getByText('Your old backup code no longer works').isVisible()).toBe(true);
    await expectNoAxeViolations(page, 'the new backup code after a reset');
    await screenshot(page, 'backup-code');
    await page.getByRole('button', { name: 'I have saved it' }).click();
    expect(await logInForm(page).getByRole('status').textContent()).toBe('Your password was changed. Log in with the new one.');
    expect(await logInForm(page).getByLabel('Email').inputValue()).toBe(GRACE.email);

    // The old code no longer resets anything.
    const refused = await resetPassword(page, GRACE.email, GRACE.backupCode, 'grace-third-password');
    const alert = refused.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).not.toBe('');
    await expectNoAxeViolations(page, 'a refused reset');
    await page.getByRole('button', { name: 'Back to log in' }).click();

    await logIn(page, GRACE.email, 'grace-second-password');
    await expectLoggedIn(page, GRACE);
    expect(await trackerNames(page)).toEqual([GRACE.tracker]);
    await logOut(page);

    // The new code does.
    await resetPassword(page, GRACE.email, newCode, 'grace-third-password');
    const newerCode = await shownBackupCode(page);
    expect(newerCode).not.toBe(newCode);
    await page.getByRole('button', { name: 'I have saved it' }).click();
    await logIn(page, GRACE.email, 'grace-third-password');
    await expectLoggedIn(page, GRACE);
    expect(await trackerNames(page)).toEqual([GRACE.tracker]);

    await context.close();
  });

  it('settings: change the password, then log in with the new one', async () => {
    const { context, page } = await openPage();
    await picker(page).getByRole('button', { name: ADA.email }).click();
    await page.keyboard.type(ADA.password);
    await page.keyboard.press('Enter');
    await expectLoggedIn(page, ADA);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Settings');
    const stay = page.getByRole('region', { name: 'Stay unlocked on this computer' });
    expect(await stay.getByRole('checkbox').count()).toBe(0);
    expect(await stay.getByRole('note').textContent()).toMatch(/^Not offered here\./);
    await expectNoAxeViolations(page, 'the settings page');
    await screenshot(page, 'settings');

    const form = page.getByRole('form', { name: 'Change password' });
    await form.getByLabel('Current password').fill(ADA.password);
    await form.getByLabel('New password', { exact: true }).fill('ada-second-password');
    await form.getByLabel('Repeat new password').fill('ada-second-password');
    await form.getByRole('button', { name: 'Change password' }).click();
    await form.getByRole('status').waitFor();
    await expectNoAxeViolations(page, 'the settings page after a password change');

    await logOut(page);
    await logIn(page, ADA.email, ADA.password);
    const refused = logInForm(page).getByRole('alert');
    await refused.waitFor();
    expect(await refused.textContent()).not.toBe('');

    await logIn(page, ADA.email, 'ada-second-password');
    await expectLoggedIn(page, ADA);
    expect(await trackerNames(page)).toEqual([ADA.tracker]);

    await page.emulateMedia({ colorScheme: 'dark' });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    await screenshot(page, 'settings-dark');
    await context.close();
  });

  it('deleting a profile asks for the password and the word, then returns to a picker without it', async () => {
    const { context, page } = await openPage();
    await picker(page).getByRole('button', { name: GRACE.email }).click();
    await page.keyboard.type('grace-third-password');
    await page.keyboard.press('Enter');
    await expectLoggedIn(page, GRACE);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();

    const danger = page.getByRole('region', { name: 'Danger zone' });
    await danger.getByRole('button', { name: 'Delete profile…' }).click();
    const form = danger.getByRole('form', { name: 'Delete profile' });
    await form.getByLabel('Your password').fill('grace-third-password');
    await form.getByLabel('Type DELETE to confirm').fill('DELETE');
    await expectNoAxeViolations(page, 'the delete-profile form');
    await form.getByRole('button', { name: 'Delete my profile and data' }).click();

    await logInForm(page).waitFor();
    expect(await logInForm(page).getByRole('status').textContent()).toMatch(/deleted/);
    await picker(page).getByRole('listitem').first().waitFor();
    expect(await picker(page).getByRole('listitem').allTextContents()).toEqual([expect.stringContaining(ADA.email)]);
    await context.close();
  });
});
