/**
 * "Open at login": the app starts with the computer, hidden in the tray. The decisions are
 * pure functions of the platform and the setting; `applyLoginItem` carries them out.
 *
 * - macOS and Windows: `app.setLoginItemSettings`. Windows passes `--hidden`; macOS cannot
 *   pass arguments to a login item, so the app asks `wasOpenedAtLogin` instead.
 * - Linux: Electron has no login items there; the freedesktop way is a `.desktop` file in
 *   `~/.config/autostart`, which GNOME, KDE, Xfce and the others read at log-in.
 * - An app run from the source tree (`npm start`) would register the bare Electron binary,
 *   which opens an empty Electron at the next log-in: only an installed app registers.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The argument a login start carries: start in the tray, without showing the window. */
export const HIDDEN_ARG = '--hidden';

/** The autostart file's name (freedesktop: the app's id). */
export const AUTOSTART_FILE = 'quantified-self.desktop';

export interface LoginItemContext {
  readonly platform: NodeJS.Platform;
  readonly isPackaged: boolean;
  /** `process.execPath`. */
  readonly execPath: string;
  /** `process.env.APPIMAGE`: an AppImage runs from a new temporary mount each time, so its own path is the one to start. */
  readonly appImagePath?: string | undefined;
  /** `AppPaths.autostartDir()`, read only on Linux. */
  readonly autostartDir: () => string;
  readonly appName: string;
}

export type LoginItemPlan =
  | { readonly kind: 'login-item'; readonly settings: { readonly openAtLogin: boolean; readonly args?: readonly string[] } }
  | { readonly kind: 'autostart-file'; readonly file: string; readonly contents: string | null }
  | { readonly kind: 'unavailable'; readonly reason: string };

/** Whether this app can open at login here; the reason when it cannot, for Settings. */
export function loginItemAvailability(context: Pick<LoginItemContext, 'platform' | 'isPackaged'>): { available: boolean; reason: string | null } {
  if (!context.isPackaged) return { available: false, reason: 'Only the installed app can open at login.' };
  if (context.platform !== 'darwin' && context.platform !== 'win32' && context.platform !== 'linux') {
    return { available: false, reason: 'This system has no login items the app knows how to set.' };
  }
  return { available: true, reason: null };
}

/**
 * A word for a desktop entry's `Exec` line as the Desktop Entry Specification asks: `%`
 * doubles (or it would start a field code); inside double quotes `"`, `` ` ``, `$` and `\`
 * take a backslash; then, since the line is also a string value, every backslash doubles.
 */
export function desktopExecWord(word: string): string {
  const literal = word.replace(/%/g, '%%');
  if (/^[A-Za-z0-9_./+%-]+$/.test(literal)) return literal;
  const quoted = `"${literal.replace(/[\\"`$]/g, (character) => `\\${character}`)}"`;
  return quoted.replace(/\\/g, '\\\\');
}

/** Desktop-entry values are one line: a newline in a name would start a new key. */
const oneLine = (text: string): string => text.replace(/[\r\n]+/g, ' ');

export function autostartEntry(executable: string, appName: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    `Name=${oneLine(appName)}`,
    `Exec=${desktopExecWord(executable)} ${HIDDEN_ARG}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/** What to do so the OS opens the app at login exactly when `openAtLogin` is on. */
export function loginItemPlan(openAtLogin: boolean, context: LoginItemContext): LoginItemPlan {
  const availability = loginItemAvailability(context);
  if (!availability.available) return { kind: 'unavailable', reason: availability.reason ?? '' };
  if (context.platform === 'darwin') return { kind: 'login-item', settings: { openAtLogin } };
  if (context.platform === 'win32') return { kind: 'login-item', settings: { openAtLogin, args: [HIDDEN_ARG] } };
  const executable = context.appImagePath ? context.appImagePath : context.execPath;
  // The file is line-based: a control character in the path could add lines of its own.
  if ([...executable].some((character) => character.charCodeAt(0) < 0x20 || character.charCodeAt(0) === 0x7f)) {
    return { kind: 'unavailable', reason: 'The app’s path holds characters an autostart entry cannot.' };
  }
  return {
    kind: 'autostart-file',
    file: join(context.autostartDir(), AUTOSTART_FILE),
    contents: openAtLogin ? autostartEntry(executable, context.appName) : null,
  };
}

/** What carrying out a plan needs: Electron's `app` and the file system, injected for tests. */
export interface LoginItemPorts {
  setLoginItemSettings(settings: { openAtLogin: boolean; args?: string[] }): void;
  writeFile?(file: string, contents: string): Promise<void>;
  removeFile?(file: string): Promise<void>;
}

const defaultWrite = async (file: string, contents: string): Promise<void> => {
  await mkdir(join(file, '..'), { recursive: true });
  await writeFile(file, contents, { encoding: 'utf8', mode: 0o644 });
};
const defaultRemove = (file: string): Promise<void> => rm(file, { force: true });

/** Carry out a plan. Rejects when the OS refuses (an unwritable autostart folder). */
export async function applyLoginItem(plan: LoginItemPlan, ports: LoginItemPorts): Promise<void> {
  switch (plan.kind) {
    case 'unavailable':
      return;
    case 'login-item':
      ports.setLoginItemSettings(plan.settings.args ? { openAtLogin: plan.settings.openAtLogin, args: [...plan.settings.args] } : { openAtLogin: plan.settings.openAtLogin });
      return;
    case 'autostart-file':
      if (plan.contents === null) await (ports.removeFile ?? defaultRemove)(plan.file);
      else await (ports.writeFile ?? defaultWrite)(plan.file, plan.contents);
      return;
  }
}

/**
 * Whether this start (or a second launch handing over its `argv`) should stay in the tray:
 * a login start on Windows and Linux carries `--hidden`; on macOS the OS says whether it
 * opened the app at login.
 */
export function startsHidden(argv: readonly string[], platform: NodeJS.Platform, wasOpenedAtLogin: () => boolean): boolean {
  if (argv.includes(HIDDEN_ARG)) return true;
  return platform === 'darwin' && wasOpenedAtLogin();
}
