/**
 * A month of generated data for the monthly report's tests: November 2026 in Paris, with
 * October to compare, trackers of all four types, targets, notes, an archived tracker and
 * one without entries. Figures the tests expect are worked out here from the generated
 * values with plain arithmetic, not with the core's statistics.
 */
import type { Log, LogValue, Tracker } from '../../src-preload/contract';
import type { ReportInput } from '../../src-main/core/report/report-model';

export const ZONE = 'Europe/Paris';
/** 09:00 in Paris on 1 December: the report for November is due. */
export const NOW = new Date('2026-12-01T08:00:00.000Z');

let logCount = 0;
/** A log at a local Paris time (UTC+1 in November and late October, UTC+2 before 25 October). */
export function logAt(trackerId: string, day: string, time: string, value: LogValue, note = ''): Log {
  const offsetMinutes = day < '2026-10-25' ? 120 : 60;
  const sign = '+';
  const local = `${day}T${time}:00${sign}${String(offsetMinutes / 60).padStart(2, '0')}:00`;
  return { id: `log-${++logCount}`, trackerId, at: new Date(local).toISOString(), offsetMinutes, value, note };
}

export function tracker(id: string, name: string, settings: Tracker['settings'], extra: Partial<Tracker> = {}): Tracker {
  return { id, name, description: '', color: '#4e79a7', emoji: '', archived: false, pinned: false, reminder: { enabled: true, days: [1, 2, 3, 4, 5, 6, 7], time: null }, target: null, settings, createdAt: '2026-01-01T00:00:00.000Z', ...extra };
}

const days = (month: string, count: number): string[] => Array.from({ length: count }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
export const NOVEMBER = days('2026-11', 30);
export const OCTOBER = days('2026-10', 31);

const mean = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0) / values.length;

export interface MonthFixture {
  readonly input: ReportInput;
  readonly expected: {
    readonly sleepAverage: number;
    readonly sleepPreviousAverage: number;
    readonly sleepEntries: number;
    readonly sleepMin: number;
    readonly sleepMax: number;
    readonly sleepTargetDays: number;
    readonly meditatedAnswered: number;
    readonly meditatedYes: number;
    readonly meditatedYesRate: number;
    readonly meditatedPreviousYesRate: number;
    readonly meditatedCurrentStreak: number;
    readonly meditatedBestStreak: number;
    readonly readingTotalSeconds: number;
    readonly readingEntries: number;
    readonly readingPreviousTotalSeconds: number;
    readonly moodEntries: number;
    readonly moodPreviousEntries: number;
    readonly moodCalm: number;
    readonly teaNotes: number;
  };
}

