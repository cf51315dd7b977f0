import { describe, expect, it } from 'vitest';
import type { Log, Tracker } from '../../../src-preload/contract';
import { AppFailure } from '../../../src-main/core/errors';
import { MAX_NOTE_CHARACTERS, MAX_NOTES, reportModel, type ReportInput, type TrackerReport } from '../../../src-main/core/report/report-model';
import { logAt, NOVEMBER, NOW, OCTOBER, tracker, ZONE } from '../../support/report-month';

const sleep = tracker('sleep', 'Sleep', { type: 'numerical', unit: 'h', min: null, max: null, decimals: 1, aggregation: 'average' });
const meditated = tracker('meditated', 'Meditated', { type: 'boolean' });
const reading = tracker('reading', 'Reading', { type: 'duration' });
const mood = tracker('mood', 'Mood', {
  type: 'multiple_choice',
  multiple: true,
  options: [
    { id: 'calm', label: 'Calm', archived: false },
    { id: 'glad', label: 'Glad', archived: false },
    { id: 'tense', label: 'Tense', archived: false },
  ],
});

function modelOf(trackers: ReportInput['trackers'], overrides: Partial<ReportInput> = {}) {
  return reportModel({ profileName: 'Ada', month: '2026-11', timeZone: ZONE, now: NOW, locale: 'en-GB', trackers, ...overrides });
}

function only(trackers: ReportInput['trackers'], overrides: Partial<ReportInput> = {}): TrackerReport {
  const [report] = modelOf(trackers, overrides).trackers;
  if (report === undefined) throw new Error('Expected a tracker section.');
  return report;
}

const figure = (report: TrackerReport, label: string) => report.figures.find((each) => each.label === label)?.text;
const comparison = (report: TrackerReport, label: string) => report.comparisons.find((each) => each.label === label);

function failureOf(run: () => unknown): AppFailure {
  try {
    run();
  } catch (error) {
    if (error instanceof AppFailure) return error;
    throw error;
  }
  throw new Error('Expected a failure.');
}

describe('a numerical tracker', () => {
  const logs = [
    ...['2026-11-02', '2026-11-03', '2026-11-04'].map((day, i) => logAt('sleep', day, '07:00', [6.5, 8, 7.25][i] ?? 0)),
    ...['2026-10-10', '2026-10-11'].map((day, i) => logAt('sleep', day, '07:00', [6, 7][i] ?? 0)),
  ];

  it('gives entries, average, minimum, maximum and total in its unit and decimals', () => {
    const report = only([{ tracker: sleep, logs }]);
    expect(report.entries).toBe(3);
    expect(report.stats).toMatchObject({ count: 3, min: 6.5, max: 8, total: 21.75 });
    expect(report.stats.average).toBeCloseTo(7.25);
    // One decimal, as the tracker shows it: 7.25 → 7.3.
    expect(report.figures).toEqual([
      { label: 'Entries', text: '3' },
      { label: 'Days logged', text: '3 of 30' },
      { label: 'Average', text: '7.3 h' },
      { label: 'Minimum', text: '6.5 h' },
      { label: 'Maximum', text: '8 h' },
      { label: 'Total', text: '21.8 h' },
    ]);
    expect(report.typeLabel).toBe('Number');
  });

  it('compares the average with the month before', () => {
    const report = only([{ tracker: sleep, logs }]);
    expect(comparison(report, 'Average')).toEqual({ label: 'Average', current: 7.25, previous: 6.5, currentText: '7.3 h', previousText: '6.5 h', changeText: '+0.8 h' });
    expect(comparison(report, 'Entries')).toMatchObject({ current: 3, previous: 2, changeText: '+1' });
    expect(report.headline).toEqual({ label: 'Average', text: '7.3 h', changeText: '+0.8 h' });
    expect(report.entriesChangeText).toBe('+1');
  });

  it('writes a fall with a minus sign, and a change that rounds away as none', () => {
    const fall = only([{ tracker: sleep, logs: [logAt('sleep', '2026-11-02', '07:00', 6), logAt('sleep', '2026-10-02', '07:00', 7.5)] }]);
    expect(comparison(fall, 'Average')?.changeText).toBe('\u22121.5 h');
    const same = only([{ tracker: sleep, logs: [logAt('sleep', '2026-11-02', '07:00', 7.02), logAt('sleep', '2026-10-02', '07:00', 7)] }]);
    expect(comparison(same, 'Average')?.changeText).toBe('no change');
  });

  it('has no change to show when the month before has no entries', () => {
    const report = only([{ tracker: sleep, logs: [logAt('sleep', '2026-11-02', '07:00', 7)] }]);
    expect(comparison(report, 'Average')).toMatchObject({ previous: null, previousText: '—', changeText: null });
  });

  it('counts days met against a daily target', () => {
    const withTarget: Tracker = { ...sleep, target: { period: 'day', comparison: 'at_least', value: 7 } };
    const report = only([{ tracker: withTarget, logs }]);
    // 8 and 7.25 meet "at least 7"; 27 other days have no entry, so they do not.
    expect(report.target).toMatchObject({ text: 'At least 7 h a day', met: 2, periods: 30, completionText: '2 of 30 days (7%)' });
    expect(report.target?.completion).toBeCloseTo(2 / 30);
    expect(report.target?.previous).toBeCloseTo(1 / 31);
    expect(report.target?.changeText).toBe('+3 pts');
  });

  it('judges a weekly target on the ISO weeks the month touches', () => {
    const weekly: Tracker = { ...sleep, settings: { ...sleep.settings, aggregation: 'sum' } as Tracker['settings'], target: { period: 'week', comparison: 'at_least', value: 10 } };
    const report = only([{ tracker: weekly, logs }]);
    // November 2026 touches 6 ISO weeks (26 Oct – 6 Dec); 2–8 Nov sums 21.75.
    expect(report.target).toMatchObject({ periods: 6, met: 1, text: 'At least 10 h a week', completionText: '1 of 6 weeks (17%)' });
  });
});

