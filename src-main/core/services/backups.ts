/**
 * Backups of a profile, made on demand or by the schedule, and restored from the picker
 * (see core/backups/README.md for the format and the guarantees).
 *
 * The one place that knows how a consistent copy is taken is `snapshotProfile`: it holds
 * the profile's write queue (every tracker, log, timer, summary and job write runs in it),
 * checkpoints the profile's journal and waits for the writer to be idle, so no write is
 * half-done and none is only in the journal, while it hard-links the files into a frozen
 * view; the copy is made from that view after the queue moves on.
 */
import { randomUUID } from 'node:crypto';
import { access, constants, mkdir, rm } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, normalize, relative, sep } from 'node:path';
import type { Backup, BackupPreview, BackupSettingsView, FoundBackup } from '../../../src-preload/contract';
import { BACKUP_KEEP_MAX, BACKUP_KEEP_MIN } from '../../../src-preload/contract';
import { backupKey } from '../../../src-preload/jobs/run-keys';
import { AppFailure, fail } from '../errors';
import { DayCalendar } from '../insights/day-calendar';
import { backupRun } from '../jobs/run-record';
import { backupAccount, backupContents, backupKey as openBackupKey } from '../backups/backup-contents';
import { freezeFolder, listBackups, rotate, verifyBackup, writeBackup, type BackupEntry } from '../backups/backup-folder';
import {
  BACKUP_FOLDERS_FILE,
  BACKUP_SETTINGS_FILE,
  backupFoldersFormat,
  backupSettingsFormat,
  defaultBackupSettings,
  emptyBackupFolders,
  MAX_FOLDERS,
  type BackupSettingsFile,
} from '../backups/backup-settings';
import { installBackup } from '../backups/install-backup';
import { isBackupName, type BackupReason } from '../backups/manifest';
import type { AtomicWriter } from '../store/atomic-writer';
import { codecFs, encryptedCodec, plainCodec } from '../store/file-codec';
import { errorCode, type FsPort } from '../store/fs-port';
import { JsonDocument } from '../store/json-document';
import type { KeyedQueue } from '../store/keyed-queue';
import { isSafeId } from '../store/layout';
import type { ProfileDirectory } from '../store/profile-directory';
import { VersionedJsonAdapter } from '../store/versioned-json-adapter';
import type { JobRunService } from './job-runs';
import { ACCOUNTS_QUEUE } from './accounts';
import { tooManyAttemptsMessage, type LoginThrottle } from './login-throttle';
import { sessionStore } from './profile-access';

export interface BackupDeps {
  readonly directory: ProfileDirectory;
  /** The per-profile write queue of the trackers, logs, timers and jobs. */
  readonly queue: KeyedQueue;
  /** The queue of account files (accounts.ts's ACCOUNTS key): a restore rewrites account.json in it. */
  readonly accountQueue: KeyedQueue;
  readonly fs: FsPort;
  readonly writer: AtomicWriter;
  readonly now: () => Date;
  readonly newId: () => string;
  readonly appVersion: string;
  readonly throttle: LoginThrottle;
  readonly jobRuns: JobRunService;
  readonly timeZoneOf: (profileId: string) => string;
  /** Whether profile files are encrypted (false only in one benchmark). */
  readonly encrypt: boolean;
}

const view = (entry: BackupEntry): Backup => ({ path: entry.path, name: entry.name, madeAt: entry.madeAt, size: entry.size, reason: entry.reason });

export class BackupService {
  constructor(private readonly deps: BackupDeps) {}

  /** `<dataDir>/backups`, where backups go unless the person chose a folder. */
  get defaultFolder(): string {
    return join(this.deps.directory.layout.dataDir, 'backups');
  }

  private async settingsDocument(profileId: string): Promise<JsonDocument<BackupSettingsFile>> {
    const store = await sessionStore(this.deps.directory, profileId);
    return store.document(BACKUP_SETTINGS_FILE, backupSettingsFormat, defaultBackupSettings);
  }

  /** The profile's backup settings (it must be open). */
  async settings(profileId: string): Promise<BackupSettingsView> {
    const { enabled, keep, folder } = (await this.settingsDocument(profileId)).data;
    return { enabled, keep, folder, effectiveFolder: folder ?? this.defaultFolder };
  }

