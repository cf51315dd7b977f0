/** Who is logged in, shared by the whole app. */
import type { Api, Profile } from '../../../../src-preload/contract';

export class Session {
  /** Undefined until the first answer of `currentProfile`, then the profile or null. */
  profile = $state.raw<Profile | null | undefined>(undefined);
  /** Why the startup check failed, when it did. */
  startError = $state<string | null>(null);

  constructor(readonly api: Api) {}

  /** Ask the shell whether a session is already open (e.g. after a page reload). */
  async start(): Promise<void> {
    const result = await this.api.currentProfile({}).catch(
      (cause: unknown) => ({ ok: false, error: { code: 'INTERNAL', message: String(cause) } }) as const,
    );
    if (result.ok) {
      this.profile = result.value.profile;
      this.startError = null;
    } else {
      this.profile = null;
      this.startError = result.error.message;
    }
  }

  opened(profile: Profile): void {
    this.profile = profile;
    this.startError = null;
  }

  async logOut(): Promise<void> {
    await this.api.logOut({});
    this.profile = null;
  }
}
