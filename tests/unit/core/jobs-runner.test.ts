/**
 * The job runner over a real core and data folder, with a clock the test moves and fake
 * shell ports: nudges shown once and recorded, entries and locks respected, catch-up
 * recorded as missed, the monthly report printed, saved encrypted, listed and given back,
 * a failed print recorded with its reason, and reports made on demand through operations.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataLayout } from '../../../src-main/core/index';
import type { Core } from '../../../src-main/core/index';
import type { Notifier, Nudge } from '../../../src-main/core/services/notifier';
import { PortFailure } from '../../../src-main/core/services/port-failure';
import type { PdfOptions, Printer } from '../../../src-main/core/services/printer';
import { DEFAULT_NUDGES, type JobRun } from '../../../src-preload/contract';
import { filesContaining } from './encryption-helpers';
import { Client, SIGN_UP, startCore } from './helpers';

/** The smallest thing a fake printer can call a PDF. */
const TINY_PDF = Buffer.from('%PDF-1.4\n%runner test\n%%EOF\n', 'utf8');

class Clock {
  constructor(public at: Date) {}
  readonly now = (): Date => this.at;
  set(iso: string): void {
    this.at = new Date(iso);
  }
}

function fakeNotifier(answer: () => Promise<{ shown: true } | { shown: false; reason: string }> = () => Promise.resolve({ shown: true })) {
  const shown: Nudge[] = [];
  const notifier: Notifier = {
    notify: async (nudge) => {
      shown.push(nudge);
      return answer();
    },
  };
  return { notifier, shown };
}

function fakePrinter(print: () => Promise<Uint8Array> = () => Promise.resolve(new Uint8Array(TINY_PDF))) {
  const printed: { html: string; options: PdfOptions }[] = [];
  const printer: Printer = {
    availability: () => Promise.resolve({ available: true, reason: null }),
    printPdf: async (html, options) => {
      printed.push({ html, options });
      return print();
    },
  };
  return { printer, printed };
}

/** A profile made on 2026-10-05 in UTC, with the given ports. */
async function profileWith(ports: { notifier?: Notifier | null; printer?: Printer | null } = {}, start = '2026-10-05T08:00:00Z') {
  const clock = new Clock(new Date(start));
  const core = await startCore({ now: clock.now, jobs: { notifier: ports.notifier ?? null, printer: ports.printer ?? null } });
  const client = new Client(core);
  const { profile } = await client.ok('signUp', SIGN_UP);
  await client.ok('updateSettings', { timeZone: 'UTC' });
  return { core, client, clock, profileId: profile.id };
}

/** The nudge, report and mail runs: the daily backup's are tested in backup-schedule.test.ts. */
async function activity(client: Client): Promise<JobRun[]> {
  return (await client.ok('listActivity', { limit: 200 })).runs.filter((run) => run.kind !== 'backup');
}

const outcomes = (runs: readonly JobRun[]) => runs.map((run) => `${run.key.replace(/:[^:]+$/, (id) => (id.length > 20 ? ':<id>' : id))} ${run.outcome}`).sort();

async function look(core: Core, profileId: string) {
  const result = await core.jobs.look(profileId);
  return { ...result, runs: result.runs.filter((run) => run.kind !== 'backup') };
}

/** Made after October ended: no report is due in these tests. */
const IN_NOVEMBER = '2026-11-01T06:00:00Z';
/**
 * When the nudge tests make their trackers. Making one looks at the profile (as every change
 * to the schedule does), so a tracker made the day before would bring that day's missed nudge.
 */
const MORNING = '2026-11-02T06:00:00Z';

