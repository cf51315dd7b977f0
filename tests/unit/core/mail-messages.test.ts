import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../../src-main/core/errors';
import { monthTitle, monthlyReportMail, nudgeMail, reportFileName, testMail } from '../../../src-main/core/mail/mail-messages';

const pdf = Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n');

function codeOf(build: () => unknown): string {
  try {
    build();
  } catch (error) {
    if (error instanceof AppFailure) return `${error.code}:${error.field ?? ''}`;
    throw error;
  }
  return 'no failure';
}

describe('the monthly report mail', () => {
  it('names the month in its subject and attaches the PDF as quantified-self-YYYY-MM.pdf', () => {
    const mail = monthlyReportMail({ month: '2026-10', pdf });
    expect(mail.subject).toBe('Your Quantified Self report for October 2026');
    expect(mail.text).toMatch(/^Your Quantified Self report for October 2026 is attached as a PDF \(quantified-self-2026-10\.pdf\)\./);
    expect(mail.attachments).toEqual([{ filename: 'quantified-self-2026-10.pdf', contentType: 'application/pdf', content: pdf }]);
  });

  it.each([
    ['2026-01', 'January 2026'],
    ['2026-12', 'December 2026'],
    ['1999-02', 'February 1999'],
  ])('calls %s %s, whatever the machine’s time zone', (month, title) => {
    expect(monthTitle(month)).toBe(title);
    expect(reportFileName(month)).toBe(`quantified-self-${month}.pdf`);
  });

  it.each(['2026-13', '2026-00', '2026-1', '26-10', '2026-10-01', '../2026-10', ''])('refuses the month %j', (month) => {
    expect(codeOf(() => monthlyReportMail({ month, pdf }))).toBe('INVALID_INPUT:month');
  });

  it('refuses bytes that are not a PDF, so a failed print never goes out as an attachment', () => {
    expect(codeOf(() => monthlyReportMail({ month: '2026-10', pdf: Buffer.from('<!doctype html><title>Report</title>') }))).toBe('INVALID_INPUT:pdf');
    expect(codeOf(() => monthlyReportMail({ month: '2026-10', pdf: new Uint8Array(0) }))).toBe('INVALID_INPUT:pdf');
  });

  it('reads the PDF magic from a view into a larger buffer at its own offset', () => {
    const backing = Buffer.concat([Buffer.from('garbage'), pdf]);
    const view = new Uint8Array(backing.buffer, backing.byteOffset + 7, pdf.length);
    expect(monthlyReportMail({ month: '2026-10', pdf: view }).attachments[0]?.content).toBe(view);
  });
});

describe('the nudge mail', () => {
  it('says what the nudge says, its title the subject', () => {
    const mail = nudgeMail({ title: 'Time to log: Sleep, Water', body: 'No entry yet today for Sleep and Water.' });
    expect(mail.subject).toBe('Time to log: Sleep, Water');
    expect(mail.text).toMatch(/^No entry yet today for Sleep and Water\.\n\n-- \nYou get this mail because nudges by mail are on in Quantified Self\./);
    expect(mail.attachments).toEqual([]);
  });

  it('adds nothing of its own that could name a tracker to a generic nudge', () => {
    const mail = nudgeMail({ title: 'Time to log', body: 'Some trackers have no entry yet today.' });
    expect(mail.subject).toBe('Time to log');
    expect(mail.text).toBe(
      'Some trackers have no entry yet today.\n\n-- \nYou get this mail because nudges by mail are on in Quantified Self. Turn it off there to stop these mails.\n',
    );
  });

  it('keeps the subject on one line and refuses an empty or overlong title', () => {
    expect(nudgeMail({ title: 'Time\r\nto  log', body: '' }).subject).toBe('Time to log');
    expect(nudgeMail({ title: 'Time to log', body: '  ' }).text).toMatch(/^Time to log\n/);
    expect(codeOf(() => nudgeMail({ title: ' \n ', body: 'x' }))).toBe('INVALID_INPUT:title');
    expect(codeOf(() => nudgeMail({ title: 'x'.repeat(201), body: 'x' }))).toBe('INVALID_INPUT:title');
  });
});

describe('the test mail', () => {
  it.each([
    ['starttls', 587, 'STARTTLS encryption'],
    ['tls', 465, 'TLS encryption'],
    ['none', 25, 'no encryption'],
  ] as const)('names the server and the mode (%s)', (tls, port, words) => {
    const mail = testMail({ host: 'smtp.example.com', port, tls });
    expect(mail.subject).toBe('Quantified Self test mail');
    expect(mail.text).toContain(`It went through smtp.example.com:${port} with ${words}, so your mail settings work`);
  });
});
