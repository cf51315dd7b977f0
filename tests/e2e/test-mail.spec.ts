/**
 * Settings › Mail's "Send test mail" in a browser against the server shell and a real SMTP
 * server on loopback (plain, as a local relay is: a password may cross a plain connection
 * only to this machine, so no certificate has to be trusted by the server's core). Pressed
 * from the keyboard; the mail arrives, and a refused login is shown in the app's words.
 * Screenshots: test-results/screenshots/test-mail-*.png.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import type { MailSettingsView } from '../../src-preload/contract';
import { selfSignedCertificate, startSmtpServer, TEST_PASSWORD, TEST_USER, type TestSmtpServer } from '../unit/core/smtp-test-server';
import { expectNoAxeViolations } from './axe';
import { screenshot, useBrowserAndApp } from './harness';
import { callApi, signUpWithApi } from './trackers-ui';

const env = useBrowserAndApp();
const servers: TestSmtpServer[] = [];
let people = 0;

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** A plain SMTP relay on loopback that wants TEST_USER's login. */
async function relay(): Promise<TestSmtpServer> {
  const server = await startSmtpServer(await selfSignedCertificate(), { disabledCommands: ['STARTTLS'], allowInsecureAuth: true });
  servers.push(server);
  return server;
}

async function settingsPage(port: number, password: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await env.browser.newContext({ locale: 'en-GB', viewport: { width: 1100, height: 900 } });
  people += 1;
  const token = await signUpWithApi(context, env.app.url, `mail${people}@example.org`, 'Europe/Paris');
  const mail = { host: '127.0.0.1', port, tls: 'none', user: TEST_USER, password, from: 'ada@example.org', to: 'ada+test@example.org' };
  await callApi<{ mail: MailSettingsView }>(env.app.url, 'POST', '/api/settings/mail', token, { mail });
  const page = await context.newPage();
  await page.goto(new URL('/#/settings', env.app.url).href);
  await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
  return { context, page };
}

describe('Send test mail in a browser', () => {
  it('sends through the saved settings when pressed from the keyboard, and says where it went', async () => {
    const smtp = await relay();
    const { context, page } = await settingsPage(smtp.port, TEST_PASSWORD);
    const form = page.getByRole('form', { name: 'Mail' });
    const button = form.getByRole('button', { name: 'Send test mail' });

    await button.focus();
    await page.keyboard.press('Enter');

    const status = form.getByRole('status');
    await status.waitFor();
    expect(await status.textContent()).toBe('Sent to ada+test@example.org; check your inbox.');
    expect(smtp.mails.map((received) => received.mail.subject)).toEqual(['Quantified Self test mail']);
    expect(smtp.mails[0]?.user).toBe(TEST_USER);
    await form.scrollIntoViewIfNeeded();
    await expectNoAxeViolations(page, 'the mail settings after a test mail');
    await screenshot(page, 'test-mail-sent');
    await context.close();
  });

  it('shows a refused login in the app’s words', async () => {
    const smtp = await relay();
    const { context, page } = await settingsPage(smtp.port, 'not the password');
    const form = page.getByRole('form', { name: 'Mail' });

    await form.getByRole('button', { name: 'Send test mail' }).click();

    const alert = form.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(new RegExp(`^The mail server 127\\.0\\.0\\.1:${smtp.port} refused the login for “${TEST_USER}”\\. Check the user name and the password`));
    expect(smtp.mails).toEqual([]);
    await form.getByRole('button', { name: 'Send test mail' }).waitFor();
    await screenshot(page, 'test-mail-refused');
    await context.close();
  });
});
