import { rootCertificates } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../../src-main/core/errors';
import { mailFailureOf } from '../../../src-main/core/mail/mail-failure';
import type { MailSettings } from '../../../src-main/core/mail/mail-settings';
import { DEFAULT_MAIL_TIMEOUTS, transportOptions } from '../../../src-main/core/mail/send-mail';

const settings: MailSettings = {
  host: 'smtp.example.com',
  port: 587,
  tls: 'starttls',
  user: 'me@example.com',
  password: 'secret',
  from: 'me@example.com',
  to: 'you@example.com',
};

// Errors shaped as nodemailer 10 hands them over (its NodemailerError): the cases the real
// server in mail-send.test.ts cannot stage on loopback.
const nodemailerError = (fields: Record<string, unknown>): Error => Object.assign(new Error(String(fields.message ?? 'failed')), fields);

const classify = (fields: Record<string, unknown>, on: MailSettings = settings) => mailFailureOf(nodemailerError(fields), on, DEFAULT_MAIL_TIMEOUTS);

describe('mailFailureOf', () => {
  it.each([
    ['a failed DNS lookup', { code: 'EDNS', originalCode: 'ENOTFOUND' }, 'MAIL_HOST_UNREACHABLE', false, /Could not find the mail server “smtp\.example\.com”/],
    ['a DNS lookup that timed out', { code: 'EDNS', originalCode: 'ETIMEOUT' }, 'MAIL_HOST_UNREACHABLE', false, /took longer than 15 s/],
    ['no route to the host', { code: 'ESOCKET', originalCode: 'EHOSTUNREACH' }, 'MAIL_HOST_UNREACHABLE', false, /Could not reach smtp\.example\.com:587 \(EHOSTUNREACH\)/],
    ['a reset connection', { code: 'ESOCKET', originalCode: 'ECONNRESET' }, 'MAIL_HOST_UNREACHABLE', false, /ECONNRESET/],
    ['a connection the server closed', { code: 'ECONNECTION', response: '421 Too busy' }, 'MAIL_HOST_UNREACHABLE', false, /closed the connection unexpectedly.*“421 Too busy”/],
    ['something that is not a mail server', { code: 'EPROTOCOL', response: 'HTTP/1.1 400 Bad Request' }, 'MAIL_HOST_UNREACHABLE', false, /does not answer the way a mail server does/],
    ['a connection that took too long', { code: 'ETIMEDOUT', timeoutType: 'CONNECT_TIMEOUT' }, 'MAIL_TIMEOUT', false, /did not answer within 30 s/],
    ['a server gone silent while sending', { code: 'ETIMEDOUT', timeoutType: 'SOCKET_TIMEOUT' }, 'MAIL_TIMEOUT', false, /stopped answering for 60 s/],
    ['a TLS upgrade that took too long', { code: 'ETIMEDOUT', timeoutType: 'UPGRADE_TIMEOUT' }, 'MAIL_TIMEOUT', false, /setting up encryption/],
    ['an expired certificate', { code: 'ESOCKET', originalCode: 'CERT_HAS_EXPIRED' }, 'MAIL_TLS_FAILED', false, /could not be trusted \(CERT_HAS_EXPIRED\).*before your password was sent/],
    ['a certificate for another name', { code: 'ETLS', originalCode: 'ERR_TLS_CERT_ALTNAME_INVALID', command: 'STARTTLS' }, 'MAIL_TLS_FAILED', false, /ERR_TLS_CERT_ALTNAME_INVALID/],
    ['a STARTTLS upgrade the server dropped', { code: 'ETLS', command: 'CONN' }, 'MAIL_TLS_FAILED', false, /encrypted connection to .* failed/],
    ['a temporary login failure', { code: 'EAUTH', responseCode: 454, response: '454 4.7.0 Temporary authentication failure' }, 'MAIL_LOGIN_REFUSED', false, /could not check your login just now/],
    ['a refused login', { code: 'EAUTH', responseCode: 535, response: '535 5.7.8 Bad credentials' }, 'MAIL_LOGIN_REFUSED', true, /refused the login for “me@example\.com”.*app password/],
    ['a message too large', { code: 'EMESSAGE', command: 'DATA', responseCode: 552, permanent: true, response: '552 Message size exceeds limit' }, 'MAIL_REJECTED', true, /refused the message\. The server said: “552 Message size exceeds limit”\.$/],
    ['an error of no known kind', { code: 'ESTREAM', message: 'stream broke\nat line 3' }, 'INTERNAL', false, /failed \(stream broke\)\. It will be tried again later/],
  ])('maps %s', (_what, fields, code, permanent, message) => {
    const failure = classify(fields);
    expect({ code: failure.code, permanent: failure.permanent }).toEqual({ code, permanent });
    expect(failure.message).toMatch(message);
  });

  it('shortens a long server reply to one line', () => {
    const failure = classify({ code: 'EENVELOPE', command: 'RCPT TO', responseCode: 550, permanent: true, response: `550 ${'no '.repeat(200)}\r\nmore` });
    const said = /The server said: “(.*)”/.exec(failure.message)?.[1] ?? '';
    expect(said).toHaveLength(200);
    expect(said.endsWith('…')).toBe(true);
  });

  it('keeps the field and every issue of settings found wrong, as permanent', () => {
    const found = new AppFailure('MAIL_SETTINGS_INVALID', 'Enter a port.', 'port', [
      { code: 'MAIL_SETTINGS_INVALID', message: 'Enter a port.', field: 'port' },
      { code: 'MAIL_SETTINGS_INVALID', message: 'Enter an address.', field: 'to' },
    ]);
    expect(mailFailureOf(found, settings, DEFAULT_MAIL_TIMEOUTS)).toEqual({ ...found.toAppError(), permanent: true });
  });

  it.each([
    ['a server gone silent while sending', { code: 'ETIMEDOUT', timeoutType: 'SOCKET_TIMEOUT' }, /for 60 s while the mail was sent\. Try again later\.$/],
    ['a temporary login failure', { code: 'EAUTH', responseCode: 454, response: '454 Try later' }, /could not check your login just now\. Try again later\. The server said/],
    ['a greylisting reply', { code: 'EENVELOPE', command: 'RCPT TO', responseCode: 451, permanent: false, response: '451 Greylisted' }, /“451 Greylisted”\. Try again later\.$/],
    ['a connection the server closed', { code: 'ECONNECTION' }, /if they are right, try again later\.$/],
    ['an error of no known kind', { code: 'ESTREAM', message: 'stream broke' }, /failed \(stream broke\)\. Try again later\.$/],
  ])('promises no retry for %s when nothing retries (a test mail)', (_what, fields, message) => {
    const failure = mailFailureOf(nodemailerError(fields), settings, DEFAULT_MAIL_TIMEOUTS, false);
    expect(failure.message).toMatch(message);
    expect(failure.message).not.toMatch(/tried again/);
    expect(classify(fields).message).toMatch(/tried again later/);
  });

  it('survives a thrown value that is not an object', () => {
    expect(mailFailureOf('boom', settings, DEFAULT_MAIL_TIMEOUTS)).toMatchObject({ code: 'INTERNAL', message: expect.stringContaining('(boom)') });
  });
});

