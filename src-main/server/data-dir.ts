/**
 * The data folder of browser mode: `--data-dir`, else `$QS_DATA_DIR` (both folded into
 * the parsed options), else the desktop app's own folder, so both shells see one person's data.
 */
export function resolveDataDir(fromOptions: string | null): string {
  if (fromOptions !== null) return fromOptions;
  // Until the core exports `defaultDataDir()`, browser mode needs an explicit folder.
  throw new Error('Pass --data-dir DIR or set QS_DATA_DIR.');
}