  async updateSettings(profileId: string, input: { readonly enabled: boolean; readonly keep: number; readonly folder: string | null }): Promise<BackupSettingsView> {
    if (!Number.isInteger(input.keep) || input.keep < BACKUP_KEEP_MIN || input.keep > BACKUP_KEEP_MAX) {
      fail('INVALID_INPUT', `Keep from ${BACKUP_KEEP_MIN} to ${BACKUP_KEEP_MAX} backups.`, 'keep');
    }
    const folder = input.folder === null || input.folder.trim() === '' ? null : await usableFolder(input.folder.trim(), this.deps.directory.layout.profilesDir);
    const document = await this.settingsDocument(profileId);
    return this.deps.queue.run(profileId, async () => {
      // The picker's index first: a crash after it lists a folder not yet used, never the reverse.
      await this.saveFolderIndex(profileId, folder);
      await document.save({ version: 1, enabled: input.enabled, keep: input.keep, folder });
      return this.settings(profileId);
    });
  }

  /** The profile's backups in its folder, newest first. */
  async list(profileId: string): Promise<Backup[]> {
    const { effectiveFolder } = await this.settings(profileId);
    return (await listBackups(effectiveFolder, profileId)).map((entry) => view(entry));
  }

  /**
   * Back up the open profile now into its folder, then keep only the newest `keep`. A manual
   * backup settles the day's scheduled one (recorded under the same key).
   */
  async backupNow(profileId: string, reason: Extract<BackupReason, 'manual' | 'scheduled'> = 'manual'): Promise<Backup> {
    const { effectiveFolder, keep } = await this.settings(profileId);
    // One backup of a profile at a time (the button and the schedule may meet): each picks a free name and rotates after it is whole.
    const entry = await this.deps.queue.run(`backup:${profileId}`, async () => {
      const made = await this.snapshotProfile(profileId, effectiveFolder, reason);
      // Best effort: a backup that could not be removed now is removed after the next one.
      await rotate(effectiveFolder, profileId, keep).catch(() => undefined);
      return made;
    });
    if (reason === 'manual') {
      const day = new DayCalendar(this.deps.timeZoneOf(profileId)).dayOf(this.deps.now().getTime());
      const run = backupRun({ day, key: backupKey(day) }, { outcome: 'done', ranAt: this.deps.now() }, this.deps.newId(), { name: entry.name, size: entry.size, manual: true });
      // The backup is made, which is what was asked; the record is for Activity and the schedule.
      await this.deps.jobRuns.record(profileId, [run]).catch(() => undefined);
    }
    return view(entry);
  }

  /**
   * The consistent copy (see the module's comment); the swap point for the journal's
   * checkpoint. The profile's writes wait only while its files are hard-linked into a frozen
   * view (`freezeFolder`); the backup is then copied from that view while they go on.
   */
  private async snapshotProfile(profileId: string, root: string, reason: BackupReason): Promise<BackupEntry> {
    const { layout } = this.deps.directory;
    const staging = join(layout.profilesDir, `.snapshot-${profileId}-${randomUUID()}.partial`);
    try {
      await this.deps.queue.run(profileId, async () => {
        // The files hold every acknowledged write once checkpointed; the queue keeps them so.
        await this.deps.directory.checkpointHeld(profileId);
        await this.deps.writer.idle();
        await freezeFolder(layout.profileDir(profileId), staging);
      });
      return await this.writeInto(root, profileId, staging, reason);
    } catch (error) {
      if (error instanceof AppFailure) throw error;
      return fail('BACKUP_FAILED', `The backup could not be made (${errorCode(error) ?? (error instanceof Error ? error.message : 'unknown error')}). Nothing was changed; older backups are intact.`);
    } finally {
      await rm(staging, { recursive: true, force: true }).catch(() => undefined);
    }
  }

  private async writeInto(root: string, profileId: string, profileDir: string, reason: BackupReason): Promise<BackupEntry> {
    try {
      return await writeBackup({ root, profileId, profileDir, now: this.deps.now(), appVersion: this.deps.appVersion, reason });
    } catch (error) {
      if (error instanceof AppFailure) throw error;
      return fail('BACKUP_FAILED', `The backup could not be written (${errorCode(error) ?? (error instanceof Error ? error.message : 'unknown error')}). Nothing was changed; older backups are intact.`);
    }
  }

