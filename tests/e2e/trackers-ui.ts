/**
 * Steps the tracker e2e specs share: a profile made through the HTTP API (its token put
 * where the page keeps it), the "New tracker" dialog, the dashboard cards and the tracker
 * page's entry form and log table.
 */
import type { BrowserContext, Locator, Page } from 'playwright-core';
import type { Input } from '../../src-preload/contract';

export const TOKEN_KEY = 'quantified-self.token';

/** A JSON call to the browser shell's REST API from Node (no Origin header: allowed). */
export async function callApi<T>(baseUrl: string, verb: string, path: string, token: string | null, body?: unknown): Promise<T> {
  const response = await fetch(new URL(path, baseUrl), {
    method: verb,
    headers: {
      Accept: 'application/json',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const payload = (await response.json()) as { ok: boolean; value?: T; token?: string; error?: { message: string } };
  if (!payload.ok) throw new Error(`${verb} ${path}: ${payload.error?.message ?? response.status}`);
  return (path === '/api/profiles' || path === '/api/session' ? { ...payload.value, token: payload.token } : payload.value) as T;
}

/**
 * Sign up through the API and hand the token to every page of the context, so a spec
 * about trackers does not depend on the sign-up screen (accounts.spec.ts covers it).
 */
export async function signUpWithApi(context: BrowserContext, baseUrl: string, email: string, timeZone: string): Promise<string> {
  const input: Input<'signUp'> = {
    email,
    password: 'a-long-enough-password',
    name: 'Ada',
    age: 36,
    gender: 'female',
    backupCode: 'blue whale in the attic',
    timeZone,
  };
  const { token } = await callApi<{ token: string }>(baseUrl, 'POST', '/api/profiles', null, input);
  // A string script: the e2e tsconfig has no DOM types.
  await context.addInitScript({ content: `sessionStorage.setItem(${JSON.stringify(TOKEN_KEY)}, ${JSON.stringify(token)});` });
  return token;
}

export type NewTracker =
  | { name: string; type: 'numerical'; unit: string; emoji?: string; target?: string }
  | { name: string; type: 'multiple_choice'; options: string[]; multiple?: boolean; emoji?: string }
  | { name: string; type: 'boolean' | 'duration'; emoji?: string; target?: string };

export function card(page: Page, name: string): Locator {
  return page.getByTestId('tracker-card').filter({ has: page.getByRole('heading', { name, exact: true }) });
}

export async function createTracker(page: Page, tracker: NewTracker): Promise<void> {
  await page.getByRole('button', { name: 'New tracker' }).click();
  const form = page.getByRole('dialog', { name: 'New tracker' }).getByRole('form', { name: 'New tracker' });
  if (tracker.emoji) await form.getByLabel('Emoji').fill(tracker.emoji);
  await form.getByLabel('Name').fill(tracker.name);
  await form.getByLabel('Type').selectOption(tracker.type);
  if (tracker.type === 'numerical') await form.getByLabel('Unit').fill(tracker.unit);
  if (tracker.type === 'multiple_choice') {
    for (const [index, label] of tracker.options.entries()) {
      if (index >= 2) await form.getByRole('button', { name: 'Add option' }).click();
      await form.getByLabel(`Option ${index + 1}`, { exact: true }).fill(label);
    }
    if (tracker.multiple) await form.getByLabel('Allow several options per entry').check();
  }
  if ('target' in tracker && tracker.target) {
    await form.getByLabel('Every').selectOption('day');
    await form.getByLabel(/^Amount/).fill(tracker.target);
  }
  await form.getByRole('button', { name: 'Create tracker' }).click();
  await card(page, tracker.name).waitFor();
}

export async function openTrackerPage(page: Page, name: string): Promise<void> {
  await card(page, name).getByRole('link', { name, exact: true }).click();
  await page.getByRole('heading', { level: 1, name, exact: true }).waitFor();
}

export async function goToDashboard(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Dashboard' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
}

/** Fill the value field of an entry form the way a person would, by tracker type. */
export async function fillValue(form: Locator, type: NewTracker['type'], value: string): Promise<void> {
  switch (type) {
    case 'boolean':
      await form.getByRole('radiogroup', { name: 'Value' }).getByLabel(value, { exact: true }).check();
      break;
    case 'multiple_choice': {
      const select = form.getByRole('combobox', { name: 'Value', exact: true });
      if (await select.count()) await select.selectOption({ label: value });
      else for (const label of value.split(', ')) await form.getByLabel(label, { exact: true }).check();
      break;
    }
    default:
      await form.getByLabel('Value', { exact: true }).fill(value);
  }
}

export function rows(page: Page): Locator {
  return page.getByTestId('log-row');
}

/** The log table as text: when, value, note. */
export async function table(page: Page): Promise<string[][]> {
  const all = await rows(page).all();
  return Promise.all(all.map(async (row) => (await row.locator('td').allTextContents()).slice(0, 3).map((text) => text.trim())));
}
