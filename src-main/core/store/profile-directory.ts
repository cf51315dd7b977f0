/**
 * The profiles of the data folder and the data keys of the unlocked ones.
 *
 * A profile is found by its `account.json` (plaintext: id, e-mail, key slots), or — for a
 * profile still in the skeleton's format — by a plaintext `profile.json` v1. Everything
 * else in a profile folder is encrypted, and readable only after `unlock` put the profile's
 * data key in memory; `lock` forgets the key and every decrypted thing cached with it.
 * This process holds the data-folder lock, so nobody changes the files underneath.
 *
 * Two kinds of holder keep a key in memory: the person (`unlock` at log-in, `lock`) and
 * personal access tokens (`openForTokens`, `releaseTokens`). They share one open profile —
 * two copies would each cache the files and overwrite each other's writes — and the key is
 * forgotten when neither holds it any more. What the person sees as "unlocked"
 * (`unlocked`, `unlockedIds`: the current profile, auto-lock, the jobs) is the person's
 * hold only, so a script's token never leaves the profile open to the person's screens.
 * The services reach the open profile (`requireUnlocked`, `store`) whoever holds it:
 * which caller may is decided before they run (core/access-guard.ts).
 */
import { join } from 'node:path';
import { AppFailure, fail } from '../errors';
import {
  accountFormat,
  profileDetailsFormat,
  settingsFormat,
  defaultSettings,
  type AccountFile,
  type ProfileDetailsFile,
  type SettingsFile,
} from './account-formats';
import { isEnvelope } from '../crypto/envelope';
import { codecFs, codecWriter, encryptedCodec, plainCodec, type FileCodec } from './file-codec';
import { errorCode, FOLDER_MODE, ignoreMissing } from './fs-port';
import { profileFormat, type ProfileFile } from './formats';
import { JsonDocument } from './json-document';
import { dataFolderPath, isSafeId } from './layout';
import { loadDeviceId } from './journal/device-id';
import type { UncutTail } from './journal/journal-writer';
import type { KeyedQueue } from './keyed-queue';
import { ProfileJournal } from './profile-journal';
import { ProfileStore, type StoreDeps } from './profile-store';
import { markLogShardsCurrent, upgradeLogShards } from './log-shard-upgrade';
import { encryptProfileFolder } from './profile-upgrade';
import { VersionedJsonAdapter } from './versioned-json-adapter';

/** A profile as the log-in screen sees it. */
export type ProfileEntry =
  | { readonly kind: 'account'; readonly profileId: string; readonly email: string; readonly account: JsonDocument<AccountFile> }
  /** The skeleton's plaintext format: upgraded to encryption at its next log-in or reset. */
  | { readonly kind: 'legacy'; readonly profileId: string; readonly email: string; readonly legacy: JsonDocument<ProfileFile> };

export interface ProfileScan {
  readonly entries: readonly ProfileEntry[];
  /** Account files that could not be read; the caller decides whether that blocks it. */
  readonly damaged: readonly AppFailure[];
}

/** A profile whose data key is in memory, with its small files already read. */
export interface UnlockedProfile {
  readonly profileId: string;
  readonly dataKey: Buffer;
  readonly details: JsonDocument<ProfileDetailsFile>;
  readonly settings: JsonDocument<SettingsFile>;
  /** The trackers and logs, opened on first use. */
  store(): Promise<ProfileStore>;
}

export interface DirectoryDeps extends StoreDeps {
  /**
   * False only in benchmarks that measure what encryption costs: profile files are then
   * written as plain JSON. No shell sets it.
   */
  readonly encrypt: boolean;
  /**
   * The profiles' write queue: each open profile writes through its journal
   * (profile-journal.ts), whose checkpoints take the queue.
   */
  readonly queue: KeyedQueue;
  /** Records between a profile's checkpoints (profile-journal.ts's default when absent). */
  readonly recordsPerCheckpoint?: number | undefined;
  /** The quiet moment before a profile's checkpoint, in ms (profile-journal.ts's default when absent). */
  readonly quietMs?: number | undefined;
}