describe('a yes/no tracker', () => {
  it('gives the yes-rate over the days answered, each day by its newest answer', () => {
    const logs = [
      logAt('meditated', '2026-11-01', '08:00', true),
      logAt('meditated', '2026-11-02', '08:00', true),
      logAt('meditated', '2026-11-02', '21:00', false),
      logAt('meditated', '2026-11-03', '08:00', false),
      logAt('meditated', '2026-11-04', '08:00', true),
      logAt('meditated', '2026-10-04', '08:00', true),
    ];
    const report = only([{ tracker: meditated, logs }]);
    expect(report.stats.yesShare).toBe(0.5);
    expect(report.figures).toEqual([
      { label: 'Days answered', text: '4 of 30' },
      { label: 'Yes-rate', text: '50%' },
      { label: 'Days with yes', text: '2' },
      { label: 'Days with no', text: '2' },
    ]);
    expect(comparison(report, 'Yes-rate')).toMatchObject({ current: 0.5, previous: 1, currentText: '50%', previousText: '100%', changeText: '\u221250 pts' });
    expect(report.series.kind).toBe('done');
  });

  it('says a daily target in words', () => {
    const withTarget: Tracker = { ...meditated, target: { period: 'day', comparison: 'at_least', value: 1 } };
    expect(only([{ tracker: withTarget, logs: [logAt('meditated', '2026-11-01', '08:00', true)] }]).target?.text).toBe('Yes every day');
    const weekly: Tracker = { ...meditated, target: { period: 'week', comparison: 'at_least', value: 5 } };
    expect(only([{ tracker: weekly, logs: [logAt('meditated', '2026-11-01', '08:00', true)] }]).target?.text).toBe('At least 5 days with yes a week');
  });
});

describe('a multiple-choice tracker', () => {
  it('counts each option by its label, and the most chosen', () => {
    const logs = [
      logAt('mood', '2026-11-01', '12:00', ['calm']),
      logAt('mood', '2026-11-02', '12:00', ['calm', 'glad']),
      logAt('mood', '2026-11-03', '12:00', ['calm']),
      logAt('mood', '2026-10-03', '12:00', ['tense']),
    ];
    const report = only([{ tracker: mood, logs }]);
    expect(report.series.kind === 'choice' && report.series.distribution).toEqual([
      { optionId: 'calm', label: 'Calm', count: 3 },
      { optionId: 'glad', label: 'Glad', count: 1 },
      { optionId: 'tense', label: 'Tense', count: 0 },
    ]);
    expect(figure(report, 'Most chosen')).toBe('Calm (3)');
    expect(figure(report, 'Options chosen')).toBe('2 of 3');
    expect(report.headline).toEqual({ label: 'Most chosen', text: 'Calm (3)', changeText: null });
    expect(comparison(report, 'Entries')).toMatchObject({ current: 3, previous: 1, changeText: '+2' });
  });
});

describe('a duration tracker', () => {
  it('gives the total and the time per day over the month’s days', () => {
    const logs = [
      logAt('reading', '2026-11-01', '19:00', 3600),
      logAt('reading', '2026-11-01', '22:00', 1800),
      logAt('reading', '2026-11-20', '19:00', 3600),
      logAt('reading', '2026-10-20', '19:00', 3100),
    ];
    const report = only([{ tracker: reading, logs }]);
    expect(figure(report, 'Total')).toBe('2h 30m');
    // 9000 s over 30 days.
    expect(figure(report, 'Time per day')).toBe('5m');
    expect(figure(report, 'Average entry')).toBe('50m');
    expect(figure(report, 'Longest entry')).toBe('1h');
    // October: 3100 s over 31 days = 100 s a day.
    expect(comparison(report, 'Time per day')).toMatchObject({ current: 300, previous: 100, currentText: '5m', previousText: '1m 40s', changeText: '+3m 20s' });
    expect(comparison(report, 'Total')?.changeText).toBe('+1h 38m 20s');
  });
});

