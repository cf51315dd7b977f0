/**
 * The only caller of `app.getPath`: every folder the desktop app uses comes from here.
 * `QS_DATA_DIR` points a development or test run at a temp folder; a packaged app ignores
 * it, so a stray environment variable cannot move a person's data.
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
}

export function appPaths(): AppPaths {
  const override = app.isPackaged ? undefined : process.env.QS_DATA_DIR;
  const dataDir = override ? override : app.getPath('userData');
  // Beside `profiles/`, not in a profile folder; under a test's data folder, so a test run
  // never touches the person's real keys.
  return { dataDir, keychainDir: join(dataDir, 'stay-unlocked') };
}
