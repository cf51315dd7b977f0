/**
 * Profiles, sessions and secrets. A profile's data is encrypted at rest under a random data
 * key that two key slots wrap: one from the password, one from the backup code.
 */
import { z } from 'zod';
import { nudgeSettingsSchema, reportSettingsSchema } from './jobs';
import { id, nothing, empty, op, text } from './shared';

export const GENDERS = ['female', 'male', 'non_binary', 'other', 'prefer_not_to_say'] as const;
export const genderSchema = z.enum(GENDERS);
export type Gender = z.infer<typeof genderSchema>;

export const profileSchema = z.object({
  id,
  email: z.string(),
  name: z.string(),
  age: z.number().int(),
  gender: genderSchema,
  createdAt: z.string(),
});
export type Profile = z.infer<typeof profileSchema>;

/** What the profile picker shows before anyone logs in (stored unencrypted). */
export const profileSummarySchema = z.object({ id, email: z.string() });
export type ProfileSummary = z.infer<typeof profileSummarySchema>;

export const settingsSchema = z.object({
  /** Lock after this many idle minutes; 0 = never. */
  autoLockMinutes: z.number().int().min(0).max(24 * 60),
  /** IANA time zone in which days, streaks and targets are counted. */
  timeZone: z.string(),
  /** The daily nudge for trackers without an entry that day. */
  nudges: nudgeSettingsSchema,
  /** The monthly report. */
  reports: reportSettingsSchema,
});
export type Settings = z.infer<typeof settingsSchema>;

/** "Stay unlocked on this computer": only the desktop app with a real OS keychain offers it. */
export const stayUnlockedSchema = z.object({
  available: z.boolean(),
  /** Why it is not available (browser mode, no keychain, Linux `basic_text` backend), else null. */
  reason: z.string().nullable(),
  enabled: z.boolean(),
});
export type StayUnlocked = z.infer<typeof stayUnlockedSchema>;

const profileOut = z.object({ profile: profileSchema });
const secret = text(1024);

export const accountOperations = {
  /** Every profile on this machine, for the picker on the log-in screen. */
  listProfiles: op(empty, z.object({ profiles: z.array(profileSummarySchema) })),
  /** Create a profile and log in to it. The backup code is what resets a forgotten password. */
  signUp: op(
    z.object({
      email: text(320),
      password: secret,
      name: text(500),
      /** Null when the form's age field is empty: the core then asks for it with the other fields' errors. */
      age: z.number().nullable(),
      gender: genderSchema,
      backupCode: secret,
      /** The person's IANA time zone; defaults to UTC. */
      timeZone: text(64).optional(),
    }),
    profileOut,
  ),
  /**
   * Log in with e-mail (any case) and password. After repeated failures the app makes the
   * person wait (TOO_MANY_ATTEMPTS). `newBackupCode` is set once, when a profile from the
   * unencrypted format was upgraded and needed a fresh backup code: show it, once.
   */
  logIn: op(z.object({ email: text(320), password: secret }), z.object({ profile: profileSchema, newBackupCode: z.string().nullable() })),
  /** End the session and forget the data key. */
  logOut: op(empty, nothing),
  /** Lock now: like log out, but the UI returns to this profile's password prompt. */
  lock: op(empty, nothing),
  /** The profile of the current session, or null when nobody is logged in. */
  currentProfile: op(empty, z.object({ profile: profileSchema.nullable() })),
  /**
   * Set a new password with the backup code; nothing is lost (the data key is re-wrapped).
   * Answers a NEW backup code, shown once; the old one stops working.
   */
  resetPassword: op(z.object({ email: text(320), backupCode: secret, newPassword: secret }), z.object({ backupCode: z.string() })),
  /** Change the password, proven by the current one. */
  changePassword: op(z.object({ currentPassword: secret, newPassword: secret }), nothing),
  /** Edit name, age, gender or e-mail (still unique). */
  updateProfile: op(
    z.object({ email: text(320).optional(), name: text(500).optional(), age: z.number().optional(), gender: genderSchema.optional() }),
    profileOut,
  ),
  /** Delete the profile and its folder, proven by the password. Ends the session. */
  deleteProfile: op(z.object({ password: secret }), nothing),
  /** The profile's settings, and whether "stay unlocked" is offered here. */
  getSettings: op(empty, z.object({ settings: settingsSchema, stayUnlocked: stayUnlockedSchema })),
  /**
   * Change some settings. A group given (`nudges`, `reports`) replaces that whole group, so
   * it is sent complete; groups left out stay as they are.
   */
  updateSettings: op(settingsSchema.partial(), z.object({ settings: settingsSchema })),
  /** Turn "stay unlocked on this computer" on or off (desktop only: STAY_UNLOCKED_UNAVAILABLE elsewhere). */
  setStayUnlocked: op(z.object({ enabled: z.boolean() }), z.object({ stayUnlocked: stayUnlockedSchema })),
} as const;