export const SESSION_LOCKED_MESSAGE = 'This profile is locked. Enter your password to open it again.';

export class ProfileDirectory {
  private readonly entries = new Map<string, ProfileEntry>();
  private readonly unlockedProfiles = new Map<string, UnlockedProfile>();
  /** Profiles the person unlocked (log-in, sign-up, a remembered key). */
  private readonly byPerson = new Set<string>();
  /** Profiles open for personal access tokens' requests (services/access-tokens.ts). */
  private readonly byTokens = new Set<string>();
  /** The store of each open profile, once asked for (its journal goes with it). */
  private readonly stores = new Map<string, Promise<ProfileStore>>();
  /** A profile's journal closing (checkpoint first): the next open of it waits for it. */
  private readonly closing = new Map<string, Promise<void>>();
  private deviceId: Promise<string> | null = null;
  /**
   * A profile whose journal stopped with a failed batch it could not cut off: where its
   * acknowledged records end, cut there by the next open (those records were answered
   * WRITE_FAILED), then forgotten.
   */
  private readonly uncut = new Map<string, UncutTail>();

  constructor(private readonly deps: DirectoryDeps) {}

  get layout(): StoreDeps['layout'] {
    return this.deps.layout;
  }

  async scan(): Promise<ProfileScan> {
    const damaged: AppFailure[] = [];
    for (const profileId of await this.profileIds()) {
      if (this.entries.has(profileId)) continue;
      try {
        const entry = await this.readEntry(profileId);
        if (entry !== null) this.entries.set(profileId, entry);
      } catch (error) {
        if (error instanceof AppFailure) damaged.push(error);
        else throw error;
      }
    }
    return { entries: [...this.entries.values()], damaged };
  }

  /** The profile `profileId`, or null when there is no such profile. */
  async entry(profileId: string): Promise<ProfileEntry | null> {
    const cached = this.entries.get(profileId);
    if (cached !== undefined) return cached;
    if (!isSafeId(profileId) || !(await this.profileIds()).includes(profileId)) return null;
    const entry = await this.readEntry(profileId);
    if (entry !== null) this.entries.set(profileId, entry);
    return entry;
  }

  /** The codec of a profile's encrypted files under `dataKey`. */
  codec(profileId: string, dataKey: Buffer): FileCodec {
    return this.deps.encrypt ? encryptedCodec(dataKey, this.deps.layout.profileDir(profileId)) : plainCodec;
  }

  /** The store dependencies through which a profile's files are encrypted. */
  profileDeps(profileId: string, dataKey: Buffer): StoreDeps {
    const codec = this.codec(profileId, dataKey);
    return { layout: this.deps.layout, fs: codecFs(this.deps.fs, codec), writer: codecWriter(this.deps.writer, codec) };
  }

  /**
   * Write a new profile: encrypted details and settings first, the account file last, so a
   * folder without account.json is a sign-up that never finished (and is removed again).
   */
  async create(account: AccountFile, details: ProfileDetailsFile, settings: SettingsFile, dataKey: Buffer): Promise<UnlockedProfile> {
    const profileId = account.id;
    const profileDeps = this.profileDeps(profileId, dataKey);
    try {
      await this.detailsAdapter(profileId, profileDeps).write(details);
      await this.settingsAdapter(profileId, profileDeps).write(settings);
      await markLogShardsCurrent(profileDeps, profileId);
      await this.accountAdapter(profileId).write(account);
    } catch (error) {
      await this.deps.fs.rm(this.deps.layout.profileDir(profileId), { recursive: true, force: true }).catch(() => undefined);
      throw error;
    }
    this.entries.set(profileId, { kind: 'account', profileId, email: account.email, account: JsonDocument.of(this.accountAdapter(profileId), account) });
    this.byPerson.add(profileId);
    return this.remember(profileId, dataKey, details, settings);
  }

