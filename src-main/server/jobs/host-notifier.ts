/**
 * Browser mode's notifier port: a nudge shown on the computer the server runs on, through
 * node-notifier (notify-send on Linux, Notification Center on macOS, toasts on Windows).
 * It never throws and never hangs the core: a system without a notification service (no
 * notify-send, no D-Bus session, a server without a desktop) answers "not shown" with the
 * reason, which the job runner records. These notifications carry no buttons and a click
 * does nothing: node-notifier cannot report buttons from notify-send, and the host cannot
 * open the person's browser tab. (Titles and bodies reach notify-send through a shell
 * command node-notifier quotes; control characters are taken out here first.)
 *
 * The page's part, to build with the Activity view: while the page is open and the person
 * allowed notifications (asked from a click in Settings, as browsers require), it reads the
 * Activity list each minute and shows a browser `Notification` for each new nudge run of
 * today that the host could not show (the runner records the delivery with the run), so a
 * person at this computer is not nudged twice and one on another device (a server started
 * with --host) still is. A click focuses the page at the nudge's tracker (its run key names
 * it) or the dashboard. No new operation is needed for it.
 */
import nodeNotifier from 'node-notifier';
import { parseNudge, type Notifier, type NudgeDelivery } from '../../core/services/notifier';

/** How long the system's notifier has to answer before the nudge counts as not shown. */
export const NOTIFY_TIMEOUT_MS = 10_000;

/** The part of node-notifier used here, so tests can stand in for the system. */
export interface SystemNotifier {
  notify(notification: { title: string; message: string; wait: boolean }, callback: (error: Error | null, response: unknown) => void): unknown;
}

export interface HostNotifierOptions {
  readonly system?: SystemNotifier;
  readonly timeoutMs?: number;
}

// C0 and C1 control characters, newlines included (a notification is one title and one line or two).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]+/g;
const plain = (text: string): string => text.replace(CONTROL, ' ').trim();

const notShown = (why: string): NudgeDelivery => ({ shown: false, reason: `The nudge was not shown on this computer: ${why}` });

/** A person's words for what the system said. */
function explain(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // node-notifier's words on Linux without it: "not found: notify-send", then "notify-send must be installed…".
  if (/not found: notify-send|notify-send must be installed/.test(message)) return 'no notification service was found (notify-send is not installed).';
  return message.endsWith('.') ? message : `${message}.`;
}

export function createHostNotifier(options: HostNotifierOptions = {}): Notifier {
  const system = options.system ?? nodeNotifier;
  const timeoutMs = options.timeoutMs ?? NOTIFY_TIMEOUT_MS;
  return {
    async notify(value) {
      const nudge = parseNudge(value);
      const title = plain(nudge.title);
      // node-notifier refuses an empty message: a nudge without a body says its title there.
      const message = plain(nudge.body) || title;
      return new Promise<NudgeDelivery>((resolve) => {
        let settled = false;
        const settle = (delivery: NudgeDelivery): void => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve(delivery);
        };
        const timer = setTimeout(() => settle(notShown(`the system did not answer within ${Math.round(timeoutMs / 1000)} s.`)), timeoutMs);
        try {
          // `wait: false`: the answer comes once the system took the notification, not once the person closed it.
          system.notify({ title, message, wait: false }, (error) => settle(error instanceof Error ? notShown(explain(error)) : { shown: true }));
        } catch (error) {
          settle(notShown(explain(error)));
        }
      });
    },
  };
}
