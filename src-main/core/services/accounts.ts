/**
 * Sign-up, log-in and password reset. Log-in and reset answer an unknown e-mail exactly as
 * they answer a wrong secret, and spend the same hashing time on it, so they do not reveal
 * which addresses have profiles.
 */
import type { Gender, Profile } from '../../../src-preload/contract';
import { fail } from '../errors';
import { normalizeEmail, normalizeSecret, validAge, validBackupCode, validEmail, validName, validPassword } from '../domain/profile-rules';
import type { KeyedQueue } from '../store/keyed-queue';
import type { ProfileFile, SecretHash } from '../store/formats';
import type { JsonDocument } from '../store/json-document';
import type { ProfileDirectory } from '../store/profile-directory';
import { hashSecret, verifySecret, type ScryptParams } from './secrets';

export interface AccountDeps {
  readonly directory: ProfileDirectory;
  /** Serializes account writes so two sign-ups cannot both claim one e-mail. */
  readonly queue: KeyedQueue;
  readonly scrypt: ScryptParams;
  readonly now: () => Date;
  readonly newId: () => string;
}

export interface SignUpInput {
  readonly email: string;
  readonly password: string;
  readonly name: string;
  readonly age: number;
  readonly gender: Gender;
  readonly backupCode: string;
}

const ACCOUNTS = 'accounts';
const LOGIN_FAILED = 'That e-mail and password do not match a profile on this computer.';
const BACKUP_CODE_WRONG = 'That e-mail and backup code do not match a profile on this computer.';

export class AccountService {
  private decoy: Promise<SecretHash> | undefined;

  constructor(private readonly deps: AccountDeps) {}

  async signUp(input: SignUpInput): Promise<Profile> {
    const email = validEmail(input.email);
    const password = validPassword(input.password);
    const name = validName(input.name);
    const age = validAge(input.age);
    const backupCode = validBackupCode(input.backupCode);
    // Say "taken" before spending two slow hashes; checked again in the queue below.
    await this.assertEmailFree(email);
    // Hash outside the queue: it is the slow part and touches no shared state.
    const [passwordHash, backupCodeHash] = await Promise.all([hashSecret(password, this.deps.scrypt), hashSecret(backupCode, this.deps.scrypt)]);
    return this.deps.queue.run(ACCOUNTS, async () => {
      await this.assertEmailFree(email);
      const profile: Profile = { id: this.deps.newId(), email, name, age, gender: input.gender, createdAt: this.deps.now().toISOString() };
      await this.deps.directory.create({ version: 1, profile, password: passwordHash, backupCode: backupCodeHash });
      return profile;
    });
  }

  async logIn(input: { readonly email: string; readonly password: string }): Promise<Profile> {
    const document = await this.find(input.email);
    const matches = await this.verify(input.password, document?.data.password);
    if (document === null || !matches) return fail('LOGIN_FAILED', LOGIN_FAILED);
    return document.data.profile;
  }

  async resetPassword(input: { readonly email: string; readonly backupCode: string; readonly newPassword: string }): Promise<void> {
    const newPassword = validPassword(input.newPassword, 'newPassword');
    const document = await this.find(input.email);
    const matches = await this.verify(input.backupCode, document?.data.backupCode);
    if (document === null || !matches) return fail('BACKUP_CODE_WRONG', BACKUP_CODE_WRONG, 'backupCode');
    const password = await hashSecret(newPassword, this.deps.scrypt);
    await this.deps.queue.run(ACCOUNTS, () => document.save({ ...document.data, password }));
  }

  async currentProfile(profileId: string | null): Promise<Profile | null> {
    if (profileId === null) return null;
    const document = await this.deps.directory.profile(profileId);
    return document?.data.profile ?? null;
  }

  private async assertEmailFree(email: string): Promise<void> {
    const scan = await this.deps.directory.scan();
    // An unreadable profile might hold this address; refuse rather than risk a duplicate.
    if (scan.damaged[0]) throw scan.damaged[0];
    if (scan.profiles.some((document) => document.data.profile.email === email)) {
      fail('EMAIL_TAKEN', 'A profile with that e-mail already exists on this computer.', 'email');
    }
  }

  private async find(email: string): Promise<JsonDocument<ProfileFile> | null> {
    const wanted = normalizeEmail(email);
    const scan = await this.deps.directory.scan();
    const found = scan.profiles.find((document) => document.data.profile.email === wanted);
    if (found) return found;
    // The person's own profile may be the unreadable one: say so instead of "wrong password".
    if (scan.damaged[0]) throw scan.damaged[0];
    return null;
  }

  /** Always runs one scrypt, against a decoy hash when there is no profile. */
  private async verify(secret: string, stored: SecretHash | undefined): Promise<boolean> {
    const hash = stored ?? (await this.decoyHash());
    const matches = await verifySecret(normalizeSecret(secret), hash);
    return stored !== undefined && matches;
  }

  private decoyHash(): Promise<SecretHash> {
    this.decoy ??= hashSecret('decoy', this.deps.scrypt);
    return this.decoy;
  }
}
