/**
 * The data folder when none is given: the same folder Electron's
 * `app.getPath('userData')` gives for productName "Quantified Self", so the server shell and
 * the desktop app share one data folder by default. `QS_DATA_DIR` overrides it.
 */
import { posix, win32 } from 'node:path';

export const PRODUCT_NAME = 'Quantified Self';

export interface DataDirContext {
  readonly platform: NodeJS.Platform;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly homedir: string;
}

export function defaultDataDir({ platform, env, homedir }: DataDirContext): string {
  const override = env['QS_DATA_DIR'];
  if (override) return override;
  if (platform === 'win32') return win32.join(env['APPDATA'] || win32.join(homedir, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return posix.join(homedir, 'Library', 'Application Support', PRODUCT_NAME);
  return posix.join(env['XDG_CONFIG_HOME'] || posix.join(homedir, '.config'), PRODUCT_NAME);
}
