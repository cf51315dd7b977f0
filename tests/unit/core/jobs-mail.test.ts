/**
 * The job runner's mail, through a real core with a clock the test moves and a real SMTP
 * server on loopback: the month's report mailed with its PDF, a nudge mailed with its text,
 * failures recorded with their typed message and retried on the back-off schedule (or once
 * the settings change), never mailed twice, and nothing at all when mail is not asked for.
 */
import { describe, expect, it } from 'vitest';
import type { Core } from '../../../src-main/core/index';
import type { Printer } from '../../../src-main/core/services/printer';
import type { Notifier } from '../../../src-main/core/services/notifier';
import type { Input, JobRun } from '../../../src-preload/contract';
import { Client, SIGN_UP, startCore } from './helpers';
import { TEST_PASSWORD, TEST_USER, type TestSmtpServer, useSmtpServers } from './smtp-test-server';

/** Not a real report, but what the printer gives is what must arrive: distinct bytes to compare. */
const REPORT_PDF = Buffer.from('%PDF-1.4\n%mail job test \u00e9\u0001\u00ff\n%%EOF\n', 'latin1');

const servers = useSmtpServers();

class Clock {
  constructor(public at: Date) {}
  readonly now = (): Date => this.at;
  set(iso: string): void {
    this.at = new Date(iso);
  }
}

const printer: Printer = {
  availability: () => Promise.resolve({ available: true, reason: null }),
  printPdf: () => Promise.resolve(new Uint8Array(REPORT_PDF)),
};

const notifier: Notifier = { notify: () => Promise.resolve({ shown: true }) };

type MailInput = NonNullable<Input<'updateMailSettings'>['mail']>;

const mailFor = (port: number, password = TEST_PASSWORD): MailInput => ({
  host: '127.0.0.1',
  port,
  tls: 'starttls',
  user: TEST_USER,
  password,
  from: 'me@example.com',
  to: 'me+qs@example.com',
});

/** A server that refuses every sender with 451 (a transient failure) while `refusing.on`. */
async function smtpServer(refusing: { on: boolean } = { on: false }): Promise<TestSmtpServer> {
  return servers.start({
    onMailFrom(_address, _session, callback) {
      if (refusing.on) callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
      else callback();
    },
  });
}

/** A profile made in October 2026 (UTC) whose core trusts the test server, reports on at 09:00. */
async function profile(start = '2026-10-05T08:00:00Z') {
  const clock = new Clock(new Date(start));
  const core = await startCore({ now: clock.now, jobs: { notifier, printer }, mail: { trustedCertificates: [servers.certificate.cert], timeouts: { connection: 5000, greeting: 5000, socket: 5000 } } });
  const client = new Client(core);
  const { profile: made } = await client.ok('signUp', SIGN_UP);
  await client.ok('updateSettings', { timeZone: 'UTC', nudges: { enabled: false, time: '20:00', text: 'names', byMail: false }, reports: { enabled: true, time: '09:00', byMail: true } });
  return { core, client, clock, profileId: made.id };
}

const mailRuns = (runs: readonly JobRun[]) => runs.filter((run) => run.kind === 'mail').map((run) => [run.key, run.outcome, run.error]);

async function activity(client: Client): Promise<JobRun[]> {
  return (await client.ok('listActivity', { limit: 200 })).runs;
}

/** A look's runs but the daily backup's (tested in backup-schedule.test.ts). */
const look = async (core: Core, profileId: string) => {
  const result = await core.jobs.look(profileId);
  return { ...result, runs: result.runs.filter((run) => run.kind !== 'backup') };
};

