/**
 * Profiles and their secrets. A profile's data key is random; the password and the backup
 * code each wrap it in a key slot (crypto/key-slots.ts), so log-in is "unwrap the key",
 * reset is "unwrap with the backup code, re-wrap under the new password", and no data is
 * ever re-encrypted or lost. The unwrapped key lives only in memory (the directory's
 * unlocked profiles) until log-out or lock.
 *
 * Log-in and reset answer an unknown e-mail exactly as a wrong secret, after the same
 * scrypt work, so they do not reveal which addresses have profiles. Every path that derives
 * a key from a guess (log-in, reset with the backup code, the current password of a change
 * or a deletion) reserves its attempt with the throttle first, synchronously, so guesses
 * sent at once count against each other (login-throttle.ts); kdf.ts bounds how many
 * derivations run at once.
 */
import type { Gender, Profile, ProfileSummary } from '../../../src-preload/contract';
import { newBackupCode } from '../crypto/backup-code';
import { newDataKey, unwrapKey, wrapKey, type KeySlot, type SlotName } from '../crypto/key-slots';
import { checkEach, fail } from '../errors';
import { normalizeEmail, normalizeSecret, validAge, validBackupCode, validEmail, validName, validPassword } from '../domain/profile-rules';
import { defaultSettings, type AccountFile, type ProfileDetailsFile } from '../store/account-formats';
import type { KeyedQueue } from '../store/keyed-queue';
import type { ProfileDirectory, ProfileEntry, UnlockedProfile } from '../store/profile-directory';
import type { Keychain } from './keychain';
import { tooManyAttemptsMessage, type LoginThrottle } from './login-throttle';
import { verifySecret, type ScryptParams } from './secrets';
import { validTimeZone } from './time-zones';

export interface AccountDeps {
  readonly directory: ProfileDirectory;
  /** Serializes account writes so two sign-ups cannot both claim one e-mail. */
  readonly queue: KeyedQueue;
  readonly scrypt: ScryptParams;
  readonly now: () => Date;
  readonly newId: () => string;
  readonly throttle: LoginThrottle;
  readonly keychain: Keychain | null;
  /** Backup codes the app makes; tests may pin them. */
  readonly newBackupCode?: () => string;
}

export interface SignUpInput {
  readonly email: string;
  readonly password: string;
  readonly name: string;
  readonly age: number | null;
  readonly gender: Gender;
  readonly backupCode: string;
  readonly timeZone?: string | undefined;
}

export interface ProfilePatch {
  readonly email?: string | undefined;
  readonly name?: string | undefined;
  readonly age?: number | undefined;
  readonly gender?: Gender | undefined;
}

/** The account files' queue key: one writer of account.json at a time (shared with access-tokens.ts). */
export const ACCOUNTS_QUEUE = 'accounts';
const ACCOUNTS = ACCOUNTS_QUEUE;
const LOGIN_FAILED = 'That e-mail and password do not match a profile on this computer.';
const BACKUP_CODE_WRONG = 'That e-mail and backup code do not match a profile on this computer.';
const PASSWORD_WRONG = 'That is not the current password of this profile.';

export class AccountService {
  private decoy: Promise<KeySlot> | undefined;

  constructor(private readonly deps: AccountDeps) {}

  /** Every profile on this machine, for the picker (unreadable ones are left out). */
  async listProfiles(): Promise<ProfileSummary[]> {
    const scan = await this.deps.directory.scan();
    return scan.entries.map((entry) => ({ id: entry.profileId, email: entry.email })).sort((a, b) => a.email.localeCompare(b.email));
  }

  async signUp(input: SignUpInput): Promise<Profile> {
    const [email, password, name, age, backupCode, timeZone] = checkEach(
      () => validEmail(input.email),
      () => validPassword(input.password),
      () => validName(input.name),
      () => validAge(input.age),
      () => validBackupCode(input.backupCode),
      () => (input.timeZone === undefined || input.timeZone.trim() === '' ? 'UTC' : validTimeZone(input.timeZone)),
    );
    // Say "taken" before spending two slow derivations; checked again in the queue below.
    await this.assertEmailFree(email, null);
    const profileId = this.deps.newId();
    const dataKey = newDataKey();
    // Wrap outside the queue: it is the slow part and touches no shared state.
    const [passwordSlot, backupSlot] = await Promise.all([this.wrap(dataKey, password, profileId, 'password'), this.wrap(dataKey, backupCode, profileId, 'backupCode')]);
    return this.deps.queue.run(ACCOUNTS, async () => {
      await this.assertEmailFree(email, null);
      const account: AccountFile = { version: 2, id: profileId, email, slots: { password: passwordSlot, backupCode: backupSlot }, upgradePending: false, tokens: [] };
      const details: ProfileDetailsFile = { version: 2, name, age, gender: input.gender, createdAt: this.deps.now().toISOString() };
      const unlocked = await this.deps.directory.create(account, details, defaultSettings(timeZone), dataKey);
      return profileOf(email, unlocked);
    });
  }

