/**
 * The tray icon and its menu (tray-menu.ts decides what it shows). It reads the core with
 * the desktop's one session, like the page, and builds the menu again whenever what it
 * shows may have changed: after a write from any window (`afterCall`) or from its own
 * clicks, after a log-in or a lock, when the person's day ends, and when the computer
 * wakes. Nothing a click does may throw into Electron: a failure becomes the menu's state.
 */
import { Menu, nativeTheme, powerMonitor, Tray, type MenuItemConstructorOptions, type Rectangle } from 'electron';
import type { Method, Result } from '../../../src-preload/contract';
import { onlyReads } from '../../../src-preload/operations';
import type { Session } from '../../core/dispatch';
import { call, type CoreClient } from '../../host/core-client';
import { DAY_CHANGE_SLACK_MS, msUntilNextDay } from './day-change';
import type { DesktopSession } from '../session-lock';
import { trayMenuItems, type DayAnswerWrite, type TrayItem, type TrayView } from './tray-menu';

export interface TrayMenuOptions {
  readonly client: CoreClient;
  /** The desktop's one session (`registerIpcHandlers` returns it). */
  readonly session: DesktopSession;
  /**
   * The tray icon's file; a function is asked again whenever the system's colours change,
   * since a light panel and a dark one need different icons (tray-icon.ts).
   */
  readonly icon: string | (() => string);
  /** Show the main window (made again if it was closed). */
  readonly openMainWindow: () => void;
  /** Open the quick-log window for a tracker, or with the tracker picker (null). */
  readonly openQuickLog: (trackerId: string | null) => void;
  readonly quit: () => void;
  /** The session ended here (the tray's Lock, an idle lock or a locked answer it met): tell the page. */
  readonly onSessionLocked?: () => void;
  /** The tray changed the person's data (a yes/no answer): tell the windows to read again. */
  readonly onDataChanged?: () => void;
  /** Failures nobody asked for (the core's channel broke): logged, never thrown into Electron. */
  readonly onError?: (error: unknown) => void;
  readonly now?: () => number;
  readonly platform?: NodeJS.Platform;
}

export interface TrayMenu {
  /** Read the core and build the menu again; resolves once a read begun after the call is shown. */
  refresh(): Promise<void>;
  /**
   * Follow a call a window made (`registerIpcHandlers`' `onAnswered`): the menu is built
   * again after a write, a refused call, or a change of session.
   */
  afterCall(method: Method, result: Result<unknown>): void;
  /** Where the icon is on screen, when the platform says (macOS, Windows); else null. */
  bounds(): Rectangle | null;
  destroy(): void;
}

export const TRAY_TOOLTIP = 'Quantified Self';

/** Answers meaning the session is over: the menu shows its locked state. */
const LOCKED_CODES: ReadonlySet<string> = new Set(['SESSION_LOCKED', 'NOT_LOGGED_IN']);

const profileOf = (session: Session | null): string | null => session?.profileId ?? null;

