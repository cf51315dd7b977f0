/**
 * The only caller of `app.getPath`: every folder the desktop app uses comes from here.
 * `QS_DATA_DIR` points a development or test run at a temp folder; a packaged app ignores
 * it, so a stray environment variable cannot move a person's data. Under the override every
 * folder below lives inside that temp folder, so a test run never touches the person's real
 * keys, settings, reports or login items.
 */
import { join } from 'node:path';
import { app } from 'electron';

export interface AppPaths {
  /** The data folder: one sub-folder per profile, plus the lock file. */
  readonly dataDir: string;
  /**
   * Where "stay unlocked" keeps the OS-encrypted data keys: the app's own folder, apart
   * from the profile folders (and from a test's QS_DATA_DIR).
   */
  readonly keychainDir: string;
  /**
   * Where the app-level settings file (`app-settings.json`: window state, tray, login
   * item, shortcut) lives: beside `profiles/`, not inside any profile, since none of it
   * is a person's data.
   */
  readonly settingsDir: string;
  /** Where saved reports go; created when first needed ("Open reports folder", a report). */
  readonly reportsDir: string;
  /**
   * The XDG autostart folder of Linux login items (`~/.config/autostart`); inside the
   * override's folder in a development or test run. Read lazily: only Linux needs it.
   */
  autostartDir(): string;
}

export function appPaths(): AppPaths {
  const override = app.isPackaged ? undefined : process.env.QS_DATA_DIR;
  const dataDir = override ? override : app.getPath('userData');
  return {
    dataDir,
    keychainDir: join(dataDir, 'stay-unlocked'),
    settingsDir: dataDir,
    reportsDir: override ? join(override, 'reports') : join(app.getPath('documents'), 'Quantified Self reports'),
    autostartDir: () => (override ? join(override, 'autostart') : join(app.getPath('appData'), 'autostart')),
  };
}