  /** Every folder the picker looks in: the default and those profiles chose. */
  private async roots(): Promise<string[]> {
    const index = await this.folderIndex().read();
    return [...new Set([this.defaultFolder, ...Object.values(index?.folders ?? {}).flat()])];
  }

  /** For the profile picker: every backup it can find, newest first. Reads no encrypted file. */
  async find(): Promise<FoundBackup[]> {
    const found: FoundBackup[] = [];
    for (const root of await this.roots()) {
      for (const entry of await listBackups(root)) {
        let email: string | null = null;
        try {
          email = (await backupAccount(entry.path, entry.profileId)).email;
        } catch {
          // Listed without its e-mail; a preview says what is wrong with it.
        }
        const profileExists = (await this.deps.directory.entry(entry.profileId).catch(() => null)) !== null;
        found.push({ ...view(entry), profileId: entry.profileId, email, profileExists });
      }
    }
    return found.sort((a, b) => b.madeAt.localeCompare(a.madeAt));
  }

  /**
   * `path` when it names a backup folder in one of the picker's folders
   * (`<root>/<profileId>/<stamp>`): a caller cannot point a restore anywhere else. Its
   * manifest is read next, so a damaged or newer backup is named as such.
   */
  private async located(path: string): Promise<string> {
    const wanted = normalize(path);
    for (const root of await this.roots()) {
      const parts = relative(root, wanted).split(sep);
      if (parts.length === 2 && isSafeId(parts[0] ?? '') && isBackupName(parts[1] ?? '')) return join(root, ...parts);
    }
    return fail('BACKUP_NOT_FOUND', 'There is no backup there. Choose one from the list.', 'path');
  }

  /** Checked, opened with the password (throttled per profile, like a log-in). */
  private async opened(path: string, password: string) {
    const location = await this.located(path);
    const manifest = await verifyBackup(location);
    if (basename(dirname(location)) !== manifest.profileId) fail('BACKUP_DAMAGED', 'This backup is damaged: it names another profile than its folder. Nothing was changed.');
    const account = await backupAccount(location, manifest.profileId);
    const key = `backup:${manifest.profileId}`;
    const verdict = this.deps.throttle.reserve(key);
    if (!verdict.allowed) fail('TOO_MANY_ATTEMPTS', tooManyAttemptsMessage(verdict.waitSeconds));
    let dataKey: Buffer;
    try {
      dataKey = await openBackupKey(account, password);
    } catch (error) {
      this.deps.throttle.failed(key);
      throw error;
    }
    this.deps.throttle.succeeded(key);
    return { path: location, manifest, account, dataKey };
  }

  async preview(path: string, password: string): Promise<BackupPreview> {
    const { path: location, manifest, account, dataKey } = await this.opened(path, password);
    const contents = await backupContents(location, account, dataKey, this.deps.encrypt);
    const replaces = (await this.deps.directory.entry(manifest.profileId).catch(() => null)) !== null;
    return { profileId: manifest.profileId, email: account.email, name: contents.details.name, madeAt: manifest.madeAt, trackers: [...contents.trackers], entries: contents.entries, replaces };
  }

  /**
   * Restore the backup at `path` (see the contract). The profile is locked for everyone
   * first; its current folder is saved as a `before-restore` backup in the folder the
   * backup came from; then the folder is replaced at once.
   */
  async restore(path: string, password: string): Promise<{ profileId: string; email: string; replaced: boolean; safetyCopy: Backup | null }> {
    const { path: location, manifest, account, dataKey } = await this.opened(path, password);
    // Read whole before anything changes: a backup whose files are damaged inside is refused here.
    await backupContents(location, account, dataKey, this.deps.encrypt);
    const { directory } = this.deps;
    const profileId = manifest.profileId;
    const current = await directory.entry(profileId).catch(() => null);
    const root = dirname(dirname(location));
    if (current !== null) await this.requireSameProfile(profileId, dataKey);
    const { entries } = await directory.scan();
    if (entries.some((other) => other.profileId !== profileId && other.email === account.email)) {
      fail('EMAIL_TAKEN', `Another profile here uses ${account.email}; change its e-mail first, then restore.`);
    }
    return this.deps.accountQueue.run(ACCOUNTS_QUEUE, () =>
      this.deps.queue.run(profileId, async () => {
        await this.deps.writer.idle();
        // A checkpoint may still be writing the profile's files (outside its queue): it ends first.
        await directory.forget(profileId);
        const safety = current === null ? null : await this.writeInto(root, profileId, directory.layout.profileDir(profileId), 'before-restore');
        const currentTokens = current?.kind === 'account' ? current.account.data.tokens : [];
        try {
          await installBackup(location, manifest, directory.layout.profilesDir);
        } catch (error) {
          if (error instanceof AppFailure) throw error;
          fail('BACKUP_FAILED', `The backup could not be restored (${errorCode(error) ?? 'unknown error'}). The profile is as it was.`);
        }
        await directory.forget(profileId);
        // Tokens are the current ones: a token revoked since the backup must stay revoked, and one made since still opens the same data key.
        await directory.saveAccount({ ...account, tokens: currentTokens });
        await this.indexRestoredFolder(profileId, dataKey).catch(() => undefined);
        return { profileId, email: account.email, replaced: current !== null, safetyCopy: safety === null ? null : view(safety) };
      }),
    );
  }

