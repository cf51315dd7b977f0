/**
 * The tray, the quick-log window and the global shortcut, made together: main.ts calls
 * this once the core answers and the IPC handlers hold the session, and passes its
 * `afterCall` as the handlers' `onAnswered`.
 */
import { app, nativeTheme, type WebContents } from 'electron';
import type { Method, Result } from '../../../src-preload/contract';
import type { CoreClient } from '../../host/core-client';
import { isDataChange, tellWindowsDataChanged } from './data-changed';
import { createGlobalShortcut, DEFAULT_QUICK_LOG_SHORTCUT, type GlobalShortcut, type ShortcutOutcome } from './global-shortcut';
import { createQuickLogWindow, type QuickLogWindow } from './quick-log-window';
import type { AppLocation } from '../security';
import type { DesktopSession } from '../session-lock';
import { createTrayMenu, type TrayMenu } from './tray';
import { trayIconFile } from './tray-icon';

/**
 * The tray icon for the system's panel now: on Windows the taskbar can be dark while apps
 * are light, so its own setting decides there (see `trayIconFile`).
 */
export function currentTrayIcon(platform: NodeJS.Platform = process.platform): string {
  const darkPanel = platform === 'win32' ? nativeTheme.shouldUseDarkColorsForSystemIntegratedUI : nativeTheme.shouldUseDarkColors;
  return trayIconFile(platform, darkPanel, app.getAppPath());
}

export interface TraySurfacesOptions {
  readonly client: CoreClient;
  readonly session: DesktopSession;
  readonly location: AppLocation;
  /** The tray icon; by default the one for the panel's colours, following their changes. */
  readonly icon?: string | (() => string);
  /** Show the main window, making it again if it was closed. */
  readonly openMainWindow: () => void;
  readonly quit: () => void;
  /** The tray ended the session: tell the main window (`session-locked`). */
  readonly onSessionLocked: () => void;
  /** The saved quick-log shortcut; the default when none was saved. */
  readonly accelerator?: string;
}

export interface TraySurfaces {
  readonly tray: TrayMenu;
  readonly quickLog: QuickLogWindow;
  readonly shortcut: GlobalShortcut;
  /** How registering the saved shortcut went (Settings shows a failure's message). */
  readonly shortcutOutcome: ShortcutOutcome;
  /** `registerIpcHandlers`' `onAnswered`: the tray follows, the other windows read again. */
  afterCall(method: Method, result: Result<unknown>, sender?: WebContents): void;
  destroy(): void;
}

export function installTraySurfaces(options: TraySurfacesOptions): TraySurfaces {
  const tray = createTrayMenu({
    client: options.client,
    session: options.session,
    icon: options.icon ?? (() => currentTrayIcon()),
    openMainWindow: options.openMainWindow,
    // Called on a click, by which time the window maker below exists.
    openQuickLog: (trackerId) => quickLog.open(trackerId),
    quit: options.quit,
    onSessionLocked: options.onSessionLocked,
    onDataChanged: () => tellWindowsDataChanged(),
  });
  const quickLog = createQuickLogWindow(options.location, { trayBounds: () => tray.bounds() });
  const shortcut = createGlobalShortcut(() => quickLog.open(null));
  const shortcutOutcome = shortcut.apply(options.accelerator ?? DEFAULT_QUICK_LOG_SHORTCUT);
  void tray.refresh();
  return {
    tray,
    quickLog,
    shortcut,
    shortcutOutcome,
    afterCall(method, result, sender) {
      tray.afterCall(method, result);
      if (isDataChange(method, result)) tellWindowsDataChanged(sender);
    },
    destroy() {
      shortcut.dispose();
      quickLog.close();
      tray.destroy();
    },
  };
}
