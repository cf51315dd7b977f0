/**
 * What makes SMTP settings usable, checked before any connection (and when the person saves
 * them): each field's rule, all reported at once, plus the one rule across fields that keeps
 * a password off the network in plain text.
 */
import { domainToASCII } from 'node:url';
import { isIP } from 'node:net';
import { TLS_MODES } from '../../../src-preload/contract';
import { checkEach, fail } from '../errors';
import { isLoopbackHost, unbracketed } from './loopback-host';

export type TlsMode = (typeof TLS_MODES)[number];

/** The stored settings: the contract's `MailSettingsView` with the password instead of `hasPassword`. */
export interface MailSettings {
  readonly host: string;
  readonly port: number;
  readonly tls: TlsMode;
  /** Empty when the server needs no login (a local relay). */
  readonly user: string;
  /** Empty exactly when `user` is. */
  readonly password: string;
  readonly from: string;
  readonly to: string;
}

// The contract's limits (mailSettingsViewSchema), and one for the password it never carries.
const MAX_HOST = 253;
const MAX_ADDRESS = 320;
const MAX_PASSWORD = 1024;

// eslint-disable-next-line no-control-regex -- control characters are what this rule is about
const CONTROL = /[\u0000-\u001f\u007f]/;
const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
// Characters an address in a header or an SMTP envelope cannot carry unquoted: accepting
// them would let one field smuggle a second recipient or a header in.
const LOCAL_PART = /^[^\s@<>(),;:"[\]\\]{1,64}$/;

const invalid = (message: string, field: keyof MailSettings): never => fail('MAIL_SETTINGS_INVALID', message, field);

/** A host name in its ASCII (punycode) form, lower case, or null when it is not one. */
function hostName(text: string): string | null {
  if (CONTROL.test(text)) return null;
  const ascii = domainToASCII(text).replace(/\.$/, '');
  if (ascii === '' || ascii.length > MAX_HOST) return null;
  return ascii.split('.').every((label) => LABEL.test(label)) ? ascii : null;
}

function validHost(host: unknown): string {
  const trimmed = typeof host === 'string' ? host.trim() : '';
  const message = "Enter the mail server's host name, such as smtp.example.com, or its IP address.";
  if (trimmed === '' || trimmed.length > MAX_HOST) return invalid(message, 'host');
  if (isIP(unbracketed(trimmed)) !== 0) return trimmed;
  return hostName(trimmed) ?? invalid(message, 'host');
}

function validPort(port: unknown): number {
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65_535) {
    return invalid('Enter a port from 1 to 65535: usually 587 for STARTTLS, 465 for TLS.', 'port');
  }
  return port;
}

function validTls(tls: unknown): TlsMode {
  const mode = TLS_MODES.find((candidate) => candidate === tls);
  return mode ?? invalid('Choose how the connection is encrypted: STARTTLS, TLS, or none (only for a relay on this computer).', 'tls');
}

function validUser(user: unknown): string {
  const trimmed = typeof user === 'string' ? user.trim() : null;
  if (trimmed === null || trimmed.length > MAX_ADDRESS || CONTROL.test(trimmed)) {
    return invalid(`Enter the user name the mail server knows you by (at most ${MAX_ADDRESS} characters), or leave it empty if it needs no login.`, 'user');
  }
  return trimmed;
}

function validPassword(password: unknown): string {
  // Kept exactly as given: it is the server's secret, compared by the server.
  if (typeof password !== 'string' || password.length > MAX_PASSWORD) return invalid(`The password can have at most ${MAX_PASSWORD} characters.`, 'password');
  return password;
}

/** One plain address, `name@example.com`: trimmed, its domain checked like a host name. */
function validAddress(address: unknown, field: 'from' | 'to', message: string): string {
  const trimmed = typeof address === 'string' ? address.trim() : '';
  const at = trimmed.lastIndexOf('@');
  if (trimmed.length > MAX_ADDRESS || at < 1 || !LOCAL_PART.test(trimmed.slice(0, at)) || hostName(trimmed.slice(at + 1)) === null) {
    return invalid(message, field);
  }
  return trimmed;
}

/**
 * The settings in canonical form (trimmed; the host in lower-case ASCII), or an AppFailure
 * `MAIL_SETTINGS_INVALID` whose `field` names the first wrong input and whose `issues` list
 * every one. A password over a plain connection is refused (`field: 'tls'`) unless the host
 * is this machine.
 */
export function checkMailSettings(settings: MailSettings): MailSettings {
  const [host, port, tls, user, password, from, to] = checkEach(
    () => validHost(settings.host),
    () => validPort(settings.port),
    () => validTls(settings.tls),
    () => validUser(settings.user),
    () => validPassword(settings.password),
    () => validAddress(settings.from, 'from', "Enter the address the mail comes from, such as you@example.com (many servers send only from your own account's address)."),
    () => validAddress(settings.to, 'to', 'Enter the address the mail goes to, such as you@example.com.'),
  );
  checkEach(
    () => (user !== '' && password === '' ? invalid('Enter the password for this user, or leave the user empty if the server needs no login.', 'password') : null),
    () => (user === '' && password !== '' ? invalid('Enter the user name that goes with the password.', 'user') : null),
    () =>
      tls === 'none' && password !== '' && !isLoopbackHost(host)
        ? invalid(
            'Without encryption the password would cross the network readable by anyone on the way: choose STARTTLS (usually port 587) or TLS (usually port 465). A plain connection with a password is allowed only to this computer (localhost).',
            'tls',
          )
        : null,
  );
  return { host, port, tls, user, password, from, to };
}
