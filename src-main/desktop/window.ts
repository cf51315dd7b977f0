/**
 * Windows of the app's own page, locked down: isolated, sandboxed preload, no Node in the
 * page, no navigation away from the app, no new windows (safe https links open in the
 * browser), and no web permissions (notifications come from the main process, not the page).
 * The main window and the quick-log window are both made here, so they share every setting.
 */
import { BrowserWindow, shell, type BrowserWindowConstructorOptions, type Session } from 'electron';
import { PRELOAD_FILE, RENDERER_FILE } from './bundle-files';
import { isAppUrl, safeExternalUrl, type AppLocation } from './security';

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

/** Load the app's page, at a route (`#/quick-log/…`) when given. */
export function loadRenderer(window: BrowserWindow, location: AppLocation, hash = ''): void {
  if (location.devServerUrl) void window.loadURL(new URL(hash, location.devServerUrl).href);
  else void window.loadFile(RENDERER_FILE, hash === '' ? {} : { hash: hash.replace(/^#/, '') });
}

export function createMainWindow(location: AppLocation): BrowserWindow {
  const window = createAppWindow(location, {
    width: 1100,
    height: 760,
    minWidth: 480,
    minHeight: 400,
    title: 'Quantified Self',
    // Shown once painted, so the person never sees a blank white frame.
    show: false,
  });
  window.once('ready-to-show', () => window.show());
  loadRenderer(window, location);
  return window;
}