describe('the job runner: daily nudges', () => {
  it('shows a due nudge once, however often it looks, and records it', async () => {
    const { notifier, shown } = fakeNotifier();
    const { core, client, clock, profileId } = await profileWith({ notifier }, IN_NOVEMBER);
    clock.set(MORNING);
    const { tracker } = await client.ok('createTracker', { name: 'Water', settings: { type: 'boolean' } });

    clock.set('2026-11-02T19:59:00Z');
    expect((await look(core, profileId)).runs).toEqual([]);
    expect(shown).toEqual([]);

    clock.set('2026-11-02T20:30:00Z');
    const first = await look(core, profileId);
    await look(core, profileId);
    expect(shown).toEqual([{ profileId, title: "Time to log today's entries", body: 'No entry yet today: Water.', trackerIds: [tracker.id], actions: ['done-for-today'] }]);
    expect(first.runs.map((run) => [run.key, run.outcome])).toEqual([[`nudge:2026-11-02:${tracker.id}`, 'done']]);
    // Nothing more is due today: look again in an hour.
    expect(first.nextCheckAt?.toISOString()).toBe('2026-11-02T21:30:00.000Z');
    const runs = await activity(client);
    expect(runs).toEqual(first.runs);
  });

  it('looks as soon as the nudge time changes: a time moved to one already past today nudges at once', async () => {
    const { notifier, shown } = fakeNotifier();
    const { core, client, clock } = await profileWith({ notifier }, IN_NOVEMBER);
    clock.set(MORNING);
    await client.ok('createTracker', { name: 'Water', settings: { type: 'boolean' } });
    clock.set('2026-11-02T19:00:00Z');

    // Nothing is due before 20:00, and the timer sleeps longer still: only a look after the change nudges now.
    await client.ok('updateSettings', { nudges: { ...DEFAULT_NUDGES, time: '18:30' } });
    await core.jobs.idle();
    expect(shown.map((nudge) => nudge.body)).toEqual(['No entry yet today: Water.']);
    expect((await activity(client)).map((run) => [run.kind, run.outcome, run.dueAt])).toEqual([['nudge', 'done', '2026-11-02T18:30:00.000Z']]);
  });

  it('looks at every unlocked profile when the shell says the machine woke (lookForJobs)', async () => {
    const { notifier, shown } = fakeNotifier();
    const { core, client, clock } = await profileWith({ notifier }, IN_NOVEMBER);
    clock.set(MORNING);
    await client.ok('createTracker', { name: 'Water', settings: { type: 'boolean' } });
    // Asleep through 20:00: the timer set in the morning has not fired.
    clock.set('2026-11-02T21:10:00Z');
    expect(shown).toEqual([]);
    core.lookForJobs();
    await core.jobs.idle();
    expect(shown.map((nudge) => nudge.body)).toEqual(['No entry yet today: Water.']);
  });

  it('does not nudge a tracker with an entry today, and says only the generic text when asked to', async () => {
    const { notifier, shown } = fakeNotifier();
    const { core, client, clock, profileId } = await profileWith({ notifier }, IN_NOVEMBER);
    clock.set(MORNING);
    const water = (await client.ok('createTracker', { name: 'Water', settings: { type: 'boolean' } })).tracker;
    const sleep = (await client.ok('createTracker', { name: 'Sleep', settings: { type: 'duration' } })).tracker;
    const mood = (await client.ok('createTracker', { name: 'Mood', settings: { type: 'numerical', unit: '' } })).tracker;
    clock.set('2026-11-02T12:00:00Z');
    await client.ok('addLog', { trackerId: water.id, at: '2026-11-02T10:00:00Z', value: true });
    await client.ok('updateSettings', { nudges: { enabled: true, time: '20:00', text: 'generic', byMail: false } });

    clock.set('2026-11-02T20:01:00Z');
    await look(core, profileId);
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatchObject({ body: '2 trackers have no entry yet today.', trackerIds: [sleep.id, mood.id], actions: [] });
    expect(JSON.stringify(shown)).not.toContain('Sleep');
    expect((await activity(client)).map((run) => run.key).sort()).toEqual([`nudge:2026-11-02:${mood.id}`, `nudge:2026-11-02:${sleep.id}`].sort());
  });

  it('records a nudge the system would not show as failed, with the reason, and does not show it again', async () => {
    const { notifier, shown } = fakeNotifier(() => Promise.resolve({ shown: false, reason: 'Notifications are off for this app.' }));
    const { core, client, clock, profileId } = await profileWith({ notifier }, IN_NOVEMBER);
    clock.set(MORNING);
    await client.ok('createTracker', { name: 'Water', settings: { type: 'boolean' } });
    clock.set('2026-11-02T20:30:00Z');
    await look(core, profileId);
    await look(core, profileId);
    expect(shown).toHaveLength(1);
    const [run] = await activity(client);
    expect(run).toMatchObject({ outcome: 'failed', error: 'Not shown: Notifications are off for this app.' });
  });

  it('gives a locked profile nothing, and catches up as soon as it is unlocked by a log-in', async () => {
    const { notifier, shown } = fakeNotifier();
    const { core, client, clock, profileId } = await profileWith({ notifier }, IN_NOVEMBER);
    clock.set(MORNING);
    await client.ok('createTracker', { name: 'Water', settings: { type: 'boolean' } });
    await client.ok('lock', {});

    clock.set('2026-11-02T20:30:00Z');
    expect(await look(core, profileId)).toEqual({ nextCheckAt: null, runs: [] });
    expect(shown).toEqual([]);

    await client.ok('logIn', { email: SIGN_UP.email, password: SIGN_UP.password });
    await core.jobs.idle();
    expect(shown.map((nudge) => nudge.body)).toEqual(['No entry yet today: Water.']);
    expect((await activity(client)).map((run) => run.outcome)).toEqual(['done']);
  });

  it('records the nudges of days that passed while it was not looking as missed, without showing them', async () => {
    const { notifier, shown } = fakeNotifier();
    const { core, client, clock, profileId } = await profileWith({ notifier }, IN_NOVEMBER);
    clock.set(MORNING);
    const { tracker } = await client.ok('createTracker', { name: 'Water', settings: { type: 'boolean' } });
    clock.set('2026-11-02T09:00:00Z');
    await look(core, profileId);

    clock.set('2026-11-04T09:00:00Z');
    const { runs } = await look(core, profileId);
    expect(shown).toEqual([]);
    expect(runs.map((run) => [run.key, run.outcome])).toEqual([
      [`nudge:2026-11-02:${tracker.id}`, 'missed'],
      [`nudge:2026-11-03:${tracker.id}`, 'missed'],
    ]);
    expect(outcomes(await activity(client))).toEqual(outcomes(runs));
  });
});

