import { describe, it, expect } from 'vitest';
import type { AppFailure } from '../../../src-main/core/errors';
import { dueNudges, MISSED_NUDGE_DAYS } from '../../../src-main/core/jobs/nudges';
import { jobsMayRun, LOCKED_PROFILE_POLICY, PROFILE_ACCESS } from '../../../src-main/core/jobs/locked-profiles';
import { DEFAULT_NUDGES } from '../../../src-preload/contract/jobs';
import { at, FakeRunner, keysOf, tracker } from './jobs-fixtures';

const BERLIN = 'Europe/Berlin';
const NEW_YORK = 'America/New_York';

describe('daily nudges: due times', () => {
  it('nudges a tracker without an entry once the profile’s time has come in its zone', () => {
    const runner = new FakeRunner({ timeZone: BERLIN, trackers: [tracker('sleep', { name: 'Sleep' })] });
    expect(runner.check(at('2026-06-10T17:59:59.999Z')).nudges.show).toEqual([]);
    const { show, missed } = runner.check(at('2026-06-10T18:00:00.000Z')).nudges;
    expect(show).toEqual([
      { day: '2026-06-10', dueAt: at('2026-06-10T18:00:00.000Z'), time: '20:00', trackers: [{ key: 'nudge:2026-06-10:sleep', trackerId: 'sleep', trackerName: 'Sleep' }] },
    ]);
    expect(missed).toEqual([]);
  });

  it('reads the time in the profile’s zone, not the machine’s or UTC', () => {
    const runner = new FakeRunner({ timeZone: NEW_YORK, nudges: { time: '07:15' } });
    expect(runner.check(at('2026-06-10T11:14:00.000Z')).nudges.show).toEqual([]);
    expect(runner.check(at('2026-06-10T11:15:00.000Z')).nudges.show.map((nudge) => [nudge.day, nudge.time])).toEqual([['2026-06-10', '07:15']]);
  });

  it('leaves out a tracker that has an entry that day, asking for the day in the profile’s zone', () => {
    const asked: string[] = [];
    const decision = dueNudges({
      now: at('2026-06-10T22:30:00.000Z'), // 00:30 on the 11th in Berlin: nothing due yet that day
      timeZone: BERLIN,
      nudges: { ...DEFAULT_NUDGES, time: '00:15' },
      trackers: [tracker('a'), tracker('b')],
      hasEntryOn: (trackerId, day) => {
        asked.push(`${trackerId}@${day}`);
        return trackerId === 'a';
      },
      runs: [],
      lastCheck: null,
    });
    expect(keysOf(decision.show)).toEqual(['nudge:2026-06-11:b']);
    expect(asked).toEqual(['a@2026-06-11', 'b@2026-06-11']);
  });

  it('never nudges archived or trashed trackers, or trackers whose reminder is off', () => {
    const runner = new FakeRunner({
      timeZone: BERLIN,
      trackers: [
        tracker('archived', { archived: true }),
        tracker('trashed', { deleted: true }),
        tracker('off', { reminder: { enabled: false, days: [1, 2, 3, 4, 5, 6, 7], time: null } }),
        tracker('on'),
      ],
    });
    expect(keysOf(runner.check(at('2026-06-10T20:00:00.000Z')).nudges.show)).toEqual(['nudge:2026-06-10:on']);
  });

  it('nudges nothing while the profile has no trackers, or while nudges are off', () => {
    expect(new FakeRunner({ timeZone: BERLIN, trackers: [] }).check(at('2026-06-10T21:00:00.000Z')).nudges).toEqual({ show: [], missed: [] });
    const off = new FakeRunner({ timeZone: BERLIN, nudges: { enabled: false } });
    off.lastCheck = { at: at('2026-06-08T12:00:00.000Z'), timeZone: BERLIN };
    expect(off.check(at('2026-06-10T21:00:00.000Z')).nudges).toEqual({ show: [], missed: [] });
  });

  it('follows each tracker’s days: weekdays only skips Saturday and Sunday', () => {
    const weekdays = tracker('work', { reminder: { enabled: true, days: [1, 2, 3, 4, 5], time: null } });
    const runner = new FakeRunner({ timeZone: BERLIN, trackers: [weekdays, tracker('daily')] });
    // 2026-06-12 is a Friday, 13 a Saturday, 14 a Sunday, 15 a Monday.
    const shown = ['2026-06-12', '2026-06-13', '2026-06-14', '2026-06-15'].map((day) => keysOf(runner.check(at(`${day}T19:00:00.000Z`)).nudges.show));
    expect(shown).toEqual([
      ['nudge:2026-06-12:work', 'nudge:2026-06-12:daily'],
      ['nudge:2026-06-13:daily'],
      ['nudge:2026-06-14:daily'],
      ['nudge:2026-06-15:work', 'nudge:2026-06-15:daily'],
    ]);
  });

  it('uses a tracker’s own time, and makes one nudge of trackers due at the same moment', () => {
    const runner = new FakeRunner({
      timeZone: BERLIN,
      trackers: [
        tracker('water', { name: 'Water' }),
        tracker('weight', { name: 'Weight', reminder: { enabled: true, days: [1, 2, 3, 4, 5, 6, 7], time: '07:30' } }),
        tracker('sleep', { name: 'Sleep', reminder: { enabled: true, days: [1, 2, 3, 4, 5, 6, 7], time: '20:00' } }),
      ],
    });
    const morning = runner.check(at('2026-06-10T05:30:00.000Z')).nudges.show;
    expect(morning.map((nudge) => [nudge.time, nudge.trackers.map((item) => item.trackerName)])).toEqual([['07:30', ['Weight']]]);
    const evening = runner.check(at('2026-06-10T18:00:00.000Z')).nudges.show;
    expect(evening.map((nudge) => [nudge.time, nudge.trackers.map((item) => item.trackerName)])).toEqual([['20:00', ['Water', 'Sleep']]]);
  });

  it('gives a late start every nudge of the day that has come, one per due moment, oldest first', () => {
    const runner = new FakeRunner({
      timeZone: BERLIN,
      trackers: [tracker('a'), tracker('b', { reminder: { enabled: true, days: [1, 2, 3, 4, 5, 6, 7], time: '08:00' } })],
    });
    expect(runner.check(at('2026-06-10T21:00:00.000Z')).nudges.show.map((nudge) => [nudge.time, keysOf([nudge])])).toEqual([
      ['08:00', ['nudge:2026-06-10:b']],
      ['20:00', ['nudge:2026-06-10:a']],
    ]);
  });

  it('does not nudge a tracker made after its time that day; it is nudged from the next day', () => {
    const runner = new FakeRunner({ timeZone: BERLIN, trackers: [tracker('new', { createdAt: '2026-06-10T19:00:00.000Z' })] });
    runner.lastCheck = { at: at('2026-06-10T19:00:00.000Z'), timeZone: BERLIN };
    expect(runner.check(at('2026-06-10T19:00:01.000Z')).nudges.show).toEqual([]);
    expect(runner.check(at('2026-06-11T08:00:00.000Z')).nudges).toEqual({ show: [], missed: [] });
    expect(keysOf(runner.check(at('2026-06-11T18:00:00.000Z')).nudges.show)).toEqual(['nudge:2026-06-11:new']);
  });
});

