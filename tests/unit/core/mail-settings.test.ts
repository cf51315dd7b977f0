import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../../src-main/core/errors';
import { checkMailSettings, type MailSettings } from '../../../src-main/core/mail/mail-settings';
import { connectHost, isLoopbackHost } from '../../../src-main/core/mail/loopback-host';

const good: MailSettings = {
  host: 'smtp.example.com',
  port: 587,
  tls: 'starttls',
  user: 'me@example.com',
  password: 'secret',
  from: 'me@example.com',
  to: 'me@example.com',
};

function failureOf(settings: MailSettings): AppFailure {
  try {
    checkMailSettings(settings);
  } catch (error) {
    if (error instanceof AppFailure) return error;
    throw error;
  }
  throw new Error('expected the settings to be refused');
}

const fieldsRefused = (overrides: Partial<MailSettings>): string[] => {
  const failure = failureOf({ ...good, ...overrides });
  expect(failure.code).toBe('MAIL_SETTINGS_INVALID');
  return failure.issues.length > 0 ? failure.issues.map(({ field }) => field) : [failure.field ?? ''];
};

describe('checkMailSettings', () => {
  it('answers good settings in canonical form: trimmed, the host in lower-case ASCII, the password as given', () => {
    expect(checkMailSettings({ ...good, host: '  SMTP.Bücher.example. ', user: ' me@example.com ', password: ' pass ', from: ' me@example.com', to: 'you@example.org ' })).toEqual({
      ...good,
      host: 'smtp.xn--bcher-kva.example',
      password: ' pass ',
      to: 'you@example.org',
    });
  });

  it.each([
    ['an IPv4 address', '192.0.2.10'],
    ['an IPv6 address', '2001:db8::1'],
    ['a bracketed IPv6 address', '[2001:db8::1]'],
    ['a single-label name', 'mailrelay'],
  ])('accepts %s as the host', (_what, host) => {
    expect(checkMailSettings({ ...good, host }).host).toBe(host);
  });

  it.each([
    ['empty', ''],
    ['a space inside', 'smtp example.com'],
    ['a URL', 'smtp://smtp.example.com'],
    ['a port', 'smtp.example.com:587'],
    ['a line break', 'smtp.example.com\r\nRCPT TO:<x@evil.example>'],
    ['an empty label', 'smtp..example.com'],
    ['a label of 64 characters', `${'a'.repeat(64)}.example.com`],
    ['a label starting with a hyphen', '-smtp.example.com'],
    ['too long', `${'a.'.repeat(127)}com`],
  ])('refuses a host that is %s', (_what, host) => {
    expect(fieldsRefused({ host })).toEqual(['host']);
  });

  it.each([0, -1, 65_536, 58.5, Number.NaN])('refuses port %s', (port) => {
    expect(fieldsRefused({ port })).toEqual(['port']);
  });

  it('accepts ports 1 and 65535', () => {
    expect([checkMailSettings({ ...good, port: 1 }).port, checkMailSettings({ ...good, port: 65_535 }).port]).toEqual([1, 65_535]);
  });

  it('refuses a TLS mode that is not one of starttls, tls, none', () => {
    expect(fieldsRefused({ tls: 'ssl' as MailSettings['tls'] })).toEqual(['tls']);
  });

  it.each([
    ['empty', ''],
    ['no @', 'me.example.com'],
    ['nothing before the @', '@example.com'],
    ['a display name', 'Me <me@example.com>'],
    ['two addresses', 'me@example.com, you@example.com'],
    ['a line break', 'me@example.com\nBcc: them@example.com'],
    ['a space in the domain', 'me@exa mple.com'],
    ['a local part of 65 characters', `${'a'.repeat(65)}@example.com`],
  ])('refuses an address that is %s, in From and in To', (_what, address) => {
    expect(fieldsRefused({ from: address })).toEqual(['from']);
    expect(fieldsRefused({ to: address })).toEqual(['to']);
  });

  it('refuses a user without a password and a password without a user', () => {
    expect(failureOf({ ...good, password: '' })).toMatchObject({ field: 'password', message: expect.stringMatching(/Enter the password for this user/) });
    expect(failureOf({ ...good, user: '' })).toMatchObject({ field: 'user', message: 'Enter the user name that goes with the password.' });
  });

  it('names every wrong field at once, the first as the failure itself', () => {
    const failure = failureOf({ ...good, host: '', port: 0, from: 'nobody', to: 'nobody' });
    expect(failure.field).toBe('host');
    expect(failure.issues.map(({ code, field }) => [code, field])).toEqual([
      ['MAIL_SETTINGS_INVALID', 'host'],
      ['MAIL_SETTINGS_INVALID', 'port'],
      ['MAIL_SETTINGS_INVALID', 'from'],
      ['MAIL_SETTINGS_INVALID', 'to'],
    ]);
  });

  it('refuses values of the wrong type as wrong fields, not with a crash', () => {
    const junk = { host: 42, port: '587', tls: null, user: {}, password: 7, from: [], to: undefined } as unknown as MailSettings;
    expect(failureOf(junk).issues.map(({ field }) => field)).toEqual(['host', 'port', 'tls', 'user', 'password', 'from', 'to']);
  });

  describe('a password over a plain connection', () => {
    it.each(['smtp.example.com', '192.0.2.10', '0.0.0.0', '::', 'localhost.example.com', '127.0.0.1.nip.io'])('is refused to %s, naming the TLS mode', (host) => {
      const failure = failureOf({ ...good, host, tls: 'none' });
      expect(failure).toMatchObject({ code: 'MAIL_SETTINGS_INVALID', field: 'tls' });
      expect(failure.message).toMatch(/choose STARTTLS \(usually port 587\) or TLS \(usually port 465\)/);
    });

    it.each(['127.0.0.1', '127.0.0.53', '::1', '[::1]', 'localhost', 'LocalHost'])('is allowed to this machine, %s', (host) => {
      expect(checkMailSettings({ ...good, host, tls: 'none' }).tls).toBe('none');
    });

    it('is fine to any host without a password, and with one over STARTTLS or TLS', () => {
      expect(checkMailSettings({ ...good, tls: 'none', user: '', password: '' }).tls).toBe('none');
      expect(checkMailSettings({ ...good, tls: 'starttls' }).tls).toBe('starttls');
      expect(checkMailSettings({ ...good, tls: 'tls', port: 465 }).tls).toBe('tls');
    });
  });
});