  /** `newBackupCode` is set when this log-in upgraded a profile from the plaintext format. */
  async logIn(input: { readonly email: string; readonly password: string }): Promise<{ profile: Profile; newBackupCode: string | null }> {
    const email = normalizeEmail(input.email);
    const password = normalizeSecret(input.password);
    this.assertNotThrottled(email);
    const entry = await this.find(email);
    this.reserveAttempt(email);
    if (entry === null) {
      await this.spendDecoyWork(password);
      return this.refuse(email, 'LOGIN_FAILED', LOGIN_FAILED);
    }
    if (entry.kind === 'legacy') {
      if (!(await verifySecret(password, entry.legacy.data.password))) return this.refuse(email, 'LOGIN_FAILED', LOGIN_FAILED);
      this.deps.throttle.succeeded(email);
      return this.upgradeLegacy(entry, password);
    }
    const dataKey = await unwrapKey(entry.account.data.slots.password, password, entry.profileId, 'password');
    if (dataKey === null) return this.refuse(email, 'LOGIN_FAILED', LOGIN_FAILED);
    this.deps.throttle.succeeded(email);
    if (entry.account.data.upgradePending) return this.finishUpgrade(entry.account.data, dataKey);
    const unlocked = await this.deps.directory.unlock(entry.profileId, dataKey);
    return { profile: profileOf(entry.email, unlocked), newBackupCode: null };
  }

  /** Re-wrap the data key under a new password; answers the new backup code (the old one stops working). */
  async resetPassword(input: { readonly email: string; readonly backupCode: string; readonly newPassword: string }): Promise<string> {
    const newPassword = validPassword(input.newPassword, 'newPassword');
    const email = normalizeEmail(input.email);
    const backupCode = normalizeSecret(input.backupCode);
    this.assertNotThrottled(email);
    const entry = await this.find(email);
    this.reserveAttempt(email);
    if (entry === null) {
      await this.spendDecoyWork(backupCode);
      return this.refuse(email, 'BACKUP_CODE_WRONG', BACKUP_CODE_WRONG, 'backupCode');
    }
    if (entry.kind === 'legacy') {
      if (!(await verifySecret(backupCode, entry.legacy.data.backupCode))) return this.refuse(email, 'BACKUP_CODE_WRONG', BACKUP_CODE_WRONG, 'backupCode');
      this.deps.throttle.succeeded(email);
      // The skeleton's format: upgrading it under the new password is the reset.
      const upgraded = await this.upgradeLegacy(entry, newPassword);
      await this.deps.directory.lock(entry.profileId);
      return upgraded.newBackupCode ?? fail('INTERNAL', 'The upgrade made no backup code.');
    }
    const account = entry.account.data;
    const dataKey = await unwrapKey(account.slots.backupCode, backupCode, entry.profileId, 'backupCode');
    if (dataKey === null) return this.refuse(email, 'BACKUP_CODE_WRONG', BACKUP_CODE_WRONG, 'backupCode');
    this.deps.throttle.succeeded(email);
    const wasUnlocked = this.deps.directory.unlocked(entry.profileId) !== null;
    if (account.upgradePending) await this.deps.directory.encryptLegacyFiles(entry.profileId, dataKey);
    const code = this.makeBackupCode();
    const [passwordSlot, backupSlot] = await Promise.all([this.wrap(dataKey, newPassword, entry.profileId, 'password'), this.wrap(dataKey, code, entry.profileId, 'backupCode')]);
    await this.deps.queue.run(ACCOUNTS, () =>
      this.deps.directory.saveAccount({ ...this.currentAccount(entry), slots: { password: passwordSlot, backupCode: backupSlot }, upgradePending: false }),
    );
    if (!wasUnlocked) await this.deps.directory.lock(entry.profileId);
    return code;
  }

  async changePassword(profileId: string, input: { readonly currentPassword: string; readonly newPassword: string }): Promise<void> {
    const { entry, dataKey } = await this.proveOwner(profileId, input.currentPassword, 'currentPassword');
    const newPassword = validPassword(input.newPassword, 'newPassword');
    const slot = await this.wrap(dataKey, newPassword, profileId, 'password');
    await this.deps.queue.run(ACCOUNTS, async () => {
      const account = this.currentAccount(entry);
      await this.deps.directory.saveAccount({ ...account, slots: { ...account.slots, password: slot } });
    });
  }

