import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { sendMail, type SendMailOptions } from '../../../src-main/core/mail/send-mail';
import { monthlyReportMail, testMail } from '../../../src-main/core/mail/mail-messages';
import { nextMailAttempt, type MailAttempt } from '../../../src-main/core/mail/mail-retry';
import type { MailSettings } from '../../../src-main/core/mail/mail-settings';
import { TEST_PASSWORD, TEST_USER, closedPort, startSilentServer, type TestSmtpServer, useSmtpServers } from './smtp-test-server';

const servers = useSmtpServers();
let trusted: SendMailOptions;

beforeAll(() => {
  trusted = { trustedCertificates: [servers.certificate.cert] };
});

const server = (options?: Parameters<typeof servers.start>[0]): Promise<TestSmtpServer> => servers.start(options);

const settingsFor = (port: number, overrides: Partial<MailSettings> = {}): MailSettings => ({
  host: '127.0.0.1',
  port,
  tls: 'starttls',
  user: TEST_USER,
  password: TEST_PASSWORD,
  from: 'me@example.com',
  to: 'me+reports@example.com',
  ...overrides,
});

// A PDF header, then every byte value in random order: the attachment must survive base64 and back.
const fakePdf = (): Uint8Array => Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(64 * 1024), Buffer.from(Array.from({ length: 256 }, (_, byte) => byte))]);

describe('sendMail to a real SMTP server on loopback', () => {
  it('delivers the monthly report over STARTTLS after logging in, with the PDF attached byte for byte', async () => {
    const smtp = await server();
    const pdf = fakePdf();

    const result = await sendMail(settingsFor(smtp.port), monthlyReportMail({ month: '2026-10', pdf }), trusted);

    expect(result).toMatchObject({ ok: true, messageId: expect.stringMatching(/^<.+@example\.com>$/) });
    expect(smtp.mails).toHaveLength(1);
    const [received] = smtp.mails;
    expect(received?.secure).toBe(true);
    expect(received?.user).toBe(TEST_USER);
    const mail = received?.mail;
    expect(mail?.subject).toBe('Your Quantified Self report for October 2026');
    expect(mail?.from?.value).toEqual([{ name: 'Quantified Self', address: 'me@example.com' }]);
    expect(mail?.to).toMatchObject({ value: [{ address: 'me+reports@example.com' }] });
    expect(mail?.messageId).toBe(result.ok ? result.messageId : null);
    expect(mail?.text).toContain('report for October 2026 is attached');
    expect(mail?.attachments).toHaveLength(1);
    const [attachment] = mail?.attachments ?? [];
    expect(attachment?.filename).toBe('quantified-self-2026-10.pdf');
    expect(attachment?.contentType).toBe('application/pdf');
    expect(Buffer.compare(attachment?.content ?? Buffer.alloc(0), Buffer.from(pdf))).toBe(0);
  });

  it('speaks TLS from the first byte in `tls` mode', async () => {
    const smtp = await server({ secure: true });

    const result = await sendMail(settingsFor(smtp.port, { tls: 'tls' }), testMail({ host: '127.0.0.1', port: smtp.port, tls: 'tls' }), trusted);

    expect(result.ok).toBe(true);
    expect(smtp.mails.map(({ secure, user, mail }) => ({ secure, user, subject: mail.subject }))).toEqual([
      { secure: true, user: TEST_USER, subject: 'Quantified Self test mail' },
    ]);
  });

  it('stays plain in `none` mode even when the server offers STARTTLS, and may log in to this machine', async () => {
    const smtp = await server({ allowInsecureAuth: true });

    const result = await sendMail(settingsFor(smtp.port, { tls: 'none' }), testMail({ host: '127.0.0.1', port: smtp.port, tls: 'none' }), trusted);

    expect(result.ok).toBe(true);
    expect(smtp.mails.map(({ secure, user }) => ({ secure, user }))).toEqual([{ secure: false, user: TEST_USER }]);
  });

  it('sends without logging in when the settings have no user', async () => {
    const smtp = await server({ authOptional: true });

    const result = await sendMail(settingsFor(smtp.port, { user: '', password: '' }), testMail({ host: '127.0.0.1', port: smtp.port, tls: 'starttls' }), trusted);

    expect(result.ok).toBe(true);
    expect(smtp.logins).toEqual([]);
    expect(smtp.mails.map(({ user }) => user)).toEqual([undefined]);
  });
});