  /** Encrypt whatever is still plaintext in a profile being upgraded from the skeleton's format. */
  async encryptLegacyFiles(profileId: string, dataKey: Buffer): Promise<number> {
    if (!this.deps.encrypt) return 0;
    return encryptProfileFolder(this.deps.layout.profileDir(profileId), {
      fs: this.deps.fs,
      writer: this.deps.writer,
      codec: this.codec(profileId, dataKey),
      dataDir: this.deps.layout.dataDir,
    });
  }

  /** Save a profile's account file (new e-mail, re-wrapped slots, finished upgrade). */
  async saveAccount(account: AccountFile): Promise<void> {
    const profileId = account.id;
    const current = this.entries.get(profileId);
    const document = current?.kind === 'account' ? current.account : JsonDocument.of(this.accountAdapter(profileId), account);
    await document.save(account);
    // The writer keeps the previous version as `.bak`: for this file that would be the old
    // key slots, which the old password or backup code still opens. They must go.
    await ignoreMissing(this.deps.fs.unlink(`${this.deps.layout.accountFile(profileId)}.bak`));
    this.entries.set(profileId, { kind: 'account', profileId, email: account.email, account: document });
  }

  /**
   * Keep `dataKey` in memory for `profileId` after proving it opens the profile's details;
   * a wrong key (or a damaged file) fails here with DATA_FILE_DAMAGED and nothing is kept.
   */
  async unlock(profileId: string, dataKey: Buffer): Promise<UnlockedProfile> {
    const unlocked = await this.open(profileId, dataKey);
    this.byPerson.add(profileId);
    return unlocked;
  }

  /**
   * Keep `dataKey` in memory for personal access tokens' requests, as `unlock` does for the
   * person, without unlocking the profile for the person.
   */
  async openForTokens(profileId: string, dataKey: Buffer): Promise<UnlockedProfile> {
    const unlocked = await this.open(profileId, dataKey);
    this.byTokens.add(profileId);
    return unlocked;
  }

  /** The tokens no longer hold the key: forgotten unless the person holds it too. */
  releaseTokens(profileId: string): void {
    this.byTokens.delete(profileId);
    if (!this.byPerson.has(profileId)) this.release(profileId, true);
  }

  /** True when the profile is open only for tokens: the person's own session is locked. */
  openForTokensOnly(profileId: string): boolean {
    return this.unlockedProfiles.has(profileId) && !this.byPerson.has(profileId);
  }

  private async open(profileId: string, dataKey: Buffer): Promise<UnlockedProfile> {
    const open = this.unlockedProfiles.get(profileId);
    if (open !== undefined && open.dataKey.equals(dataKey)) return open;
    // A lock just before: its journal's checkpoint ends before anything of the profile is read again.
    await this.closing.get(profileId);
    const profileDeps = this.profileDeps(profileId, dataKey);
    const detailsAdapter = this.detailsAdapter(profileId, profileDeps);
    const details = await detailsAdapter.read();
    if (details === null) {
      fail('DATA_FILE_DAMAGED', `The profile file ${dataFolderPath(this.deps.layout.dataDir, this.deps.layout.profileFile(profileId))} is missing; the profile cannot be opened.`);
    }
    // Profiles upgraded from the skeleton had no settings file; defaults until one is saved.
    const settings = (await this.settingsAdapter(profileId, profileDeps).read()) ?? defaultSettings();
    if (open === undefined) await this.tidy(profileId);
    return this.remember(profileId, dataKey, details as ProfileDetailsFile, settings);
  }

  /** The profile the person unlocked, or null when they did not (a token's hold does not count). */
  unlocked(profileId: string): UnlockedProfile | null {
    return this.byPerson.has(profileId) ? (this.unlockedProfiles.get(profileId) ?? null) : null;
  }

  /** The profiles the person unlocked (the job runner looks at these only). */
  unlockedIds(): string[] {
    return [...this.byPerson].filter((profileId) => this.unlockedProfiles.has(profileId));
  }

  /** The open profile (the person's or the tokens'), or SESSION_LOCKED (a session whose key was forgotten). */
  requireUnlocked(profileId: string): UnlockedProfile {
    return this.unlockedProfiles.get(profileId) ?? fail('SESSION_LOCKED', SESSION_LOCKED_MESSAGE);
  }

