/**
 * The global shortcut that opens the quick-log window from any app. It can be changed
 * (Settings) and turned off (an empty shortcut); a change that fails — malformed, or taken
 * by another app — leaves the previous shortcut working and says why in one sentence.
 */
import { app, globalShortcut } from 'electron';
import { acceleratorText, parseAccelerator, type Platform } from './accelerator';

export const DEFAULT_QUICK_LOG_SHORTCUT = 'CommandOrControl+Shift+L';

export type ShortcutOutcome = { readonly ok: true } | { readonly ok: false; readonly message: string };

export interface GlobalShortcut {
  /**
   * Use `accelerator` from now on (empty: no shortcut). On failure nothing changes and
   * the message says why, fit to show beside the Settings field.
   */
  apply(accelerator: string): ShortcutOutcome;
  /** The accelerator in use, or null. */
  current(): string | null;
  /** Give the shortcut back to the system (also done when the app quits). */
  dispose(): void;
}

/** Register nothing yet; `apply` the saved (or default) accelerator to start. */
export function createGlobalShortcut(onPressed: () => void, platform: Platform = process.platform): GlobalShortcut {
  let current: { readonly accelerator: string; readonly canonical: string } | null = null;

  const release = (): void => {
    if (current !== null) globalShortcut.unregister(current.accelerator);
    current = null;
  };

  // Shortcuts outlive nothing: Electron asks for them to be given back before the app exits.
  app.once('will-quit', release);

  return {
    apply(accelerator) {
      if (accelerator.trim() === '') {
        release();
        return { ok: true };
      }
      const parsed = parseAccelerator(accelerator, platform);
      if (!parsed.ok) return parsed;
      // The same keys under another spelling: registering them again would only fail.
      if (current !== null && current.canonical === parsed.canonical) return { ok: true };
      let registered: boolean;
      try {
        registered = globalShortcut.register(accelerator.trim(), onPressed);
      } catch (error) {
        // Our check passed text Electron refuses: say so rather than crash Settings.
        const reason = error instanceof Error ? error.message : String(error);
        return { ok: false, message: `${acceleratorText(accelerator, platform)} cannot be used as a shortcut (${reason}).` };
      }
      if (!registered) {
        const previous = current === null ? 'No shortcut is set now.' : `${acceleratorText(current.accelerator, platform)} still works.`;
        return {
          ok: false,
          message: `${acceleratorText(accelerator, platform)} is already used by another app, or the system keeps it for itself. Choose another shortcut; ${previous}`,
        };
      }
      // Only now is the old one given up, so a failed change never leaves the person without one.
      release();
      current = { accelerator: accelerator.trim(), canonical: parsed.canonical };
      return { ok: true };
    },
    current: () => current?.accelerator ?? null,
    dispose: release,
  };
}
