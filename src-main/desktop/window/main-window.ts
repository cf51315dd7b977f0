/**
 * The main window's life: it opens where it was left (window-state.ts), closes to the tray
 * when the setting says so (with a one-time hint), comes back for the tray's "Open", a
 * second launch or a click on the dock, and really closes once the app is quitting.
 */
import type { BrowserWindow } from 'electron';
import type { AppSettings } from '../settings/app-settings';
import { startsHidden } from '../settings/login-item';
import type { AppLocation } from '../security';
import { createMainWindow, revealWindow, type MainWindowOptions } from './window';
import { restoreWindowPlacement, trackWindowState } from './window-state';

/** What closing the window does: hide it (the app stays in the tray) or close it. */
export function closeAction(closeToTray: boolean, quitting: boolean): 'hide' | 'close' {
  return closeToTray && !quitting ? 'hide' : 'close';
}

export interface MainWindowDeps {
  readonly location: AppLocation;
  readonly settings: AppSettings;
  /** Work areas of the connected displays, the primary's first (Electron's `screen`, after `ready`). */
  readonly workAreas: () => readonly unknown[];
  /** Say once that the app keeps running in the tray (close-hint.ts). */
  readonly showCloseHint: () => void;
  /** Makes the window; window.ts's `createMainWindow` unless a test passes another. */
  readonly createWindow?: (location: AppLocation, options: MainWindowOptions) => BrowserWindow;
  readonly warn?: (message: string, error: unknown) => void;
}

/** The main window, whether it is open, hidden in the tray, or not made yet. */
export class MainWindow {
  private window: BrowserWindow | null = null;
  private quitting = false;
  private readonly warn: (message: string, error: unknown) => void;

  constructor(private readonly deps: MainWindowDeps) {
    this.warn = deps.warn ?? ((message, error) => console.warn(message, error));
  }

  /** The window while it exists (shown or hidden), for sending it events. */
  get current(): BrowserWindow | null {
    return this.window;
  }

  /** The app is quitting (or the system is ending the session): closing closes from now on. */
  markQuitting(): void {
    this.quitting = true;
  }

  /**
   * Make the window where it was left. `hidden` (a start at login) loads the page but
   * shows nothing until `show()`. Opening again while it exists returns the same window.
   */
  open(options: { readonly hidden?: boolean } = {}): BrowserWindow {
    if (this.window) return this.window;
    const saved = this.deps.settings.get().windowState;
    const placement = restoreWindowPlacement(saved, this.deps.workAreas());
    const create = this.deps.createWindow ?? createMainWindow;
    const window = create(this.deps.location, { placement, showWhenReady: options.hidden !== true });
    this.window = window;
    trackWindowState(window, (windowState) => this.deps.settings.update({ windowState }), (error) => this.warn('The window state could not be saved.', error));
    window.on('close', (event: Electron.Event) => this.onClose(window, event));
    // Windows ends a session by closing windows without `before-quit`: let them close.
    window.on('session-end', () => this.markQuitting());
    window.on('closed', () => {
      if (this.window === window) this.window = null;
    });
    return window;
  }

  /** Bring the window up and to the front, making it again if it was closed. */
  show(): void {
    const window = this.window ?? this.open();
    if (window.isMinimized()) window.restore();
    if (!window.isVisible()) revealWindow(window);
    window.focus();
  }

  /**
   * A second launch handed over its arguments: show the window, unless that launch was
   * itself a start at login (which must not pop the window up).
   */
  onSecondInstance(argv: readonly string[], platform: NodeJS.Platform = process.platform): void {
    if (!startsHidden(argv, platform, () => false)) this.show();
  }

  private onClose(window: BrowserWindow, event: Electron.Event): void {
    if (closeAction(this.deps.settings.get().closeToTray, this.quitting) === 'close') return;
    event.preventDefault();
    window.hide();
    if (this.deps.settings.get().closeHintShown) return;
    try {
      this.deps.showCloseHint();
      this.deps.settings.update({ closeHintShown: true });
    } catch (error) {
      this.warn('The hint about the tray could not be shown.', error);
    }
  }
}

/** The work areas of the connected displays, the primary's first, from Electron's `screen`. */
export function displayWorkAreas(screen: { getPrimaryDisplay(): { workArea: unknown }; getAllDisplays(): readonly { workArea: unknown }[] }): unknown[] {
  return [screen.getPrimaryDisplay().workArea, ...screen.getAllDisplays().map((display) => display.workArea)];
}

/** What the lifecycle listens to: Electron's `app`. */
export interface AppEvents {
  on(event: 'before-quit', listener: () => void): unknown;
  on(event: 'second-instance', listener: (event: unknown, argv: string[]) => void): unknown;
  on(event: 'activate', listener: () => void): unknown;
}

/**
 * Wire the app's events to the main window: quitting lets it close, a second launch and
 * a click on the dock icon (macOS `activate`) bring it back. Replaces main.ts's own
 * `second-instance` and `activate` listeners.
 */
export function installMainWindowLifecycle(app: AppEvents, mainWindow: MainWindow, platform: NodeJS.Platform = process.platform): void {
  app.on('before-quit', () => mainWindow.markQuitting());
  // The other launch's arguments come from outside: read them only if they are a list.
  app.on('second-instance', (_event, argv) => mainWindow.onSecondInstance(Array.isArray(argv) ? argv : [], platform));
  app.on('activate', () => mainWindow.show());
}
