/**
 * Where the quick-log window opens: next to the tray icon, on the side facing the screen
 * (below a menu bar at the top, above a taskbar at the bottom, beside one on the left or
 * right), and always wholly inside the display's work area. Without the icon's position
 * (Linux desktops do not give it; the global shortcut has no icon) it opens centred, a
 * third of the way down, where a launcher would.
 */

export interface Size {
  readonly width: number;
  readonly height: number;
}

export interface Rect extends Size {
  readonly x: number;
  readonly y: number;
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** Space between the icon and the window, and between the window and the screen's edge. */
export const PLACEMENT_GAP = 8;

/** `start` when `length` fits between `min` and `max - length`; otherwise the nearest end (the start, if it fits nowhere). */
function clamp(start: number, length: number, min: number, max: number): number {
  const last = max - length;
  if (last < min) return min;
  return Math.min(Math.max(start, min), last);
}

const isEmpty = (rect: Rect | null): rect is null => rect === null || rect.width <= 0 || rect.height <= 0;

/** The top-left corner of a window of `size` in `workArea`, near `tray` when known. */
export function quickLogPosition(size: Size, workArea: Rect, tray: Rect | null): Point {
  const minX = workArea.x + PLACEMENT_GAP;
  const maxX = workArea.x + workArea.width - PLACEMENT_GAP;
  const minY = workArea.y + PLACEMENT_GAP;
  const maxY = workArea.y + workArea.height - PLACEMENT_GAP;
  if (isEmpty(tray)) {
    return {
      x: Math.round(clamp(workArea.x + (workArea.width - size.width) / 2, size.width, minX, maxX)),
      y: Math.round(clamp(workArea.y + (workArea.height - size.height) / 3, size.height, minY, maxY)),
    };
  }
  const centreX = tray.x + tray.width / 2;
  const centreY = tray.y + tray.height / 2;
  let x: number;
  let y: number;
  if (tray.x + tray.width <= workArea.x) {
    // A taskbar on the left: the window opens to its right.
    x = tray.x + tray.width + PLACEMENT_GAP;
    y = centreY - size.height / 2;
  } else if (tray.x >= workArea.x + workArea.width) {
    x = tray.x - size.width - PLACEMENT_GAP;
    y = centreY - size.height / 2;
  } else {
    x = centreX - size.width / 2;
    y = centreY < workArea.y + workArea.height / 2 ? tray.y + tray.height + PLACEMENT_GAP : tray.y - size.height - PLACEMENT_GAP;
  }
  return { x: Math.round(clamp(x, size.width, minX, maxX)), y: Math.round(clamp(y, size.height, minY, maxY)) };
}

/** The point whose display the window opens on: the icon's centre, else `fallback` (the pointer). */
export function anchorPoint(tray: Rect | null, fallback: Point): Point {
  if (isEmpty(tray)) return fallback;
  return { x: Math.round(tray.x + tray.width / 2), y: Math.round(tray.y + tray.height / 2) };
}
