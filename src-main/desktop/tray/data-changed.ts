/**
 * A person's data can change from three places at once: the main window, the quick-log
 * window and the tray. Each window shows what it read; after a write elsewhere it hears
 * `entries-changed` and reads again, or the dashboard would show a stale "today".
 */
import { BrowserWindow, type WebContents } from 'electron';
import type { Method, Result } from '../../../src-preload/contract';
import { eventChannelOf } from '../../../src-preload/events';
import { OPERATIONS, onlyReads } from '../../../src-preload/operations';

/**
 * Whether an answered call changed the person's data (trackers, entries, settings).
 * Opening and closing sessions are not data changes: the page hears of a lock by
 * `session-locked`, and a page reading after a log-out would only be refused.
 */
export const isDataChange = (method: Method, result: Result<unknown>): boolean =>
  result.ok && !onlyReads(method) && OPERATIONS[method].session === 'session';

/** Tell every app window but the one that made the change (it already shows it) to read again. */
export function tellWindowsDataChanged(except?: WebContents): void {
  for (const window of BrowserWindow.getAllWindows()) {
    if (window.isDestroyed() || window.webContents === except) continue;
    window.webContents.send(eventChannelOf('entries-changed'));
  }
}