describe('isLoopbackHost', () => {
  it.each(['127.0.0.1', '127.255.255.254', '::1', '[::1]', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1', '::ffff:7f00:1', 'localhost', 'LOCALHOST', 'localhost.'])('takes %s as this machine', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });

  it.each([
    '0.0.0.0',
    '::',
    '128.0.0.1',
    '10.0.0.1',
    '::ffff:10.0.0.1',
    '2130706433',
    '0x7f000001',
    '127.1',
    '127.0.0.1.example.com',
    'foo.localhost',
    'localhost.example.com',
    'localhost:25',
    '127.0.0.1:25',
    '[127.0.0.1]',
    ' localhost',
    'localhost\n',
    '',
  ])('does not take %j as this machine', (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });
});

describe('connectHost', () => {
  it('sends a plain connection to localhost to 127.0.0.1, never through a name lookup', () => {
    expect(connectHost('localhost', 'none')).toBe('127.0.0.1');
  });

  it('keeps the name for TLS, where the certificate is checked against it, and unbrackets IPv6', () => {
    expect(connectHost('localhost', 'starttls')).toBe('localhost');
    expect(connectHost('localhost', 'tls')).toBe('localhost');
    expect(connectHost('[::1]', 'none')).toBe('::1');
    expect(connectHost('smtp.example.com', 'none')).toBe('smtp.example.com');
  });
});
