/**
 * Backups of a profile (issue 14): daily and on demand, each a consistent copy of the
 * profile's folder (encrypted as stored) with a manifest of its files' sizes and SHA-256,
 * in a folder the person chooses; and restoring one from the profile picker, after a
 * preview read with the backup's password. The core's side is src-main/core/backups/.
 */
import { z } from 'zod';
import { empty, id, op, text } from './shared';

export const BACKUP_REASONS = ['scheduled', 'manual', 'before-restore'] as const;
/** How many backups a person may keep, and the default. */
export const BACKUP_KEEP_MIN = 1;
export const BACKUP_KEEP_MAX = 365;
export const BACKUP_KEEP_DEFAULT = 7;

/** One backup as the lists show it. */
export const backupSchema = z.object({
  /** The backup's folder on this machine; what preview and restore take. */
  path: z.string(),
  /** Its folder name: the moment it was made, `2026-11-30T05-06-29Z`. */
  name: z.string(),
  /** UTC ISO. */
  madeAt: z.string(),
  /** Bytes of the profile's files it holds. */
  size: z.number().int().min(0),
  /** `before-restore`: the copy of a profile a restore replaced, kept so the restore can be undone. */
  reason: z.enum(BACKUP_REASONS),
});
export type Backup = z.infer<typeof backupSchema>;

export const backupSettingsSchema = z.object({
  /** Back up once a day while the profile is open. */
  enabled: z.boolean(),
  /** How many daily backups to keep (1 to 365); older ones are removed after a new one is whole. */
  keep: z.number().int().min(BACKUP_KEEP_MIN).max(BACKUP_KEEP_MAX),
  /** The folder chosen (absolute), or null for the default inside the data folder. */
  folder: z.string().nullable(),
});
export type BackupSettings = z.infer<typeof backupSettingsSchema>;

/** The settings with the folder backups go to now. */
export const backupSettingsViewSchema = backupSettingsSchema.extend({ effectiveFolder: z.string() });
export type BackupSettingsView = z.infer<typeof backupSettingsViewSchema>;

/** A backup found by the profile picker, before anyone logs in. */
export const foundBackupSchema = backupSchema.extend({
  profileId: id,
  /** The e-mail of its profile, from its account file (not encrypted, like the picker's). */
  email: z.string().nullable(),
  /** A profile with this id exists here: restoring replaces it. */
  profileExists: z.boolean(),
});
export type FoundBackup = z.infer<typeof foundBackupSchema>;

/** What a backup holds, read with its password. */
export const backupPreviewSchema = z.object({
  profileId: id,
  email: z.string(),
  name: z.string(),
  madeAt: z.string(),
  /** Its trackers' names (those not in the trash), in the person's order. */
  trackers: z.array(z.string()),
  /** How many entries those trackers hold. */
  entries: z.number().int().min(0),
  /** Restoring would replace a profile that exists here (it is saved as a backup first). */
  replaces: z.boolean(),
});
export type BackupPreview = z.infer<typeof backupPreviewSchema>;

const backupAccess = z.object({ path: text(4096), password: text(1024) });

export const backupOperations = {
  /** Back up the profile now (recorded in Activity, and settles today's scheduled backup); older ones beyond `keep` are then removed. */
  backupNow: op(empty, z.object({ backup: backupSchema })),
  /** The backup settings and the profile's backups in its folder, newest first. */
  listBackups: op(empty, z.object({ settings: backupSettingsViewSchema, backups: z.array(backupSchema) })),
  /**
   * Change the backup settings. BACKUP_FOLDER_INVALID when the folder is not an absolute path
   * or cannot hold backups (it is created when missing); INVALID_INPUT for `keep` out of range.
   */
  updateBackupSettings: op(z.object({ enabled: z.boolean(), keep: z.number(), folder: text(4096).nullable() }), z.object({ settings: backupSettingsViewSchema })),
  /** For the profile picker: every backup in the default folder and the folders profiles chose, newest first. */
  findBackups: op(empty, z.object({ backups: z.array(foundBackupSchema) })),
  /**
   * What a backup found by `findBackups` holds, read with the password its profile had when
   * it was made. Every file is checked against the manifest first (BACKUP_DAMAGED);
   * BACKUP_PASSWORD_WRONG, TOO_MANY_ATTEMPTS after repeated failures. Changes nothing.
   */
  previewBackup: op(backupAccess, z.object({ preview: backupPreviewSchema })),
  /**
   * Restore a backup: checked as for the preview, then the profile's folder is replaced at
   * once (the current one saved first as a `before-restore` backup beside it, so this can be
   * undone) or added when absent. BACKUP_OF_ANOTHER_PROFILE when the backup's key does not
   * open the profile it would replace; EMAIL_TAKEN when another profile has its e-mail.
   * The profile is locked afterwards: log in with the backup's password.
   */
  restoreBackup: op(backupAccess, z.object({ profileId: id, email: z.string(), replaced: z.boolean(), safetyCopy: backupSchema.nullable() })),
} as const;
