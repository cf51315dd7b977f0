/**
 * The job runner in the core's worker, on the real clock: a shell that lends a notifier and
 * a printer gets a look at a profile as soon as it logs in — today's nudge shown through the
 * shell's notifier, last month's report printed through its printer and saved.
 */
import { describe, expect, it, vi } from 'vitest';
import { openCore } from '../../../src-main/core/index';
import type { Notifier, Nudge } from '../../../src-main/core/services/notifier';
import type { Printer } from '../../../src-main/core/services/printer';
import { Client, SIGN_UP, tempDir, TEST_SCRYPT } from '../core/helpers';
import { SessionClient, startHost } from './host-helpers';

const TINY_PDF = Buffer.from('%PDF-1.4\n%worker test\n%%EOF\n', 'utf8');
const DAY_MS = 86_400_000;

/**
 * A profile made 100 days ago with one tracker, its nudge and report times at midnight UTC:
 * whenever the test runs, today's nudge and last month's report are due and not yet made.
 */
async function profileMadeLongAgo(): Promise<string> {
  const dataDir = await tempDir();
  const past = new Date(Date.now() - 100 * DAY_MS);
  const core = await openCore({ dataDir, scrypt: TEST_SCRYPT, now: () => past });
  try {
    const client = new Client(core);
    await client.ok('signUp', SIGN_UP);
    await client.ok('updateSettings', {
      timeZone: 'UTC',
      nudges: { enabled: true, time: '00:00', text: 'names', byMail: false },
      reports: { enabled: true, time: '00:00', byMail: false },
    });
    await client.ok('createTracker', { name: 'Water', settings: { type: 'boolean' } });
  } finally {
    await core.close();
  }
  return dataDir;
}

describe('the job runner in the core’s worker', () => {
  it('looks at a profile when it logs in: the nudge goes to the shell’s notifier, the report through its printer', async () => {
    const dataDir = await profileMadeLongAgo();
    const shown: Nudge[] = [];
    const notifier: Notifier = { notify: (nudge) => (shown.push(nudge), Promise.resolve({ shown: true })) };
    const printer: Printer = { availability: () => Promise.resolve({ available: true, reason: null }), printPdf: () => Promise.resolve(new Uint8Array(TINY_PDF)) };
    const { host } = await startHost({ dataDir, ports: { notifier, printer } });
    const client = new SessionClient(host);

    await client.ok('logIn', { email: SIGN_UP.email, password: SIGN_UP.password });
    const lastMonth = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
    await vi.waitFor(async () => expect((await client.ok('listActivity', {})).runs.map((run) => [run.kind, run.outcome]).sort()).toEqual([['backup', 'done'], ['nudge', 'done'], ['report', 'done']]));
    expect(shown.map((nudge) => nudge.body)).toEqual(['No entry yet today: Water.']);
    expect((await client.ok('listReports', {})).reports).toEqual([{ month: lastMonth, size: TINY_PDF.length, createdAt: expect.any(String) }]);
    expect(Buffer.from((await client.ok('getReport', { month: lastMonth })).pdfBase64, 'base64')).toEqual(TINY_PDF);
  });

});
