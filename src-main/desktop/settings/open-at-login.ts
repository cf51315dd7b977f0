/**
 * Electron's side of "open at login" (the decisions are in login-item.ts): this app, this
 * process, this platform.
 */
import { app } from 'electron';
import { applyLoginItem, loginItemAvailability, loginItemPlan, startsHidden, type LoginItemContext } from './login-item';

export interface OpenAtLogin {
  /** Make the OS open the app at login, or not; rejects when the OS refuses. */
  apply(openAtLogin: boolean): Promise<void>;
  /** Why it cannot be set here, or null (Settings shows it). */
  unavailable(): string | null;
  /** This start (its `argv`) came from a login item: stay in the tray. */
  startedHidden(argv?: readonly string[]): boolean;
}

/** `autostartDir` is `appPaths().autostartDir`. */
export function openAtLoginControl(autostartDir: () => string, platform: NodeJS.Platform = process.platform): OpenAtLogin {
  const context = (): LoginItemContext => ({
    platform,
    isPackaged: app.isPackaged,
    execPath: process.execPath,
    appImagePath: process.env.APPIMAGE,
    autostartDir,
    appName: app.name,
  });
  return {
    apply: (openAtLogin) => applyLoginItem(loginItemPlan(openAtLogin, context()), { setLoginItemSettings: (settings) => app.setLoginItemSettings(settings) }),
    unavailable: () => loginItemAvailability(context()).reason,
    startedHidden: (argv = process.argv) => startsHidden(argv, platform, () => app.getLoginItemSettings().wasOpenedAtLogin),
  };
}