  /**
   * The restored profile's backups go where its restored settings say: the picker's index
   * must name that folder (best effort: saving the backup settings again also mends it).
   */
  private async indexRestoredFolder(profileId: string, dataKey: Buffer): Promise<void> {
    const { layout } = this.deps.directory;
    const codec = this.deps.encrypt ? encryptedCodec(dataKey, layout.profileDir(profileId)) : plainCodec;
    const file = join(layout.profileDir(profileId), BACKUP_SETTINGS_FILE);
    const restored = await new VersionedJsonAdapter(file, backupSettingsFormat, codecFs(this.deps.fs, codec), this.deps.writer, layout.dataDir).read();
    await this.saveFolderIndex(profileId, restored?.folder ?? null);
  }

  /** The backup's key must open the profile it replaces: a backup is restored only over its own profile. */
  private async requireSameProfile(profileId: string, dataKey: Buffer): Promise<void> {
    if (!this.deps.encrypt) return;
    const profileFile = this.deps.directory.layout.profileFile(profileId);
    try {
      encryptedCodec(dataKey, this.deps.directory.layout.profileDir(profileId)).decode(profileFile, await this.deps.fs.readBytes(profileFile));
    } catch {
      fail('BACKUP_OF_ANOTHER_PROFILE', 'This backup cannot replace the profile here: it is not a backup of it (or that profile’s own files are damaged). Nothing was changed.');
    }
  }

  private folderIndex(): VersionedJsonAdapter<ReturnType<typeof emptyBackupFolders>> {
    const { layout } = this.deps.directory;
    return new VersionedJsonAdapter(join(layout.dataDir, BACKUP_FOLDERS_FILE), backupFoldersFormat, this.deps.fs, this.deps.writer, layout.dataDir);
  }

  private async saveFolderIndex(profileId: string, folder: string | null): Promise<void> {
    const adapter = this.folderIndex();
    const index = (await adapter.read()) ?? emptyBackupFolders();
    // The default folder is always searched; a folder chosen before stays, for the backups left in it.
    if (folder === null || index.folders[profileId]?.[0] === folder) return;
    const kept = (index.folders[profileId] ?? []).filter((known) => known !== folder);
    await adapter.write({ version: 1, folders: { ...index.folders, [profileId]: [folder, ...kept].slice(0, MAX_FOLDERS) } });
  }
}

/** An absolute folder that exists (made when missing) and can be written; BACKUP_FOLDER_INVALID otherwise. */
async function usableFolder(folder: string, profilesDir: string): Promise<string> {
  if (!isAbsolute(folder)) fail('BACKUP_FOLDER_INVALID', 'Give the backup folder as a full path (such as /home/ada/Sync/qs-backups).', 'folder');
  const path = normalize(folder);
  // Inside a profile's folder, each backup would copy the ones before it, and a restore would replace them.
  const inside = relative(profilesDir, path);
  if (inside === '' || (!inside.startsWith('..') && !isAbsolute(inside))) fail('BACKUP_FOLDER_INVALID', 'Choose a folder outside the profiles’ own folders.', 'folder');
  try {
    await mkdir(path, { recursive: true, mode: 0o700 });
    await access(path, constants.W_OK);
  } catch (error) {
    fail('BACKUP_FOLDER_INVALID', `Backups cannot be written to that folder (${errorCode(error) ?? 'not usable'}).`, 'folder');
  }
  return path;
}