describe('the job runner: the monthly report by mail', () => {
  it('mails the saved report as a PDF attachment once, with the month in the subject', async () => {
    const smtp = await smtpServer();
    const { core, client, clock, profileId } = await profile();
    await client.ok('updateMailSettings', { mail: mailFor(smtp.port) });

    clock.set('2026-11-01T09:05:00Z');
    const first = await look(core, profileId);
    await look(core, profileId);
    clock.set('2026-11-01T10:05:00Z');
    await look(core, profileId);

    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0]?.mail;
    expect(mail?.subject).toBe('Your Quantified Self report for October 2026');
    expect(mail?.to).toMatchObject({ text: 'me+qs@example.com' });
    const saved = Buffer.from((await client.ok('getReport', { month: '2026-10' })).pdfBase64, 'base64');
    expect(mail?.attachments.map((attachment) => [attachment.filename, attachment.contentType])).toEqual([['quantified-self-2026-10.pdf', 'application/pdf']]);
    expect(Buffer.compare(mail?.attachments[0]?.content ?? Buffer.alloc(0), saved)).toBe(0);
    expect(saved.equals(REPORT_PDF)).toBe(true);
    expect(mailRuns(first.runs)).toEqual([['mail:report:2026-10', 'done', null]]);
    expect(mailRuns(await activity(client))).toEqual([['mail:report:2026-10', 'done', null]]);
    // The record says which settings it used, never the settings themselves.
    expect(JSON.stringify(await activity(client))).not.toContain(TEST_PASSWORD);
  });

  it('records a refused login with its typed message and does not try again until the settings change', async () => {
    const smtp = await smtpServer();
    const { core, client, clock, profileId } = await profile();
    await client.ok('updateMailSettings', { mail: mailFor(smtp.port, 'wrong password') });
    const refused = await client.call('sendTestMail', {});
    expect(refused.ok).toBe(false);
    const refusedMessage = refused.ok ? '' : refused.error.message;
    expect(refused.ok ? null : refused.error.code).toBe('MAIL_LOGIN_REFUSED');
    const loginsBefore = smtp.logins.length;

    clock.set('2026-11-01T09:05:00Z');
    const first = await look(core, profileId);
    expect(first.runs.map((run) => [run.kind, run.outcome])).toEqual([
      ['report', 'done'],
      ['mail', 'failed'],
    ]);
    const failed = first.runs.find((run) => run.kind === 'mail');
    // The runner's message promises nothing the test mail's could not (it is not retried on its own).
    expect(failed?.error).toMatch(/log ?in|password|user/i);
    expect(failed?.error?.split('.')[0]).toBe(refusedMessage.split('.')[0]);
    expect(failed?.mail).toMatchObject({ code: 'MAIL_LOGIN_REFUSED', permanent: true });

    // Long past every back-off delay: still not tried, as the same password would be refused again.
    for (const at of ['2026-11-01T09:10:00Z', '2026-11-01T12:00:00Z', '2026-11-02T09:00:00Z']) {
      clock.set(at);
      expect(mailRuns((await look(core, profileId)).runs)).toEqual([]);
    }
    expect(smtp.logins).toHaveLength(loginsBefore + 1);
    expect(smtp.mails).toHaveLength(0);

    // Changed settings are tried at once: the change itself brings a look, which sends the report.
    await client.ok('updateMailSettings', { mail: mailFor(smtp.port) });
    expect(smtp.mails.map((received) => received.mail.subject)).toEqual(['Your Quantified Self report for October 2026']);
    expect(mailRuns((await look(core, profileId)).runs)).toEqual([]);
    expect(smtp.mails).toHaveLength(1);
    expect(mailRuns(await activity(client)).map(([, outcome]) => outcome)).toEqual(['done', 'failed']);
  });

  it('retries a transient failure at the back-off time and not before, waking for it', async () => {
    const refusing = { on: true };
    const smtp = await smtpServer(refusing);
    const { core, client, clock, profileId } = await profile();
    await client.ok('updateMailSettings', { mail: mailFor(smtp.port) });

    clock.set('2026-11-01T09:05:00Z');
    const first = await look(core, profileId);
    const failed = first.runs.find((run) => run.kind === 'mail');
    expect(failed).toMatchObject({ outcome: 'failed', mail: { permanent: false } });
    expect(failed?.error).toContain('451');
    // The first retry is a minute later: the runner wakes for it rather than in an hour.
    expect(first.nextCheckAt?.toISOString()).toBe('2026-11-01T09:06:00.000Z');

    clock.set('2026-11-01T09:05:59Z');
    expect(mailRuns((await look(core, profileId)).runs)).toEqual([]);
    clock.set('2026-11-01T09:06:00Z');
    const second = await look(core, profileId);
    expect(mailRuns(second.runs).map(([, outcome]) => outcome)).toEqual(['failed']);
    // Then five minutes after the second attempt.
    expect(second.nextCheckAt?.toISOString()).toBe('2026-11-01T09:11:00.000Z');

    refusing.on = false;
    clock.set('2026-11-01T09:10:59Z');
    expect(mailRuns((await look(core, profileId)).runs)).toEqual([]);
    expect(smtp.mails).toHaveLength(0);
    clock.set('2026-11-01T09:11:00Z');
    expect(mailRuns((await look(core, profileId)).runs)).toEqual([['mail:report:2026-10', 'done', null]]);
    expect(smtp.mails).toHaveLength(1);
    expect(Buffer.compare(smtp.mails[0]?.mail.attachments[0]?.content ?? Buffer.alloc(0), REPORT_PDF)).toBe(0);
    expect(mailRuns(await activity(client)).map(([, outcome]) => outcome)).toEqual(['done', 'failed', 'failed']);
  });

  it('gives up after the schedule and records that, once', async () => {
    const smtp = await smtpServer({ on: true });
    const { core, client, clock, profileId } = await profile();
    await client.ok('updateMailSettings', { mail: mailFor(smtp.port) });
    clock.set('2026-11-01T09:05:00Z');
    let next = (await look(core, profileId)).nextCheckAt;
    // Following the runner's own wake-ups (hourly looks among them) through the whole schedule.
    for (let wake = 0; wake < 30; wake += 1) {
      if (next === null) break;
      clock.at = next;
      next = (await look(core, profileId)).nextCheckAt;
    }
    clock.set('2026-11-03T09:00:00Z');
    await look(core, profileId);
    const runs = (await activity(client)).filter((run) => run.kind === 'mail');
    expect(runs.map((run) => run.summary)).toEqual([
      'Gave up mailing the report for October 2026',
      ...Array.from({ length: 6 }, () => 'Could not mail the report for October 2026'),
    ]);
    expect(runs[0]?.error).toMatch(/^Gave up after 6 attempts/);
    expect(runs.map((run) => run.ranAt).reverse()).toEqual(['09:05', '09:06', '09:11', '09:41', '11:41', '23:41'].map((time) => `2026-11-01T${time}:00.000Z`).concat([expect.any(String)]));
    expect(smtp.mails).toHaveLength(0);
  });
});