  async updateProfile(profileId: string, patch: ProfilePatch): Promise<Profile> {
    const unlocked = this.deps.directory.requireUnlocked(profileId);
    const entry = await this.accountEntry(profileId);
    const email = patch.email === undefined ? entry.email : validEmail(patch.email);
    const current = unlocked.details.data;
    const details: ProfileDetailsFile = {
      ...current,
      name: patch.name === undefined ? current.name : validName(patch.name),
      age: patch.age === undefined ? current.age : validAge(patch.age),
      gender: patch.gender ?? current.gender,
    };
    return this.deps.queue.run(ACCOUNTS, async () => {
      if (email !== entry.email) await this.assertEmailFree(email, profileId);
      await unlocked.details.save(details);
      const account = this.currentAccount(entry);
      if (email !== account.email) await this.deps.directory.saveAccount({ ...account, email });
      return profileOf(email, unlocked);
    });
  }

  /** Remove the profile's folder and any remembered key, proven by the password. */
  async deleteProfile(profileId: string, input: { readonly password: string }): Promise<void> {
    await this.proveOwner(profileId, input.password, 'password');
    await this.deps.queue.run(ACCOUNTS, async () => {
      await this.deps.keychain?.forget(profileId);
      await this.deps.directory.remove(profileId);
    });
  }

  /**
   * The profile of the caller: the person's while they have it unlocked; a token's (proven
   * by the access guard, which holds the key for it) whoever else is logged in.
   */
  async currentProfile(profileId: string | null, viaToken = false): Promise<Profile | null> {
    if (profileId === null) return null;
    const unlocked = viaToken ? this.deps.directory.requireUnlocked(profileId) : this.deps.directory.unlocked(profileId);
    const entry = await this.deps.directory.entry(profileId);
    return unlocked === null || entry === null ? null : profileOf(entry.email, unlocked);
  }

  /** Forget the data key (log-out and lock). */
  lock(profileId: string): Promise<void> {
    return this.deps.directory.lock(profileId);
  }

  /**
   * Open a profile with the key the keychain remembered ("stay unlocked"), for the desktop
   * shell's start; null when no key is remembered or it no longer opens the profile.
   */
  async unlockRemembered(profileId: string): Promise<Profile | null> {
    const keychain = this.deps.keychain;
    if (keychain === null || !(await keychain.availability()).available) return null;
    const entry = await this.deps.directory.entry(profileId);
    const dataKey = await keychain.load(profileId);
    if (entry?.kind !== 'account' || dataKey === null) return null;
    try {
      return profileOf(entry.email, await this.deps.directory.unlock(profileId, dataKey));
    } catch {
      // A stale key (the profile was deleted and re-created) must not lock the person out.
      return null;
    }
  }

  private async upgradeLegacy(entry: Extract<ProfileEntry, { kind: 'legacy' }>, password: string): Promise<{ profile: Profile; newBackupCode: string | null }> {
    return this.deps.queue.run(ACCOUNTS, async () => {
      // Two log-ins raced: the first one upgraded the profile; this one opens it normally.
      const latest = await this.deps.directory.entry(entry.profileId);
      if (latest?.kind === 'account') {
        const key = await unwrapKey(latest.account.data.slots.password, password, entry.profileId, 'password');
        if (key === null) return fail('LOGIN_FAILED', LOGIN_FAILED);
        return { profile: profileOf(latest.email, await this.deps.directory.unlock(entry.profileId, key)), newBackupCode: null };
      }
      const dataKey = newDataKey();
      // The backup slot is re-made when the upgrade finishes (with the code the person is shown).
      const [passwordSlot, placeholder] = await Promise.all([
        this.wrap(dataKey, password, entry.profileId, 'password'),
        this.wrap(dataKey, newBackupCode(), entry.profileId, 'backupCode'),
      ]);
      const account: AccountFile = { version: 2, id: entry.profileId, email: entry.email, slots: { password: passwordSlot, backupCode: placeholder }, upgradePending: true, tokens: [] };
      // From here on the profile is an account whose upgrade is pending: a crash resumes it.
      await this.deps.directory.saveAccount(account);
      return this.finishUpgradeLocked(account, dataKey);
    });
  }

  private finishUpgrade(account: AccountFile, dataKey: Buffer): Promise<{ profile: Profile; newBackupCode: string | null }> {
    return this.deps.queue.run(ACCOUNTS, () => this.finishUpgradeLocked(account, dataKey));
  }