describe('daily nudges: never twice, across restarts', () => {
  it('decides nothing more once the nudge is recorded, however often it looks', () => {
    const runner = new FakeRunner({ timeZone: BERLIN, trackers: [tracker('a'), tracker('b')] });
    expect(keysOf(runner.check(at('2026-06-10T18:00:00.000Z')).nudges.show)).toEqual(['nudge:2026-06-10:a', 'nudge:2026-06-10:b']);
    for (const later of ['2026-06-10T18:00:00.000Z', '2026-06-10T18:05:00.000Z', '2026-06-10T21:59:59.000Z']) {
      expect(runner.check(at(later)).nudges).toEqual({ show: [], missed: [] });
    }
    // A restart the next morning: yesterday's nudge is recorded, so it is neither shown nor missed.
    expect(runner.check(at('2026-06-11T06:00:00.000Z')).nudges).toEqual({ show: [], missed: [] });
    expect(keysOf(runner.check(at('2026-06-11T18:00:00.000Z')).nudges.show)).toEqual(['nudge:2026-06-11:a', 'nudge:2026-06-11:b']);
    expect(runner.history.map((run) => [run.key, run.outcome])).toEqual([
      ['nudge:2026-06-10:a', 'done'],
      ['nudge:2026-06-10:b', 'done'],
      ['nudge:2026-06-11:a', 'done'],
      ['nudge:2026-06-11:b', 'done'],
    ]);
  });

  it('repeats nothing when the runner stopped after recording but before saving its last look', () => {
    const runner = new FakeRunner({ timeZone: BERLIN });
    const closed = { at: at('2026-06-08T10:00:00.000Z'), timeZone: BERLIN };
    runner.lastCheck = closed;
    const first = runner.check(at('2026-06-10T19:00:00.000Z')).nudges;
    expect([first.missed.map((nudge) => nudge.day), keysOf(first.show)]).toEqual([['2026-06-08', '2026-06-09'], ['nudge:2026-06-10:a']]);
    runner.lastCheck = closed; // the save of the last look was lost
    expect(runner.check(at('2026-06-10T19:01:00.000Z')).nudges).toEqual({ show: [], missed: [] });
  });

  it('does not nudge a tracker again when its time moves later after it was nudged', () => {
    const runner = new FakeRunner({ timeZone: BERLIN });
    expect(keysOf(runner.check(at('2026-06-10T18:00:00.000Z')).nudges.show)).toEqual(['nudge:2026-06-10:a']);
    runner.nudges = { ...runner.nudges, time: '21:00' };
    expect(runner.check(at('2026-06-10T19:30:00.000Z')).nudges.show).toEqual([]);
  });

  it('shows a nudge at once when its time is moved to one already past today', () => {
    const runner = new FakeRunner({ timeZone: BERLIN });
    expect(runner.check(at('2026-06-10T16:30:00.000Z')).nudges.show).toEqual([]);
    runner.nudges = { ...runner.nudges, time: '18:00' };
    expect(runner.check(at('2026-06-10T16:31:00.000Z')).nudges.show.map((nudge) => nudge.time)).toEqual(['18:00']);
  });
});

