/**
 * The API does what its document says: every operation of docs/openapi.yaml is called
 * through the real HTTP server over the real core — with valid input, with invalid input,
 * and without a token — and every answer (status, Content-Type, headers, body) is held to
 * the document. An operation the walk never brings to success (bar the few listed, which it
 * still calls) fails the test, so a new operation needs its step here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../../src-main/server/openapi/examples';
import { ApiUnderTest, type Call, type CheckedAnswer } from './openapi-client';

let api: ApiUnderTest;
const problems: string[] = [];

beforeAll(async () => {
  api = await ApiUnderTest.start();
});
afterAll(async () => {
  await api.close();
});

/** Calls and collects what the document finds wrong, so one run lists every drift at once. */
async function send(operationId: string, call: Call = {}): Promise<CheckedAnswer> {
  const answer = await api.call(operationId, call);
  problems.push(...answer.problems);
  return answer;
}

/** Calls and expects success: the steps below must reach every operation's `{ ok: true }` answer. */
async function succeed(operationId: string, call: Call = {}): Promise<CheckedAnswer> {
  const answer = await send(operationId, call);
  expect(answer.json, `${operationId}: ${answer.body}`).toMatchObject({ ok: true });
  return answer;
}

async function fail(operationId: string, call: Call, code: string): Promise<CheckedAnswer> {
  const answer = await send(operationId, call);
  expect(answer.json, `${operationId}: ${answer.body}`).toMatchObject({ ok: false, error: { code } });
  return answer;
}

/** Operations whose success this walk cannot reach, and why; every other one must answer 200 at least once. */
const CANNOT_SUCCEED_HERE: Readonly<Record<string, string>> = {
  sendTestMail: 'it would need an SMTP server; the walk sends it without mail settings',
  getReport: 'a report is saved only by makeReport',
  makeReport: 'the core here has no printer (NO_PRINTER)',
};

const valueOf = <T>(answer: CheckedAnswer): T => answer.json?.value as T;

const person = { ...EXAMPLES.signUp.input, email: 'walk@example.com' };
const NEW_PASSWORD = 'another long password';