  /**
   * The profile's trackers and logs; null when there is no such profile, SESSION_LOCKED
   * when it exists but its key is not in memory.
   */
  async store(profileId: string): Promise<ProfileStore | null> {
    const unlocked = this.unlockedProfiles.get(profileId);
    if (unlocked !== undefined) return unlocked.store();
    if ((await this.entry(profileId)) === null) return null;
    return fail('SESSION_LOCKED', SESSION_LOCKED_MESSAGE);
  }

  /**
   * The person locks (log-out, lock, idle): the key and everything decrypted with it are
   * forgotten — unless tokens' requests hold it, which then keep it to themselves. The
   * profile's journal is checkpointed and closed meanwhile (awaited by those who read the
   * files next; a new open of the profile waits for it anyway).
   */
  lock(profileId: string): Promise<void> {
    this.byPerson.delete(profileId);
    if (!this.byTokens.has(profileId)) this.release(profileId, true);
    // Resolves once the journal's closing checkpoint has ended (it never rejects: a
    // checkpoint that fails leaves the records in the journal, replayed at the next open).
    return this.closing.get(profileId) ?? Promise.resolve();
  }

  /**
   * Forget everything held of a profile — the person's and the tokens' holds, its key, the
   * cached account — before its folder is replaced (a restore) or removed: its sessions then answer
   * SESSION_LOCKED, and the next read finds the new files.
   */
  forget(profileId: string): Promise<void> {
    this.byTokens.delete(profileId);
    this.byPerson.delete(profileId);
    this.release(profileId, false);
    this.entries.delete(profileId);
    // The new files are another journal: what was known of the old one's tail is not theirs.
    this.uncut.delete(profileId);
    // Resolves once its journal is closed, a checkpoint still writing its files included.
    return this.closing.get(profileId) ?? Promise.resolve();
  }

  /**
   * Checkpoint every open profile's journal: its shards and summaries.json hold every
   * acknowledged write afterwards (tests and tools that read the files).
   */
  async checkpointAll(): Promise<void> {
    for (const journal of await this.openJournals()) await journal.checkpoint();
  }

  /** Resolves once no open profile's checkpoint is writing its files (they write outside the queue). */
  async checkpointsSettled(): Promise<void> {
    for (const journal of await this.openJournals()) await journal.settled();
  }

  /** The journals of the profiles open now (a store that failed to open has none). */
  private async openJournals(): Promise<ProfileJournal[]> {
    const stores = await Promise.all([...this.stores.values()].map((opening) => opening.catch(() => null)));
    return stores.flatMap((store) => (store?.journal ? [store.journal] : []));
  }

  /**
   * Before something reads or writes a profile's files around its journal (a backup, a
   * purge, an import), called holding the profile's queue: a checkpoint when the profile is
   * open, else the end of its closing checkpoint. The files then hold every acknowledged write.
   */
  async checkpointHeld(profileId: string): Promise<void> {
    const opening = this.stores.get(profileId);
    if (opening === undefined) {
      await this.closing.get(profileId);
      return;
    }
    await (await opening).journal?.checkpointHeld();
  }

  /** Checkpoint and close every open profile's journal (the core closes). */
  async closeAll(): Promise<void> {
    for (const profileId of [...this.stores.keys()]) this.release(profileId, true, false);
    await Promise.all([...this.closing.values()]);
  }

  /** Remove the profile's folder and forget it. */
  async remove(profileId: string): Promise<void> {
    await this.forget(profileId);
    await this.deps.fs.rm(this.deps.layout.profileDir(profileId), { recursive: true, force: true });
  }