describe('daily nudges: catch-up after the app was closed', () => {
  const closedAt = at('2026-06-10T16:00:00.000Z'); // 18:00 in Berlin, before the 20:00 nudge

  it('shows a nudge whose time passed while closed when the app starts the same day', () => {
    const runner = new FakeRunner({ timeZone: BERLIN });
    runner.lastCheck = { at: closedAt, timeZone: BERLIN };
    const { show, missed } = runner.check(at('2026-06-10T21:30:00.000Z')).nudges; // 23:30
    expect(show.map((nudge) => [nudge.dueAt.toISOString(), keysOf([nudge])])).toEqual([['2026-06-10T18:00:00.000Z', ['nudge:2026-06-10:a']]]);
    expect(missed).toEqual([]);
  });

  it('records it as missed, without showing it, when the app starts on a later day', () => {
    const runner = new FakeRunner({ timeZone: BERLIN });
    runner.lastCheck = { at: closedAt, timeZone: BERLIN };
    const { show, missed } = runner.check(at('2026-06-10T22:05:00.000Z')).nudges; // 00:05 on the 11th
    expect(show).toEqual([]);
    expect(missed.map((nudge) => [nudge.day, nudge.dueAt.toISOString(), keysOf([nudge])])).toEqual([['2026-06-10', '2026-06-10T18:00:00.000Z', ['nudge:2026-06-10:a']]]);
    expect(runner.history.map((run) => [run.key, run.outcome])).toEqual([['nudge:2026-06-10:a', 'missed']]);
    expect(runner.check(at('2026-06-11T09:00:00.000Z')).nudges).toEqual({ show: [], missed: [] });
  });

  it('does not call a day missed when its tracker had an entry, or was not due that weekday', () => {
    const runner = new FakeRunner({
      timeZone: BERLIN,
      trackers: [tracker('logged'), tracker('weekend', { reminder: { enabled: true, days: [6, 7], time: null } }), tracker('open')],
      entries: ['logged@2026-06-10'],
    });
    runner.lastCheck = { at: closedAt, timeZone: BERLIN };
    expect(keysOf(runner.check(at('2026-06-11T06:00:00.000Z')).nudges.missed)).toEqual(['nudge:2026-06-10:open']);
  });

  it('records each day of a longer absence as missed, up to a week back, oldest first', () => {
    const runner = new FakeRunner({ timeZone: BERLIN });
    runner.lastCheck = { at: at('2026-06-01T10:00:00.000Z'), timeZone: BERLIN };
    const { show, missed } = runner.check(at('2026-06-12T19:00:00.000Z')).nudges;
    expect(MISSED_NUDGE_DAYS).toBe(7);
    expect(missed.map((nudge) => nudge.day)).toEqual(['2026-06-05', '2026-06-06', '2026-06-07', '2026-06-08', '2026-06-09', '2026-06-10', '2026-06-11']);
    expect(keysOf(show)).toEqual(['nudge:2026-06-12:a']);
  });

  it('judges no past day before the first look (nothing is known of them)', () => {
    const runner = new FakeRunner({ timeZone: BERLIN });
    expect(runner.check(at('2026-06-12T19:00:00.000Z')).nudges.missed).toEqual([]);
  });
});

