/**
 * Where the main window reopens, from hostile saved states and changing displays, and
 * when its state is saved (fake timers: a drag fires many events, one write follows).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { restoreWindowPlacement, SAVE_DELAY_MS, trackWindowState, type TrackedWindow } from '../../src-main/desktop/window/window-state';
import type { WindowState } from '../../src-main/desktop/settings/app-settings';

const laptop = { x: 0, y: 0, width: 1440, height: 875 };
/** A second monitor to the left of the primary one: negative x is a real place. */
const leftMonitor = { x: -1920, y: 0, width: 1920, height: 1040 };
const state = (x: number, y: number, width: number, height: number, maximized = false): WindowState => ({ bounds: { x, y, width, height }, maximized });

describe('restoreWindowPlacement', () => {
  it('opens a first window at the default size where the OS puts it', () => {
    expect(restoreWindowPlacement(null, [laptop])).toEqual({ width: 1100, height: 760, maximized: false });
    expect(restoreWindowPlacement(undefined, [])).toEqual({ width: 1100, height: 760, maximized: false });
  });

  it('reopens exactly where it was on a display that is still there', () => {
    expect(restoreWindowPlacement(state(100, 50, 1000, 700), [laptop])).toEqual({ x: 100, y: 50, width: 1000, height: 700, maximized: false });
  });

  it('reopens on a second monitor at negative coordinates while that monitor is connected', () => {
    expect(restoreWindowPlacement(state(-1500, 100, 1200, 800), [laptop, leftMonitor])).toEqual({ x: -1500, y: 100, width: 1200, height: 800, maximized: false });
  });

  it('keeps the size but lets the OS place it once that monitor is gone', () => {
    expect(restoreWindowPlacement(state(-1500, 100, 1200, 800), [laptop])).toEqual({ width: 1200, height: 800, maximized: false });
  });

  it('remembers maximised, with the normal bounds to return to', () => {
    expect(restoreWindowPlacement(state(100, 50, 1000, 700, true), [laptop])).toEqual({ x: 100, y: 50, width: 1000, height: 700, maximized: true });
  });

  it.each([
    ['far off to the right', state(5000, 100, 800, 600)],
    ['far below', state(100, 4000, 800, 600)],
    ['above the screen (title bar unreachable)', state(100, -300, 800, 600)],
    ['negative everywhere', state(-5000, -5000, 800, 600)],
    ['hanging off the right edge but for 20 px', state(1420, 100, 800, 600)],
    ['title bar just below the bottom', state(100, 875, 800, 600)],
  ])('drops a position %s, keeping the size', (_what, saved) => {
    const placement = restoreWindowPlacement(saved, [laptop]);
    expect(placement).not.toHaveProperty('x');
    expect(placement).not.toHaveProperty('y');
    expect(placement).toMatchObject({ width: 800, height: 600 });
  });

  it('keeps a window that hangs over an edge but can still be grabbed, with its whole title bar on the display, trimmed to it', () => {
    expect(restoreWindowPlacement(state(100, 860, 800, 600), [laptop])).toEqual({ x: 100, y: 843, width: 800, height: 600, maximized: false });
    expect(restoreWindowPlacement(state(1000, 100, 800, 600), [laptop])).toEqual({ x: 1000, y: 100, width: 800, height: 600, maximized: false });
    expect(restoreWindowPlacement(state(-700, 100, 800, 600), [laptop])).toEqual({ x: -700, y: 100, width: 800, height: 600, maximized: false });
    expect(restoreWindowPlacement(state(100, 100, 3000, 2000), [laptop])).toEqual({ x: 100, y: 100, width: 1440, height: 875, maximized: false });
  });

  it.each([
    ['tiny', state(100, 100, 10, 10)],
    ['zero', state(100, 100, 0, 0)],
    ['negative', state(100, 100, -800, -600)],
  ])('grows a %s size to the minimum', (_what, saved) => {
    expect(restoreWindowPlacement(saved, [laptop])).toMatchObject({ width: 480, height: 400 });
  });

  it('trims a remembered size to the primary display when placing it anew', () => {
    expect(restoreWindowPlacement(state(-1850, 100, 1900, 1000), [laptop])).toEqual({ width: 1440, height: 875, maximized: false });
  });

  it('never goes below the minimum even on a display smaller than it', () => {
    expect(restoreWindowPlacement(state(0, 0, 1000, 700), [{ x: 0, y: 0, width: 320, height: 240 }])).toMatchObject({ width: 480, height: 400 });
  });

  it('rounds fractional bounds (scaled displays)', () => {
    expect(restoreWindowPlacement(state(100.4, 50.6, 999.5, 700.2), [laptop])).toEqual({ x: 100, y: 51, width: 1000, height: 700, maximized: false });
  });

  it.each([
    ['NaN', { bounds: { x: Number.NaN, y: 0, width: 800, height: 600 }, maximized: false }],
    ['Infinity', { bounds: { x: 0, y: 0, width: Number.POSITIVE_INFINITY, height: 600 }, maximized: false }],
    ['strings', { bounds: { x: '1', y: '2', width: '800', height: '600' }, maximized: false }],
    ['a missing field', { bounds: { x: 0, y: 0, width: 800 }, maximized: false }],
    ['null bounds', { bounds: null, maximized: false }],
    ['an array', { bounds: [0, 0, 800, 600], maximized: false }],
  ])('treats %s as never saved', (_what, saved) => {
    expect(restoreWindowPlacement(saved as unknown as WindowState, [laptop])).toEqual({ width: 1100, height: 760, maximized: false });
  });

  it('keeps only a real `true` as maximised', () => {
    expect(restoreWindowPlacement({ bounds: null, maximized: 'yes' } as unknown as WindowState, [laptop]).maximized).toBe(false);
  });

  it('ignores displays with broken or empty work areas', () => {
    const broken = [null, { x: Number.NaN, y: 0, width: 1920, height: 1080 }, { x: 0, y: 0, width: 0, height: 0 }, 'screen'];
    expect(restoreWindowPlacement(state(100, 50, 1000, 700), broken)).toEqual({ width: 1000, height: 700, maximized: false });
    expect(restoreWindowPlacement(state(100, 50, 1000, 700), [...broken, laptop])).toEqual({ x: 100, y: 50, width: 1000, height: 700, maximized: false });
  });
});

