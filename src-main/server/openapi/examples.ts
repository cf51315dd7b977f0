/**
 * One example per operation for the REST API's document: the input a script sends (path
 * parameters included; the document moves them into the path) and the value it gets back.
 * Typed by the contract, so an example that no longer fits its operation does not compile;
 * tests/unit/server/openapi-document.test.ts also parses each with the operation's schemas.
 */
import type { AccessToken, Backup, BackupSettingsView, Input, Method, Output, Profile, Settings, Tracker, Log, JobRun } from '../../../src-preload/contract';

export interface Example<M extends Method> {
  readonly input: Input<M>;
  readonly value: Output<M>;
}

export type Examples = { readonly [M in Method]: Example<M> };

const profile: Profile = { id: 'p7Xk2mQ9', email: 'ada@example.com', name: 'Ada', age: 36, gender: 'female', createdAt: '2026-01-02T08:00:00.000Z' };

const settings: Settings = {
  autoLockMinutes: 15,
  timeZone: 'Europe/Paris',
  nudges: { enabled: true, time: '20:00', text: 'names', byMail: false },
  reports: { enabled: true, time: '09:00', byMail: false },
};

const backup: Backup = {
  path: '/home/ada/Sync/qs-backups/p7Xk2mQ9/2026-11-29T20-00-03Z',
  name: '2026-11-29T20-00-03Z',
  madeAt: '2026-11-29T20:00:03.000Z',
  size: 184_320,
  reason: 'scheduled',
};

const backupSettings: BackupSettingsView = { enabled: true, keep: 7, folder: '/home/ada/Sync/qs-backups', effectiveFolder: '/home/ada/Sync/qs-backups' };

const reminder = { enabled: true, days: [1, 2, 3, 4, 5, 6, 7], time: null };

const sleep: Tracker = {
  id: 'tSleep01',
  name: 'Sleep',
  description: 'Hours slept, logged each morning',
  color: '#3b82f6',
  emoji: '😴',
  archived: false,
  pinned: true,
  reminder,
  target: { period: 'day', comparison: 'at_least', value: 7.5 },
  settings: { type: 'numerical', unit: 'h', min: 0, max: 24, decimals: 1, aggregation: 'average' },
  createdAt: '2026-01-02T08:05:00.000Z',
};

const meditated: Tracker = {
  ...sleep,
  id: 'tMedit02',
  name: 'Meditated',
  description: '',
  color: '#10b981',
  emoji: '🧘',
  pinned: false,
  target: { period: 'week', comparison: 'at_least', value: 5 },
  settings: { type: 'boolean' },
};

const log: Log = { id: 'lA1b2C3d', trackerId: sleep.id, at: '2026-11-25T06:30:00.000Z', offsetMinutes: 60, value: 7.5, note: 'Woke up once' };

const stayUnlocked = { available: false, reason: 'Only the desktop app can keep a profile unlocked.', enabled: false };

const mailView = { host: 'smtp.example.com', port: 587, tls: 'starttls', user: 'ada@example.com', hasPassword: true, from: 'ada@example.com', to: 'ada@example.com' } as const;

const run: JobRun = {
  id: 'rN0d9e8f',
  kind: 'nudge',
  key: `nudge:2026-11-24:${meditated.id}`,
  dueAt: '2026-11-24T19:00:00.000Z',
  ranAt: '2026-11-24T19:00:02.000Z',
  outcome: 'done',
  summary: 'Nudged: Meditated',
  error: null,
  day: '2026-11-24',
};

const importFiles = [{ name: 'logs.csv', text: 'tracker,time,value,note\nSleep,2026-11-25T07:30:00+01:00,7.5,Woke up once\n' }];

const scaleToken: AccessToken = {
  id: 'k7Tq2w9e',
  name: 'Scale script',
  scope: 'read-write',
  createdAt: '2026-11-20T07:00:00.000Z',
  expiresAt: '2027-02-18T07:00:00.000Z',
  lastUsedAt: null,
  expired: false,
};

const logsCsv = 'tracker,time,value,note\nSleep,2026-11-25T07:30:00+01:00,7.5,Woke up once\n';