/** The machine's zone, when the profile's settings cannot be read. */
const machineTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Create the tray icon; its menu follows with the first read (await `refresh()` for it). */
export function createTrayMenu(options: TrayMenuOptions): TrayMenu {
  const { client, session } = options;
  const now = options.now ?? Date.now;
  const platform = options.platform ?? process.platform;
  const onError = options.onError ?? ((error: unknown) => console.error(error));

  const { icon } = options;
  const tray = new Tray(typeof icon === 'function' ? icon() : icon);
  tray.setToolTip(TRAY_TOOLTIP);
  const onThemeChange = (): void => {
    if (!destroyed && typeof icon === 'function') tray.setImage(icon());
  };
  nativeTheme.on('updated', onThemeChange);
  // Windows shows the menu on a right click only; a left click should open it too.
  if (platform === 'win32') tray.on('click', () => tray.popUpContextMenu());

  let destroyed = false;
  let dayTimer: NodeJS.Timeout | null = null;
  /** The profile the shown menu was read for, to notice a session that changed elsewhere. */
  let shownProfile: string | null | undefined;
  /** Why the person's last click changed nothing, shown atop the next menu. */
  let notice: string | null = null;

  const clearDayTimer = (): void => {
    if (dayTimer !== null) clearTimeout(dayTimer);
    dayTimer = null;
  };

  /** Build the menu again when the person's day ends, or "today" would stay yesterday's. */
  const armDayTimer = (timeZone: string): void => {
    clearDayTimer();
    dayTimer = setTimeout(() => void refresh(), msUntilNextDay(now(), timeZone) + DAY_CHANGE_SLACK_MS);
    // The timer alone must never keep a quitting app alive.
    dayTimer.unref();
  };

  /** Take a session the core ended during a tray call, unless a window changed it meanwhile. */
  const adopt = (used: Session, after: Session | null): void => {
    if (session.session !== used) return;
    session.set(after);
    if (after === null) options.onSessionLocked?.();
  };

  async function read(): Promise<{ view: TrayView; timeZone: string | null }> {
    if (session.lockIfIdle()) options.onSessionLocked?.();
    const current = session.session;
    if (current === null) return { view: { kind: 'locked' }, timeZone: null };
    const [trackers, dashboard, settings] = await Promise.all([
      call(client, 'listTrackers', {}, current),
      call(client, 'dashboard', {}, current),
      call(client, 'getSettings', {}, current),
    ]);
    if (profileOf(trackers.session) === null || profileOf(dashboard.session) === null) adopt(current, null);
    if (!trackers.result.ok || !dashboard.result.ok) {
      const error = trackers.result.ok ? (dashboard.result.ok ? null : dashboard.result.error) : trackers.result.error;
      if (error === null || LOCKED_CODES.has(error.code)) return { view: { kind: 'locked' }, timeZone: null };
      return { view: { kind: 'unavailable', message: error.message }, timeZone: null };
    }
    const timeZone = settings.result.ok ? settings.result.value.settings.timeZone : machineTimeZone();
    return { view: { kind: 'open', trackers: trackers.result.value.trackers, cards: dashboard.result.value.cards }, timeZone };
  }

  async function answer(write: DayAnswerWrite): Promise<void> {
    if (session.lockIfIdle()) options.onSessionLocked?.();
    const used = session.session;
    if (used !== null) {
      const written = write.method === 'addLog' ? await call(client, 'addLog', write.input, used) : await call(client, 'updateLog', write.input, used);
      adopt(used, written.session);
      if (written.result.ok) options.onDataChanged?.();
      else if (!LOCKED_CODES.has(written.result.error.code)) notice = `Not saved: ${written.result.error.message}`;
    }
    return refresh();
  }

  async function lock(): Promise<void> {
    const used = session.session;
    if (used !== null) {
      const locked = await call(client, 'lock', {}, used);
      // The person asked to lock: the key is forgotten even when the core could not say so.
      if (!locked.result.ok) client.lockProfile(used.profileId);
      if (session.session === used) {
        session.set(null);
        options.onSessionLocked?.();
      }
    }
    return refresh();
  }

  /** A click's work, which must never throw into Electron's menu code. */
  const safely = (work: () => Promise<void>) => (): void => {
    work().catch((error: unknown) => {
      onError(error);
      void refresh();
    });
  };

  const actions = {
    open: () => options.openMainWindow(),
    lock: safely(lock),
    quit: () => options.quit(),
  } as const;

  function menuItem(item: TrayItem): MenuItemConstructorOptions {
    switch (item.kind) {
      case 'separator':
        return { type: 'separator' };
      case 'note':
        return { label: item.label, enabled: false };
      case 'answer':
        return { label: item.label, type: 'checkbox', checked: item.checked, click: safely(() => answer(item.write)) };
      case 'quick-log':
        return { label: item.label, click: () => options.openQuickLog(item.trackerId) };
      case 'command':
        return { label: item.label, click: actions[item.command] };
    }
  }

  /** Read and show; a failure to read is shown as such, never thrown. */
  async function build(): Promise<void> {
    const shownNotice = notice;
    notice = null;
    let view: TrayView;
    let timeZone: string | null = null;
    const readFor = profileOf(session.session);
    try {
      ({ view, timeZone } = await read());
    } catch (error) {
      onError(error);
      view = { kind: 'unavailable', message: 'the app’s core did not answer.' };
    }
    if (destroyed) return;
    shownProfile = view.kind === 'locked' ? null : readFor;
    if (timeZone === null) clearDayTimer();
    else armDayTimer(timeZone);
    try {
      tray.setContextMenu(Menu.buildFromTemplate(trayMenuItems(view, shownNotice).map(menuItem)));
    } catch (error) {
      onError(error);
    }
  }

  // One read at a time, so menus are shown in the order they were read, and at most one
  // waiting: a burst of writes (an import) costs two reads, not one each.
  let running: Promise<void> | null = null;
  let waiting: Promise<void> | null = null;
  function refresh(): Promise<void> {
    if (waiting !== null) return waiting;
    if (running !== null) {
      waiting = running.then(() => {
        waiting = null;
        return refresh();
      });
      return waiting;
    }
    const started: Promise<void> = build().finally(() => {
      if (running === started) running = null;
    });
    running = started;
    return started;
  }

  const onResume = (): void => void refresh();
  // A computer asleep at midnight wakes with the timer late, or the menu on a stale day.
  powerMonitor.on('resume', onResume);

  return {
    refresh,
    afterCall(method, result) {
      const sessionChanged = profileOf(session.session) !== shownProfile;
      const refused = !result.ok && LOCKED_CODES.has(result.error.code);
      if ((result.ok && !onlyReads(method)) || refused || sessionChanged) void refresh();
    },
    bounds() {
      if (destroyed || platform === 'linux') return null;
      const bounds = tray.getBounds();
      return bounds.width > 0 && bounds.height > 0 ? bounds : null;
    },
    destroy() {
      destroyed = true;
      clearDayTimer();
      powerMonitor.removeListener('resume', onResume);
      nativeTheme.removeListener('updated', onThemeChange);
      tray.destroy();
    },
  };
}
