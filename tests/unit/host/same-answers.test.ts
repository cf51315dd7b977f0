/**
 * Every contract operation answers through the core's worker exactly as it does in the
 * same thread: one scripted walk through all of them, run both ways, compared after the
 * ids and moments each run makes for itself are named in order of appearance.
 */
import { describe, expect, it } from 'vitest';
import { openCore } from '../../../src-main/core/index';
import { inThreadClient, type CoreClient } from '../../../src-main/host/core-client';
import type { Input, Method, Output, Result } from '../../../src-preload/contract';
import { API_METHODS } from '../../../src-preload/operations';
import { SIGN_UP, tempDir, TEST_SCRYPT } from '../core/helpers';
import { SessionClient, startHost } from './host-helpers';

type Call = <M extends Method>(method: M, input: Input<M>) => Promise<Result<Output<M>>>;

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const MOMENT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})/g;
/** Backup codes are random words (see crypto/backup-code.ts) and access tokens random secrets, different per run. */
const BACKUP_CODE_FIELDS = new Set(['backupCode', 'newBackupCode', 'token']);
/** Each run has its own data folder (the backups' paths) and makes its backups at its own second. */
const DATA_DIR = /[^"]*qs-core-[A-Za-z0-9]+/g;
const BACKUP_STAMP = /\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z/g;
/** A backup's size counts jobs.json, which only the worker's runner writes. */
const SIZE_FIELDS = new Set(['size']);

/** Ids named by first appearance, moments and fresh backup codes by their kind. */
function normalized(answers: readonly unknown[]): unknown {
  const names = new Map<string, string>();
  const text = JSON.stringify(answers, (key, value: unknown) => (BACKUP_CODE_FIELDS.has(key) && typeof value === 'string' ? '<backup code>' : SIZE_FIELDS.has(key) && typeof value === 'number' ? '<size>' : value));
  return JSON.parse(
    text.replace(UUID, (id) => {
      if (!names.has(id)) names.set(id, `<id ${names.size}>`);
      return names.get(id) ?? id;
    })
      .replace(MOMENT, '<moment>')
      .replace(DATA_DIR, '<data folder>')
      .replace(BACKUP_STAMP, '<stamp>'),
  ) as unknown;
}

const valueOf = <T>(result: Result<T>): T => {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
};

/** Calls every operation at least once, successes and refusals; returns the answers in order. */
async function walk(client: CoreClient): Promise<{ answers: unknown[]; called: Set<Method> }> {
  const session = new SessionClient(client);
  const answers: unknown[] = [];
  const called = new Set<Method>();
  const call: Call = async (method, input) => {
    called.add(method);
    const result = await session.call(method, input);
    answers.push({ method, result });
    return result;
  };

  await call('listProfiles', {});
  await call('listTrackers', {}); // refused: nobody is logged in
  const { profile } = valueOf(await call('signUp', SIGN_UP));
  await call('currentProfile', {});
  await call('signUp', { ...SIGN_UP, age: -1 }); // refused: a field is wrong
  await call('updateProfile', { name: 'Ada L.' });
  await call('getSettings', {});
  await call('updateSettings', { autoLockMinutes: 30, timeZone: 'Europe/Berlin' });
  await call('setStayUnlocked', { enabled: true }); // refused: no keychain in either
  await call('updateSettings', { nudges: { enabled: true, time: '21:00', text: 'generic', byMail: false } });
  await call('getMailSettings', {});
  await call('sendTestMail', {}); // refused: no mail settings yet (sent with them in tests/unit/core/test-mail.test.ts)
  const mail = { host: 'smtp.example.org', port: 587, tls: 'starttls', user: 'ada', password: 'smtp secret', from: 'ada@example.org', to: 'ada@example.org' } as const;
  await call('updateMailSettings', { mail });
  await call('updateMailSettings', { mail: { ...mail, port: 0, to: 'nobody' } }); // refused: two fields are wrong
  await call('getMailSettings', {});
  await call('listActivity', { limit: 10 });
  await call('listReports', {});
  await call('getReport', { month: '2026-10' }); // refused: none saved
  await call('makeReport', { month: '2026-10' }); // refused: no printer lent
  await call('reportPage', { month: '2026-10' });
  await call('reportPage', { month: '2099-01' }); // refused: not over
  const weight = valueOf(await call('createTracker', { name: 'Weight', settings: { type: 'numerical', unit: 'kg' } })).tracker;
  const done = valueOf(await call('createTracker', { name: 'Meditated', settings: { type: 'boolean' } })).tracker;
  const reading = valueOf(await call('createTracker', { name: 'Reading', settings: { type: 'duration' } })).tracker;
  await call('createTracker', { name: '', settings: { type: 'boolean' } }); // refused
  await call('updateTracker', { trackerId: weight.id, description: 'mornings', reminder: { enabled: true, days: [5, 1], time: '07:30' } });
  await call('reorderTrackers', { trackerIds: [done.id, weight.id, reading.id] });
  const first = valueOf(await call('addLog', { trackerId: weight.id, at: '2026-11-02T07:30:00+01:00', value: 71.25, note: 'after run' })).log;
  await call('addLog', { trackerId: weight.id, at: '2026-11-03T07:30:00+01:00', value: 70.5 });
  await call('addLog', { trackerId: weight.id, value: 1e300 }); // refused: out of range
  await call('addLog', { trackerId: weight.id, value: { kg: 70 } } as unknown as Input<'addLog'>); // refused: not a value
  await call('addLog', { trackerId: done.id, at: '2026-11-03T21:00:00+01:00', value: true });
  await call('updateLog', { trackerId: weight.id, logId: first.id, value: 71 });
  const deleted = valueOf(await call('deleteLog', { trackerId: weight.id, logId: first.id })).log;
  await call('restoreLog', { log: deleted });
  await call('listLogs', { trackerId: weight.id, order: 'oldest' });
  await call('startTimer', { trackerId: reading.id });
  await call('listTimers', {});
  await call('cancelTimer', { trackerId: reading.id });
  await call('startTimer', { trackerId: reading.id });
  await call('stopTimer', { trackerId: reading.id, note: 'a chapter' });
  await call('dashboard', {});
  await call('trackerStats', { trackerId: weight.id, range: { from: '2026-11-01', to: '2026-11-30' } });
  await call('chartSeries', { trackerId: done.id, range: { from: '2026-11-01', to: '2026-11-30' }, granularity: 'week' });
  await call('exportTrackersCsv', {});
  await call('exportLogsCsv', { trackerId: weight.id });
  await call('exportLogsCsvChunk', {});
  const file = { name: 'logs.csv', text: 'tracker,time,value,note\nWeight,2026-11-04T07:30:00+01:00,70,\nSteps,2026-11-04T20:00:00+01:00,9000,\n' };
  await call('previewImport', { kind: 'logs', files: [file] });
  await call('commitImport', { kind: 'logs', files: [file] });
  await call('commitImport', { kind: 'logs', files: [file], skipInvalid: true });
  await call('jobProgress', {});
  await call('deleteTracker', { trackerId: reading.id });
  await call('listDeletedTrackers', {});
  await call('restoreTracker', { trackerId: reading.id });
  await call('deleteTracker', { trackerId: reading.id });
  await call('purgeTracker', { trackerId: reading.id });
  const { accessToken, token } = valueOf(await call('createAccessToken', { name: 'Scale script', scope: 'read-write', expiresInDays: 30 }));
  // A script's requests with the token: a read, a write, and what no token may do.
  const script = { profileId: profile.id, accessToken: token };
  for (const [method, input] of [['listTrackers', {}], ['addLog', { trackerId: done.id, value: false, at: '2026-11-04T21:00:00+01:00' }], ['listAccessTokens', {}]] as const) {
    answers.push({ method, viaToken: true, result: (await client.dispatch(method, input, script)).result });
  }
  await call('createAccessToken', { name: 'scale SCRIPT', scope: 'read' }); // refused: the name is taken
  await call('createAccessToken', { name: 'Old', scope: 'read', expiresAt: '2001-01-01T00:00:00Z' }); // refused: in the past
  await call('listAccessTokens', {});
  await call('revokeAccessToken', { tokenId: accessToken.id });
  await call('revokeAccessToken', { tokenId: accessToken.id }); // refused: already revoked
  await call('changePassword', { currentPassword: SIGN_UP.password, newPassword: 'a new long password' });
  await call('lock', {});
  await call('dashboard', {}); // refused: locked
  await call('logIn', { email: SIGN_UP.email, password: 'wrong password' });
  await call('logIn', { email: SIGN_UP.email, password: 'a new long password' });
  await call('logOut', {});
  const { backupCode } = valueOf(await call('resetPassword', { email: SIGN_UP.email, backupCode: SIGN_UP.backupCode, newPassword: 'yet another password' }));
  expect(backupCode).toEqual(expect.any(String));
  await call('logIn', { email: SIGN_UP.email, password: 'yet another password' });
  await call('updateMailSettings', { mail: null });
  await call('listBackups', {});
  await call('updateBackupSettings', { enabled: true, keep: 0, folder: null }); // refused: keeps at least one
  await call('updateBackupSettings', { enabled: true, keep: 3, folder: null });
  const { backup } = valueOf(await call('backupNow', {}));
  await call('findBackups', {});
  await call('previewBackup', { path: backup.path, password: 'wrong password' }); // refused
  await call('previewBackup', { path: backup.path, password: 'yet another password' });
  await call('restoreBackup', { path: backup.path, password: 'yet another password' });
  await call('logIn', { email: SIGN_UP.email, password: 'yet another password' });
  await call('deleteProfile', { password: 'yet another password' });
  await call('listProfiles', {});
  expect(profile.email).toBe('ada@example.com');
  return { answers, called };
}

describe('the core through its worker', () => {
  it('answers every contract operation as the core does in the same thread', async () => {
    const inThread = await openCore({ dataDir: await tempDir(), scrypt: TEST_SCRYPT });
    let here: Awaited<ReturnType<typeof walk>>;
    try {
      here = await walk(inThreadClient(inThread.handlers, inThread));
    } finally {
      await inThread.close();
    }
    const { host } = await startHost();
    const there = await walk(host);

    expect([...there.called].sort()).toEqual([...API_METHODS].sort());
    expect(normalized(there.answers)).toEqual(normalized(here.answers));
    // The walk is not vacuous: it has successes and refusals of several kinds.
    const codes = new Set(here.answers.map((answer) => ((answer as { result: Result<unknown> }).result.ok ? 'ok' : (answer as { result: { ok: false; error: { code: string } } }).result.error.code)));
    expect([...codes].sort()).toEqual(expect.arrayContaining(['ok', 'NOT_LOGGED_IN', 'INVALID_INPUT', 'LOGIN_FAILED', 'LOG_VALUE_OUT_OF_RANGE', 'STAY_UNLOCKED_UNAVAILABLE', 'REPORT_NOT_FOUND', 'NO_PRINTER', 'MAIL_NOT_SET_UP', 'ACCESS_TOKEN_NAME_TAKEN', 'ACCESS_TOKEN_EXPIRY_INVALID', 'ACCESS_TOKEN_NOT_FOUND', 'TOKEN_NOT_ALLOWED']));
  });
});
