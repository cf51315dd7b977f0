/**
 * Why a mail did not go, in the app's terms: nodemailer's error (its `code`, the system or
 * TLS code under it, the SMTP reply) turned into one of six codes, a message that says what
 * to check, and whether trying again with the same settings can help. One home for this
 * mapping: the Activity view shows the message, the retry schedule reads `permanent`.
 */
import { MAIL_ERROR_CODES, type AppError } from '../../../src-preload/contract';
import { AppFailure } from '../errors';
import type { MailSettings } from './mail-settings';

export { MAIL_ERROR_CODES };
export type MailErrorCode = (typeof MAIL_ERROR_CODES)[number];

/** What a failed send answers: one of the mail codes, or INTERNAL for an error of no known kind. */
export type MailFailureCode = MailErrorCode | 'INTERNAL';

/** A failed send: an AppError (so a contract operation can answer it as is) plus its retry rule. */
export interface MailFailure extends AppError {
  readonly code: MailFailureCode;
  /**
   * Sending the same mail with the same settings would fail the same way (a refused
   * password, a recipient the server does not know, settings found wrong): wait for the
   * person to change the settings instead of retrying. False for what may pass later (an
   * unreachable host, a timeout, a greylisting 4xx reply).
   */
  readonly permanent: boolean;
}

/** The parts of a nodemailer error read here (nodemailer's `NodemailerError`, all optional). */
interface SendError {
  readonly code?: string | undefined;
  readonly originalCode?: string | undefined;
  readonly command?: string | undefined;
  readonly response?: string | undefined;
  readonly responseCode?: number | undefined;
  readonly permanent?: boolean | undefined;
  readonly timeoutType?: string | undefined;
  readonly message?: string | undefined;
}

/** The timeouts the messages quote, in ms. */
export interface MailTimeouts {
  /** Finding the host and connecting, the greeting and a STARTTLS upgrade included. */
  readonly connection: number;
  /** From connecting to the server's first line (its part of `connection`). */
  readonly greeting: number;
  /** Silence on an open connection, e.g. while a large attachment is sent. */
  readonly socket: number;
  /** Looking the host name up (its part of `connection`). */
  readonly dns: number;
}

// Node's codes for a certificate that failed verification (tls.TLSSocket#authorizationError).
const CERTIFICATE_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'HOSTNAME_MISMATCH',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

// Socket codes that mean nothing listened or the network had no way there.
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN', 'EADDRNOTAVAIL', 'ECONNRESET', 'EPIPE']);

const SERVER_SAID_MAX = 200;

/** The server's own words, one line, short enough for the Activity view. */
function serverSaid(error: SendError): string {
  const response = error.response?.replace(/\s+/g, ' ').trim();
  if (response === undefined || response === '') return '';
  const short = response.length > SERVER_SAID_MAX ? `${response.slice(0, SERVER_SAID_MAX - 1)}…` : response;
  return ` The server said: “${short}”.`;
}

const seconds = (ms: number): string => (ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`);

const failure = (code: MailFailureCode, message: string, permanent: boolean): MailFailure => ({ code, message, permanent });

/**
 * What a failure that may pass says comes next: the job runner's mails are retried on their
 * own; a test mail is not, so its message must not promise that (the person tries again).
 */
const nextStep = (retried: boolean): { readonly sentence: string; readonly clause: string } =>
  retried ? { sentence: 'It will be tried again later.', clause: 'it will be tried again later' } : { sentence: 'Try again later.', clause: 'try again later' };

function tlsFailure(error: SendError, settings: MailSettings, where: string): MailFailure {
  const reason = error.originalCode ?? '';
  if (CERTIFICATE_CODES.has(reason)) {
    return failure(
      'MAIL_TLS_FAILED',
      `The certificate of ${settings.host} could not be trusted (${reason}), so the connection was stopped before your password was sent. Check that the host is the mail server's exact name; on a network that intercepts connections (a hotel or office Wi-Fi), try again on another.`,
      false,
    );
  }
  if (settings.tls === 'tls' && (reason.startsWith('ERR_SSL') || reason === 'EPROTO')) {
    return failure('MAIL_TLS_FAILED', `${where} does not speak TLS from the first byte. If this port expects STARTTLS (usually 587), choose STARTTLS instead of TLS.`, false);
  }
  if (error.command === 'STARTTLS' && error.responseCode !== undefined) {
    return failure(
      'MAIL_TLS_FAILED',
      `${where} did not agree to encrypt the connection (STARTTLS), so your password was not sent. If this port expects TLS from the first byte (usually 465), choose TLS.${serverSaid(error)}`,
      false,
    );
  }
  return failure('MAIL_TLS_FAILED', `The encrypted connection to ${where} failed. Check the port and the TLS mode (STARTTLS usually on 587, TLS on 465).`, false);
}