  /** Encrypt what is left, then make the backup code the person will be shown, once. */
  private async finishUpgradeLocked(account: AccountFile, dataKey: Buffer): Promise<{ profile: Profile; newBackupCode: string }> {
    await this.deps.directory.encryptLegacyFiles(account.id, dataKey);
    const unlocked = await this.deps.directory.unlock(account.id, dataKey);
    const code = this.makeBackupCode();
    const backupSlot = await this.wrap(dataKey, code, account.id, 'backupCode');
    await this.deps.directory.saveAccount({ ...account, slots: { ...account.slots, backupCode: backupSlot }, upgradePending: false });
    return { profile: profileOf(account.email, unlocked), newBackupCode: code };
  }

  /** The session's profile and its key, if `password` is its password (PASSWORD_WRONG otherwise). */
  private async proveOwner(profileId: string, password: string, field: string): Promise<{ entry: Extract<ProfileEntry, { kind: 'account' }>; dataKey: Buffer }> {
    this.deps.directory.requireUnlocked(profileId);
    const entry = await this.accountEntry(profileId);
    this.reserveAttempt(entry.email);
    const dataKey = await unwrapKey(this.currentAccount(entry).slots.password, normalizeSecret(password), profileId, 'password');
    if (dataKey === null) return this.refuse(entry.email, 'PASSWORD_WRONG', PASSWORD_WRONG, field);
    this.deps.throttle.succeeded(entry.email);
    return { entry, dataKey };
  }

  private async accountEntry(profileId: string): Promise<Extract<ProfileEntry, { kind: 'account' }>> {
    const entry = await this.deps.directory.entry(profileId);
    if (entry?.kind !== 'account') return fail('NOT_LOGGED_IN', 'Your profile is no longer on this computer; please log in again.');
    return entry;
  }

  /** The account file as last saved (entries are replaced on save; re-read the directory's). */
  private currentAccount(entry: Extract<ProfileEntry, { kind: 'account' }>): AccountFile {
    return entry.account.data;
  }

  /** Refuses while the e-mail must wait, before the profiles are read: a refusal costs nothing. */
  private assertNotThrottled(email: string): void {
    const verdict = this.deps.throttle.check(email);
    if (!verdict.allowed) fail('TOO_MANY_ATTEMPTS', tooManyAttemptsMessage(verdict.waitSeconds));
  }

  /**
   * Counts the attempt before its secret is derived, in the same synchronous step as the
   * check, so attempts already under way are seen by the next one; past the allowance the
   * attempt is refused without a derivation.
   */
  private reserveAttempt(email: string): void {
    const verdict = this.deps.throttle.reserve(email);
    if (!verdict.allowed) fail('TOO_MANY_ATTEMPTS', tooManyAttemptsMessage(verdict.waitSeconds));
  }

  private refuse(email: string, code: 'LOGIN_FAILED' | 'BACKUP_CODE_WRONG' | 'PASSWORD_WRONG', message: string, field?: string): never {
    this.deps.throttle.failed(email);
    return fail(code, message, field);
  }

  private async assertEmailFree(email: string, except: string | null): Promise<void> {
    const scan = await this.deps.directory.scan();
    // An unreadable profile might hold this address; refuse rather than risk a duplicate.
    if (scan.damaged[0]) throw scan.damaged[0];
    if (scan.entries.some((entry) => entry.email === email && entry.profileId !== except)) {
      fail('EMAIL_TAKEN', 'A profile with that e-mail already exists on this computer.', 'email');
    }
  }

  private async find(email: string): Promise<ProfileEntry | null> {
    const scan = await this.deps.directory.scan();
    const found = scan.entries.find((entry) => entry.email === email);
    if (found) return found;
    // The person's own profile may be the unreadable one: say so instead of "wrong password".
    if (scan.damaged[0]) throw scan.damaged[0];
    return null;
  }

  private wrap(dataKey: Buffer, secret: string, profileId: string, slot: SlotName): Promise<KeySlot> {
    return wrapKey(dataKey, secret, this.deps.scrypt, profileId, slot);
  }

  private makeBackupCode(): string {
    return (this.deps.newBackupCode ?? newBackupCode)();
  }

  /** One scrypt against a decoy slot, so an unknown e-mail costs what a wrong secret does. */
  private async spendDecoyWork(secret: string): Promise<void> {
    this.decoy ??= wrapKey(newDataKey(), 'decoy secret', this.deps.scrypt, 'decoy', 'password');
    await unwrapKey(await this.decoy, secret, 'decoy', 'password');
  }
}

export function profileOf(email: string, unlocked: UnlockedProfile): Profile {
  const { name, age, gender, createdAt } = unlocked.details.data;
  return { id: unlocked.profileId, email, name, age, gender, createdAt };
}