describe('transportOptions', () => {
  it.each([
    ['tls', { secure: true, requireTLS: false, ignoreTLS: false }],
    ['starttls', { secure: false, requireTLS: true, ignoreTLS: false }],
    ['none', { secure: false, requireTLS: false, ignoreTLS: true }],
  ] as const)('maps %s', (tls, expected) => {
    expect(transportOptions({ ...settings, tls })).toMatchObject({ ...expected, opportunisticTLS: false });
  });

  it('always checks certificates, even with NODE_TLS_REJECT_UNAUTHORIZED=0 around, and adds trusted ones to the roots', () => {
    expect(transportOptions(settings).tls).toEqual({ rejectUnauthorized: true, minVersion: 'TLSv1.2' });
    const ca = transportOptions(settings, { trustedCertificates: ['-----BEGIN CERTIFICATE-----x'] }).tls?.ca;
    expect(ca).toEqual([...rootCertificates, '-----BEGIN CERTIFICATE-----x']);
  });

  it('logs in only with a user, never names this machine, and reads no files or URLs', () => {
    expect(transportOptions(settings)).toMatchObject({ auth: { user: 'me@example.com', pass: 'secret' }, name: '[127.0.0.1]', disableFileAccess: true, disableUrlAccess: true });
    expect(transportOptions({ ...settings, user: '', password: '' }).auth).toBeUndefined();
  });

  it('waits the default times unless told otherwise', () => {
    expect(transportOptions(settings)).toMatchObject({ connectionTimeout: 30_000, greetingTimeout: 20_000, socketTimeout: 60_000, dnsTimeout: 15_000 });
    expect(transportOptions(settings, { timeouts: { greeting: 50 } })).toMatchObject({ connectionTimeout: 30_000, greetingTimeout: 50 });
  });

  it('connects a plain connection to localhost to 127.0.0.1', () => {
    expect(transportOptions({ ...settings, host: 'localhost', tls: 'none' }).host).toBe('127.0.0.1');
    expect(transportOptions({ ...settings, host: 'localhost', tls: 'starttls' }).host).toBe('localhost');
  });
});