describe('daily nudges: daylight-saving days', () => {
  const everyDay = [1, 2, 3, 4, 5, 6, 7];

  it('Berlin, spring forward: 02:30 does not exist and is due at 03:30, together with a 03:30 tracker', () => {
    const runner = new FakeRunner({
      timeZone: BERLIN,
      trackers: [tracker('gap', { reminder: { enabled: true, days: everyDay, time: '02:30' } }), tracker('after', { reminder: { enabled: true, days: everyDay, time: '03:30' } }), tracker('evening')],
    });
    expect(runner.check(at('2026-03-29T01:29:59.000Z')).nudges.show).toEqual([]);
    const night = runner.check(at('2026-03-29T01:30:00.000Z')).nudges.show;
    expect(night.map((nudge) => [nudge.time, keysOf([nudge])])).toEqual([['03:30', ['nudge:2026-03-29:gap', 'nudge:2026-03-29:after']]]);
    // 20:00 is summer time now: an hour earlier in UTC than the day before.
    expect(runner.check(at('2026-03-29T17:59:00.000Z')).nudges.show).toEqual([]);
    expect(keysOf(runner.check(at('2026-03-29T18:00:00.000Z')).nudges.show)).toEqual(['nudge:2026-03-29:evening']);
  });

  it('Berlin, fall back: 02:30 occurs twice and is due at the first; the second brings nothing', () => {
    const runner = new FakeRunner({ timeZone: BERLIN, trackers: [tracker('twice', { reminder: { enabled: true, days: everyDay, time: '02:30' } })] });
    expect(runner.check(at('2026-10-25T00:29:00.000Z')).nudges.show).toEqual([]);
    expect(runner.check(at('2026-10-25T00:30:00.000Z')).nudges.show.map((nudge) => [nudge.dueAt.toISOString(), nudge.time])).toEqual([['2026-10-25T00:30:00.000Z', '02:30']]);
    expect(runner.check(at('2026-10-25T01:30:00.000Z')).nudges).toEqual({ show: [], missed: [] }); // 02:30 again, in winter time
    expect(runner.history.length).toBe(1);
  });

  it('New York, spring forward: 02:30 is due at 03:30 EDT; the 20:00 nudge is at 20:00 EDT', () => {
    const runner = new FakeRunner({ timeZone: NEW_YORK, trackers: [tracker('gap', { reminder: { enabled: true, days: everyDay, time: '02:30' } }), tracker('evening')] });
    expect(runner.check(at('2026-03-08T07:29:00.000Z')).nudges.show).toEqual([]);
    expect(runner.check(at('2026-03-08T07:30:00.000Z')).nudges.show.map((nudge) => nudge.time)).toEqual(['03:30']);
    expect(runner.check(at('2026-03-08T23:59:00.000Z')).nudges.show).toEqual([]);
    expect(keysOf(runner.check(at('2026-03-09T00:00:00.000Z')).nudges.show)).toEqual(['nudge:2026-03-08:evening']);
  });

  it('New York, fall back: 01:30 is due at 01:30 EDT, once', () => {
    const runner = new FakeRunner({ timeZone: NEW_YORK, trackers: [tracker('twice', { reminder: { enabled: true, days: everyDay, time: '01:30' } })] });
    expect(runner.check(at('2026-11-01T05:29:00.000Z')).nudges.show).toEqual([]);
    expect(runner.check(at('2026-11-01T05:30:00.000Z')).nudges.show.map((nudge) => nudge.dueAt.toISOString())).toEqual(['2026-11-01T05:30:00.000Z']);
    expect(runner.check(at('2026-11-01T06:30:00.000Z')).nudges.show).toEqual([]); // 01:30 EST
    expect(runner.history.length).toBe(1);
  });

  it('catches up across a switch night: closed before it, started after, the day is missed once', () => {
    const runner = new FakeRunner({ timeZone: BERLIN, trackers: [tracker('gap', { reminder: { enabled: true, days: everyDay, time: '02:30' } })] });
    runner.lastCheck = { at: at('2026-03-28T22:00:00.000Z'), timeZone: BERLIN };
    expect(keysOf(runner.check(at('2026-03-29T09:00:00.000Z')).nudges.show)).toEqual(['nudge:2026-03-29:gap']);
    runner.lastCheck = { at: at('2026-03-28T22:00:00.000Z'), timeZone: BERLIN };
    runner.runs = [];
    expect(keysOf(runner.check(at('2026-03-30T09:00:00.000Z')).nudges.missed)).toEqual(['nudge:2026-03-29:gap']);
  });
});

