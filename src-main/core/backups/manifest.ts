/**
 * A backup's `manifest.json`: what the backup holds and how to tell it is whole. It is the
 * last file written before the backup's folder gets its final name, and restore checks every
 * file against it before it changes anything.
 */
import { z } from 'zod';

/** Raised when the format changes; a newer manifest is refused, not guessed at. */
export const BACKUP_FORMAT_VERSION = 1;
export const MANIFEST_FILE = 'manifest.json';
/** The folder in a backup holding the copy of the profile's folder. */
export const PROFILE_COPY = 'profile';

const SAFE_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** A relative path with `/`, no `..`, no empty or dot segments: a file name cannot climb out of the backup. */
const RELATIVE_PATH = /^(?!.*(?:^|\/)\.\.?(?:\/|$))[A-Za-z0-9._-]+(?:\/[A-Za-z0-9._-]+)*$/;

/** Whether a path inside a profile folder can be listed in a manifest (every name the app gives its files can). */
export const isBackupPath = (path: string): boolean => path.length <= 300 && RELATIVE_PATH.test(path);

export const manifestFileSchema = z.object({
  path: z.string().max(300).regex(RELATIVE_PATH),
  size: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type ManifestFile = z.infer<typeof manifestFileSchema>;

export const manifestSchema = z.object({
  version: z.literal(BACKUP_FORMAT_VERSION),
  profileId: z.string().regex(SAFE_ID),
  /** UTC ISO. */
  madeAt: z.string(),
  appVersion: z.string().max(100),
  /** `scheduled`, `manual`, or `before-restore` (the safety copy a restore makes first). */
  reason: z.enum(['scheduled', 'manual', 'before-restore']),
  files: z.array(manifestFileSchema),
});
export type Manifest = z.infer<typeof manifestSchema>;
export type BackupReason = Manifest['reason'];

/** `2026-11-30T05:06:29.123Z` → `2026-11-30T05-06-29Z`: sorts as time does and is a valid name on every system. */
export const stampOf = (moment: Date): string => `${moment.toISOString().slice(0, 19).replaceAll(':', '-')}Z`;

/** A finished backup's folder name: its stamp, `-<n>` when a second one was made in the same second, `-before-restore` for a safety copy. */
const BACKUP_NAME = /^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z(?:-\d{1,3})?(?:-before-restore)?$/;
export const isBackupName = (name: string): boolean => BACKUP_NAME.test(name);
/** Safety copies are kept until the person removes them: rotation counts only the others. */
export const isSafetyCopy = (name: string): boolean => name.endsWith('-before-restore');

/** A backup being written: hidden (leading dot), never listed, removed by the next backup of the profile. */
export const isPartialName = (name: string): boolean => name.startsWith('.') && name.endsWith('.partial');
