/**
 * Operations only the desktop app has, beside the contract: its app-level settings (the
 * tray, open at login, the quick-log shortcut). They are not a person's data and browser
 * mode has none of them, so they are not contract operations. Zod-free like events.ts, so
 * the sandboxed preload can import it; main checks every input itself
 * (src-main/desktop/desktop-settings-ipc.ts).
 */
import type { Result } from './contract';

/** What Settings › Desktop shows and changes. */
export interface DesktopSettings {
  /** Closing the window keeps the app running in the tray. */
  readonly closeToTray: boolean;
  /** The app starts with the computer, hidden in the tray. */
  readonly openAtLogin: boolean;
  /** Why open at login cannot be set here (e.g. not the installed app), or null. */
  readonly openAtLoginUnavailable: string | null;
  /** The global shortcut that opens quick log, an Electron accelerator (`CommandOrControl+Shift+L`); empty for none. */
  readonly quickLogShortcut: string;
  /** Why the saved shortcut does not work now (another app took it before this start), or null. */
  readonly quickLogShortcutProblem: string | null;
}

/** The settings a person can change; any subset at once (an empty shortcut turns it off). */
export type DesktopSettingsPatch = Partial<Pick<DesktopSettings, 'closeToTray' | 'openAtLogin' | 'quickLogShortcut'>>;

/** The desktop-only methods of `window.qs`. */
export interface DesktopSettingsBridge {
  /** The app-level settings as they are now. */
  getDesktopSettings(): Promise<Result<DesktopSettings>>;
  /**
   * Change some settings. A shortcut another app holds, or any input of the wrong shape,
   * answers an error naming the field and changes nothing.
   */
  updateDesktopSettings(patch: DesktopSettingsPatch): Promise<Result<DesktopSettings>>;
}

export type DesktopMethod = keyof DesktopSettingsBridge;

/** Every desktop method; the `satisfies` clause fails to compile when one is missing or extra. */
export const DESKTOP_METHODS = Object.keys({
  getDesktopSettings: true,
  updateDesktopSettings: true,
} satisfies Record<DesktopMethod, true>) as DesktopMethod[];

/** The IPC channel of a desktop method (never one of the contract's `api:` channels). */
export const desktopChannelOf = (method: DesktopMethod) => `desktop:${method}` as const;
