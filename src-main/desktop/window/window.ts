/**
 * Windows of the app's own page, locked down: isolated, sandboxed preload, no Node in the
 * page, no navigation away from the app, no new windows (safe https links open in the
 * browser), and no web permissions (notifications come from the main process, not the page).
 * The main window and the quick-log window are both made here, so they share every setting.
 */
import { BrowserWindow, shell, type BrowserWindowConstructorOptions, type Session } from 'electron';
import { PRELOAD_FILE } from '../bundle-files';
import { isAppUrl, safeExternalUrl, type AppLocation } from '../security';
import { DEFAULT_WINDOW_SIZE, MIN_WINDOW_SIZE, type WindowPlacement } from './window-state';

function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** What a window may choose; its web preferences are never among them. */
export type AppWindowOptions = Omit<BrowserWindowConstructorOptions, 'webPreferences'>;

/** A window for the app's page with the security settings above; nothing is loaded yet. */
export function createAppWindow(location: AppLocation, options: AppWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    ...options,
    webPreferences: {
      preload: PRELOAD_FILE,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    },
  });
  const { webContents } = window;
  denyAllPermissions(webContents.session);
  webContents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url, location)) event.preventDefault();
  });
  webContents.on('will-attach-webview', (event) => event.preventDefault());
  webContents.setWindowOpenHandler(({ url }) => {
    const external = safeExternalUrl(url);
    if (external !== null) void shell.openExternal(external);
    return { action: 'deny' };
  });
  return window;
}

/**
 * Load the app's page, at a route (`#/quick-log/…`) when given: from the app scheme
 * (`qs://app/index.html`) when built, from the dev server in development.
 */
export function loadRenderer(window: BrowserWindow, location: AppLocation, hash = ''): void {
  void window.loadURL(new URL(hash, location.devServerUrl ?? location.pageUrl).href);
}

export interface MainWindowOptions {
  /** Size, place and maximised state to open with (window-state.ts); the default size, centred, without. */
  readonly placement?: WindowPlacement;
  /** Show once painted; false keeps it hidden (a start at login stays in the tray). */
  readonly showWhenReady?: boolean;
}

/** Windows left maximised last time, maximised when first shown (see revealWindow). */
const maximizeWhenShown = new WeakSet<BrowserWindow>();

/**
 * Show a main window that is hidden (painted, or back from the tray). The first time, a
 * window left maximised is maximised instead: Electron's `maximize()` also shows a hidden
 * window, so doing it earlier would flash a blank window, or show one meant to stay in the tray.
 */
export function revealWindow(window: BrowserWindow): void {
  if (maximizeWhenShown.delete(window)) window.maximize();
  else window.show();
}

export function createMainWindow(location: AppLocation, options: MainWindowOptions = {}): BrowserWindow {
  const { maximized, ...bounds } = options.placement ?? { ...DEFAULT_WINDOW_SIZE, maximized: false };
  const window = createAppWindow(location, {
    ...bounds,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    title: 'Quantified Self',
    // Shown once painted, so the person never sees a blank white frame.
    show: false,
  });
  if (maximized) maximizeWhenShown.add(window);
  if (options.showWhenReady !== false) window.once('ready-to-show', () => revealWindow(window));
  loadRenderer(window, location);
  return window;
}
