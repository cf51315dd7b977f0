/**
 * The main window, locked down: isolated, sandboxed preload, no Node in the page, no
 * navigation away from the app, no new windows (safe https links open in the browser),
 * and no web permissions (notifications come from the main process, not the page).
 */
import { BrowserWindow, shell, type Session } from 'electron';
import { PRELOAD_FILE, RENDERER_FILE } from './bundle-files';
import { isAppUrl, safeExternalUrl, type AppLocation } from './security';

function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

export function createMainWindow(location: AppLocation): BrowserWindow {
  const window = new BrowserWindow({
    width: 1100,
    height: 760,
    minWidth: 480,
    minHeight: 400,
    title: 'Quantified Self',
    // Shown once painted, so the person never sees a blank white frame.
    show: false,
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

  window.once('ready-to-show', () => window.show());
  webContents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url, location)) event.preventDefault();
  });
  webContents.on('will-attach-webview', (event) => event.preventDefault());
  webContents.setWindowOpenHandler(({ url }) => {
    const external = safeExternalUrl(url);
    if (external !== null) void shell.openExternal(external);
    return { action: 'deny' };
  });

  if (location.devServerUrl) void window.loadURL(location.devServerUrl);
  else void window.loadFile(RENDERER_FILE);
  return window;
}