describe('streaks', () => {
  const answers = (days: readonly string[], yes = true): Log[] => days.map((day) => logAt('meditated', day, '08:00', yes));

  it('counts the current streak as of the month’s end, and the month’s best run', () => {
    const report = only([{ tracker: meditated, logs: answers([...NOVEMBER.slice(2, 14), ...NOVEMBER.slice(21)]) }]);
    expect(report.streaks).toMatchObject({ current: 9, best: 12, currentAtLeast: false, currentText: '9 days', bestText: '12 days' });
  });

  it('has no current streak when the month’s last day was missed', () => {
    const report = only([{ tracker: meditated, logs: answers(NOVEMBER.slice(10, 29)) }]);
    expect(report.streaks).toMatchObject({ current: 0, best: 19, currentText: 'none' });
  });

  it('reaches back into the month before, and says "at least" when it reaches the oldest day given', () => {
    const crossing = only([{ tracker: meditated, logs: answers([...OCTOBER.slice(20), ...NOVEMBER]) }]);
    expect(crossing.streaks).toMatchObject({ current: 41, best: 30, currentAtLeast: false });
    const whole = only([{ tracker: meditated, logs: answers([...OCTOBER, ...NOVEMBER]) }]);
    expect(whole.streaks).toMatchObject({ current: 61, currentAtLeast: true, currentText: '61+ days' });
    // Given September too, the streak is exact again.
    const september = Array.from({ length: 5 }, (_, i) => `2026-09-${26 + i}`);
    const longer = only([{ tracker: meditated, logs: answers([...september, ...OCTOBER, ...NOVEMBER]) }]);
    expect(longer.streaks).toMatchObject({ current: 66, currentAtLeast: false, currentText: '66 days' });
  });

  it('ignores entries after the month', () => {
    const report = only([{ tracker: meditated, logs: answers([...NOVEMBER.slice(25), '2026-12-01']) }], { now: new Date('2026-12-05T12:00:00Z') });
    expect(report.streaks.current).toBe(5);
    expect(report.entries).toBe(5);
  });
});

describe('days in the profile’s time zone', () => {
  it('puts a log by its local day: 00:30 on 1 November in Paris is November, though still October in UTC', () => {
    const logs = [logAt('sleep', '2026-11-01', '00:30', 5), logAt('sleep', '2026-10-31', '23:30', 9), logAt('sleep', '2026-12-01', '00:30', 1)];
    expect(logs[0]?.at).toBe('2026-10-31T23:30:00.000Z');
    const report = only([{ tracker: sleep, logs }]);
    expect(report.entries).toBe(1);
    expect(report.stats.average).toBe(5);
    expect(report.previousEntries).toBe(1);
    // Counted in UTC the same logs would fall the other way.
    const utc = only([{ tracker: sleep, logs }], { timeZone: 'UTC' });
    expect(utc.stats.average).toBe(1);
  });
});

describe('which trackers appear', () => {
  const water = tracker('water', 'Water', { type: 'numerical', unit: 'glasses', min: null, max: null, decimals: 0, aggregation: 'sum' });

  it('includes an archived tracker with entries this month, marked, and leaves out one without', () => {
    const archivedWith: Tracker = { ...meditated, archived: true };
    const archivedWithout: Tracker = { ...reading, archived: true };
    const model = modelOf([
      { tracker: archivedWith, logs: [logAt('meditated', '2026-11-04', '08:00', true)] },
      { tracker: archivedWithout, logs: [logAt('reading', '2026-10-04', '08:00', 60)] },
    ]);
    expect(model.trackers.map((report) => [report.tracker.name, report.tracker.archived])).toEqual([['Meditated', true]]);
    expect(model.archivedLeftOut).toBe(1);
    expect(model.quiet).toEqual([]);
  });

  it('lists a tracker in use without entries this month with the month before’s count', () => {
    const model = modelOf([
      { tracker: sleep, logs: [logAt('sleep', '2026-11-04', '07:00', 7)] },
      { tracker: water, logs: [logAt('water', '2026-10-04', '09:00', 6), logAt('water', '2026-10-05', '09:00', 6)] },
    ]);
    expect(model.trackers.map((report) => report.tracker.name)).toEqual(['Sleep']);
    expect(model.quiet).toEqual([{ tracker: water, typeLabel: 'Number', previousEntries: 2 }]);
    expect(model).toMatchObject({ entries: 1, previousEntries: 2 });
  });

  it('keeps the person’s order', () => {
    const model = modelOf([
      { tracker: reading, logs: [logAt('reading', '2026-11-04', '08:00', 60)] },
      { tracker: sleep, logs: [logAt('sleep', '2026-11-04', '07:00', 7)] },
    ]);
    expect(model.trackers.map((report) => report.tracker.name)).toEqual(['Reading', 'Sleep']);
  });

  it('makes an empty month a model without sections, not an error', () => {
    const model = modelOf([{ tracker: sleep, logs: [] }]);
    expect(model).toMatchObject({ entries: 0, trackers: [], monthText: 'November 2026', previousMonthText: 'October 2026' });
    expect(modelOf([]).trackers).toEqual([]);
  });
});

