/**
 * The only caller of `app.getPath`: every folder the desktop app uses comes from here.
 * `QS_DATA_DIR` points a development or test run at a temp folder; a packaged app ignores
 * it, so a stray environment variable cannot move a person's data.
 */
import { app } from 'electron';

export interface AppPaths {
  /** The data folder: one sub-folder per profile, plus the lock file. */
  readonly dataDir: string;
}

export function appPaths(): AppPaths {
  const override = app.isPackaged ? undefined : process.env.QS_DATA_DIR;
  return { dataDir: override ? override : app.getPath('userData') };
}
