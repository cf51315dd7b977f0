/** Who is logged in, shared by the whole app. */
import type { Api, Profile, Result, Settings } from '../../../../src-preload/contract';
import { API_METHODS } from '../../../../src-preload/operations';

/** Answers that mean the session is gone: the server restarted, or the app locked it. */
/** Answers after which the session is over: CORE_RESTARTED's new core has every profile locked. */
const SESSION_GONE: ReadonlySet<string> = new Set(['NOT_LOGGED_IN', 'SESSION_LOCKED', 'CORE_RESTARTED']);

export class Session {
  /** Undefined until the first answer of `currentProfile`, then the profile or null. */
  profile = $state.raw<Profile | null | undefined>(undefined);
  /** Why the person is looking at the log-in screen unasked (startup failed, session ended). */
  problem = $state<string | null>(null);
  /** A calm word for the log-in screen (e.g. "Locked"), not an error. */
  notice = $state<string | null>(null);
  /** The e-mail whose password prompt to show after a lock, so the picker comes preselected. */
  lockedEmail = $state<string | null>(null);
  /** Minutes without activity before the app locks itself; 0 = never. */
  autoLockMinutes = $state(0);
  /** The shell's api, watched: an answer saying the session is gone returns to log-in. */
  readonly api: Api;

  constructor(api: Api) {
    // Sessions end without the renderer asking: a server restart forgets them, and the
    // app locks them. Without this the pages would stay up and every action would fail.
    this.api = Object.fromEntries(
      API_METHODS.map((method) => [
        method,
        async (input: never) => {
          const result: Result<unknown> = await (api[method] as (input: never) => Promise<Result<unknown>>)(input);
          if (!result.ok && SESSION_GONE.has(result.error.code) && this.profile) this.ended(result.error.message);
          return result;
        },
      ]),
    ) as Api;
  }

  /** Ask the shell whether a session is already open (e.g. after a page reload). */
  async start(): Promise<void> {
    const result = await this.api.currentProfile({}).catch(
      (cause: unknown) => ({ ok: false, error: { code: 'INTERNAL', message: String(cause) } }) as const,
    );
    if (result.ok) {
      this.problem = null;
      if (result.value.profile) this.opened(result.value.profile);
      else this.profile = null;
    } else {
      this.profile = null;
      this.problem = result.error.message;
    }
  }

  opened(profile: Profile): void {
    this.profile = profile;
    this.problem = null;
    this.notice = null;
    this.lockedEmail = null;
    void this.loadSettings();
  }

  /** The auto-lock delay lives in the profile's settings, readable only once it is open. */
  private async loadSettings(): Promise<void> {
    const result = await this.api.getSettings({});
    if (result.ok) this.autoLockMinutes = result.value.settings.autoLockMinutes;
  }

  settingsChanged(settings: Settings): void {
    this.autoLockMinutes = settings.autoLockMinutes;
  }

  profileChanged(profile: Profile): void {
    this.profile = profile;
  }

  async logOut(): Promise<void> {
    await this.api.logOut({});
    this.closed();
  }

  /**
   * Lock now and return to this profile's password prompt. The screen is cleared whatever
   * the shell answers: someone walking away expects the data hidden, not an error.
   */
  async lock(notice = 'Locked. Type your password to continue.'): Promise<void> {
    const email = this.profile?.email ?? null;
    await this.api.lock({}).catch(() => undefined);
    this.closed();
    this.lockedEmail = email;
    this.notice = notice;
  }

  /** The shell locked the session by itself (desktop auto-lock, tray): same as a lock, no call. */
  lockedByShell(notice = 'Locked. Type your password to continue.'): void {
    if (!this.profile) return;
    const email = this.profile.email;
    this.closed();
    this.lockedEmail = email;
    this.notice = notice;
  }

  /** The profile was deleted: back to the picker, which no longer lists it. */
  deleted(): void {
    this.closed();
    this.notice = 'Your profile and all its data were deleted.';
  }

  private ended(message: string): void {
    const email = this.profile?.email ?? null;
    this.closed();
    this.lockedEmail = email;
    this.problem = message;
  }

  private closed(): void {
    this.profile = null;
    this.problem = null;
    this.notice = null;
    this.lockedEmail = null;
    this.autoLockMinutes = 0;
  }
}