describe('daily nudges: a change of the profile’s zone', () => {
  it('after the day’s nudge: moving west repeats nothing for that day and nudges the next day in the new zone', () => {
    const runner = new FakeRunner({ timeZone: BERLIN });
    expect(keysOf(runner.check(at('2026-06-10T18:00:00.000Z')).nudges.show)).toEqual(['nudge:2026-06-10:a']);
    runner.timeZone = NEW_YORK; // at 19:00Z it is 15:00 on the 10th in New York
    expect(runner.check(at('2026-06-10T19:00:00.000Z')).nudges).toEqual({ show: [], missed: [] });
    expect(runner.check(at('2026-06-11T00:00:00.000Z')).nudges).toEqual({ show: [], missed: [] }); // 20:00 on the 10th there
    expect(runner.check(at('2026-06-11T23:59:00.000Z')).nudges.show).toEqual([]);
    expect(runner.check(at('2026-06-12T00:00:00.000Z')).nudges.show.map((nudge) => [nudge.day, nudge.dueAt.toISOString()])).toEqual([['2026-06-11', '2026-06-12T00:00:00.000Z']]);
  });

  it('before the day’s nudge: moving west, the day in progress is nudged at the new zone’s time', () => {
    const runner = new FakeRunner({ timeZone: BERLIN });
    expect(runner.check(at('2026-06-10T17:00:00.000Z')).nudges.show).toEqual([]); // 19:00 in Berlin
    runner.timeZone = NEW_YORK; // 13:00 on the 10th there
    expect(runner.check(at('2026-06-10T18:00:00.000Z')).nudges.show).toEqual([]); // Berlin's 20:00 no longer applies
    expect(keysOf(runner.check(at('2026-06-11T00:00:00.000Z')).nudges.show)).toEqual(['nudge:2026-06-10:a']);
    expect(runner.history.map((run) => run.outcome)).toEqual(['done']);
  });

  it('before the day’s nudge: moving east past midnight, the day is over and recorded missed, not lost', () => {
    const runner = new FakeRunner({ timeZone: BERLIN });
    expect(runner.check(at('2026-06-10T16:59:00.000Z')).nudges.show).toEqual([]); // 18:59 in Berlin
    runner.timeZone = 'Asia/Tokyo'; // 02:00 on the 11th there
    const { show, missed } = runner.check(at('2026-06-10T17:00:00.000Z')).nudges;
    expect(show).toEqual([]);
    expect(missed.map((nudge) => [nudge.day, keysOf([nudge])])).toEqual([['2026-06-10', ['nudge:2026-06-10:a']]]);
    expect(runner.check(at('2026-06-10T18:00:00.000Z')).nudges).toEqual({ show: [], missed: [] }); // Berlin's 20:00 passes: nothing
    expect(keysOf(runner.check(at('2026-06-11T11:00:00.000Z')).nudges.show)).toEqual(['nudge:2026-06-11:a']); // 20:00 in Tokyo
  });

  it('moving east while the day still runs there: the day’s nudge comes at the new zone’s time', () => {
    const runner = new FakeRunner({ timeZone: NEW_YORK });
    expect(runner.check(at('2026-06-10T13:00:00.000Z')).nudges.show).toEqual([]); // 09:00 in New York
    runner.timeZone = BERLIN; // 15:00 on the 10th there
    expect(keysOf(runner.check(at('2026-06-10T18:00:00.000Z')).nudges.show)).toEqual(['nudge:2026-06-10:a']);
    runner.timeZone = NEW_YORK; // and back: the 10th is settled
    expect(runner.check(at('2026-06-11T00:00:00.000Z')).nudges).toEqual({ show: [], missed: [] });
  });

  it('a zone change while the app was closed: days are judged as the last look’s zone saw them', () => {
    const runner = new FakeRunner({ timeZone: BERLIN });
    runner.lastCheck = { at: at('2026-06-10T10:00:00.000Z'), timeZone: BERLIN };
    runner.timeZone = NEW_YORK;
    const { show, missed } = runner.check(at('2026-06-11T14:00:00.000Z')).nudges; // 10:00 on the 11th in New York
    expect(missed.map((nudge) => [nudge.day, nudge.dueAt.toISOString()])).toEqual([['2026-06-10', '2026-06-11T00:00:00.000Z']]);
    expect(show).toEqual([]);
  });
});