describe('a password never crosses the network in plain text', () => {
  // 0.0.0.0 reaches this machine's loopback server on Linux and macOS, yet is not a loopback
  // address: it stands for a remote host that the test can still watch.
  it('refuses a plain connection with a password to a host that is not loopback, before connecting', async () => {
    const smtp = await server({ allowInsecureAuth: true });

    const result = await sendMail(settingsFor(smtp.port, { host: '0.0.0.0', tls: 'none' }), testMail({ host: '0.0.0.0', port: smtp.port, tls: 'none' }), trusted);

    expect(result).toMatchObject({ ok: false, error: { code: 'MAIL_SETTINGS_INVALID', field: 'tls', permanent: true } });
    expect(result.ok ? '' : result.error.message).toMatch(/choose STARTTLS/);
    expect(smtp.connections()).toBe(0);
  });

  it('reaches the same host plainly when there is no password to protect', async () => {
    const smtp = await server({ authOptional: true });

    const result = await sendMail(
      settingsFor(smtp.port, { host: '0.0.0.0', tls: 'none', user: '', password: '' }),
      testMail({ host: '0.0.0.0', port: smtp.port, tls: 'none' }),
      trusted,
    );

    expect(result.ok).toBe(true);
    expect(smtp.mails).toHaveLength(1);
  });

  it('does not fall back to plain text when a STARTTLS server does not offer STARTTLS', async () => {
    const smtp = await server({ disabledCommands: ['STARTTLS'], allowInsecureAuth: true });

    const result = await sendMail(settingsFor(smtp.port), testMail({ host: '127.0.0.1', port: smtp.port, tls: 'starttls' }), trusted);

    expect(result).toMatchObject({ ok: false, error: { code: 'MAIL_TLS_FAILED', permanent: false } });
    expect(result.ok ? '' : result.error.message).toMatch(/did not agree to encrypt/);
    expect(smtp.logins).toEqual([]);
    expect(smtp.mails).toEqual([]);
  });

  it('stops at a certificate it cannot trust, before the login', async () => {
    const smtp = await server({ secure: true });

    const result = await sendMail(settingsFor(smtp.port, { tls: 'tls' }), testMail({ host: '127.0.0.1', port: smtp.port, tls: 'tls' }));

    expect(result).toMatchObject({ ok: false, error: { code: 'MAIL_TLS_FAILED', permanent: false } });
    expect(result.ok ? '' : result.error.message).toMatch(/could not be trusted \(DEPTH_ZERO_SELF_SIGNED_CERT\)/);
    expect(smtp.logins).toEqual([]);
  });
});

