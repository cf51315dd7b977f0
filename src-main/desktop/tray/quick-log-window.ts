/**
 * The quick-log window: a small frameless window of the app's own page at its quick-log
 * route, opened from the tray or the global shortcut near the tray icon. There is one at a
 * time (opening again re-routes it), and it closes when it loses focus, as a tray popup does.
 */
import { screen, type BrowserWindow, type Rectangle } from 'electron';
import type { AppLocation } from '../security';
import { anchorPoint, quickLogPosition, type Size } from './quick-log-placement';
import { createAppWindow, loadRenderer } from '../window/window';

export const QUICK_LOG_SIZE: Size = { width: 420, height: 260 };

/** The renderer's route: one tracker's form, or the tracker picker. */
export const quickLogHash = (trackerId: string | null): string =>
  trackerId === null ? '#/quick-log' : `#/quick-log/${encodeURIComponent(trackerId)}`;

export interface QuickLogWindowOptions {
  /** Where the tray icon is now, or null (tray.ts' `bounds`). */
  readonly trayBounds?: () => Rectangle | null;
}

export interface QuickLogWindow {
  /** Open the window for a tracker, or with the picker (null); an open one is re-routed and focused. */
  open(trackerId: string | null): void;
  close(): void;
  /** The window while it is open. */
  current(): BrowserWindow | null;
}

export function createQuickLogWindow(location: AppLocation, options: QuickLogWindowOptions = {}): QuickLogWindow {
  let window: BrowserWindow | null = null;

  const position = () => {
    const tray = options.trayBounds?.() ?? null;
    const display = screen.getDisplayNearestPoint(anchorPoint(tray, screen.getCursorScreenPoint()));
    return quickLogPosition(QUICK_LOG_SIZE, display.workArea, tray);
  };

  function create(): BrowserWindow {
    const made = createAppWindow(location, {
      ...QUICK_LOG_SIZE,
      ...position(),
      title: 'Quick log',
      frame: false,
      resizable: false,
      minimizable: false,
      maximizable: false,
      fullscreenable: false,
      alwaysOnTop: true,
      skipTaskbar: true,
      // Shown once painted, so the person never sees a blank frame.
      show: false,
    });
    made.once('ready-to-show', () => {
      made.show();
      made.focus();
    });
    // A tray popup goes away when the person turns elsewhere; what they typed is not saved.
    made.on('blur', () => made.close());
    made.on('closed', () => {
      if (window === made) window = null;
    });
    return made;
  }

  return {
    open(trackerId) {
      const existing = window !== null && !window.isDestroyed() ? window : null;
      if (existing === null) {
        window = create();
        loadRenderer(window, location, quickLogHash(trackerId));
        return;
      }
      const { x, y } = position();
      existing.setPosition(x, y);
      loadRenderer(existing, location, quickLogHash(trackerId));
      existing.show();
      existing.focus();
    },
    close() {
      if (window !== null && !window.isDestroyed()) window.close();
    },
    current: () => (window !== null && !window.isDestroyed() ? window : null),
  };
}
