/**
 * One mail through the person's SMTP server: settings checked first (nothing connects when
 * they are wrong), one connection, the answer as a value. Nothing is retried here; the job
 * runner asks `nextMailAttempt` when to try again.
 */
import { rootCertificates } from 'node:tls';
import { createTransport } from 'nodemailer';
import type { SMTPTransportOptions } from 'nodemailer';
import { mailFailureOf, type MailFailure, type MailTimeouts } from './mail-failure';
import type { MailMessage } from './mail-messages';
import { checkMailSettings, type MailSettings } from './mail-settings';
import { connectHost } from './loopback-host';

/**
 * nodemailer's own defaults wait 2 minutes to connect and 10 minutes on a silent socket: a
 * person pressing "Send test mail" would see nothing for minutes. These give a slow server
 * its time and still answer within half a minute when nothing is there.
 */
export const DEFAULT_MAIL_TIMEOUTS: MailTimeouts = { connection: 30_000, greeting: 20_000, socket: 60_000, dns: 15_000 };

/** The name the app greets a server with (EHLO). */
const CLIENT_NAME = '[127.0.0.1]';

/** The sender's display name; the address is the settings' `from`. */
const SENDER_NAME = 'Quantified Self';

export interface SendMailOptions {
  /** Shorter waits (tests), or longer ones; each defaults to DEFAULT_MAIL_TIMEOUTS. */
  readonly timeouts?: Partial<MailTimeouts>;
  /**
   * PEM certificates trusted on top of the system's roots: a server with its own
   * certificate authority, or a test's self-signed server. Certificate checks cannot be
   * turned off; there is deliberately no option for that.
   */
  readonly trustedCertificates?: readonly string[];
  /**
   * Whether a failure will be tried again on its own (the job runner's mails; the default).
   * False for the test mail: its messages then say "Try again later" instead of promising it.
   */
  readonly retried?: boolean;
}

export type SendMailResult = { readonly ok: true; readonly messageId: string } | { readonly ok: false; readonly error: MailFailure };

/**
 * nodemailer's transport options for checked settings. The TLS modes:
 * `tls` — TLS from the first byte (`secure`); `starttls` — plain until STARTTLS, which must
 * succeed before anything else is sent (`requireTLS`: a server not offering it fails rather
 * than falling back); `none` — never encrypt (`ignoreTLS`), allowed with a password only to
 * this machine (see `checkMailSettings`).
 */
export function transportOptions(settings: MailSettings, options: SendMailOptions = {}): SMTPTransportOptions {
  const timeouts = { ...DEFAULT_MAIL_TIMEOUTS, ...options.timeouts };
  const trusted = options.trustedCertificates ?? [];
  return {
    host: connectHost(settings.host, settings.tls),
    port: settings.port,
    secure: settings.tls === 'tls',
    requireTLS: settings.tls === 'starttls',
    ignoreTLS: settings.tls === 'none',
    opportunisticTLS: false,
    auth: settings.user === '' ? undefined : { user: settings.user, pass: settings.password },
    // Not the machine's host name: it would tell every mail server what this computer is called.
    name: CLIENT_NAME,
    connectionTimeout: timeouts.connection,
    greetingTimeout: timeouts.greeting,
    socketTimeout: timeouts.socket,
    dnsTimeout: timeouts.dns,
    tls: {
      // Explicit, so NODE_TLS_REJECT_UNAUTHORIZED=0 in the environment cannot turn checks off.
      rejectUnauthorized: true,
      minVersion: 'TLSv1.2',
      // `ca` replaces Node's roots rather than adding to them: keep the roots.
      ...(trusted.length === 0 ? {} : { ca: [...rootCertificates, ...trusted] }),
    },
    // Our messages carry their bytes; a path or URL in them would be a bug, not a feature.
    disableFileAccess: true,
    disableUrlAccess: true,
    logger: false,
  };
}

/**
 * Sends `message` from `settings.from` to `settings.to`. Answers `{ ok: true, messageId }`,
 * or `{ ok: false, error }` with a MailFailure (MAIL_SETTINGS_INVALID before connecting,
 * else what the server or the network did); it does not throw.
 */
export async function sendMail(settings: MailSettings, message: MailMessage, options: SendMailOptions = {}): Promise<SendMailResult> {
  const timeouts = { ...DEFAULT_MAIL_TIMEOUTS, ...options.timeouts };
  let checked: MailSettings;
  try {
    checked = checkMailSettings(settings);
  } catch (error) {
    return { ok: false, error: mailFailureOf(error, settings, timeouts, options.retried) };
  }
  const transport = createTransport(transportOptions(checked, options));
  try {
    const info = await transport.sendMail({
      from: { name: SENDER_NAME, address: checked.from },
      to: checked.to,
      subject: message.subject,
      text: message.text,
      attachments: message.attachments.map((attachment) => ({
        filename: attachment.filename,
        contentType: attachment.contentType,
        content: Buffer.from(attachment.content.buffer, attachment.content.byteOffset, attachment.content.byteLength),
      })),
    });
    return { ok: true, messageId: info.messageId };
  } catch (error) {
    return { ok: false, error: mailFailureOf(error, checked, timeouts, options.retried) };
  } finally {
    transport.close();
  }
}
