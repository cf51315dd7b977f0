/**
 * The mails the app sends, built from plain inputs (pure): the monthly report with its PDF,
 * the daily nudge, and the test mail of the settings screen. The sender and recipient come
 * from the settings when sending (`sendMail`).
 */
import { month as monthSchema } from '../../../src-preload/contract';
import { fail } from '../errors';
import type { TlsMode } from './mail-settings';

export interface MailAttachment {
  readonly filename: string;
  readonly contentType: string;
  readonly content: Uint8Array;
}

export interface MailMessage {
  /** One line: whitespace runs, line breaks included, are single spaces. */
  readonly subject: string;
  readonly text: string;
  readonly attachments: readonly MailAttachment[];
}

const PDF_MAGIC = '%PDF-';
const MAX_SUBJECT = 200;

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

const footer = (why: string): string => `\n\n-- \nYou get this mail because ${why} in Quantified Self. Turn it off there to stop these mails.\n`;

function validMonth(month: string): string {
  if (!monthSchema.safeParse(month).success) fail('INVALID_INPUT', `Expected a month as YYYY-MM, got “${month}”.`, 'month');
  return month;
}

/** `2026-10` → `October 2026`, in English like the rest of the app's words. */
export function monthTitle(month: string): string {
  const [year, monthNumber] = validMonth(month).split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat('en', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(year, monthNumber - 1, 1));
}

/** `2026-10` → `quantified-self-2026-10.pdf`: the attachment's name, also fit as a file name to save. */
export const reportFileName = (month: string): string => `quantified-self-${validMonth(month)}.pdf`;

/**
 * The monthly report mail: subject "Your Quantified Self report for October 2026", a short
 * text, the PDF attached as `quantified-self-2026-10.pdf` (application/pdf). Refuses bytes
 * that are not a PDF (INVALID_INPUT), so a failed print never goes out as a broken attachment.
 */
export function monthlyReportMail(report: { readonly month: string; readonly pdf: Uint8Array }): MailMessage {
  const title = monthTitle(report.month);
  const fileName = reportFileName(report.month);
  if (Buffer.from(report.pdf.subarray(0, PDF_MAGIC.length)).toString('latin1') !== PDF_MAGIC) {
    fail('INVALID_INPUT', `The report for ${title} is not a PDF; it was not sent.`, 'pdf');
  }
  return {
    subject: `Your Quantified Self report for ${title}`,
    text: `Your Quantified Self report for ${title} is attached as a PDF (${fileName}).${footer('the monthly report by mail is on')}`,
    attachments: [{ filename: fileName, contentType: 'application/pdf', content: report.pdf }],
  };
}

/**
 * The daily nudge by mail, saying exactly what the nudge says: the caller chose the text
 * by the person's setting (tracker names, or a generic "time to log"), and nothing here adds
 * a tracker's name. The title is the subject.
 */
export function nudgeMail(nudge: { readonly title: string; readonly body: string }): MailMessage {
  const subject = oneLine(nudge.title);
  if (subject === '' || subject.length > MAX_SUBJECT) fail('INVALID_INPUT', `A nudge needs a title of 1 to ${MAX_SUBJECT} characters.`, 'title');
  const body = nudge.body.trim();
  return { subject, text: `${body === '' ? subject : body}${footer('nudges by mail are on')}`, attachments: [] };
}

const TLS_WORDS: Record<TlsMode, string> = { starttls: 'STARTTLS encryption', tls: 'TLS encryption', none: 'no encryption' };

/** The test mail of the settings screen: it names the server and mode it went through. */
export function testMail(settings: { readonly host: string; readonly port: number; readonly tls: TlsMode }): MailMessage {
  return {
    subject: 'Quantified Self test mail',
    text:
      `This is a test mail from Quantified Self. It went through ${settings.host}:${settings.port} with ${TLS_WORDS[settings.tls]}, ` +
      'so your mail settings work: reports and nudges by mail will arrive the same way.\n',
    attachments: [],
  };
}
