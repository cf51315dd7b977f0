/**
 * A profile's settings (auto-lock, time zone, nudges, the monthly report), its mail
 * settings, and "stay unlocked on this computer". The settings file is encrypted like the
 * rest of the profile, so reading it needs the profile unlocked; `timeZoneOf` is the
 * accessor other services use to count days and streaks, `mailOf` the one the mail job
 * reads the SMTP password through (no operation ever answers it).
 */
import type { MailSettingsInput, MailSettingsView, Settings, StayUnlocked } from '../../../src-preload/contract';
import { fail } from '../errors';
import { mailSettingsToKeep, mailView } from '../mail/mail-settings-view';
import type { MailSettings } from '../mail/mail-settings';
import { DEFAULT_AUTO_LOCK_MINUTES, type SettingsFile } from '../store/account-formats';
import type { KeyedQueue } from '../store/keyed-queue';
import type { ProfileDirectory } from '../store/profile-directory';
import { NO_KEYCHAIN, type Keychain } from './keychain';
import { validTimeZone } from './time-zones';

export interface SettingsDeps {
  readonly directory: ProfileDirectory;
  readonly queue: KeyedQueue;
  readonly keychain: Keychain | null;
}

const MAX_AUTO_LOCK_MINUTES = 24 * 60;

/** The settings an operation answers: the file without its version and mail settings. */
const publicSettings = ({ autoLockMinutes, timeZone, nudges, reports }: SettingsFile): Settings => ({ autoLockMinutes, timeZone, nudges, reports });

export class SettingsService {
  constructor(private readonly deps: SettingsDeps) {}

  get(profileId: string): Settings {
    return publicSettings(this.deps.directory.requireUnlocked(profileId).settings.data);
  }

  /**
   * Change the settings `patch` names. A group (`nudges`, `reports`) is replaced whole: the
   * contract requires every field of a group given, so "turn nudges off" cannot leave a
   * half-old group behind, and a group left out is kept as it is.
   */
  async update(profileId: string, patch: Partial<Settings>): Promise<Settings> {
    const settings = this.deps.directory.requireUnlocked(profileId).settings;
    const timeZone = patch.timeZone === undefined ? undefined : validTimeZone(patch.timeZone);
    const autoLockMinutes = patch.autoLockMinutes;
    if (autoLockMinutes !== undefined && (!Number.isInteger(autoLockMinutes) || autoLockMinutes < 0 || autoLockMinutes > MAX_AUTO_LOCK_MINUTES)) {
      fail('INVALID_INPUT', `Auto-lock takes whole minutes from 0 (never) to ${MAX_AUTO_LOCK_MINUTES}.`, 'autoLockMinutes');
    }
    return this.deps.queue.run(`settings:${profileId}`, async () => {
      const next: SettingsFile = {
        ...settings.data,
        ...(timeZone === undefined ? {} : { timeZone }),
        ...(autoLockMinutes === undefined ? {} : { autoLockMinutes }),
        ...(patch.nudges === undefined ? {} : { nudges: { ...patch.nudges } }),
        ...(patch.reports === undefined ? {} : { reports: { ...patch.reports } }),
      };
      await settings.save(next);
      return publicSettings(next);
    });
  }

  /** The SMTP settings as the person may see them (never the password), or null when none are set. */
  mail(profileId: string): MailSettingsView | null {
    return mailView(this.deps.directory.requireUnlocked(profileId).settings.data.mail);
  }

  /** Keep new SMTP settings (checked first: every wrong field is named, nothing saved), or remove them with null. */
  async updateMail(profileId: string, input: MailSettingsInput | null): Promise<MailSettingsView | null> {
    const settings = this.deps.directory.requireUnlocked(profileId).settings;
    return this.deps.queue.run(`settings:${profileId}`, async () => {
      // Checked in the turn: an omitted password keeps the one saved by a change just before.
      const mail = input === null ? null : mailSettingsToKeep(input, settings.data.mail);
      await settings.save({ ...settings.data, mail });
      return mailView(mail);
    });
  }

  /** The SMTP settings with their password, for the mail job only; null when none are set. */
  mailOf(profileId: string): MailSettings | null {
    return this.deps.directory.requireUnlocked(profileId).settings.data.mail;
  }

  /** The IANA time zone in which the profile's days, streaks and targets are counted. */
  timeZoneOf(profileId: string): string {
    return this.deps.directory.requireUnlocked(profileId).settings.data.timeZone;
  }

  /** The profile's auto-lock minutes, or null when it is locked (the shells' idle check). */
  autoLockMinutesOf(profileId: string): number | null {
    const unlocked = this.deps.directory.unlocked(profileId);
    return unlocked === null ? null : (unlocked.settings.data.autoLockMinutes ?? DEFAULT_AUTO_LOCK_MINUTES);
  }

  async stayUnlocked(profileId: string): Promise<StayUnlocked> {
    const keychain = this.deps.keychain;
    const availability = (await keychain?.availability()) ?? NO_KEYCHAIN;
    const enabled = availability.available && keychain !== null && (await keychain.load(profileId)) !== null;
    return { available: availability.available, reason: availability.reason, enabled };
  }

  /** Keep (or forget) the data key in the OS keychain; STAY_UNLOCKED_UNAVAILABLE where there is none. */
  async setStayUnlocked(profileId: string, enabled: boolean): Promise<StayUnlocked> {
    const unlocked = this.deps.directory.requireUnlocked(profileId);
    const keychain = this.deps.keychain;
    const availability = (await keychain?.availability()) ?? NO_KEYCHAIN;
    if (keychain === null || !availability.available) {
      if (!enabled) {
        await keychain?.forget(profileId);
        return { available: false, reason: availability.reason, enabled: false };
      }
      return fail('STAY_UNLOCKED_UNAVAILABLE', availability.reason ?? NO_KEYCHAIN.reason ?? 'Not available here.');
    }
    if (enabled) await keychain.save(profileId, unlocked.dataKey);
    else await keychain.forget(profileId);
    return this.stayUnlocked(profileId);
  }
}
