/**
 * The formats of a profile's account files (the tracker and log formats are in formats.ts):
 *
 * - `account.json`, NOT encrypted: only what the log-in screen needs before any key is
 *   known — the profile id, the e-mail for the picker, and the two key slots.
 * - `profile.json`, encrypted: name, age, gender, creation time. Version 1 was the
 *   skeleton's plaintext file with scrypt hashes (see `profileFormat` in formats.ts); its
 *   upgrade needs the password, so it happens at log-in (services/profile-upgrade.ts), and
 *   the pure part of it is the `1 → 2` migration here.
 * - `settings.json`, encrypted: the profile's settings.
 */
import { z } from 'zod';
import { GENDERS } from '../../../src-preload/contract';
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

export const accountFileSchema = z.object({
  version: z.literal(1),
  id,
  /** Normalized (trimmed, lower case). */
  email: z.string(),
  slots: z.object({ password: keySlotSchema, backupCode: keySlotSchema }),
  /**
   * True while a profile of the skeleton's plaintext format is being encrypted file by
   * file; the next log-in finishes the job (files already encrypted are recognised).
   */
  upgradePending: z.boolean(),
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

export const settingsFileSchema = z.object({
  version: z.literal(1),
  autoLockMinutes: z.number().int().min(0).max(24 * 60),
  timeZone: z.string().min(1),
});
export type SettingsFile = z.infer<typeof settingsFileSchema>;

export const accountFormat: FileFormat<AccountFile> = { label: 'account', version: 1, schema: accountFileSchema, migrations: {} };

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

export const settingsFormat: FileFormat<SettingsFile> = { label: 'settings', version: 1, schema: settingsFileSchema, migrations: {} };

export const defaultSettings = (timeZone: string = DEFAULT_TIME_ZONE): SettingsFile => ({
  version: 1,
  autoLockMinutes: DEFAULT_AUTO_LOCK_MINUTES,
  timeZone,
});
