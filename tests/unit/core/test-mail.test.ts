/**
 * The `sendTestMail` operation through the core, against a real SMTP server on loopback:
 * the saved settings (password included) carry the test mail; without settings, or when the
 * server refuses, a typed error comes back and nothing in the data folder changes.
 */
import { describe, expect, it } from 'vitest';
import type { Input } from '../../../src-preload/contract';
import { Client, filesOf, SIGN_UP, startCore } from './helpers';
import { TEST_PASSWORD, TEST_USER, type TestSmtpServer, useSmtpServers } from './smtp-test-server';

const servers = useSmtpServers();
const smtpServer = (options?: Parameters<typeof servers.start>[0]): Promise<TestSmtpServer> => servers.start(options);

const mailFor = (port: number, password = TEST_PASSWORD): NonNullable<Input<'updateMailSettings'>['mail']> => ({
  host: '127.0.0.1',
  port,
  tls: 'starttls',
  user: TEST_USER,
  password,
  from: 'me@example.com',
  to: 'me+test@example.com',
});

/** A signed-up profile in a core that trusts the test server's certificate (unless `trust` is false). */
async function signedIn(trust = true) {
  const core = await startCore(trust ? { mail: { trustedCertificates: [servers.certificate.cert] } } : {});
  const client = new Client(core);
  await client.ok('signUp', SIGN_UP);
  return { core, client };
}

describe('sendTestMail', () => {
  it('sends the test mail through the saved settings, logging in with the saved password', async () => {
    const smtp = await smtpServer();
    const { client } = await signedIn();
    await client.ok('updateMailSettings', { mail: mailFor(smtp.port) });

    const sent = await client.ok('sendTestMail', {});

    expect(sent).toEqual({ messageId: expect.stringMatching(/^<.+@example\.com>$/), to: 'me+test@example.com' });
    expect(smtp.logins).toEqual([TEST_USER]);
    expect(smtp.mails).toHaveLength(1);
    const [received] = smtp.mails;
    expect(received?.secure).toBe(true);
    expect(received?.user).toBe(TEST_USER);
    expect(received?.mail.subject).toBe('Quantified Self test mail');
    expect(received?.mail.to).toMatchObject({ value: [{ address: 'me+test@example.com' }] });
    expect(received?.mail.messageId).toBe(sent.messageId);
    expect(received?.mail.text).toContain(`127.0.0.1:${smtp.port} with STARTTLS encryption`);
  });

  it('answers MAIL_LOGIN_REFUSED with its message when the password is wrong, and changes nothing', async () => {
    const smtp = await smtpServer();
    const { core, client } = await signedIn();
    await client.ok('updateMailSettings', { mail: mailFor(smtp.port, 'not the password') });
    const before = await filesOf(core.dataDir);

    const result = await client.call('sendTestMail', {});

    expect(result).toEqual({
      ok: false,
      error: { code: 'MAIL_LOGIN_REFUSED', message: expect.stringContaining(`refused the login for “${TEST_USER}”. Check the user name and the password`) },
    });
    expect(smtp.logins).toEqual([TEST_USER]);
    expect(smtp.mails).toEqual([]);
    expect(await filesOf(core.dataDir)).toEqual(before);
    expect(await client.ok('listActivity', { limit: 10 })).toEqual({ runs: [], more: false });
  });

  it('asks the person to try again, not promising a retry, when the server defers the mail (4xx)', async () => {
    const smtp = await smtpServer({ onRcptTo: (_address, _session, callback) => callback(Object.assign(new Error('Greylisted, come back later'), { responseCode: 451 })) });
    const { client } = await signedIn();
    await client.ok('updateMailSettings', { mail: mailFor(smtp.port) });

    const result = await client.call('sendTestMail', {});

    expect(result).toMatchObject({ ok: false, error: { code: 'MAIL_REJECTED', message: expect.stringMatching(/Greylisted, come back later”\. Try again later\.$/) } });
    expect(smtp.mails).toEqual([]);
  });

  it('answers MAIL_NOT_SET_UP before any mail settings are saved, connecting nowhere', async () => {
    const smtp = await smtpServer();
    const { client } = await signedIn();

    const result = await client.call('sendTestMail', {});

    expect(result).toEqual({ ok: false, error: { code: 'MAIL_NOT_SET_UP', message: expect.stringContaining('Save your mail settings first') } });
    expect(smtp.connections()).toBe(0);
  });

  it('trusts only the system roots unless the core is told otherwise: a self-signed server is MAIL_TLS_FAILED', async () => {
    const smtp = await smtpServer();
    const { client } = await signedIn(false);
    await client.ok('updateMailSettings', { mail: mailFor(smtp.port) });

    const result = await client.call('sendTestMail', {});

    expect(result).toMatchObject({ ok: false, error: { code: 'MAIL_TLS_FAILED' } });
    expect(smtp.logins).toEqual([]);
    expect(smtp.mails).toEqual([]);
  });

  it('needs a session', async () => {
    const { client } = await signedIn();
    await client.ok('logOut', {});

    expect(await client.call('sendTestMail', {})).toMatchObject({ ok: false, error: { code: 'NOT_LOGGED_IN' } });
  });
});