describe('failures come back as typed values', () => {
  it('answers a refused login with MAIL_LOGIN_REFUSED, not retried until the settings change; new settings send it', async () => {
    const smtp = await server();
    const wrong = settingsFor(smtp.port, { password: 'wrong password' });
    const report = monthlyReportMail({ month: '2026-10', pdf: fakePdf() });

    const first = await sendMail(wrong, report, trusted);

    expect(first).toMatchObject({ ok: false, error: { code: 'MAIL_LOGIN_REFUSED', permanent: true } });
    expect(first.ok ? '' : first.error.message).toMatch(/refused the login for “me@example\.com”\. Check the user name and the password.*535/);
    expect(smtp.logins).toEqual([TEST_USER]);

    // What the job runner records, and what it asks before trying again.
    const attempts: MailAttempt[] = [{ at: '2026-11-01T09:00:00.000Z', settingsVersion: 'v1', error: first.ok ? null : first.error }];
    expect(nextMailAttempt(attempts, new Date('2026-11-02T09:00:00.000Z'), 'v1')).toEqual({ kind: 'wait-for-settings', code: 'MAIL_LOGIN_REFUSED' });
    expect(nextMailAttempt(attempts, new Date('2026-11-01T09:05:00.000Z'), 'v2')).toEqual({ kind: 'send-now' });

    const retry = await sendMail(settingsFor(smtp.port), report, trusted);

    expect(retry.ok).toBe(true);
    expect(smtp.mails.map(({ mail }) => mail.subject)).toEqual(['Your Quantified Self report for October 2026']);
  });

  it('answers a closed port with MAIL_HOST_UNREACHABLE, to be retried', async () => {
    const port = await closedPort();

    const result = await sendMail(settingsFor(port), testMail({ host: '127.0.0.1', port, tls: 'starttls' }), trusted);

    expect(result).toMatchObject({ ok: false, error: { code: 'MAIL_HOST_UNREACHABLE', permanent: false } });
    expect(result.ok ? '' : result.error.message).toMatch(/connection refused\)\. Check the host and the port/);
  });

  it('answers a server that never greets with MAIL_TIMEOUT', async () => {
    const silent = servers.track(await startSilentServer());

    const result = await sendMail(settingsFor(silent.port), testMail({ host: '127.0.0.1', port: silent.port, tls: 'starttls' }), {
      ...trusted,
      timeouts: { greeting: 50 },
    });

    expect(result).toMatchObject({ ok: false, error: { code: 'MAIL_TIMEOUT', permanent: false } });
    expect(result.ok ? '' : result.error.message).toMatch(/did not greet within 50 ms\. If this port expects TLS from the first byte/);
  });

  it('answers TLS spoken to a plain port with MAIL_TLS_FAILED and suggests STARTTLS', async () => {
    const smtp = await server();

    const result = await sendMail(settingsFor(smtp.port, { tls: 'tls' }), testMail({ host: '127.0.0.1', port: smtp.port, tls: 'tls' }), trusted);

    expect(result).toMatchObject({ ok: false, error: { code: 'MAIL_TLS_FAILED' } });
    expect(result.ok ? '' : result.error.message).toMatch(/choose STARTTLS instead of TLS/);
  });

  it('answers a refused recipient with MAIL_REJECTED: permanent for 5xx, retried for a 4xx such as greylisting', async () => {
    const unknown = await server({ onRcptTo: (_address, _session, callback) => callback(Object.assign(new Error('No such user here'), { responseCode: 550 })) });
    const greylisting = await server({ onRcptTo: (_address, _session, callback) => callback(Object.assign(new Error('Greylisted, try later'), { responseCode: 451 })) });

    const refused = await sendMail(settingsFor(unknown.port), testMail({ host: '127.0.0.1', port: unknown.port, tls: 'starttls' }), trusted);
    const deferred = await sendMail(settingsFor(greylisting.port), testMail({ host: '127.0.0.1', port: greylisting.port, tls: 'starttls' }), trusted);

    expect(refused).toMatchObject({ ok: false, error: { code: 'MAIL_REJECTED', permanent: true } });
    expect(refused.ok ? '' : refused.error.message).toMatch(/refused the recipient me\+reports@example\.com\. Check “To”\. The server said: “550 No such user here”/);
    expect(deferred).toMatchObject({ ok: false, error: { code: 'MAIL_REJECTED', permanent: false } });
    expect(deferred.ok ? '' : deferred.error.message).toMatch(/451 Greylisted.*tried again later/);
  });

  it('answers a refused sender with MAIL_REJECTED that points at “From”', async () => {
    const smtp = await server({ onMailFrom: (_address, _session, callback) => callback(Object.assign(new Error('Not your address'), { responseCode: 553 })) });

    const result = await sendMail(settingsFor(smtp.port), testMail({ host: '127.0.0.1', port: smtp.port, tls: 'starttls' }), trusted);

    expect(result).toMatchObject({ ok: false, error: { code: 'MAIL_REJECTED', permanent: true } });
    expect(result.ok ? '' : result.error.message).toMatch(/refused the sender me@example\.com\..*check “From”/);
  });

  it('answers a server that wants a login, when the settings have none, with MAIL_LOGIN_REFUSED', async () => {
    const smtp = await server();

    const result = await sendMail(settingsFor(smtp.port, { user: '', password: '' }), testMail({ host: '127.0.0.1', port: smtp.port, tls: 'starttls' }), trusted);

    expect(result).toMatchObject({ ok: false, error: { code: 'MAIL_LOGIN_REFUSED', permanent: true } });
    expect(result.ok ? '' : result.error.message).toMatch(/only after a login: enter your user name and password/);
  });

  it('answers wrong settings with every field at once, before connecting', async () => {
    const smtp = await server();

    const result = await sendMail(settingsFor(smtp.port, { host: 'smtp example.com', from: 'me', to: '' }), testMail({ host: 'x', port: 1, tls: 'tls' }), trusted);

    expect(result).toMatchObject({ ok: false, error: { code: 'MAIL_SETTINGS_INVALID', field: 'host', permanent: true } });
    expect(result.ok ? [] : result.error.issues?.map(({ field }) => field)).toEqual(['host', 'from', 'to']);
    expect(smtp.connections()).toBe(0);
  });
});
