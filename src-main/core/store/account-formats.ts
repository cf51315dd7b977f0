/**
 * The formats of a profile's account files (the tracker and log formats are in formats.ts):
 *
 * - `account.json`, NOT encrypted: only what is needed before any key is known — the
 *   profile id, the e-mail for the picker, the two key slots, and (version 2) the personal
 *   access tokens' slots with what their list shows (crypto/token-slots.ts).
 * - `profile.json`, encrypted: name, age, gender, creation time. Version 1 was the
 *   skeleton's plaintext file with scrypt hashes (see `profileFormat` in formats.ts); its
 *   upgrade needs the password, so it happens at log-in (services/profile-upgrade.ts), and
 *   the pure part of it is the `1 → 2` migration here.
 * - `settings.json`, encrypted: the profile's settings, its nudge and report settings, and
 *   its mail settings with the SMTP password (which is why that password lives nowhere else).
 */
import { z } from 'zod';
import { ACCESS_SCOPES, ACCESS_TOKEN_NAME_MAX, DEFAULT_NUDGES, DEFAULT_REPORTS, GENDERS, nudgeSettingsSchema, reportSettingsSchema, TLS_MODES } from '../../../src-preload/contract';
import type { MailSettings } from '../mail/mail-settings';
import type { JsonRecord } from './migrate';
import type { FileFormat } from './versioned-json-adapter';

const id = z.string().min(1).max(64);
const base64 = z.string().min(1);

export const keySlotSchema = z.object({
  kdf: z.literal('scrypt'),
  N: z.number().int().positive(),
  r: z.number().int().positive(),
  p: z.number().int().positive(),
  salt: base64,
  iv: base64,
  tag: base64,
  wrapped: base64,
});

export const tokenSlotSchema = z.object({
  kdf: z.literal('hkdf-sha256'),
  salt: base64,
  iv: base64,
  tag: base64,
  wrapped: base64,
});

/** A personal access token as kept: never the token, only its slot and what its list shows. */
export const storedAccessTokenSchema = z.object({
  id,
  name: z.string().min(1).max(ACCESS_TOKEN_NAME_MAX),
  scope: z.enum(ACCESS_SCOPES),
  createdAt: z.string(),
  /** Null: it does not expire. Bound into the slot, so editing it here breaks the token. */
  expiresAt: z.string().nullable(),
  /** Written at most once an hour per token (services/access-tokens.ts). */
  lastUsedAt: z.string().nullable(),
  slot: tokenSlotSchema,
});
export type StoredAccessToken = z.infer<typeof storedAccessTokenSchema>;

export const accountFileSchema = z.object({
  version: z.literal(2),
  id,
  /** Normalized (trimmed, lower case). */
  email: z.string(),
  slots: z.object({ password: keySlotSchema, backupCode: keySlotSchema }),
  /**
   * True while a profile of the skeleton's plaintext format is being encrypted file by
   * file; the next log-in finishes the job (files already encrypted are recognised).
   */
  upgradePending: z.boolean(),
  /** Personal access tokens, oldest first (version 2). */
  tokens: z.array(storedAccessTokenSchema),
});
export type AccountFile = z.infer<typeof accountFileSchema>;

export const profileDetailsSchema = z.object({
  version: z.literal(2),
  name: z.string(),
  age: z.number().int(),
  gender: z.enum(GENDERS),
  createdAt: z.string(),
});
export type ProfileDetailsFile = z.infer<typeof profileDetailsSchema>;

const DEFAULT_TIME_ZONE = 'UTC';
export const DEFAULT_AUTO_LOCK_MINUTES = 15;

/**
 * The SMTP settings as kept (mail/mail-settings.ts checks them before they are saved): the
 * password in full (empty when none), readable only with the profile's key.
 */
export const storedMailSchema = z.object({
  host: z.string().min(1).max(253),
  port: z.number().int().min(1).max(65_535),
  tls: z.enum(TLS_MODES),
  user: z.string().max(320),
  password: z.string().max(1024),
  from: z.string().max(320),
  to: z.string().max(320),
}) satisfies z.ZodType<MailSettings>;

export const settingsFileSchema = z.object({
  version: z.literal(2),
  autoLockMinutes: z.number().int().min(0).max(24 * 60),
  timeZone: z.string().min(1),
  nudges: nudgeSettingsSchema,
  reports: reportSettingsSchema,
  /** Null until the person sets up mail. */
  mail: storedMailSchema.nullable(),
});
export type SettingsFile = z.infer<typeof settingsFileSchema>;

/**
 * settings.json version 1 → 2 (issue 12): the nudge and report settings, at their defaults,
 * and no mail settings. A new version rather than optional fields: an older app refuses
 * the file instead of writing it back without them (and without the mail password).
 */
export const settingsV1toV2 = (old: JsonRecord): JsonRecord => ({
  ...old,
  version: 2,
  nudges: { ...DEFAULT_NUDGES },
  reports: { ...DEFAULT_REPORTS },
  mail: null,
});

/**
 * account.json version 1 → 2 (issue 13): no access tokens yet. A new version rather than an
 * optional field: an older app refuses the file instead of saving it back without the
 * tokens (which would revoke them behind the person's back).
 */
export const accountV1toV2 = (old: JsonRecord): JsonRecord => ({ ...old, version: 2, tokens: [] });

export const accountFormat: FileFormat<AccountFile> = { label: 'account', version: 2, schema: accountFileSchema, migrations: { 1: accountV1toV2 } };

export const profileDetailsFormat: FileFormat<ProfileDetailsFile> = {
  label: 'profile',
  version: 2,
  schema: profileDetailsSchema,
  migrations: {
    // v1 held the details beside the secret hashes; v2 keeps only the details (the e-mail
    // and id moved to account.json, the hashes were replaced by key slots).
    1: (old) => {
      const profile = (old['profile'] ?? {}) as Record<string, unknown>;
      return { version: 2, name: profile['name'], age: profile['age'], gender: profile['gender'], createdAt: profile['createdAt'] };
    },
  },
};

export const settingsFormat: FileFormat<SettingsFile> = { label: 'settings', version: 2, schema: settingsFileSchema, migrations: { 1: settingsV1toV2 } };

export const defaultSettings = (timeZone: string = DEFAULT_TIME_ZONE): SettingsFile => ({
  version: 2,
  autoLockMinutes: DEFAULT_AUTO_LOCK_MINUTES,
  timeZone,
  nudges: { ...DEFAULT_NUDGES },
  reports: { ...DEFAULT_REPORTS },
  mail: null,
});