describe('the job runner: nudges by mail', () => {
  it('mails the nudge with its text, once', async () => {
    const smtp = await smtpServer();
    const { core, client, clock, profileId } = await profile('2026-11-01T10:00:00Z');
    await client.ok('updateSettings', { nudges: { enabled: true, time: '20:00', text: 'names', byMail: true } });
    await client.ok('updateMailSettings', { mail: mailFor(smtp.port) });
    await client.ok('createTracker', { name: 'Water', settings: { type: 'boolean' } });

    clock.set('2026-11-02T20:30:00Z');
    const first = await look(core, profileId);
    await look(core, profileId);

    expect(mailRuns(first.runs)).toEqual([['mail:nudge:2026-11-02:20:00', 'done', null]]);
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]?.mail.subject).toBe("Time to log today's entries");
    expect(smtp.mails[0]?.mail.text).toContain('No entry yet today: Water.');
  });
});

describe('the job runner: a nudge mail that failed', () => {
  it('is retried on its day, and not once the day is over', async () => {
    const refusing = { on: true };
    const smtp = await smtpServer(refusing);
    const { core, client, clock, profileId } = await profile('2026-11-01T10:00:00Z');
    await client.ok('updateSettings', { nudges: { enabled: true, time: '23:50', text: 'names', byMail: true } });
    await client.ok('updateMailSettings', { mail: mailFor(smtp.port) });
    await client.ok('createTracker', { name: 'Water', settings: { type: 'boolean' } });

    clock.set('2026-11-02T23:50:00Z');
    expect(mailRuns((await look(core, profileId)).runs).map(([, outcome]) => outcome)).toEqual(['failed']);
    clock.set('2026-11-02T23:51:00Z');
    expect(mailRuns((await look(core, profileId)).runs).map(([, outcome]) => outcome)).toEqual(['failed']);
    const connections = smtp.connections();

    refusing.on = false;
    // The next retry (five minutes on) falls on the 3rd: "no entry yet today" would be wrong.
    clock.set('2026-11-03T00:10:00Z');
    expect(mailRuns((await look(core, profileId)).runs)).toEqual([]);
    expect(smtp.connections()).toBe(connections);
    expect(smtp.mails).toHaveLength(0);
  });
});

describe('the job runner: no mail unless asked for and set up', () => {
  it('mails nothing and records no mail run when byMail is off, or when mail is not set up', async () => {
    const smtp = await smtpServer();
    const off = await profile();
    await off.client.ok('updateSettings', { reports: { enabled: true, time: '09:00', byMail: false }, nudges: { enabled: true, time: '20:00', text: 'names', byMail: false } });
    await off.client.ok('updateMailSettings', { mail: mailFor(smtp.port) });
    await off.client.ok('createTracker', { name: 'Water', settings: { type: 'boolean' } });
    const notSetUp = await profile();
    await notSetUp.client.ok('updateSettings', { nudges: { enabled: true, time: '20:00', text: 'names', byMail: true } });
    await notSetUp.client.ok('createTracker', { name: 'Water', settings: { type: 'boolean' } });

    for (const { core, clock, profileId } of [off, notSetUp]) {
      clock.set('2026-11-01T20:30:00Z');
      const { runs } = await look(core, profileId);
      // The tracker was made in October: the days since bring missed nudges, never mailed either.
      expect(runs.filter((run) => run.outcome !== 'missed').map((run) => run.kind).sort()).toEqual(['nudge', 'report']);
    }
    expect(mailRuns(await activity(off.client))).toEqual([]);
    expect(mailRuns(await activity(notSetUp.client))).toEqual([]);
    expect(smtp.connections()).toBe(0);
  });
});
