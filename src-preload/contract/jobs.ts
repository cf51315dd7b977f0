/**
 * What the app does while nobody looks (issue 12): daily nudges for trackers without an
 * entry that day, the monthly report, and mail — their settings, and the record of every
 * run the Activity view lists. The decisions live in the core (src-main/core/jobs/), as
 * pure functions of the clock, the profile's time zone, these settings and the run record.
 */
import { z } from 'zod';
import { day, empty, id, op, text } from './shared';

/** A time of day on the profile's clock, `HH:MM` (24 h). */
export const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Expected a time as HH:MM (00:00 to 23:59).');
export type ClockTime = z.infer<typeof clockTime>;

/** A calendar month, `YYYY-MM`. */
export const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Expected a month as YYYY-MM.');

/** ISO weekdays: 1 = Monday … 7 = Sunday. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
export const weekdaySchema = z.number().int().min(1).max(7);

/** A tracker's reminder: whether the daily nudge may name it, on which weekdays, at what time. */
export const trackerReminderSchema = z.object({
  enabled: z.boolean(),
  /** Weekdays on which a missing entry is nudged; at least one. */
  days: z.array(weekdaySchema).min(1).max(7),
  /** Its own time, else the profile's nudge time. */
  time: clockTime.nullable(),
});
export type TrackerReminder = z.infer<typeof trackerReminderSchema>;

export const DEFAULT_REMINDER: TrackerReminder = { enabled: true, days: [...WEEKDAYS], time: null };

/**
 * What a nudge may say: `names` lists the trackers, `generic` only says it is time to log —
 * for a screen others can see.
 */
export const NUDGE_TEXTS = ['names', 'generic'] as const;

export const nudgeSettingsSchema = z.object({
  enabled: z.boolean(),
  /** When trackers without an entry today are nudged, unless a tracker has its own time. */
  time: clockTime,
  text: z.enum(NUDGE_TEXTS),
  /** Also send the nudge by mail (needs mail settings). */
  byMail: z.boolean(),
});
export type NudgeSettings = z.infer<typeof nudgeSettingsSchema>;

export const DEFAULT_NUDGES: NudgeSettings = { enabled: true, time: '20:00', text: 'names', byMail: false };

export const reportSettingsSchema = z.object({
  /** Make last month's report on the 1st of each month. */
  enabled: z.boolean(),
  /** At this time on the 1st. */
  time: clockTime,
  /** Also mail it as a PDF attachment (needs mail settings). */
  byMail: z.boolean(),
});
export type ReportSettings = z.infer<typeof reportSettingsSchema>;

export const DEFAULT_REPORTS: ReportSettings = { enabled: true, time: '09:00', byMail: false };

export const TLS_MODES = ['starttls', 'tls', 'none'] as const;

/** SMTP settings as the person sees them: the password is never sent back, only whether one is kept. */
export const mailSettingsViewSchema = z.object({
  host: z.string().max(253),
  port: z.number().int().min(1).max(65_535),
  /** `tls`: TLS from the first byte (465); `starttls`: upgrade after connecting (587); `none`: plain (local relays only). */
  tls: z.enum(TLS_MODES),
  user: z.string().max(320),
  hasPassword: z.boolean(),
  from: z.string().max(320),
  to: z.string().max(320),
});
export type MailSettingsView = z.infer<typeof mailSettingsViewSchema>;

/** The kinds of job a run record names. */
export const JOB_RUN_KINDS = ['nudge', 'report', 'mail', 'backup'] as const;
export type JobRunKind = (typeof JOB_RUN_KINDS)[number];

/**
 * `done`: it ran; `failed`: it ran and failed (`error` says why; a mail is retried);
 * `missed`: its time passed while the app was closed and it can no longer be useful (a
 * nudge for a day that is over); `skipped`: nothing to do (every tracker had an entry).
 */
export const JOB_OUTCOMES = ['done', 'failed', 'missed', 'skipped'] as const;
export type JobOutcome = (typeof JOB_OUTCOMES)[number];