  private remember(profileId: string, dataKey: Buffer, details: ProfileDetailsFile, settings: SettingsFile): UnlockedProfile {
    // One journal per profile folder: a store opened before (under another hold) closes first.
    if (this.stores.has(profileId)) this.release(profileId, true, false);
    const profileDeps = this.profileDeps(profileId, dataKey);
    let opening: Promise<ProfileStore> | undefined;
    const unlocked: UnlockedProfile = {
      profileId,
      dataKey,
      details: JsonDocument.of(this.detailsAdapter(profileId, profileDeps), details),
      settings: JsonDocument.of(this.settingsAdapter(profileId, profileDeps), settings),
      store: () => {
        if (opening === undefined) {
          const started = this.openStore(profileId, dataKey, profileDeps, (journal) => {
            // An append failed: memory may hold it. The next request opens the profile
            // again from its files and journal, once this journal has closed.
            if (opening === started) opening = undefined;
            if (this.stores.get(profileId) === started) this.stores.delete(profileId);
            const uncut = journal.uncutTail();
            if (uncut !== null) this.uncut.set(profileId, uncut);
            this.afterClosing(profileId, journal.discard());
          });
          opening = started;
          this.stores.set(profileId, started);
          // A failed open (a damaged trackers file) is not cached: the next call reports it again.
          started.catch(() => {
            if (opening === started) opening = undefined;
            if (this.stores.get(profileId) === started) this.stores.delete(profileId);
          });
        }
        return opening;
      },
    };
    this.unlockedProfiles.set(profileId, unlocked);
    return unlocked;
  }

  /** The profile's store, with its journal. */
  private async openStore(profileId: string, dataKey: Buffer, profileDeps: StoreDeps, onStopped: (journal: ProfileJournal) => void): Promise<ProfileStore> {
    await this.closing.get(profileId);
    // Shards written before the strict form are brought to it once, before anything reads them.
    await upgradeLogShards(profileDeps, profileId);
    const store = await ProfileStore.open(profileDeps, profileId);
    const queue = this.deps.queue;
    this.deviceId ??= loadDeviceId(this.deps.fs, this.deps.writer, this.deps.layout.dataDir);
    const deviceId = await this.deviceId.catch((error: unknown) => {
      this.deviceId = null;
      throw error;
    });
    const { layout, fs } = this.deps;
    const uncut = this.uncut.get(profileId) ?? null;
    await ProfileJournal.open({ raw: fs, key: dataKey, deviceId, dataDir: layout.dataDir, profileDir: layout.profileDir(profileId), fs: profileDeps.fs, writer: profileDeps.writer, queue, profileId, onStopped, uncut, ...(this.deps.recordsPerCheckpoint === undefined ? {} : { recordsPerCheckpoint: this.deps.recordsPerCheckpoint }), ...(this.deps.quietMs === undefined ? {} : { quietMs: this.deps.quietMs }) }, store);
    if (uncut !== null && this.uncut.get(profileId) === uncut) this.uncut.delete(profileId);
    return store;
  }

  /**
   * The profile's key and store are forgotten: its journal is closed, with a checkpoint
   * first unless the folder is about to go (`checkpoint` false).
   */
  private release(profileId: string, checkpoint: boolean, forgetKey = true): void {
    if (forgetKey) this.unlockedProfiles.delete(profileId);
    const opening = this.stores.get(profileId);
    if (opening === undefined) return;
    this.stores.delete(profileId);
    this.afterClosing(
      profileId,
      opening.then(
        (store) => (checkpoint ? store.journal?.close() : store.journal?.discard()),
        () => undefined,
      ),
    );
  }

  private afterClosing(profileId: string, task: Promise<void> | undefined): void {
    const previous = this.closing.get(profileId) ?? Promise.resolve();
    const closing = Promise.all([previous, task?.catch(() => undefined)]).then(() => undefined);
    this.closing.set(profileId, closing);
    void closing.then(() => {
      if (this.closing.get(profileId) === closing) this.closing.delete(profileId);
    });
  }

  private accountAdapter(profileId: string): VersionedJsonAdapter<AccountFile> {
    return new VersionedJsonAdapter(this.deps.layout.accountFile(profileId), accountFormat, this.deps.fs, this.deps.writer, this.deps.layout.dataDir);
  }