class FakeWindow implements TrackedWindow {
  readonly listeners = new Map<string, (() => void)[]>();
  bounds = { x: 10, y: 20, width: 900, height: 700 };
  maximized = false;
  destroyed = false;
  on(event: string, listener: () => void): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  emit(event: string): void {
    for (const listener of this.listeners.get(event) ?? []) listener();
  }
  getNormalBounds() {
    return { ...this.bounds };
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

describe('trackWindowState', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('writes once after a burst of moves and resizes has settled, with the last bounds', () => {
    const window = new FakeWindow();
    const saved: WindowState[] = [];
    trackWindowState(window, (state) => saved.push(state));
    for (let step = 0; step < 30; step += 1) {
      window.bounds = { ...window.bounds, x: 10 + step };
      window.emit(step % 2 === 0 ? 'move' : 'resize');
      vi.advanceTimersByTime(SAVE_DELAY_MS - 1);
    }
    expect(saved).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(saved).toEqual([{ bounds: { x: 39, y: 20, width: 900, height: 700 }, maximized: false }]);
  });

  it('writes the maximised state, keeping the normal bounds', () => {
    const window = new FakeWindow();
    const saved: WindowState[] = [];
    trackWindowState(window, (state) => saved.push(state));
    window.maximized = true;
    window.emit('maximize');
    vi.advanceTimersByTime(SAVE_DELAY_MS);
    window.maximized = false;
    window.emit('unmaximize');
    vi.advanceTimersByTime(SAVE_DELAY_MS);
    expect(saved).toEqual([
      { bounds: { x: 10, y: 20, width: 900, height: 700 }, maximized: true },
      { bounds: { x: 10, y: 20, width: 900, height: 700 }, maximized: false },
    ]);
  });

  it('writes at once on close, and not again when the pending write would have fired', () => {
    const window = new FakeWindow();
    const saved: WindowState[] = [];
    trackWindowState(window, (state) => saved.push(state));
    window.bounds = { x: 300, y: 200, width: 800, height: 600 };
    window.emit('resize');
    window.emit('close');
    expect(saved).toEqual([{ bounds: { x: 300, y: 200, width: 800, height: 600 }, maximized: false }]);
    window.emit('closed');
    window.destroyed = true;
    vi.advanceTimersByTime(SAVE_DELAY_MS * 4);
    window.emit('move');
    vi.advanceTimersByTime(SAVE_DELAY_MS * 4);
    expect(saved).toHaveLength(1);
  });

  it('reports a failed write instead of throwing into Electron’s event loop', () => {
    const window = new FakeWindow();
    const onError = vi.fn();
    trackWindowState(
      window,
      () => {
        throw new Error('EACCES');
      },
      onError,
    );
    expect(() => window.emit('close')).not.toThrow();
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'EACCES' }));
  });
});