export const EXAMPLES: Examples = {
  listProfiles: { input: {}, value: { profiles: [{ id: profile.id, email: profile.email }] } },
  signUp: {
    input: { email: 'ada@example.com', password: 'correct horse battery', name: 'Ada', age: 36, gender: 'female', backupCode: 'purple monkey dishwasher', timeZone: 'Europe/Paris' },
    value: { profile },
  },
  logIn: { input: { email: 'ada@example.com', password: 'correct horse battery' }, value: { profile, newBackupCode: null } },
  logOut: { input: {}, value: {} },
  lock: { input: {}, value: {} },
  currentProfile: { input: {}, value: { profile } },
  resetPassword: {
    input: { email: 'ada@example.com', backupCode: 'purple monkey dishwasher', newPassword: 'a new long password' },
    value: { backupCode: 'velvet otter lantern' },
  },
  changePassword: { input: { currentPassword: 'correct horse battery', newPassword: 'a new long password' }, value: {} },
  updateProfile: { input: { name: 'Ada Lovelace' }, value: { profile: { ...profile, name: 'Ada Lovelace' } } },
  deleteProfile: { input: { password: 'correct horse battery' }, value: {} },
  getSettings: { input: {}, value: { settings, stayUnlocked } },
  updateSettings: { input: { autoLockMinutes: 30 }, value: { settings: { ...settings, autoLockMinutes: 30 } } },
  setStayUnlocked: { input: { enabled: false }, value: { stayUnlocked } },
  listTrackers: { input: {}, value: { trackers: [sleep, meditated] } },
  createTracker: {
    input: { name: 'Sleep', description: 'Hours slept, logged each morning', color: '#3b82f6', emoji: '😴', settings: { type: 'numerical', unit: 'h', min: 0, max: 24, decimals: 1 } },
    value: { tracker: sleep },
  },
  updateTracker: { input: { trackerId: sleep.id, pinned: false }, value: { tracker: { ...sleep, pinned: false } } },
  reorderTrackers: { input: { trackerIds: [meditated.id, sleep.id] }, value: {} },
  deleteTracker: { input: { trackerId: sleep.id }, value: {} },
  listDeletedTrackers: { input: {}, value: { trackers: [{ ...sleep, deletedAt: '2026-11-26T10:00:00.000Z' }] } },
  restoreTracker: { input: { trackerId: sleep.id }, value: { tracker: sleep } },
  purgeTracker: { input: { trackerId: sleep.id }, value: {} },
  addLog: { input: { trackerId: sleep.id, at: '2026-11-25T07:30:00+01:00', value: '7.5', note: 'Woke up once' }, value: { log } },
  updateLog: { input: { trackerId: sleep.id, logId: log.id, value: 8 }, value: { log: { ...log, value: 8 } } },
  deleteLog: { input: { trackerId: sleep.id, logId: log.id }, value: { log } },
  restoreLog: { input: { log }, value: { log } },
  listLogs: { input: { trackerId: sleep.id, from: '2026-11-01T00:00:00+01:00', order: 'newest', limit: 20 }, value: { logs: [log], total: 1 } },
  listTimers: { input: {}, value: { timers: [{ trackerId: 'tRead003', startedAt: '2026-11-25T20:15:00.000Z' }] } },
  startTimer: { input: { trackerId: 'tRead003' }, value: { timer: { trackerId: 'tRead003', startedAt: '2026-11-25T20:15:00.000Z' } } },
  stopTimer: {
    input: { trackerId: 'tRead003', note: 'Two chapters' },
    value: { log: { id: 'lT4i5m6e', trackerId: 'tRead003', at: '2026-11-25T20:15:00.000Z', offsetMinutes: 60, value: 2700, note: 'Two chapters' } },
  },
  cancelTimer: { input: { trackerId: 'tRead003' }, value: {} },
  dashboard: {
    input: {},
    value: {
      cards: [
        { trackerId: sleep.id, today: { count: 1, value: 7.5, lastLog: log }, lastLog: log, currentStreak: 12, target: { period: 'day', current: 7.5, goal: 7.5, met: true } },
      ],
    },
  },
  trackerStats: {
    input: { trackerId: sleep.id, range: { preset: '30d' } },
    value: {
      stats: {
        range: { from: '2026-10-27', to: '2026-11-25' },
        count: 29,
        average: 7.2,
        min: 5.5,
        max: 9,
        total: 208.8,
        yesShare: null,
        optionCounts: null,
        currentStreak: 12,
        bestStreak: 21,
        completion: 0.55,
      },
    },
  },
  chartSeries: {
    input: { trackerId: sleep.id, range: { from: '2026-11-23', to: '2026-11-25' }, granularity: 'day' },
    value: {
      series: {
        kind: 'line',
        granularity: 'day',
        points: [
          { t: '2026-11-23', y: 6.5 },
          { t: '2026-11-24', y: 8 },
          { t: '2026-11-25', y: 7.5 },
        ],
        target: 7.5,
        unit: 'h',
      },
    },
  },
  exportTrackersCsv: {
    input: {},
    value: { csv: 'name,type,description\nSleep,numerical,"Hours slept, logged each morning"\n', fileName: 'trackers-2026-11-25.csv' },
  },
  exportLogsCsv: { input: { trackerId: sleep.id }, value: { csv: logsCsv, fileName: 'sleep-logs-2026-11-25.csv' } },
  exportLogsCsvChunk: { input: { trackerId: sleep.id }, value: { csv: logsCsv, fileName: 'sleep-logs-2026-11-25.csv', cursor: null, done: 1, total: 1 } },
  previewImport: {
    input: { kind: 'logs', files: importFiles },
    value: {
      files: [{ file: 'logs.csv', role: 'logs', separator: ',', columns: ['tracker', 'time', 'value', 'note'], rows: 1 }],
      counts: { newTrackers: 0, existingTrackers: 1, newLogs: 1, duplicates: 0, errors: 0, skippedRows: 0, leftOut: 0 },
      trackers: [{ name: 'Sleep', type: 'numerical', isNew: false }],
      rows: [{ tracker: 'Sleep', time: '2026-11-25T07:30:00+01:00', value: '7.5', note: 'Woke up once' }],
      errors: [],
      skippedRows: [],
      leftOut: [],
      canCommit: true,
    },
  },
  commitImport: { input: { kind: 'logs', files: importFiles }, value: { trackersCreated: 0, logsAdded: 1, duplicates: 0, skipped: 0 } },
  jobProgress: { input: {}, value: { job: { kind: 'export', phase: 'Reading entries', done: 3, total: 12 } } },
  getMailSettings: { input: {}, value: { mail: mailView } },
  updateMailSettings: {
    input: { mail: { host: 'smtp.example.com', port: 587, tls: 'starttls', user: 'ada@example.com', password: 'app password', from: 'ada@example.com', to: 'ada@example.com' } },
    value: { mail: mailView },
  },
  sendTestMail: { input: {}, value: { messageId: '<0f3c2a9e@example.com>', to: 'ada@example.com' } },
  listActivity: { input: { limit: 20 }, value: { runs: [run], more: false } },
  listReports: { input: {}, value: { reports: [{ month: '2026-10', size: 48_213, createdAt: '2026-11-01T08:00:04.000Z' }] } },
  getReport: { input: { month: '2026-10' }, value: { fileName: 'report-2026-10.pdf', pdfBase64: 'JVBERi0xLjcKJcOkw7zDtsOfCg==' } },
  makeReport: { input: { month: '2026-10' }, value: { report: { month: '2026-10', size: 48_213, createdAt: '2026-11-26T10:00:00.000Z' } } },
  createAccessToken: {
    input: { name: 'Scale script', scope: 'read-write', expiresInDays: 90 },
    value: { token: `qs_pat_${profile.id}_k7Tq2w9e_${'3f'.repeat(32)}`, accessToken: { ...scaleToken } },
  },
  listAccessTokens: { input: {}, value: { accessTokens: [{ ...scaleToken, lastUsedAt: '2026-11-25T06:31:00.000Z' }] } },
  revokeAccessToken: { input: { tokenId: scaleToken.id }, value: {} },
  backupNow: { input: {}, value: { backup: backup } },
  listBackups: { input: {}, value: { settings: backupSettings, backups: [backup] } },
  updateBackupSettings: { input: { enabled: true, keep: 7, folder: '/home/ada/Sync/qs-backups' }, value: { settings: backupSettings } },
  findBackups: { input: {}, value: { backups: [{ ...backup, profileId: profile.id, email: profile.email, profileExists: true }] } },
  previewBackup: {
    input: { path: backup.path, password: 'correct horse battery' },
    value: { preview: { profileId: profile.id, email: profile.email, name: profile.name, madeAt: backup.madeAt, trackers: ['Sleep', 'Mood'], entries: 1204, replaces: true } },
  },
  restoreBackup: {
    input: { path: backup.path, password: 'correct horse battery' },
    value: { profileId: profile.id, email: profile.email, replaced: true, safetyCopy: { ...backup, path: '/home/ada/Sync/qs-backups/p7Xk2mQ9/2026-11-30T09-12-40Z-before-restore', name: '2026-11-30T09-12-40Z-before-restore', madeAt: '2026-11-30T09:12:40.000Z', reason: 'before-restore' } },
  },
  reportPage: { input: { month: '2026-10' }, value: { html: '<!doctype html><html lang="en"><head><title>October 2026</title></head><body>…</body></html>' } },
};