  private detailsAdapter(profileId: string, profileDeps: StoreDeps): VersionedJsonAdapter<ProfileDetailsFile> {
    return new VersionedJsonAdapter(this.deps.layout.profileFile(profileId), profileDetailsFormat, profileDeps.fs, profileDeps.writer, this.deps.layout.dataDir);
  }

  private settingsAdapter(profileId: string, profileDeps: StoreDeps): VersionedJsonAdapter<SettingsFile> {
    return new VersionedJsonAdapter(this.deps.layout.settingsFile(profileId), settingsFormat, profileDeps.fs, profileDeps.writer, this.deps.layout.dataDir);
  }

  private async readEntry(profileId: string): Promise<ProfileEntry | null> {
    const accountAdapter = this.accountAdapter(profileId);
    const account = await accountAdapter.read();
    if (account !== null) {
      if (account.id !== profileId) fail('DATA_FILE_DAMAGED', `The account file ${accountAdapter.shownAs} names another profile (${account.id}); it was left as it is.`);
      return { kind: 'account', profileId, email: account.email, account: JsonDocument.of(accountAdapter, account) };
    }
    return this.readLegacy(profileId);
  }

  /**
   * A plaintext profile.json without account.json is the skeleton's format. An encrypted
   * one without account.json is a sign-up that never finished: not a profile.
   */
  private async readLegacy(profileId: string): Promise<ProfileEntry | null> {
    const file = this.deps.layout.profileFile(profileId);
    let bytes: Buffer;
    try {
      bytes = await this.deps.fs.readBytes(file);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return null;
      throw error;
    }
    if (isEnvelope(bytes)) return null;
    const adapter = new VersionedJsonAdapter(file, profileFormat, this.deps.fs, this.deps.writer, this.deps.layout.dataDir);
    const legacy = await adapter.read();
    if (legacy === null) return null;
    return { kind: 'legacy', profileId, email: legacy.profile.email, legacy: JsonDocument.of(adapter, legacy) };
  }

  /**
   * What a crash or an older version left at the data folder's top level: the lock's temp
   * files, and a `profiles` folder others could read. Called once the data-folder lock is held.
   * The data folder itself is left as it is: it may be a folder the person chose and shares.
   */
  async tidyDataFolder(): Promise<void> {
    await this.deps.writer.removeOrphanedTemps(this.deps.layout.dataDir);
    await this.makePrivate(this.deps.layout.profilesDir);
  }

  /**
   * What a crash or an older version left in a profile's folders: temp files of writes that
   * never finished, and folders others could read (made before folders were private). Done
   * when the profile opens, so a person's log-in pays for their own profile only; the writer
   * never removes a temp of a write still under way.
   */
  private async tidy(profileId: string): Promise<void> {
    const { layout, fs, writer } = this.deps;
    const logsDir = layout.logsDir(profileId);
    let trackerIds: string[] = [];
    try {
      trackerIds = (await fs.readdir(logsDir)).filter(isSafeId);
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') throw error;
    }
    const trackerFolders = trackerIds.map((trackerId) => layout.trackerLogsDir(profileId, trackerId));
    const journal = join(layout.profileDir(profileId), 'journal');
    // The folders are independent: one pass each, side by side, so a profile of many trackers opens without waiting on them one by one.
    await Promise.all([layout.profileDir(profileId), journal, ...trackerFolders].map((folder) => writer.removeOrphanedTemps(folder).catch((error: unknown) => (errorCode(error) === 'ENOENT' ? undefined : Promise.reject(error)))));
    await Promise.all([layout.profileDir(profileId), logsDir, journal, ...trackerFolders].map((folder) => this.makePrivate(folder)));
  }

  /** Best effort: a folder that cannot be changed (another owner's) still opens, as before. */
  private async makePrivate(folder: string): Promise<void> {
    await this.deps.fs.chmod(folder, FOLDER_MODE).catch(() => undefined);
  }

  private async profileIds(): Promise<string[]> {
    try {
      return (await this.deps.fs.readdir(this.deps.layout.profilesDir)).filter(isSafeId);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return [];
      throw error;
    }
  }
}