function timeoutFailure(error: SendError, where: string, timeouts: MailTimeouts, retried: boolean): MailFailure {
  switch (error.timeoutType) {
    case 'GREETING_TIMEOUT':
      return failure(
        'MAIL_TIMEOUT',
        `${where} accepted the connection but did not greet within ${seconds(timeouts.greeting)}. If this port expects TLS from the first byte (usually 465), choose TLS; else check the port.`,
        false,
      );
    case 'UPGRADE_TIMEOUT':
      return failure('MAIL_TIMEOUT', `${where} did not finish setting up encryption in time. Try again later, or check the TLS mode.`, false);
    case 'SOCKET_TIMEOUT':
      return failure('MAIL_TIMEOUT', `${where} stopped answering for ${seconds(timeouts.socket)} while the mail was sent. ${nextStep(retried).sentence}`, false);
    default:
      return failure('MAIL_TIMEOUT', `${where} did not answer within ${seconds(timeouts.connection)}. Check the host, the port and your internet connection.`, false);
  }
}

function refusal(error: SendError, settings: MailSettings, where: string, retried: boolean): MailFailure {
  const permanent = error.permanent === true;
  // 530: the server wants a login before it takes mail.
  if (error.responseCode === 530) {
    return failure('MAIL_LOGIN_REFUSED', `${where} sends mail only after a login: enter your user name and password.${serverSaid(error)}`, true);
  }
  const later = permanent ? '' : ` ${nextStep(retried).sentence}`;
  if (error.command === 'MAIL FROM') {
    return failure('MAIL_REJECTED', `${where} refused the sender ${settings.from}. Many servers send only from your own account's address: check “From”.${serverSaid(error)}${later}`, permanent);
  }
  if (error.command === 'RCPT TO') {
    return failure('MAIL_REJECTED', `${where} refused the recipient ${settings.to}. Check “To”.${serverSaid(error)}${later}`, permanent);
  }
  return failure('MAIL_REJECTED', `${where} refused the message.${serverSaid(error)}${later}`, permanent);
}

/**
 * The app's failure for whatever a send threw. An AppFailure (settings found wrong) keeps
 * its code, field and issues; an error of no known kind (a bug, a denied permission) is
 * INTERNAL, worth another try, its first line kept in the message. `retried` false (a test
 * mail): messages tell the person to try again instead of promising a retry.
 */
export function mailFailureOf(thrown: unknown, settings: MailSettings, timeouts: MailTimeouts, retried = true): MailFailure {
  if (thrown instanceof AppFailure && thrown.code === 'MAIL_SETTINGS_INVALID') return { ...thrown.toAppError(), code: thrown.code, permanent: true };
  const error: SendError = typeof thrown === 'object' && thrown !== null ? thrown : { message: String(thrown) };
  const where = `The mail server ${settings.host}:${settings.port}`;
  const original = error.originalCode ?? '';
  switch (error.code) {
    case 'EAUTH':
    case 'ENOAUTH': {
      // 4xx: "temporary authentication failure" — the server's trouble, not the password.
      const temporary = error.responseCode !== undefined && error.responseCode >= 400 && error.responseCode < 500;
      return failure(
        'MAIL_LOGIN_REFUSED',
        temporary
          ? `${where} could not check your login just now. ${nextStep(retried).sentence}${serverSaid(error)}`
          : `${where} refused the login for “${settings.user}”. Check the user name and the password (some providers, such as Gmail or iCloud, need an app password).${serverSaid(error)}`,
        !temporary,
      );
    }
    case 'ETLS':
      return tlsFailure(error, settings, where);
    case 'ETIMEDOUT':
      return timeoutFailure(error, where, timeouts, retried);
    case 'EDNS':
      return failure(
        'MAIL_HOST_UNREACHABLE',
        original === 'ETIMEOUT'
          ? `Looking up ${settings.host} took longer than ${seconds(timeouts.dns)}. Check your internet connection.`
          : `Could not find the mail server “${settings.host}”. Check the host name and your internet connection.`,
        false,
      );
    case 'ESOCKET':
      if (CERTIFICATE_CODES.has(original) || original.startsWith('ERR_SSL') || original.startsWith('ERR_TLS') || original === 'EPROTO') {
        return tlsFailure(error, settings, where);
      }
      if (original === 'ECONNREFUSED') {
        return failure('MAIL_HOST_UNREACHABLE', `Nothing answered at ${settings.host}:${settings.port} (connection refused). Check the host and the port: usually 587 for STARTTLS, 465 for TLS.`, false);
      }
      if (UNREACHABLE_CODES.has(original)) {
        return failure('MAIL_HOST_UNREACHABLE', `Could not reach ${settings.host}:${settings.port} (${original}). Check your internet connection and the host.`, false);
      }
      break;
    case 'ECONNECTION':
      return failure(
        'MAIL_HOST_UNREACHABLE',
        `${where} closed the connection unexpectedly. Check the port and the TLS mode; if they are right, ${nextStep(retried).clause}.${serverSaid(error)}`,
        false,
      );
    case 'EPROTOCOL':
      return failure('MAIL_HOST_UNREACHABLE', `${settings.host}:${settings.port} does not answer the way a mail server does. Check the host and the port.`, false);
    case 'EENVELOPE':
    case 'EMESSAGE':
      return refusal(error, settings, where, retried);
  }
  const detail = error.message === undefined || error.message === '' ? '' : ` (${error.message.split('\n')[0]})`;
  return failure('INTERNAL', `Sending through ${settings.host}:${settings.port} failed${detail}. ${nextStep(retried).sentence}`, false);
}
