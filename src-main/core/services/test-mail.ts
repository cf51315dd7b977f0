/**
 * The settings screen's "Send test mail": the saved SMTP settings, password included, are
 * read here in the core and go no further than nodemailer. Nothing is saved or recorded:
 * the person sees the answer at once, and a test is not a job Activity has to account for.
 */
import { AppFailure, fail } from '../errors';
import { testMail } from '../mail/mail-messages';
import { sendMail, type SendMailOptions } from '../mail/send-mail';
import type { SettingsService } from './settings';

export interface TestMailDeps {
  readonly settings: SettingsService;
  /** Timeouts and extra trusted certificates; production defaults when empty. */
  readonly mail: SendMailOptions;
}

export class TestMailService {
  constructor(private readonly deps: TestMailDeps) {}

  /**
   * Sends the test mail to the saved `to` address and answers its message id and that
   * address. MAIL_NOT_SET_UP without saved settings; a failed send throws its MAIL_* code
   * and message (the retry rule `permanent` stays behind: nothing retries a test).
   */
  async send(profileId: string): Promise<{ messageId: string; to: string }> {
    const settings = this.deps.settings.mailOf(profileId);
    if (settings === null) return fail('MAIL_NOT_SET_UP', 'Save your mail settings first: the test mail is sent through them.');
    // Nothing retries a test: its failures ask the person to try again rather than promise it.
    const result = await sendMail(settings, testMail(settings), { ...this.deps.mail, retried: false });
    if (!result.ok) throw new AppFailure(result.error.code, result.error.message);
    return { messageId: result.messageId, to: settings.to };
  }
}