/** The generated month. Deterministic: the same data on every run. */
export function novemberFixture(): MonthFixture {
  logCount = 0;
  const sleep = tracker('sleep', 'Sleep', { type: 'numerical', unit: 'h', min: 0, max: 24, decimals: 1, aggregation: 'average' }, { emoji: '😴', target: { period: 'day', comparison: 'at_least', value: 7 } });
  const mood = tracker('mood', 'Mood', {
    type: 'multiple_choice',
    multiple: false,
    options: [
      { id: 'calm', label: 'Calm', archived: false },
      { id: 'glad', label: 'Glad', archived: false },
      { id: 'tired', label: 'Tired', archived: false },
      { id: 'tense', label: 'Tense', archived: false },
      { id: 'old', label: 'Bored', archived: true },
    ],
  }, { color: '#b07aa1' });
  const meditated = tracker('meditated', 'Meditated', { type: 'boolean' }, { color: '#59a14f', target: { period: 'day', comparison: 'at_least', value: 1 } });
  const reading = tracker('reading', 'Reading', { type: 'duration' }, { color: '#f28e2b', emoji: '📚', target: { period: 'day', comparison: 'at_least', value: 1800 } });
  const tea = tracker('tea', 'Tea & <b>coffee</b>', { type: 'numerical', unit: 'cups', min: 0, max: null, decimals: 0, aggregation: 'sum' }, { color: '#9c755f' });
  const water = tracker('water', 'Water', { type: 'numerical', unit: 'glasses', min: 0, max: null, decimals: 0, aggregation: 'sum' }, { color: '#76b7b2' });
  const oldHabit = tracker('old', 'Old habit', { type: 'boolean' }, { archived: true, color: '#e15759' });

  // Sleep: every night but the 12th and 13th of November; October a little shorter.
  const sleepPattern = [7.5, 6.5, 8.0, 7.0, 7.5, 8.5, 6.0];
  const sleepNovember = NOVEMBER.filter((day) => day !== '2026-11-12' && day !== '2026-11-13').map((day, i) => ({ day, value: sleepPattern[i % sleepPattern.length] ?? 7 }));
  const sleepOctober = OCTOBER.map((day, i) => ({ day, value: [6.5, 7.0, 6.0, 7.5, 6.5][i % 5] ?? 7 }));
  const sleepNotes: Record<string, string> = {
    '2026-11-03': 'Slept with the window open.',
    '2026-11-09': 'Late film & popcorn.',
    '2026-11-21': 'Woke at 4 <script>alert("night")</script>, then slept again.',
  };
  const sleepLogs = [
    ...sleepOctober.map(({ day, value }) => logAt('sleep', day, '07:30', value)),
    ...sleepNovember.map(({ day, value }) => logAt('sleep', day, '07:30', value, sleepNotes[day] ?? '')),
  ];

  // Meditated: yes on the 3rd–14th (12 days), no on the 15th, yes on the 16th, nothing on the
  // 17th–20th, no on the 21st, yes on the 22nd–30th (9 days, up to the month's end).
  const meditatedAnswers = new Map<string, boolean>();
  for (const day of NOVEMBER) {
    const n = Number(day.slice(8));
    if (n >= 3 && n <= 14) meditatedAnswers.set(day, true);
    else if (n === 15 || n === 21 || n === 1) meditatedAnswers.set(day, false);
    else if (n === 16 || n >= 22) meditatedAnswers.set(day, true);
  }
  const octoberAnswers = OCTOBER.filter((_, i) => i % 2 === 0).map((day, i) => ({ day, yes: i % 3 !== 0 }));
  const meditatedLogs = [
    ...octoberAnswers.map(({ day, yes }) => logAt('meditated', day, '21:00', yes)),
    ...[...meditatedAnswers].map(([day, yes]) => logAt('meditated', day, '21:00', yes)),
  ];
  const yes = [...meditatedAnswers.values()].filter(Boolean).length;

  // Reading: two sessions on weekdays-ish, none on some days.
  const readingLogs: Log[] = [];
  let readingTotal = 0;
  let readingEntries = 0;
  NOVEMBER.forEach((day, i) => {
    if (i % 6 === 5) return;
    const first = 900 + (i % 4) * 600;
    readingLogs.push(logAt('reading', day, '19:00', first));
    readingTotal += first;
    readingEntries += 1;
    if (i % 3 === 0) {
      readingLogs.push(logAt('reading', day, '22:30', 1200, i === 0 ? 'Finished “The Left Hand of Darkness”.' : ''));
      readingTotal += 1200;
      readingEntries += 1;
    }
  });
  let readingPrevious = 0;
  OCTOBER.forEach((day, i) => {
    if (i % 4 === 3) return;
    readingLogs.push(logAt('reading', day, '19:00', 1500));
    readingPrevious += 1500;
  });

  // Mood: one entry a day, and a second on Sundays.
  const moodCycle = ['calm', 'glad', 'calm', 'tired', 'calm', 'tense', 'glad'];
  const moodLogs: Log[] = [];
  let calm = 0;
  NOVEMBER.forEach((day, i) => {
    const option = moodCycle[i % moodCycle.length] ?? 'calm';
    moodLogs.push(logAt('mood', day, '12:00', [option]));
    if (option === 'calm') calm += 1;
    if (new Date(`${day}T12:00:00Z`).getUTCDay() === 0) moodLogs.push(logAt('mood', day, '20:00', ['tired'], 'Sunday evening dip.'));
  });
  OCTOBER.forEach((day) => moodLogs.push(logAt('mood', day, '12:00', ['glad'])));
  moodLogs.push(logAt('mood', '2026-10-02', '13:00', ['old']));

  // Tea: 25 notes in the month, more than the report shows.
  const teaLogs = NOVEMBER.slice(0, 25).map((day, i) => logAt('tea', day, '10:00', 1 + (i % 3), `Cup #${i + 1} & <b>biscuits</b>`));
  const waterLogs = OCTOBER.slice(0, 12).map((day) => logAt('water', day, '09:00', 6));

  return {
    input: {
      profileName: 'Ada <Lovelace> & Co',
      month: '2026-11',
      timeZone: ZONE,
      now: NOW,
      locale: 'en-GB',
      trackers: [
        { tracker: sleep, logs: sleepLogs },
        { tracker: mood, logs: moodLogs },
        { tracker: meditated, logs: meditatedLogs },
        { tracker: reading, logs: readingLogs },
        { tracker: tea, logs: teaLogs },
        { tracker: water, logs: waterLogs },
        { tracker: oldHabit, logs: [] },
      ],
    },
    expected: {
      sleepAverage: mean(sleepNovember.map((n) => n.value)),
      sleepPreviousAverage: mean(sleepOctober.map((n) => n.value)),
      sleepEntries: sleepNovember.length,
      sleepMin: Math.min(...sleepNovember.map((n) => n.value)),
      sleepMax: Math.max(...sleepNovember.map((n) => n.value)),
      sleepTargetDays: sleepNovember.filter((n) => n.value >= 7).length,
      meditatedAnswered: meditatedAnswers.size,
      meditatedYes: yes,
      meditatedYesRate: yes / meditatedAnswers.size,
      meditatedPreviousYesRate: octoberAnswers.filter((answer) => answer.yes).length / octoberAnswers.length,
      meditatedCurrentStreak: 9,
      meditatedBestStreak: 12,
      readingTotalSeconds: readingTotal,
      readingEntries,
      readingPreviousTotalSeconds: readingPrevious,
      moodEntries: moodLogs.filter((log) => log.at >= '2026-10-31T23:00:00.000Z').length,
      moodPreviousEntries: moodLogs.filter((log) => log.at < '2026-10-31T23:00:00.000Z').length,
      moodCalm: calm,
      teaNotes: 25,
    },
  };
}
