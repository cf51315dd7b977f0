/**
 * The daily backup's schedule (issue 14): `dueBackup` with a fake clock — once a day in the
 * profile's zone, a missed stretch caught up once — and the runner making it, recording it
 * in Activity with its outcome, leaving locked profiles alone.
 */
import { writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AppFailure } from '../../../src-main/core/errors';
import { dueBackup } from '../../../src-main/core/jobs/backups';
import type { JobRun } from '../../../src-preload/contract';
import { Client, SIGN_UP, startCore, tempDir } from './helpers';

const at = (iso: string): Date => new Date(iso);
const ON = { enabled: true };
const BERLIN = 'Europe/Berlin';

/** A fake runner of the pure decision: records what it made, as the real runner does. */
function schedule(timeZone = BERLIN) {
  const runs: { key: string }[] = [];
  let lastCheck: { at: Date; timeZone: string } | null = null;
  return {
    look(now: Date): string | null {
      const due = dueBackup(now, timeZone, ON, runs, lastCheck);
      if (due !== null) runs.push({ key: due.key });
      lastCheck = { at: now, timeZone };
      return due?.key ?? null;
    },
    runs,
  };
}

describe('dueBackup', () => {
  it('is due at the first look of each day in the profile’s zone, once', () => {
    const runner = schedule();
    expect(runner.look(at('2026-11-30T06:00:00.000Z'))).toBe('backup:2026-11-30');
    for (const later of ['2026-11-30T06:00:01.000Z', '2026-11-30T12:00:00.000Z', '2026-11-30T22:59:59.000Z']) expect(runner.look(at(later))).toBeNull();
    // 23:00 UTC is midnight in Berlin: the next day's backup.
    expect(runner.look(at('2026-11-30T23:00:00.000Z'))).toBe('backup:2026-12-01');
    expect(runner.runs.map((run) => run.key)).toEqual(['backup:2026-11-30', 'backup:2026-12-01']);
  });

  it('after days closed makes one backup at the next look, not one per missed day', () => {
    const runner = schedule();
    expect(runner.look(at('2026-11-20T08:00:00.000Z'))).toBe('backup:2026-11-20');
    expect(runner.look(at('2026-11-30T08:00:00.000Z'))).toBe('backup:2026-11-30');
    expect(runner.look(at('2026-11-30T08:05:00.000Z'))).toBeNull();
    expect(runner.runs).toHaveLength(2);
  });

  it('counts a day settled by a backup made by hand, and makes nothing while off', () => {
    expect(dueBackup(at('2026-11-30T08:00:00.000Z'), 'UTC', ON, [{ key: 'backup:2026-11-30' }], null)).toBeNull();
    expect(dueBackup(at('2026-11-30T08:00:00.000Z'), 'UTC', { enabled: false }, [], null)).toBeNull();
  });

  it('refuses a bad clock or zone with a typed error', () => {
    expect(() => dueBackup(new Date(Number.NaN), 'UTC', ON, [], null)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }) as AppFailure);
    expect(() => dueBackup(at('2026-11-30T08:00:00.000Z'), 'Mars/Olympus', ON, [], null)).toThrow(expect.objectContaining({ code: 'TIME_ZONE_INVALID' }) as AppFailure);
  });
});

describe('the runner’s daily backup', () => {
  class Clock {
    constructor(public at: Date) {}
    readonly now = (): Date => this.at;
  }

  async function running() {
    const clock = new Clock(at('2026-11-30T08:00:00.000Z'));
    const core = await startCore({ now: clock.now });
    const client = new Client(core);
    const { profile } = await client.ok('signUp', { ...SIGN_UP, timeZone: 'UTC' });
    return { clock, core, client, profile };
  }

  const backupRuns = async (client: Client): Promise<JobRun[]> => (await client.ok('listActivity', { limit: 200 })).runs.filter((run) => run.kind === 'backup');

  it('backs up an unlocked profile once a day and records it in Activity', async () => {
    const { clock, core, client, profile } = await running();
    await core.jobs.look(profile.id);
    await core.jobs.look(profile.id);
    clock.at = at('2026-12-01T00:30:00.000Z');
    await core.jobs.look(profile.id);
    const runs = await backupRuns(client);
    expect(runs.map((run) => [run.key, run.outcome, run.day])).toEqual([
      ['backup:2026-12-01', 'done', '2026-12-01'],
      ['backup:2026-11-30', 'done', '2026-11-30'],
    ]);
    expect(runs[0]?.summary).toMatch(/^Backed up: 2026-12-01T00-30-00Z \(/);
    expect((await client.ok('listBackups', {})).backups.map((backup) => [backup.name, backup.reason])).toEqual([
      ['2026-12-01T00-30-00Z', 'scheduled'],
      ['2026-11-30T08-00-00Z', 'scheduled'],
    ]);
  });

  it('records a failure with its reason, and leaves a locked profile alone', async () => {
    const { clock, core, client, profile } = await running();
    // The folder cannot be made: a file stands where it would go.
    const blocked = join(await tempDir(), 'not-a-folder');
    await mkdir(blocked, { recursive: true });
    await client.ok('updateBackupSettings', { enabled: true, keep: 7, folder: blocked });
    await writeFile(join(blocked, profile.id), 'in the way');
    await core.jobs.look(profile.id);
    expect((await backupRuns(client)).map((run) => [run.outcome, run.error?.startsWith('The backup could not be written')])).toEqual([['failed', true]]);

    await client.ok('lock', {});
    clock.at = at('2026-12-01T08:00:00.000Z');
    expect(await core.jobs.look(profile.id)).toEqual({ nextCheckAt: null, runs: [] });
  });

  it('makes no backup when they are off', async () => {
    const { core, client, profile } = await running();
    await client.ok('updateBackupSettings', { enabled: false, keep: 7, folder: null });
    await core.jobs.look(profile.id);
    expect(await backupRuns(client)).toEqual([]);
    expect((await client.ok('listBackups', {})).backups).toEqual([]);
  });
});
