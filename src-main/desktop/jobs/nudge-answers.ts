/**
 * What the desktop does when the person answers a nudge (host/channel.ts, "Nudges and the
 * way back"): a click opens the quick-log window for the one tracker, else the dashboard;
 * "Snooze 1 hour" hands the snooze to the core's job runner; "Done for today" answers "yes"
 * for the nudge's yes/no trackers with the same writes as the tray, through the same client
 * and session, so the windows and the tray read again. Where that cannot be done here (the
 * profile is locked, another is open, a write was refused), the app opens instead, so the
 * person can do it there. Nothing here throws into Electron: failures go to `onError`.
 */
import type { Method, Result } from '../../../src-preload/contract';
import type { Session } from '../../core/dispatch';
import { SNOOZE_MS, type Nudge, type NudgeResponse } from '../../core/services/notifier';
import { call, type CoreClient } from '../../host/core-client';
import type { DesktopSession } from '../session-lock';
import { dayAnswerYes } from '../tray/tray-menu';
import type { NudgeHandler } from './desktop-notifier';

export interface NudgeAnswerOptions {
  readonly client: CoreClient;
  /** The desktop's one session (`registerIpcHandlers` returns it). */
  readonly session: DesktopSession;
  /** Open the quick-log window for a tracker (tray-surfaces' `quickLog.open`). */
  readonly openQuickLog: (trackerId: string) => void;
  /** Show the main window, on the dashboard. */
  readonly openMainWindow: () => void;
  /** Hand a snooze to the core (`CoreHost.snoozeNudge`). */
  readonly snooze: (profileId: string, trackerIds: readonly string[], until: number) => Promise<void>;
  /** A write was answered: the tray and the other windows follow (tray-surfaces' `afterCall`). */
  readonly afterWrite: (method: Method, result: Result<unknown>) => void;
  /** The session ended during a write: tell the page (`session-locked`). */
  readonly onSessionLocked?: () => void;
  readonly onError?: (error: unknown) => void;
  readonly now?: () => number;
}

export function nudgeAnswers(options: NudgeAnswerOptions): NudgeHandler {
  const { client, session } = options;
  const now = options.now ?? Date.now;
  const onError = options.onError ?? ((error: unknown) => console.error(error));

  const open = (nudge: Nudge): void => {
    const [only, ...others] = nudge.trackerIds;
    if (only !== undefined && others.length === 0) options.openQuickLog(only);
    else options.openMainWindow();
  };

  /** Take the session a write left, unless a window changed it meanwhile. */
  const adopt = (used: Session, after: Session | null): void => {
    if (session.session !== used) return;
    session.set(after);
    if (after === null) options.onSessionLocked?.();
  };

  /** Today's "yes" for each yes/no tracker of the nudge; false when the app must open instead. */
  async function answerYes(nudge: Nudge): Promise<boolean> {
    if (session.lockIfIdle()) options.onSessionLocked?.();
    const used = session.session;
    if (used === null || used.profileId !== nudge.profileId) return false;
    const [trackers, dashboard] = await Promise.all([call(client, 'listTrackers', {}, used), call(client, 'dashboard', {}, used)]);
    if (!trackers.result.ok || !dashboard.result.ok) return false;
    const yesNo = new Set(trackers.result.value.trackers.filter((tracker) => tracker.settings.type === 'boolean' && !tracker.archived).map((tracker) => tracker.id));
    const cards = new Map(dashboard.result.value.cards.map((card) => [card.trackerId, card]));
    for (const trackerId of nudge.trackerIds.filter((id) => yesNo.has(id))) {
      const write = dayAnswerYes(trackerId, cards.get(trackerId));
      if (write === null) continue;
      const written = write.method === 'addLog' ? await call(client, 'addLog', write.input, used) : await call(client, 'updateLog', write.input, used);
      adopt(used, written.session);
      options.afterWrite(write.method, written.result);
      if (!written.result.ok) return false;
    }
    return true;
  }

  return (nudge, response: NudgeResponse) => {
    switch (response) {
      case 'clicked':
        return open(nudge);
      case 'snoozed':
        return void options.snooze(nudge.profileId, nudge.trackerIds, now() + SNOOZE_MS).catch(onError);
      case 'done-for-today':
        return void answerYes(nudge).then(
          (done) => {
            if (!done) open(nudge);
          },
          (error: unknown) => {
            onError(error);
            open(nudge);
          },
        );
    }
  };
}
