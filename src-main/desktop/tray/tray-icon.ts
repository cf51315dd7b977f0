/**
 * Which tray icon file to show. The icons live in resources/tray/ (made by
 * scripts/make-icons.ts) and ship inside app.asar (electron-builder.yml `files`), so one
 * path works in development and in an installed app: `app.getAppPath()` + resources/tray.
 * Each file has an `@2x` twin beside it, which Electron picks up by itself on high-DPI
 * screens when given the plain name.
 */
import { isAbsolute, join } from 'node:path';

/** The tray icons, by the panel they are drawn for. */
export const TRAY_ICON_FILES = {
  /** A light glyph, for dark panels and taskbars. */
  onDark: 'tray-on-dark.png',
  /** A dark glyph, for light panels and taskbars. */
  onLight: 'tray-on-light.png',
  /**
   * Black and alpha only: macOS tints an image whose name ends in "Template" to suit its
   * menu bar (light, dark, highlighted), so one file serves every appearance there.
   */
  template: 'trayTemplate.png',
} as const;

/** Where the tray icons are, relative to the app's root (`app.getAppPath()`). */
export const TRAY_ICON_DIR = join('resources', 'tray');

/** The app root given to {@link trayIconFile} was not an absolute path. */
export class TrayIconRootError extends Error {
  readonly code = 'TRAY_ICON_ROOT_NOT_ABSOLUTE';
  constructor(appRoot: string) {
    super(`The tray icon folder needs the app's absolute root folder (app.getAppPath()), not ${JSON.stringify(appRoot)}.`);
    this.name = 'TrayIconRootError';
  }
}

/**
 * The absolute path of the tray icon for this platform and panel.
 *
 * @param platform `process.platform`; on macOS the template image is chosen whatever the panel.
 * @param darkPanel whether the panel behind the icon is dark: on Windows
 *   `nativeTheme.shouldUseDarkColorsForSystemIntegratedUI` (the taskbar can differ from the
 *   app theme), elsewhere `nativeTheme.shouldUseDarkColors`.
 * @param appRoot `app.getAppPath()`: the project folder in development, app.asar when installed.
 * @throws TrayIconRootError when `appRoot` is not absolute (a relative path would be read
 *   against the working folder, which an installed app does not control).
 */
export function trayIconFile(platform: NodeJS.Platform, darkPanel: boolean, appRoot: string): string {
  if (!isAbsolute(appRoot)) throw new TrayIconRootError(appRoot);
  const file =
    platform === 'darwin' ? TRAY_ICON_FILES.template : darkPanel ? TRAY_ICON_FILES.onDark : TRAY_ICON_FILES.onLight;
  return join(appRoot, TRAY_ICON_DIR, file);
}
