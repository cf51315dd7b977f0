/**
 * Leaving the quick-log. The renderer does not otherwise care which shell it runs in, but
 * this page does: in the desktop app it is a small window of its own, which closes; in a
 * browser tab closing is not the page's to do (and `window.close()` is refused for a tab
 * the person opened), so it goes to another page instead.
 */
import { router, type Route } from '../../lib/router.svelte';

/** Whether the page runs in the desktop app (its preload bridge is there). */
export const inDesktopApp = (): boolean => window.qs !== undefined;

/** Close the quick-log window; in a browser tab, show `then` (the dashboard unless told). */
export function leaveQuickLog(then: Route = { name: 'dashboard' }): void {
  if (inDesktopApp()) window.close();
  else router.go(then);
}