/** One run of a job, as the Activity view lists it. */
export const jobRunSchema = z.object({
  id,
  kind: z.enum(JOB_RUN_KINDS),
  /**
   * What the run was for, unique per job: `nudge:<day>:<trackerId>`… (see core/jobs): a run
   * recorded under a key is never repeated, which is what keeps restarts from nudging twice.
   */
  key: z.string().max(200),
  /** When it was due (UTC ISO), and when it ran. */
  dueAt: z.string(),
  ranAt: z.string(),
  outcome: z.enum(JOB_OUTCOMES),
  /** What it did, in words for the Activity view ("Nudged: Sleep, Water"). */
  summary: z.string().max(1000),
  /** Why it failed, for the person; null unless `failed`. */
  error: z.string().max(1000).nullable(),
  /** The day or month it concerns, for grouping. */
  day: day.nullable(),
  /**
   * A mail run's attempt, for the retry schedule (core/mail/mail-retry.ts): a fingerprint of
   * the mail settings it used (keyed, so it reveals nothing of them), and its failure's code
   * and whether only new settings can mend it. Absent on other runs.
   */
  mail: z.object({ settings: z.string().max(64), code: z.string().max(64).nullable(), permanent: z.boolean() }).optional(),
});
export type JobRun = z.infer<typeof jobRunSchema>;

/**
 * SMTP settings as the person sends them. The password is write-only: omitted, the kept one
 * stays; an empty string removes it. Shapes only: the core checks the host, the port range
 * and the addresses, and names each wrong field (`mail.port`).
 */
export const mailSettingsInputSchema = z.object({
  host: text(253),
  port: z.number(),
  tls: z.enum(TLS_MODES),
  user: text(320),
  password: text(1024).optional(),
  from: text(320),
  to: text(320),
});
export type MailSettingsInput = z.infer<typeof mailSettingsInputSchema>;

/** A saved monthly report, as the Reports page lists it. */
export const savedReportSchema = z.object({
  /** The month reported on, `YYYY-MM`. */
  month,
  /** The PDF's size in bytes. */
  size: z.number().int().min(0),
  /** When it was made (UTC ISO). */
  createdAt: z.string(),
});
export type SavedReportView = z.infer<typeof savedReportSchema>;

/** How many runs one page of the Activity view holds at most. */
export const MAX_ACTIVITY_PAGE = 200;

export const jobOperations = {
  /** The SMTP settings, without the password (only whether one is kept); null when none are set. */
  getMailSettings: op(empty, z.object({ mail: mailSettingsViewSchema.nullable() })),
  /**
   * Set the SMTP settings (kept only in the profile's encrypted data), or remove them with
   * `null`. Every wrong field is named at once (`error.issues`); nothing is saved then.
   */
  updateMailSettings: op(z.object({ mail: mailSettingsInputSchema.nullable() }), z.object({ mail: mailSettingsViewSchema.nullable() })),
  /**
   * Send the test mail through the saved SMTP settings (their password included, which only
   * the core reads) to their `to` address, and answer the message's id and where it went.
   * MAIL_NOT_SET_UP when no settings are saved; otherwise what the server or the network did
   * (MAIL_LOGIN_REFUSED, MAIL_HOST_UNREACHABLE, MAIL_TLS_FAILED, MAIL_REJECTED, MAIL_TIMEOUT),
   * its message saying what to check. Nothing is saved or recorded either way.
   */
  sendTestMail: op(empty, z.object({ messageId: z.string(), to: z.string() })),
  /**
   * The job runs recorded (nudges, reports, mail), newest first, a page at a time: `before`
   * is the id of the last run of the previous page; `more` says whether older runs remain.
   */
  listActivity: op(
    z.object({ limit: z.number().int().min(1).max(MAX_ACTIVITY_PAGE).default(50), before: id.optional() }),
    z.object({ runs: z.array(jobRunSchema), more: z.boolean() }),
  ),
  /** The months with a saved report (kept encrypted in the profile), newest first. */
  listReports: op(empty, z.object({ reports: z.array(savedReportSchema) })),
  /** A saved report's PDF, base64, with the name to save it under; REPORT_NOT_FOUND when none is saved for that month. */
  getReport: op(z.object({ month }), z.object({ fileName: z.string(), pdfBase64: z.string() })),
  /**
   * Make the report of a month that is over, now, and save it (replacing one saved before).
   * NO_PRINTER when this app cannot make a PDF here (the message says why), PRINT_FAILED
   * when printing failed, RANGE_INVALID for a month not yet over: nothing is saved then.
   */
  makeReport: op(z.object({ month }), z.object({ report: savedReportSchema })),
  /**
   * The report of a month that is over as one HTML page, for a shell that cannot make a PDF
   * (browser mode with no Chromium found): the person prints it from the browser. Saves and
   * records nothing. RANGE_INVALID for a month not yet over.
   */
  reportPage: op(z.object({ month }), z.object({ html: z.string() })),
} as const;
