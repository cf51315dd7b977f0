/**
 * Between the mail settings a person sends (`updateMailSettings`) and the ones the profile
 * keeps: the write-only password, the checks of mail-settings.ts under the input's field
 * names, and the view that never carries the password.
 */
import type { MailSettingsInput, MailSettingsView } from '../../../src-preload/contract';
import { AppFailure } from '../errors';
import { checkMailSettings, type MailSettings } from './mail-settings';

/** A failure about `port` as the operation's input names it: `mail.port`. */
function underMail(failure: AppFailure): AppFailure {
  const field = (name: string) => `mail.${name}`;
  return new AppFailure(
    failure.code,
    failure.message,
    failure.field === undefined ? undefined : field(failure.field),
    failure.issues.map((issue) => ({ ...issue, field: field(issue.field) })),
  );
}

/**
 * The settings to keep for `input`, checked whole (MAIL_SETTINGS_INVALID naming every wrong
 * field, `mail.<field>`). The password is write-only: omitted, the one in `kept` stays;
 * empty, there is none; else it is kept exactly as typed.
 */
export function mailSettingsToKeep(input: MailSettingsInput, kept: MailSettings | null): MailSettings {
  const password = input.password ?? kept?.password ?? '';
  try {
    return checkMailSettings({ host: input.host, port: input.port, tls: input.tls, user: input.user, password, from: input.from, to: input.to });
  } catch (error) {
    throw error instanceof AppFailure ? underMail(error) : error;
  }
}

/** What the person is shown of the kept settings: everything but the password. */
export function mailView(mail: MailSettings | null): MailSettingsView | null {
  if (mail === null) return null;
  const { password, ...shown } = mail;
  return { ...shown, hasPassword: password !== '' };
}
