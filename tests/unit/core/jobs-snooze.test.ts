/**
 * "Snooze 1 hour" coming back: the job runner over a real core with a clock the test moves,
 * a fake notifier and the worker's NudgeSnoozes. A snoozed nudge is held back until its end,
 * shown again once, only for trackers still without an entry that day, dropped once its day
 * is over, and the runner's next check wakes for the snooze's end.
 */
import { describe, expect, it } from 'vitest';
import type { Core } from '../../../src-main/core/index';
import type { Notifier, Nudge } from '../../../src-main/core/services/notifier';
import { NudgeSnoozes } from '../../../src-main/core/services/nudge-snoozes';
import { Client, SIGN_UP, startCore } from './helpers';

class Clock {
  constructor(public at: Date) {}
  readonly now = (): Date => this.at;
  set(iso: string): void {
    this.at = new Date(iso);
  }
}

async function snoozingProfile() {
  const shown: Nudge[] = [];
  const notifier: Notifier = {
    notify: (nudge) => {
      shown.push(nudge);
      return Promise.resolve({ shown: true });
    },
  };
  const snoozes = new NudgeSnoozes();
  // Made after October ended: no report is due.
  const clock = new Clock(new Date('2026-11-01T06:00:00Z'));
  const core = await startCore({ now: clock.now, jobs: { notifier, printer: null, snoozes } });
  const client = new Client(core);
  const { profile } = await client.ok('signUp', SIGN_UP);
  await client.ok('updateSettings', { timeZone: 'UTC' });
  const water = (await client.ok('createTracker', { name: 'Water', settings: { type: 'boolean' } })).tracker;
  const sleep = (await client.ok('createTracker', { name: 'Sleep', settings: { type: 'duration' } })).tracker;
  return { core, client, clock, shown, snoozes, profileId: profile.id, water, sleep };
}

/** A look's runs but the daily backup's (tested in backup-schedule.test.ts). */
const look = async (core: Core, profileId: string) => {
  const result = await core.jobs.look(profileId);
  return { ...result, runs: result.runs.filter((run) => run.kind !== 'backup') };
};

describe('the job runner: snoozed nudges', () => {
  it('holds a snoozed nudge back until the hour, wakes for it, and shows it again once', async () => {
    const { core, clock, shown, snoozes, profileId, water, sleep } = await snoozingProfile();
    clock.set('2026-11-02T20:30:00Z');
    await look(core, profileId);
    expect(shown).toHaveLength(1);
    expect(shown[0]?.actions).toEqual(['snooze']);
    snoozes.snooze(profileId, [water.id, sleep.id], Date.parse('2026-11-02T21:30:00Z'));

    clock.set('2026-11-02T21:00:00Z');
    const before = await look(core, profileId);
    expect(before.runs).toEqual([]);
    expect(shown).toHaveLength(1);
    // Without the snooze the next look would be the hourly one, at 22:00.
    expect(before.nextCheckAt?.toISOString()).toBe('2026-11-02T21:30:00.000Z');

    clock.set('2026-11-02T21:30:00Z');
    const back = await look(core, profileId);
    await look(core, profileId);
    expect(shown).toHaveLength(2);
    expect(shown[1]).toMatchObject({ profileId, body: 'No entry yet today: Water and Sleep.', trackerIds: [water.id, sleep.id] });
    expect(back.runs.map((run) => [run.key, run.outcome, run.dueAt])).toEqual([
      [`nudge:2026-11-02:${water.id}:snoozed:1`, 'done', '2026-11-02T21:30:00.000Z'],
      [`nudge:2026-11-02:${sleep.id}:snoozed:1`, 'done', '2026-11-02T21:30:00.000Z'],
    ]);
    expect(snoozes.nextEndOf(profileId)).toBeNull();

    // Snoozed again: a second return, under the next key.
    snoozes.snooze(profileId, [water.id], Date.parse('2026-11-02T22:30:00Z'));
    clock.set('2026-11-02T22:31:00Z');
    expect((await look(core, profileId)).runs.map((run) => run.key)).toEqual([`nudge:2026-11-02:${water.id}:snoozed:2`]);
    expect(shown).toHaveLength(3);
  });

  it('does not bring the nudge back for a tracker that got an entry meanwhile', async () => {
    const { core, client, clock, shown, snoozes, profileId, water, sleep } = await snoozingProfile();
    clock.set('2026-11-02T20:30:00Z');
    await look(core, profileId);
    snoozes.snooze(profileId, [water.id, sleep.id], Date.parse('2026-11-02T21:30:00Z'));
    clock.set('2026-11-02T21:10:00Z');
    await client.ok('addLog', { trackerId: water.id, at: '2026-11-02T21:05:00Z', value: true });

    clock.set('2026-11-02T21:30:00Z');
    const back = await look(core, profileId);
    expect(shown).toHaveLength(2);
    expect(shown[1]).toMatchObject({ trackerIds: [sleep.id], body: 'No entry yet today: Sleep.' });
    expect(back.runs.map((run) => run.key)).toEqual([`nudge:2026-11-02:${sleep.id}:snoozed:1`]);
  });

  it('drops a snooze whose day is over, without showing or recording it', async () => {
    const { core, clock, shown, snoozes, profileId, water } = await snoozingProfile();
    clock.set('2026-11-02T23:30:00Z');
    await look(core, profileId);
    expect(shown).toHaveLength(1);
    snoozes.snooze(profileId, [water.id], Date.parse('2026-11-03T00:30:00Z'));

    clock.set('2026-11-03T00:30:00Z');
    const after = await look(core, profileId);
    expect(after.runs).toEqual([]);
    expect(shown).toHaveLength(1);
    expect(snoozes.nextEndOf(profileId)).toBeNull();
  });

  it('leaves another profile’s snooze in place', () => {
    const snoozes = new NudgeSnoozes();
    snoozes.snooze('p-1', ['t-1'], 1000);
    snoozes.snooze('p-2', ['t-2'], 1000);
    expect(snoozes.takeDueOf('p-1', 1000)).toEqual([{ trackerId: 't-1', until: 1000 }]);
    expect(snoozes.nextEndOf('p-1')).toBeNull();
    expect(snoozes.nextEndOf('p-2')).toBe(1000);
  });
});
