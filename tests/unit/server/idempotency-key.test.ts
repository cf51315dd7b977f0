import { describe, expect, it } from 'vitest';
import { API_METHODS, OPERATIONS } from '../../../src-preload/operations';
import { honoursIdempotencyKey, parseIdempotencyKey } from '../../../src-main/server/idempotency';

describe('the Idempotency-Key header', () => {
  it.each([
    [undefined, null],
    ['8e03978e-40d5-43e8-bc93-6894a57f9324', '8e03978e-40d5-43e8-bc93-6894a57f9324'],
    ['"8e03978e-40d5-43e8-bc93-6894a57f9324"', '8e03978e-40d5-43e8-bc93-6894a57f9324'],
    ['  padded  ', 'padded'],
    ['"a \\"quoted\\" \\\\ key"', 'a "quoted" \\ key'],
    ['k'.repeat(255), 'k'.repeat(255)],
  ])('reads %j as the key %j', (header, key) => {
    expect(parseIdempotencyKey(header)).toEqual({ ok: true, key });
  });

  it.each([[''], ['   '], ['""'], ['"open'], ['"a"b"'], ['"bad \\x escape"'], ['k'.repeat(256)], ['tab\there'], ['clé'], [['a', 'b']]])('refuses %j', (header) => {
    expect(parseIdempotencyKey(header)).toMatchObject({ ok: false, message: expect.stringContaining('Idempotency-Key') });
  });

  it('is honoured on every write in a session but the one whose answer is a new access token, and on nothing else', () => {
    const honoured = API_METHODS.filter((method) => honoursIdempotencyKey(method, OPERATIONS[method].session));
    expect(honoured.sort()).toEqual(
      [
        'addLog',
        'backupNow',
        'cancelTimer',
        'changePassword',
        'commitImport',
        'createTracker',
        'deleteLog',
        'deleteTracker',
        'makeReport',
        'purgeTracker',
        'reorderTrackers',
        'restoreLog',
        'restoreTracker',
        'revokeAccessToken',
        'sendTestMail',
        'setStayUnlocked',
        'startTimer',
        'stopTimer',
        'updateBackupSettings',
        'updateLog',
        'updateMailSettings',
        'updateProfile',
        'updateSettings',
        'updateTracker',
      ].sort(),
    );
  });
});
