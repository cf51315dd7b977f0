/**
 * The data folder of browser mode: `--data-dir`, else `$QS_DATA_DIR` (both folded into
 * the parsed options), else the desktop app's own folder (the core's `defaultDataDir`),
 * so both shells see one person's data.
 */
import { homedir } from 'node:os';
import { defaultDataDir } from '../core/index';

export function resolveDataDir(fromOptions: string | null): string {
  return fromOptions ?? defaultDataDir({ platform: process.platform, env: process.env, homedir: homedir() });
}