describe('the API against docs/openapi.yaml', () => {
  it('answers every operation as the document says', async () => {
    // The document's own routes answer the document, not `{ ok }`: held to the document only.
    expect((await send('openApiYaml')).status).toBe(200);
    expect((await send('openApiJson')).status).toBe(200);

    await succeed('listProfiles');
    await succeed('currentProfile');
    const token0 = (await succeed('signUp', { body: person })).json?.token ?? '';
    const token = (await succeed('logIn', { token: token0, body: { email: person.email, password: person.password } })).json?.token ?? '';
    await succeed('currentProfile', { token });

    // Without a token every operation that needs a session answers 401.
    for (const { operationId, operation } of api.checker.operations.values()) {
      if (operation.security === undefined) await fail(operationId, { params: { trackerId: 'x', logId: 'x', month: '2026-10', tokenId: 'x' } }, 'NOT_LOGGED_IN');
    }

    await succeed('getSettings', { token });
    await succeed('updateSettings', { token, body: { autoLockMinutes: 30 } });
    await succeed('setStayUnlocked', { token, body: { enabled: false } });
    await send('setStayUnlocked', { token, body: { enabled: true } });
    await succeed('updateProfile', { token, body: { name: 'Walker' } });
    await succeed('changePassword', { token, body: { currentPassword: person.password, newPassword: NEW_PASSWORD } });

    const sleep = valueOf<{ tracker: { id: string } }>(await succeed('createTracker', { token, body: EXAMPLES.createTracker.input })).tracker.id;
    const reading = valueOf<{ tracker: { id: string } }>(await succeed('createTracker', { token, body: { name: 'Reading', settings: { type: 'duration' } } })).tracker.id;
    await succeed('listTrackers', { token });
    await succeed('updateTracker', { token, params: { trackerId: sleep }, body: { pinned: false } });
    await succeed('reorderTrackers', { token, body: { trackerIds: [reading, sleep] } });

    const key = { 'Idempotency-Key': 'walk-add-log-1' };
    const added = await succeed('addLog', { token, params: { trackerId: sleep }, body: EXAMPLES.addLog.input, headers: key });
    const replayed = await succeed('addLog', { token, params: { trackerId: sleep }, body: EXAMPLES.addLog.input, headers: key });
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    await fail('addLog', { token, params: { trackerId: sleep }, body: { value: 1 }, headers: key }, 'IDEMPOTENCY_KEY_REUSED');
    await fail('addLog', { token, params: { trackerId: sleep }, body: { value: 1 }, headers: { 'Idempotency-Key': '' } }, 'IDEMPOTENCY_KEY_INVALID');
    await fail('addLog', { token, params: { trackerId: sleep }, body: { value: 'lots' } }, 'LOG_VALUE_INVALID');
    const log = valueOf<{ log: { id: string } }>(added).log;
    await succeed('updateLog', { token, params: { trackerId: sleep, logId: log.id }, body: { note: 'Changed' } });
    await succeed('listLogs', { token, params: { trackerId: sleep }, body: { limit: 10 } });
    const deleted = valueOf<{ log: unknown }>(await succeed('deleteLog', { token, params: { trackerId: sleep, logId: log.id } })).log;
    await succeed('restoreLog', { token, body: { log: deleted } });
    await fail('restoreLog', { token, body: { log: deleted } }, 'LOG_EXISTS');

    await succeed('startTimer', { token, params: { trackerId: reading } });
    await fail('startTimer', { token, params: { trackerId: reading } }, 'TIMER_RUNNING');
    await succeed('listTimers', { token });
    await succeed('stopTimer', { token, params: { trackerId: reading }, body: {} });
    await succeed('startTimer', { token, params: { trackerId: reading } });
    await succeed('cancelTimer', { token, params: { trackerId: reading } });
    await fail('stopTimer', { token, params: { trackerId: reading }, body: {} }, 'TIMER_NOT_RUNNING');
    await fail('startTimer', { token, params: { trackerId: sleep } }, 'TIMER_NOT_SUPPORTED');

    await succeed('dashboard', { token });
    await succeed('trackerStats', { token, params: { trackerId: sleep }, body: { range: { preset: '30d' } } });
    await succeed('chartSeries', { token, params: { trackerId: sleep }, body: { range: { preset: '7d' } } });
    await fail('chartSeries', { token, params: { trackerId: 'no-such-tracker' }, body: { range: { preset: '7d' } } }, 'TRACKER_NOT_FOUND');

    await succeed('exportTrackersCsv', { token });
    await succeed('exportLogsCsv', { token, body: {} });
    await succeed('exportLogsCsvChunk', { token, body: { trackerId: sleep } });
    await fail('exportLogsCsvChunk', { token, body: { cursor: 'not a cursor' } }, 'EXPORT_CURSOR_INVALID');
    await succeed('previewImport', { token, body: EXAMPLES.previewImport.input });
    await succeed('commitImport', { token, body: EXAMPLES.commitImport.input });
    await fail('previewImport', { token, body: { kind: 'logs', files: [{ name: 'empty.csv', text: '' }] } }, 'CSV_EMPTY');
    await succeed('jobProgress', { token });

    await succeed('getMailSettings', { token });
    await fail('sendTestMail', { token, body: {} }, 'MAIL_NOT_SET_UP');
    await succeed('updateMailSettings', { token, body: EXAMPLES.updateMailSettings.input });
    await fail('updateMailSettings', { token, body: { mail: { ...EXAMPLES.updateMailSettings.input.mail, port: 70_000 } } }, 'MAIL_SETTINGS_INVALID');
    await succeed('updateMailSettings', { token, body: { mail: null } });
    await succeed('listActivity', { token, body: {} });
    await succeed('listReports', { token });
    await fail('getReport', { token, params: { month: '2026-10' } }, 'REPORT_NOT_FOUND');
    await fail('makeReport', { token, params: { month: '2026-10' }, body: {} }, 'NO_PRINTER');
    await succeed('reportPage', { token, params: { month: '2026-10' } });
    await fail('reportPage', { token, params: { month: '2999-01' } }, 'RANGE_INVALID');

    await succeed('deleteTracker', { token, params: { trackerId: reading } });
    await succeed('listDeletedTrackers', { token });
    await succeed('restoreTracker', { token, params: { trackerId: reading }, body: {} });
    await succeed('deleteTracker', { token, params: { trackerId: reading } });
    await succeed('purgeTracker', { token, params: { trackerId: reading } });
    await fail('purgeTracker', { token, params: { trackerId: reading } }, 'TRACKER_NOT_FOUND');

    // Personal access tokens: made, used within their scope, refused beyond it, revoked.
    const reader = (await succeed('createAccessToken', { token, body: { name: 'Reader', scope: 'read' } })).json?.value as { token: string; accessToken: { id: string } };
    await succeed('createAccessToken', { token, body: EXAMPLES.createAccessToken.input });
    await fail('createAccessToken', { token, body: { name: 'Reader', scope: 'read' } }, 'ACCESS_TOKEN_NAME_TAKEN');
    await succeed('listAccessTokens', { token });
    await succeed('listTrackers', { token: reader.token });
    await fail('createTracker', { token: reader.token, body: { name: 'Nope', settings: { type: 'boolean' } } }, 'TOKEN_READ_ONLY');
    await fail('listAccessTokens', { token: reader.token }, 'TOKEN_NOT_ALLOWED');
    await fail('logIn', { token: reader.token, body: { email: person.email, password: NEW_PASSWORD } }, 'TOKEN_NOT_ALLOWED');
    await succeed('revokeAccessToken', { token, params: { tokenId: reader.accessToken.id } });
    await fail('listTrackers', { token: reader.token }, 'TOKEN_INVALID');
    await fail('revokeAccessToken', { token, params: { tokenId: reader.accessToken.id } }, 'ACCESS_TOKEN_NOT_FOUND');
    await fail('listProfiles', { token: 'qs_pat_garbled' }, 'TOKEN_INVALID');

    // Invalid input, for every operation that takes any: a body that is not an object, or a path parameter too long.
    for (const { operationId, verb, path } of api.checker.operations.values()) {
      if (verb !== 'GET' && verb !== 'DELETE') await fail(operationId, { token, params: { trackerId: sleep, logId: log.id, month: '2026-10', tokenId: 'x' }, body: '[1, 2]' }, 'INVALID_INPUT');
      else if (path.includes('{')) await fail(operationId, { token, params: { trackerId: 'x'.repeat(65), logId: 'x'.repeat(65), month: '26-10', tokenId: 'x'.repeat(65) } }, 'INVALID_INPUT');
    }
    // A path parameter that does not decode matches no route.
    await fail('deleteTracker', { token, params: { trackerId: '%E0%A4%A' }, raw: true }, 'NOT_FOUND');

    await fail('logIn', { body: { email: person.email, password: 'wrong password here' } }, 'LOGIN_FAILED');
    await succeed('lock', { token, body: {} });
    await fail('listTrackers', { token }, 'NOT_LOGGED_IN');
    const again = (await succeed('logIn', { body: { email: person.email, password: NEW_PASSWORD } })).json?.token ?? '';
    await succeed('logOut', { token: again });
    const reset = valueOf<{ backupCode: string }>(
      await succeed('resetPassword', { body: { email: person.email, backupCode: person.backupCode, newPassword: person.password } }),
    );
    expect(reset.backupCode).not.toBe(person.backupCode);
    const beforeRestore = (await succeed('logIn', { body: { email: person.email, password: person.password } })).json?.token ?? '';

    // Backups: settings, one made now, found and restored from the picker (no token), then logged in again.
    await succeed('listBackups', { token: beforeRestore });
    await succeed('updateBackupSettings', { token: beforeRestore, body: { enabled: true, keep: 3, folder: null } });
    await fail('updateBackupSettings', { token: beforeRestore, body: { enabled: true, keep: 3, folder: 'not/absolute' } }, 'BACKUP_FOLDER_INVALID');
    const backupPath = valueOf<{ backup: { path: string } }>(await succeed('backupNow', { token: beforeRestore, body: {} })).backup.path;
    await succeed('findBackups', {});
    await fail('previewBackup', { body: { path: backupPath, password: 'not the password' } }, 'BACKUP_PASSWORD_WRONG');
    await fail('previewBackup', { body: { path: '/nowhere', password: person.password } }, 'BACKUP_NOT_FOUND');
    await succeed('previewBackup', { body: { path: backupPath, password: person.password } });
    await succeed('restoreBackup', { body: { path: backupPath, password: person.password } });
    const last = (await succeed('logIn', { body: { email: person.email, password: person.password } })).json?.token ?? '';
    await fail('deleteProfile', { token: last, body: { password: 'not the password' } }, 'PASSWORD_WRONG');
    await succeed('deleteProfile', { token: last, body: { password: person.password } });

    expect(problems).toEqual([]);
    const neverDone = [...api.checker.operations.keys()].filter((operationId) => !(operationId in CANNOT_SUCCEED_HERE) && !api.walked.get(operationId)?.has(200));
    expect(neverDone, 'operations of the document the walk never brought to success: add a step for each').toEqual([]);
    const neverCalled = Object.keys(CANNOT_SUCCEED_HERE).filter((operationId) => !api.walked.has(operationId));
    expect(neverCalled, 'operations the walk never called').toEqual([]);
  });
});
