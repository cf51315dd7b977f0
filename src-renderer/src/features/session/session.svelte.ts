/** Who is logged in, shared by the whole app. */
import type { Api, Profile, Result } from '../../../../src-preload/contract';
import { API_METHODS } from '../../../../src-preload/operations';

export class Session {
  /** Undefined until the first answer of `currentProfile`, then the profile or null. */
  profile = $state.raw<Profile | null | undefined>(undefined);
  /** Why the person is looking at the log-in screen unasked (startup failed, session ended). */
  problem = $state<string | null>(null);
  /** The shell's api, watched: an answer saying the session is gone returns to log-in. */
  readonly api: Api;

  constructor(api: Api) {
    // The server keeps sessions in memory, so a restart ends them; without this the
    // dashboard would stay up and every action would fail with "not logged in".
    this.api = Object.fromEntries(
      API_METHODS.map((method) => [
        method,
        async (input: never) => {
          const result: Result<unknown> = await (api[method] as (input: never) => Promise<Result<unknown>>)(input);
          if (!result.ok && result.error.code === 'NOT_LOGGED_IN' && this.profile) {
            this.profile = null;
            this.problem = result.error.message;
          }
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
      this.profile = result.value.profile;
      this.problem = null;
    } else {
      this.profile = null;
      this.problem = result.error.message;
    }
  }

  opened(profile: Profile): void {
    this.profile = profile;
    this.problem = null;
  }

  async logOut(): Promise<void> {
    await this.api.logOut({});
    this.profile = null;
  }
}