describe('locked profiles', () => {
  it('states the decision: a profile that cannot be read gets no job until it is unlocked', () => {
    expect(PROFILE_ACCESS.filter(jobsMayRun)).toEqual(['unlocked']);
    expect(LOCKED_PROFILE_POLICY).toEqual({ nudges: 'none', reports: 'none', backups: 'none', onUnlock: 'catch-up' });
  });

  it('at unlock, the same rules catch up: today’s nudge is shown, a past day’s is missed', () => {
    const runner = new FakeRunner({ timeZone: BERLIN, trackers: [tracker('a'), tracker('b', { reminder: { enabled: true, days: [1, 2, 3, 4, 5, 6, 7], time: '23:00' } })] });
    runner.check(at('2026-06-10T10:00:00.000Z'));
    // Locked from here: the runner does not look (jobsMayRun('locked') is false), so the last look stays.
    expect(jobsMayRun('locked')).toBe(false);
    const unlocked = runner.check(at('2026-06-11T19:00:00.000Z')).nudges; // 21:00 on the 11th
    expect(unlocked.missed.map((nudge) => [nudge.day, keysOf([nudge])])).toEqual([
      ['2026-06-10', ['nudge:2026-06-10:a']],
      ['2026-06-10', ['nudge:2026-06-10:b']],
    ]);
    expect(keysOf(unlocked.show)).toEqual(['nudge:2026-06-11:a']);
  });
});

describe('daily nudges: bad input', () => {
  const base = { now: at('2026-06-10T18:00:00.000Z'), timeZone: BERLIN, nudges: DEFAULT_NUDGES, trackers: [tracker('a')], hasEntryOn: () => false, runs: [], lastCheck: null };
  const refused = (input: Partial<typeof base> & Record<string, unknown>, code: string, field: string): void => {
    expect(() => dueNudges({ ...base, ...input })).toThrow(expect.objectContaining({ code, field }) as AppFailure);
  };

  it('refuses with a typed error naming the field', () => {
    refused({ timeZone: 'Mars/Olympus' }, 'TIME_ZONE_INVALID', 'timeZone');
    refused({ now: new Date(Number.NaN) }, 'INVALID_INPUT', 'now');
    refused({ nudges: { ...DEFAULT_NUDGES, time: '24:00' } }, 'INVALID_INPUT', 'nudges.time');
    refused({ trackers: [tracker('a', { reminder: { enabled: true, days: [], time: null } })] }, 'INVALID_INPUT', 'trackers.0.reminder.days');
    refused({ trackers: [tracker('a', { reminder: { enabled: true, days: [8], time: null } })] }, 'INVALID_INPUT', 'trackers.0.reminder.days.0');
    refused({ trackers: [tracker('a'), tracker('a')] }, 'INVALID_INPUT', 'trackers.1.id');
    refused({ trackers: [tracker('a', { createdAt: 'yesterday' })] }, 'INVALID_INPUT', 'trackers.0.createdAt');
    refused({ lastCheck: { at: at('2026-06-09T00:00:00.000Z'), timeZone: 'Nowhere' } } as Record<string, unknown>, 'TIME_ZONE_INVALID', 'lastCheck.timeZone');
  });

  it('checks the whole input before asking for entries', () => {
    let asked = 0;
    expect(() => dueNudges({ ...base, trackers: [tracker('a'), tracker('b', { reminder: { enabled: true, days: [], time: null } })], hasEntryOn: () => (asked += 1) > 0 })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }) as AppFailure,
    );
    expect(asked).toBe(0);
  });
});
