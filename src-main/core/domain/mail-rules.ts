/**
 * What makes SMTP settings acceptable, and how the password is kept. Pure: the settings
 * come out canonical or an AppFailure names every wrong field at once (`mail.<field>`).
 */
import type { MailSettingsInput, MailSettingsView } from '../../../src-preload/contract';
import { checkEach, fail } from '../errors';
import type { StoredMail } from '../store/account-formats';
import { looksLikeEmail } from './profile-rules';

const MIN_PORT = 1;
const MAX_PORT = 65_535;
// A host name or an address literal: no spaces, no scheme or path (`smtp://…/`), which
// nodemailer would take as part of the name and fail on later with a less clear message.
const HOST_FORM = /^[^\s/@]+$/;

function validHost(host: string): string {
  const trimmed = host.trim();
  if (trimmed === '') fail('INVALID_INPUT', 'Enter the mail server’s name, such as smtp.example.com.', 'mail.host');
  if (!HOST_FORM.test(trimmed)) fail('INVALID_INPUT', 'Enter the mail server’s name only, such as smtp.example.com (no spaces, no smtp:// or path).', 'mail.host');
  return trimmed;
}

function validPort(port: number): number {
  if (!Number.isInteger(port) || port < MIN_PORT || port > MAX_PORT) {
    fail('INVALID_INPUT', `The port is a whole number from ${MIN_PORT} to ${MAX_PORT} (usually 587 for STARTTLS, 465 for TLS).`, 'mail.port');
  }
  return port;
}

function validAddress(address: string, field: 'from' | 'to'): string {
  const trimmed = address.trim();
  if (!looksLikeEmail(trimmed)) fail('EMAIL_INVALID', 'Enter an e-mail address such as name@example.com.', `mail.${field}`);
  return trimmed;
}

/**
 * The settings to keep for `input`. The password is write-only: omitted, the one kept in
 * `kept` stays; empty, there is none; else it is kept exactly as typed (an SMTP server
 * compares it byte for byte, so it is neither trimmed nor normalized).
 */
export function validMailSettings(input: MailSettingsInput, kept: StoredMail | null): StoredMail {
  const [host, port, from, to] = checkEach(
    () => validHost(input.host),
    () => validPort(input.port),
    () => validAddress(input.from, 'from'),
    () => validAddress(input.to, 'to'),
  );
  const password = input.password ?? kept?.password ?? '';
  return { host, port, tls: input.tls, user: input.user.trim(), password, from, to };
}

/** What the person is shown of the kept settings: everything but the password. */
export function mailView(mail: StoredMail | null): MailSettingsView | null {
  if (mail === null) return null;
  const { password, ...shown } = mail;
  return { ...shown, hasPassword: password !== '' };
}