describe('the job runner: the monthly report', () => {
  it('makes last month’s report on the 1st: printed, saved encrypted, listed and given back', async () => {
    const { printer, printed } = fakePrinter();
    const { core, client, clock, profileId } = await profileWith({ printer });
    // Only the report here: without nudges, the days since the tracker was made bring no missed nudges.
    await client.ok('updateSettings', { nudges: { ...DEFAULT_NUDGES, enabled: false } });
    const { tracker } = await client.ok('createTracker', { name: 'Weight', settings: { type: 'numerical', unit: 'kg' } });
    await client.ok('addLog', { trackerId: tracker.id, at: '2026-10-06T07:00:00Z', value: 71.5 });

    clock.set('2026-11-01T08:59:00Z');
    expect((await look(core, profileId)).runs).toEqual([]);
    clock.set('2026-11-01T09:05:00Z');
    const { runs } = await look(core, profileId);
    await look(core, profileId);

    expect(printed).toHaveLength(1);
    expect(printed[0]?.html).toContain('Weight');
    expect(printed[0]?.options).toMatchObject({ printBackground: true, footerTemplate: expect.stringContaining('pageNumber') });
    expect(runs.map((run) => [run.key, run.outcome, run.error])).toEqual([['report:2026-10', 'done', null]]);
    expect(await client.ok('listReports', {})).toEqual({ reports: [{ month: '2026-10', size: TINY_PDF.length, createdAt: '2026-11-01T09:05:00.000Z' }] });
    expect(await client.ok('getReport', { month: '2026-10' })).toEqual({ fileName: 'quantified-self-report-2026-10.pdf', pdfBase64: TINY_PDF.toString('base64') });
    expect(await activity(client)).toEqual(runs);
    // Kept inside the profile, and not readable there without its key.
    expect(await filesContaining(core.dataDir, '%runner test')).toEqual([]);
    expect(await filesContaining(core.dataDir, TINY_PDF.toString('base64'))).toEqual([]);
  });

  it('records a failed print with its reason and saves nothing', async () => {
    const { printer } = fakePrinter(() => Promise.reject(new PortFailure('PRINT_FAILED', 'The report could not be printed to PDF: the window crashed')));
    const { core, client, clock, profileId } = await profileWith({ printer });
    clock.set('2026-11-01T10:00:00Z');
    const { runs } = await look(core, profileId);
    expect(runs.map((run) => [run.key, run.outcome, run.error])).toEqual([['report:2026-10', 'failed', 'The report could not be printed to PDF: the window crashed']]);
    expect(await client.ok('listReports', {})).toEqual({ reports: [] });
    expect(await client.call('getReport', { month: '2026-10' })).toMatchObject({ ok: false, error: { code: 'REPORT_NOT_FOUND' } });
    expect(await activity(client)).toEqual(runs);
  });

  it('records the report as failed where the shell lends no printer', async () => {
    const { core, client, clock, profileId } = await profileWith({});
    clock.set('2026-11-01T10:00:00Z');
    await look(core, profileId);
    expect((await activity(client)).map((run) => [run.outcome, run.error])).toEqual([['failed', 'This app cannot make a PDF here.']]);
  });
});

