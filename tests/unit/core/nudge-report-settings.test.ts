/**
 * The nudge and report settings of a profile: their defaults, a group replaced whole by
 * `updateSettings` while the other groups stay, refusals that write nothing, and settings
 * files written before them (version 1) read with the defaults and upgraded at the next save.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { dataLayout, openProfileCodec } from '../../../src-main/core/index';
import { settingsFormat, settingsV1toV2 } from '../../../src-main/core/store/account-formats';
import { migrate } from '../../../src-main/core/store/migrate';
import { DEFAULT_NUDGES, DEFAULT_REPORTS, type NudgeSettings, type ReportSettings } from '../../../src-preload/contract';
import { Client, filesOf, SIGN_UP, startCore } from './helpers';

async function signedIn() {
  const core = await startCore();
  const client = new Client(core);
  const { profile } = await client.ok('signUp', { ...SIGN_UP, timeZone: 'Europe/Berlin' });
  return { core, client, profile };
}

async function reopened(dataDir: string) {
  const client = new Client(await startCore({ dataDir }));
  await client.ok('logIn', { email: SIGN_UP.email, password: SIGN_UP.password });
  return client;
}

const QUIET_NUDGES: NudgeSettings = { enabled: true, time: '21:30', text: 'generic', byMail: true };
const NO_REPORTS: ReportSettings = { enabled: false, time: '07:15', byMail: false };

describe('nudge and report settings', () => {
  it('start at the defaults: nudges at 20:00 naming the trackers, the report at 09:00 on the 1st, neither by mail', async () => {
    const { client } = await signedIn();
    const { settings } = await client.ok('getSettings', {});
    expect(settings.nudges).toEqual({ enabled: true, time: '20:00', text: 'names', byMail: false });
    expect(settings.reports).toEqual({ enabled: true, time: '09:00', byMail: false });
  });

  it('replace a whole group, leave the other groups as they were, and survive a restart', async () => {
    const { core, client } = await signedIn();
    const { settings } = await client.ok('updateSettings', { nudges: QUIET_NUDGES });
    expect(settings).toEqual({ autoLockMinutes: 15, timeZone: 'Europe/Berlin', nudges: QUIET_NUDGES, reports: DEFAULT_REPORTS });
    expect((await client.ok('updateSettings', { reports: NO_REPORTS })).settings).toEqual({ ...settings, reports: NO_REPORTS });
    // Another setting alone keeps both groups.
    expect((await client.ok('updateSettings', { autoLockMinutes: 5 })).settings).toEqual({ autoLockMinutes: 5, timeZone: 'Europe/Berlin', nudges: QUIET_NUDGES, reports: NO_REPORTS });
    await core.close();

    const again = await reopened(core.dataDir);
    expect((await again.ok('getSettings', {})).settings).toEqual({ autoLockMinutes: 5, timeZone: 'Europe/Berlin', nudges: QUIET_NUDGES, reports: NO_REPORTS });
  });

  it.each([
    ['a group with a field missing (groups are replaced whole)', { nudges: { enabled: false } }, 'nudges.time'],
    ['a nudge time of 25:00', { nudges: { ...DEFAULT_NUDGES, time: '25:00' } }, 'nudges.time'],
    ['a nudge text other than names or generic', { nudges: { ...DEFAULT_NUDGES, text: 'everything' } }, 'nudges.text'],
    ['a report time with seconds', { reports: { ...DEFAULT_REPORTS, time: '09:00:00' } }, 'reports.time'],
    ['a report by mail that is not true or false', { reports: { ...DEFAULT_REPORTS, byMail: 'yes' } }, 'reports.byMail'],
  ])('refuse %s, naming the field, and write nothing', async (_name, patch, field) => {
    const { core, client } = await signedIn();
    const before = await filesOf(core.dataDir);
    expect(await client.call('updateSettings', patch as never)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field } });
    expect(await filesOf(core.dataDir)).toEqual(before);
    expect((await client.ok('getSettings', {})).settings.nudges).toEqual(DEFAULT_NUDGES);
  });
});

describe('settings.json version 1 (before nudges, reports and mail)', () => {
  const v1 = { version: 1, autoLockMinutes: 0, timeZone: 'Asia/Tokyo' };

  it('upgrades to version 2 with the default groups and no mail, keeping what it held', () => {
    expect(settingsV1toV2(structuredClone(v1))).toEqual({ version: 2, autoLockMinutes: 0, timeZone: 'Asia/Tokyo', nudges: DEFAULT_NUDGES, reports: DEFAULT_REPORTS, mail: null });
    const outcome = migrate(structuredClone(v1), settingsFormat.version, settingsFormat.migrations);
    expect(outcome.ok && settingsFormat.schema.parse(outcome.record)).toEqual({ version: 2, autoLockMinutes: 0, timeZone: 'Asia/Tokyo', nudges: DEFAULT_NUDGES, reports: DEFAULT_REPORTS, mail: null });
  });

  it('gives each upgraded file its own groups, not the shared defaults', () => {
    const upgraded = settingsV1toV2(structuredClone(v1));
    expect(upgraded['nudges']).not.toBe(DEFAULT_NUDGES);
    expect(upgraded['reports']).not.toBe(DEFAULT_REPORTS);
  });

  it('on disk: reads with the defaults, and is written as version 2 at the next change', async () => {
    const { core, profile } = await signedIn();
    await core.close();
    const layout = dataLayout(core.dataDir);
    const codec = await openProfileCodec(core.dataDir, profile.id, SIGN_UP.password);
    const file = layout.settingsFile(profile.id);
    await writeFile(file, codec.encode(file, JSON.stringify(v1)));

    const client = await reopened(core.dataDir);
    expect((await client.ok('getSettings', {})).settings).toEqual({ autoLockMinutes: 0, timeZone: 'Asia/Tokyo', nudges: DEFAULT_NUDGES, reports: DEFAULT_REPORTS });
    expect(await client.ok('getMailSettings', {})).toEqual({ mail: null });

    await client.ok('updateSettings', { reports: NO_REPORTS });
    expect(JSON.parse(codec.decode(file, await readFile(file)))).toEqual({ version: 2, autoLockMinutes: 0, timeZone: 'Asia/Tokyo', nudges: DEFAULT_NUDGES, reports: NO_REPORTS, mail: null });
  });
});
