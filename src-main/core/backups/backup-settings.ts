/**
 * Where a profile's backup settings live, and why in two places:
 *
 * - `profiles/<id>/backups.json`, encrypted like the profile's other files: on or off, how
 *   many to keep, and the folder. What the schedule and "Back up now" read.
 * - `<dataDir>/backup-folders.json`, NOT encrypted: only the folders each profile chose
 *   (newest first: backups left in a folder chosen before stay findable). The
 *   profile picker must find backups while every profile is locked (a restore is how a
 *   person gets back a profile they cannot open), so it cannot read the encrypted copy.
 *   The trade-off: anyone who can read the data folder learns the path of the backup folder
 *   (which may name a user or a cloud drive) — as they learn the e-mail from account.json —
 *   but nothing of what is in the backups, which are as encrypted as the profile. A profile
 *   that never left the default folder (`<dataDir>/backups`) has no entry at all.
 */
import { z } from 'zod';
import type { FileFormat } from '../store/versioned-json-adapter';

export const BACKUP_SETTINGS_FILE = 'backups.json';
export const BACKUP_FOLDERS_FILE = 'backup-folders.json';
export const DEFAULT_KEEP = 7;
export const MAX_KEEP = 365;

export const backupSettingsFileSchema = z.object({
  version: z.literal(1),
  enabled: z.boolean(),
  keep: z.number().int().min(1).max(MAX_KEEP),
  /** Absolute; null for the default folder inside the data folder. */
  folder: z.string().min(1).max(4096).nullable(),
});
export type BackupSettingsFile = z.infer<typeof backupSettingsFileSchema>;
export const backupSettingsFormat: FileFormat<BackupSettingsFile> = { label: 'backup settings', version: 1, schema: backupSettingsFileSchema, migrations: {} };
export const defaultBackupSettings = (): BackupSettingsFile => ({ version: 1, enabled: true, keep: DEFAULT_KEEP, folder: null });

export const backupFoldersFileSchema = z.object({
  version: z.literal(1),
  /** Profile id → the folders it chose, newest first (at most MAX_FOLDERS). */
  folders: z.record(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/), z.array(z.string().min(1).max(4096)).max(20)),
});
export type BackupFoldersFile = z.infer<typeof backupFoldersFileSchema>;
export const backupFoldersFormat: FileFormat<BackupFoldersFile> = { label: 'backup folders', version: 1, schema: backupFoldersFileSchema, migrations: {} };
/** Folders remembered per profile; older ones drop out of the picker's search. */
export const MAX_FOLDERS = 20;
export const emptyBackupFolders = (): BackupFoldersFile => ({ version: 1, folders: {} });