describe('notes', () => {
  it('lists the month’s notes oldest first with day and value, at most MAX_NOTES, counting the rest', () => {
    const logs = NOVEMBER.slice(0, 25).map((day, i) => logAt('sleep', day, '07:00', 7, i % 5 === 4 ? '   ' : `Night ${i + 1}`));
    const report = only([{ tracker: sleep, logs: [...logs, logAt('sleep', '2026-10-30', '07:00', 6, 'October')].reverse() }]);
    expect(report.notes.shown).toHaveLength(MAX_NOTES);
    expect(report.notes.shown[0]).toEqual({ day: '2026-11-01', dayText: 'Sun 1 Nov', valueText: '7 h', text: 'Night 1' });
    expect(report.notes.shown.map((note) => note.text)).not.toContain('October');
    // 25 entries, 5 with blank notes: 20 notes, all shown.
    expect(report.notes.more).toBe(0);
    const more = only([{ tracker: sleep, logs: NOVEMBER.map((day) => logAt('sleep', day, '07:00', 7, `On ${day}`)) }]);
    expect(more.notes.more).toBe(10);
  });

  it('cuts a very long note', () => {
    const report = only([{ tracker: sleep, logs: [logAt('sleep', '2026-11-02', '07:00', 7, 'x'.repeat(5000))] }]);
    const text = report.notes.shown[0]?.text ?? '';
    expect([...text]).toHaveLength(MAX_NOTE_CHARACTERS);
    expect(text.endsWith('…')).toBe(true);
  });
});

describe('the month', () => {
  it('reports a month still running up to today', () => {
    const model = modelOf([{ tracker: reading, logs: [logAt('reading', '2026-11-01', '19:00', 9000)] }], { now: new Date('2026-11-15T12:00:00Z') });
    expect(model).toMatchObject({ complete: false, days: { from: '2026-11-01', to: '2026-11-15' }, lastDayText: '15 Nov' });
    // 9000 s over the 15 days so far.
    expect(figure(model.trackers[0] as TrackerReport, 'Time per day')).toBe('10m');
  });

  it('spans the year for January: the month before is December', () => {
    const model = modelOf([], { month: '2027-01', now: new Date('2027-02-01T09:00:00Z') });
    expect(model).toMatchObject({ previousMonth: '2026-12', previousMonthText: 'December 2026', days: { from: '2027-01-01', to: '2027-01-31' }, complete: true });
  });

  it('says when it was made, on the profile’s clock', () => {
    expect(modelOf([]).generatedText).toBe('1 December 2026 at 09:00');
    expect(modelOf([]).generatedAt).toBe('2026-12-01T08:00:00.000Z');
  });
});

describe('bad input', () => {
  it('refuses a month that is not YYYY-MM, or has not begun', () => {
    for (const month of ['2026-13', '2026-1', 'November', '']) expect(failureOf(() => modelOf([], { month }))).toMatchObject({ code: 'RANGE_INVALID', field: 'month' });
    expect(failureOf(() => modelOf([], { month: '2026-12', now: new Date('2026-11-30T22:59:00Z') }))).toMatchObject({ code: 'RANGE_INVALID' });
    // 23:00 UTC on 30 November is already 1 December in Paris.
    expect(modelOf([], { month: '2026-12', now: new Date('2026-11-30T23:00:00Z') }).complete).toBe(false);
  });

  it('refuses an unknown time zone, an invalid date and a log of another tracker', () => {
    expect(failureOf(() => modelOf([], { timeZone: 'Mars/Olympus' }))).toMatchObject({ code: 'TIME_ZONE_INVALID' });
    expect(failureOf(() => modelOf([], { now: new Date(Number.NaN) }))).toMatchObject({ code: 'INVALID_INPUT' });
    expect(failureOf(() => modelOf([{ tracker: sleep, logs: [logAt('reading', '2026-11-02', '07:00', 60)] }]))).toMatchObject({ code: 'INVALID_INPUT', field: 'trackers' });
  });
});