describe('reports on demand (makeReport, listReports, getReport)', () => {
  it('makes any past month’s report, newest listed first, and records it so the schedule does not make it again', async () => {
    const { printer, printed } = fakePrinter();
    const { core, client, clock, profileId } = await profileWith({ printer });
    clock.set('2026-12-15T12:00:00Z');
    expect(await client.ok('makeReport', { month: '2026-10' })).toEqual({ report: { month: '2026-10', size: TINY_PDF.length, createdAt: '2026-12-15T12:00:00.000Z' } });
    await client.ok('makeReport', { month: '2026-11' });
    expect((await client.ok('listReports', {})).reports.map((report) => report.month)).toEqual(['2026-11', '2026-10']);
    expect(printed).toHaveLength(2);

    // 2026-11's report, due on 1 December, is made already.
    await look(core, profileId);
    expect(printed).toHaveLength(2);
  });

  it('lists a saved report whose line in reports.json never got written', async () => {
    const { printer } = fakePrinter();
    const { core, client, clock, profileId } = await profileWith({ printer });
    clock.set('2026-12-15T12:00:00Z');
    await client.ok('makeReport', { month: '2026-10' });
    await client.ok('makeReport', { month: '2026-11' });
    const listed = await client.ok('listReports', {});
    await core.close();
    await rm(join(dataLayout(core.dataDir).profileDir(profileId), 'reports.json'));

    const reopened = await startCore({ dataDir: core.dataDir, now: clock.now });
    const again = new Client(reopened);
    await again.ok('logIn', { email: SIGN_UP.email, password: SIGN_UP.password });
    expect(await again.ok('listReports', {})).toEqual(listed);
  });

  it('refuses a month not yet over and a malformed month, saving nothing', async () => {
    const { printer, printed } = fakePrinter();
    const { client, clock } = await profileWith({ printer });
    clock.set('2026-12-15T12:00:00Z');
    expect(await client.call('makeReport', { month: '2026-12' })).toMatchObject({ ok: false, error: { code: 'RANGE_INVALID' } });
    expect(await client.call('makeReport', { month: '2026-13' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(printed).toEqual([]);
    expect(await client.ok('listReports', {})).toEqual({ reports: [] });
  });

  it('gives a past month’s report as an HTML page where no PDF can be made, saving and recording nothing', async () => {
    const { client, clock } = await profileWith({});
    const { tracker } = await client.ok('createTracker', { name: 'Weight', settings: { type: 'numerical', unit: 'kg' } });
    await client.ok('addLog', { trackerId: tracker.id, at: '2026-10-06T07:00:00Z', value: 71.5 });
    await client.ok('addLog', { trackerId: tracker.id, at: '2026-10-20T07:00:00Z', value: 70.5 });
    clock.set('2026-12-15T12:00:00Z');
    const before = await activity(client);

    const { html } = await client.ok('reportPage', { month: '2026-10' });
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain('October 2026');
    expect(html).toContain('Weight');
    expect(html).toContain('71');
    expect(await client.ok('listReports', {})).toEqual({ reports: [] });
    expect(await activity(client)).toEqual(before);

    expect(await client.call('reportPage', { month: '2026-12' })).toMatchObject({ ok: false, error: { code: 'RANGE_INVALID', field: 'month' } });
    expect(await client.call('reportPage', { month: 'October' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('answers NO_PRINTER with the shell’s reason where no PDF can be made', async () => {
    const noPrinter = fakePrinter(() => Promise.reject(new PortFailure('NO_PRINTER', 'No Chromium was found on this computer.')));
    const { client, clock } = await profileWith({ printer: noPrinter.printer });
    clock.set('2026-12-15T12:00:00Z');
    expect(await client.call('makeReport', { month: '2026-10' })).toEqual({ ok: false, error: { code: 'NO_PRINTER', message: 'No Chromium was found on this computer.' } });
    expect(await client.ok('listReports', {})).toEqual({ reports: [] });
    expect(await activity(client)).toEqual([]);

    const bare = await profileWith({});
    bare.clock.set('2026-12-15T12:00:00Z');
    expect(await bare.client.call('makeReport', { month: '2026-10' })).toMatchObject({ ok: false, error: { code: 'NO_PRINTER' } });
  });
});
