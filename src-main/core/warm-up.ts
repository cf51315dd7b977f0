/**
 * A profile's dashboard read once as soon as it opens, before the page asks for it: the
 * files the dashboard needs (trackers, summaries, the current shards, timers) are decrypted
 * and parsed, and the code that reads them compiled, while the window loads its page — so
 * the first dashboard after a start answers from memory. Nothing is returned or reported:
 * when the page asks, the same reads run again and report what they find.
 */
import type { Handlers } from './dispatch';

/** The handlers, with `warm(profileId)` called after every successful log-in. */
export function warmingAfterLogIn(handlers: Handlers, warm: (profileId: string) => void): Handlers {
  return {
    ...handlers,
    logIn: async (input, ctx) => {
      const output = await handlers.logIn(input, ctx);
      warm(output.profile.id);
      return output;
    },
  };
}
