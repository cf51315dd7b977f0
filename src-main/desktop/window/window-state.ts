/**
 * The main window opens where it was left: same size, same place, maximised or not — but
 * only where a person can still reach it. A monitor unplugged since, a changed resolution
 * or a hand-edited settings file must never open the window off-screen or at a useless size.
 */
import type { WindowBounds, WindowState } from '../settings/app-settings';

export interface Size {
  readonly width: number;
  readonly height: number;
}

/** The first window's size, and the smallest the app is usable at. */
export const DEFAULT_WINDOW_SIZE: Size = { width: 1100, height: 760 };
export const MIN_WINDOW_SIZE: Size = { width: 480, height: 400 };

/** How much of the window's top must lie on a display for its title bar to be grabbed. */
const REACHABLE_WIDTH = 100;
const TITLE_BAR_HEIGHT = 32;

/** Where and how to open the window; no `x`/`y` lets the OS place it (centred). */
export interface WindowPlacement {
  readonly width: number;
  readonly height: number;
  readonly x?: number;
  readonly y?: number;
  readonly maximized: boolean;
}

const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

function rectOf(value: unknown): WindowBounds | null {
  if (typeof value !== 'object' || value === null) return null;
  const { x, y, width, height } = value as Record<string, unknown>;
  if (!isFiniteNumber(x) || !isFiniteNumber(y) || !isFiniteNumber(width) || !isFiniteNumber(height)) return null;
  return { x: Math.round(x), y: Math.round(y), width: Math.round(width), height: Math.round(height) };
}

const clamp = (value: number, min: number, max: number): number => Math.min(Math.max(value, min), max);

/** The part of the window's title bar strip that lies on `area`, as a width and a height. */
function titleBarOverlap(bounds: WindowBounds, area: WindowBounds): Size {
  const width = Math.min(bounds.x + bounds.width, area.x + area.width) - Math.max(bounds.x, area.x);
  const height = Math.min(bounds.y + TITLE_BAR_HEIGHT, area.y + area.height) - Math.max(bounds.y, area.y);
  return { width, height };
}

/**
 * Where to open the main window from its saved state and the work areas of the displays
 * connected now (`screen.getAllDisplays()[i].workArea`). The saved position is kept only
 * when the window's title bar still lies on one of them, with its top edge inside it (so it
 * can be grabbed and moved); then the size is trimmed to fit that display. Otherwise the
 * saved size (trimmed to the first display) opens where the OS puts new windows. Sizes
 * below the minimum grow to it; anything not a finite number counts as never saved.
 */
export function restoreWindowPlacement(saved: WindowState | null | undefined, workAreas: readonly unknown[]): WindowPlacement {
  const areas = workAreas.map(rectOf).filter((area): area is WindowBounds => area !== null && area.width > 0 && area.height > 0);
  const maximized = saved?.maximized === true;
  const bounds = rectOf(saved?.bounds);
  const fit = (size: Size, area: WindowBounds | undefined): Size => ({
    width: clamp(size.width, MIN_WINDOW_SIZE.width, Math.max(area?.width ?? Infinity, MIN_WINDOW_SIZE.width)),
    height: clamp(size.height, MIN_WINDOW_SIZE.height, Math.max(area?.height ?? Infinity, MIN_WINDOW_SIZE.height)),
  });
  if (bounds === null) return { ...fit(DEFAULT_WINDOW_SIZE, areas[0]), maximized };

  const home = areas.find((area) => {
    const overlap = titleBarOverlap(bounds, area);
    const topInside = bounds.y >= area.y && bounds.y < area.y + area.height;
    return topInside && overlap.width >= Math.min(REACHABLE_WIDTH, bounds.width) && overlap.height > 0;
  });
  if (home === undefined) return { ...fit(bounds, areas[0]), maximized };

  const size = fit(bounds, home);
  // Trimmed to the display, the window also moves back onto it if it hung over an edge.
  const x = clamp(bounds.x, home.x - size.width + REACHABLE_WIDTH, home.x + home.width - REACHABLE_WIDTH);
  const y = clamp(bounds.y, home.y, home.y + home.height - TITLE_BAR_HEIGHT);
  return { ...size, x, y, maximized };
}

/** What window-state tracking needs of a window: Electron's `BrowserWindow` has it all. */
export interface TrackedWindow {
  on(event: 'resize' | 'move' | 'maximize' | 'unmaximize' | 'close' | 'closed', listener: () => void): unknown;
  /** The bounds it returns to from maximised or minimised (Electron's `getNormalBounds`). */
  getNormalBounds(): WindowBounds;
  isMaximized(): boolean;
  isDestroyed(): boolean;
}

/** Quiet time after the last move or resize before the state is written. */
export const SAVE_DELAY_MS = 500;

/**
 * Save the window's state after it is moved, resized, maximised or restored (once the
 * person has stopped: a drag fires dozens of events) and at once when it closes, through
 * `save` (e.g. `(state) => settings.update({ windowState: state })`). A failed save is
 * reported to `onError`, never thrown into Electron's event loop. Returns a stop function.
 */
export function trackWindowState(
  window: TrackedWindow,
  save: (state: WindowState) => void,
  onError: (error: unknown) => void = (error) => console.warn('The window state could not be saved.', error),
): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  const saveNow = (): void => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (stopped || window.isDestroyed()) return;
    try {
      save({ bounds: window.getNormalBounds(), maximized: window.isMaximized() });
    } catch (error) {
      onError(error);
    }
  };
  const saveSoon = (): void => {
    if (stopped) return;
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(saveNow, SAVE_DELAY_MS);
  };
  const stop = (): void => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    stopped = true;
  };
  for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) window.on(event, saveSoon);
  window.on('close', saveNow);
  window.on('closed', stop);
  return stop;
}
