/**
 * Settings › API in a real browser against the real server: the page names the base URL and
 * lists the operations from the served OpenAPI document; a person makes a read-write access
 * token there, the test calls the API with it from outside the browser (no log-in), a read-only
 * token is refused a write, and once revoked on the page the token's next call is 401.
 * Screenshots in test-results/screenshots/api-*.png.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './axe';
import { screenshot, useBrowserAndApp } from './harness';
import { signUpWithApi } from './trackers-ui';

const env = useBrowserAndApp();

/** A request as a script makes it: plain fetch, the token in the Authorization header. */
async function asScript(path: string, token: string, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; body: { ok: boolean; error?: { code: string } } }> {
  const response = await fetch(new URL(path, env.app.url), {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${token}`, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  return { status: response.status, body: (await response.json()) as { ok: boolean; error?: { code: string } } };
}

async function makeToken(page: Page, name: string, scope: 'Read only' | 'Read and write'): Promise<string> {
  const form = page.getByRole('form', { name: 'New token' });
  await form.getByLabel('Name').fill(name);
  await form.getByLabel(scope).check();
  await form.getByRole('button', { name: 'Make token' }).click();
  const secret = page.getByLabel('The new token');
  await secret.waitFor();
  return secret.inputValue();
}

describe('the API page in a browser', () => {
  it('makes a token a script can use without a log-in, and revokes it', async () => {
    const context = await env.browser.newContext({ timezoneId: 'Europe/Paris', locale: 'en-GB', viewport: { width: 1100, height: 900 } });
    await signUpWithApi(context, env.app.url, 'scripts@example.org', 'Europe/Paris');
    const page = await context.newPage();
    await page.goto(`${env.app.url}#/settings`);
    await page.getByRole('link', { name: 'API and access tokens' }).click();
    await page.getByRole('heading', { level: 1, name: 'API' }).waitFor();
    expect(await page.getByTestId('api-base').textContent()).toBe(`${new URL(env.app.url).origin}/api`);
    await page.getByText('No tokens yet.').waitFor();
    await page.getByTestId('api-operation').first().waitFor();
    const operations = await page.getByTestId('api-operation').allTextContents();
    expect(operations.some((line) => line.replace(/\s+/g, ' ').includes('POST /api/trackers/{trackerId}/logs'))).toBe(true);

    const token = await makeToken(page, 'Scale script', 'Read and write');
    expect(token).toMatch(/^qs_pat_/);
    expect(await page.getByTestId('token-row').count()).toBe(1);
    await expectNoAxeViolations(page, 'the API page with a new token');
    await screenshot(page, 'api-token-made');
    await page.getByRole('region', { name: 'Access tokens' }).screenshot({ path: 'test-results/screenshots/api-tokens-card.png' });

    // The script: no log-in, only the token.
    const made = await asScript('/api/trackers', token, { method: 'POST', body: { name: 'Weight', settings: { type: 'numerical', unit: 'kg' } } });
    expect(made).toMatchObject({ status: 200, body: { ok: true } });
    const listed = await asScript('/api/trackers', token);
    expect(JSON.stringify(listed.body)).toContain('Weight');
    expect((await asScript('/api/tokens', token)).status).toBe(403);

    const reader = await makeToken(page, 'Notebook', 'Read only');
    expect((await asScript('/api/trackers', reader)).status).toBe(200);
    expect(await asScript('/api/trackers', reader, { method: 'POST', body: { name: 'Mood', settings: { type: 'numerical', unit: '' } } })).toMatchObject({ status: 403, body: { error: { code: 'TOKEN_READ_ONLY' } } });

    // The list shows when it was last used; revoking asks first.
    await page.reload();
    await page.getByTestId('token-row').first().waitFor();
    const scaleRow = page.getByTestId('token-row').filter({ hasText: 'Scale script' });
    expect(await scaleRow.getByRole('cell').nth(2).textContent()).not.toBe('Never');
    await scaleRow.getByRole('button', { name: 'Revoke Scale script' }).click();
    await screenshot(page, 'api-token-revoke-confirm');
    await page.getByRole('group', { name: 'Confirm revoking Scale script' }).getByRole('button', { name: 'Revoke' }).click();
    await page.getByText('Token “Scale script” revoked: it no longer works.').waitFor();
    expect(await page.getByTestId('token-row').count()).toBe(1);

    expect(await asScript('/api/trackers', token)).toMatchObject({ status: 401, body: { ok: false, error: { code: 'TOKEN_INVALID' } } });
    expect((await asScript('/api/trackers', reader)).status).toBe(200);
    await page.emulateMedia({ colorScheme: 'dark' });
    await expectNoAxeViolations(page, 'the API page, dark');
    await screenshot(page, 'api-page-dark');
    await context.close();
  });
});
