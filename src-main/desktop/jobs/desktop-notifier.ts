/**
 * The desktop's notifier port: a nudge as an Electron `Notification`. Its buttons ("Snooze 1
 * hour", "Done for today") are shown where Electron has notification actions — Windows, and
 * macOS once the app is signed and its notifications are alerts — and left off on Linux,
 * where a click (which opens the tracker) is the one thing the person can do.
 *
 * What the person does is handed to the handler main.ts sets once the windows and the
 * session exist (nudge-answers.ts). A notification is kept referenced until it is answered
 * or closed, or its events would be lost with it; a newer nudge for the same profile replaces
 * the older, which no longer says what is missing.
 */
import { Notification, type NotificationConstructorOptions } from 'electron';
import { NUDGE_ACTION_LABELS, parseNudge, type Notifier, type Nudge, type NudgeAction, type NudgeDelivery, type NudgeResponse } from '../../core/services/notifier';

/** Where Electron shows a notification's buttons. */
const PLATFORMS_WITH_ACTIONS: ReadonlySet<NodeJS.Platform> = new Set(['darwin', 'win32']);

/** How long the system has to say it showed (or refused) a notification. */
export const SHOW_CONFIRM_MS = 10_000;

export const NOT_SUPPORTED = 'This computer does not show notifications (no notification service is running).';
export const NOT_CONFIRMED = 'The system did not confirm that it showed the notification.';

export type NudgeHandler = (nudge: Nudge, response: NudgeResponse) => void;

export interface DesktopNotifier extends Notifier {
  /** Who acts on what the person does with a nudge; before it is set, a click opens nothing. */
  answerWith(handler: NudgeHandler): void;
}

export interface DesktopNotifierOptions {
  readonly platform?: NodeJS.Platform;
  readonly confirmMs?: number;
}

const RESPONSE_OF: Readonly<Record<NudgeAction, NudgeResponse>> = { snooze: 'snoozed', 'done-for-today': 'done-for-today' };

/** The notification's options: the buttons only where the platform shows them. */
export function notificationOptions(nudge: Nudge, platform: NodeJS.Platform): { options: NotificationConstructorOptions; actions: readonly NudgeAction[] } {
  const actions = PLATFORMS_WITH_ACTIONS.has(platform) ? nudge.actions : [];
  const options: NotificationConstructorOptions = { title: nudge.title, body: nudge.body };
  if (actions.length > 0) options.actions = actions.map((action) => ({ type: 'button', text: NUDGE_ACTION_LABELS[action] }));
  return { options, actions };
}

export function createDesktopNotifier(options: DesktopNotifierOptions = {}): DesktopNotifier {
  const platform = options.platform ?? process.platform;
  const confirmMs = options.confirmMs ?? SHOW_CONFIRM_MS;
  let handler: NudgeHandler = () => undefined;
  /** The notification shown for each profile and not yet answered or closed. */
  const live = new Map<string, Notification>();

  const forget = (profileId: string, notification: Notification): void => {
    if (live.get(profileId) === notification) live.delete(profileId);
  };

  function show(nudge: Nudge): Promise<NudgeDelivery> {
    const { options: shown, actions } = notificationOptions(nudge, platform);
    const notification = new Notification(shown);
    const answer = (response: NudgeResponse): void => {
      forget(nudge.profileId, notification);
      handler(nudge, response);
    };
    notification.on('click', () => answer('clicked'));
    notification.on('action', (details) => {
      const action = actions[details.actionIndex];
      if (action !== undefined) answer(RESPONSE_OF[action]);
    });
    notification.on('close', () => forget(nudge.profileId, notification));
    live.get(nudge.profileId)?.close();
    live.set(nudge.profileId, notification);

    return new Promise((resolve) => {
      const settle = (delivery: NudgeDelivery): void => {
        clearTimeout(timer);
        if (!delivery.shown) forget(nudge.profileId, notification);
        resolve(delivery);
      };
      const timer = setTimeout(() => settle({ shown: false, reason: NOT_CONFIRMED }), confirmMs);
      notification.once('show', () => settle({ shown: true }));
      notification.once('failed', (_event, error) => settle({ shown: false, reason: `The system refused the notification: ${error}` }));
      notification.show();
    });
  }

  return {
    answerWith(next) {
      handler = next;
    },
    async notify(value) {
      const nudge = parseNudge(value);
      if (!Notification.isSupported()) return { shown: false, reason: NOT_SUPPORTED };
      return show(nudge);
    },
  };
}
