/**
 * App-level settings of the desktop app: the tray, the login item, the quick-log shortcut
 * and the main window's last place. None of it is a person's data (that lives in the
 * profile folders), so it is one small `electron-store` file beside them, shared by every
 * profile on the computer.
 *
 * The values are read once and kept in memory (electron-store would read the file again
 * on every `get`); every change is written through at once.
 */
import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { ipcMain } from 'electron';
import ElectronStore, { type Schema } from 'electron-store';
import { ACCELERATOR_MAX_LENGTH } from '../tray/accelerator';
import { DEFAULT_QUICK_LOG_SHORTCUT } from '../tray/global-shortcut';

/** The file's name without `.json`, inside `AppPaths.settingsDir`. */
export const APP_SETTINGS_FILE = 'app-settings';

export interface WindowBounds {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The main window as it was last left: its normal (not maximised) bounds and whether it was maximised. */
export interface WindowState {
  readonly bounds: WindowBounds | null;
  readonly maximized: boolean;
}

export interface AppSettingsValues {
  /** Closing the main window hides it; the app keeps running in the tray. */
  readonly closeToTray: boolean;
  /** Start with the computer, hidden in the tray. */
  readonly openAtLogin: boolean;
  /** The global shortcut that opens quick log, as an Electron accelerator; empty for none. */
  readonly quickLogShortcut: string;
  /** The one-time "still running in the tray" hint was shown. */
  readonly closeHintShown: boolean;
  readonly windowState: WindowState;
}

export const APP_SETTINGS_DEFAULTS: AppSettingsValues = {
  closeToTray: true,
  openAtLogin: false,
  quickLogShortcut: DEFAULT_QUICK_LOG_SHORTCUT,
  closeHintShown: false,
  windowState: { bounds: null, maximized: false },
};

const number = { type: 'number' } as const;

/** electron-store checks every write against this, so a bug cannot store a wrong shape. */
const SCHEMA: Schema<AppSettingsValues> = {
  closeToTray: { type: 'boolean' },
  openAtLogin: { type: 'boolean' },
  quickLogShortcut: { type: 'string', maxLength: ACCELERATOR_MAX_LENGTH },
  closeHintShown: { type: 'boolean' },
  windowState: {
    type: 'object',
    properties: {
      bounds: {
        oneOf: [{ type: 'null' }, { type: 'object', properties: { x: number, y: number, width: number, height: number }, required: ['x', 'y', 'width', 'height'] }],
      },
      maximized: { type: 'boolean' },
    },
    required: ['bounds', 'maximized'],
  },
};

/** Where the values are kept: electron-store in the app, a plain object in tests. */
export interface SettingsStorePort {
  /** Everything stored, as found (a hand-edited file can hold anything). */
  read(): unknown;
  /** Replace everything stored; throws when it cannot be written. */
  write(values: AppSettingsValues): void;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A shortcut as stored: text of an accelerator's length without control characters, or
 * empty for none. Whether the keys make a shortcut is `parseAccelerator`'s to say (main
 * checks a change with it; the saved one is checked again when it is registered).
 */
export const isStoredShortcut = (value: unknown): value is string =>
  typeof value === 'string' && value.length <= ACCELERATOR_MAX_LENGTH && ![...value].some((character) => character.charCodeAt(0) < 0x20 || character.charCodeAt(0) === 0x7f);

function windowBoundsOf(value: unknown): WindowBounds | null {
  if (!isRecord(value)) return null;
  const { x, y, width, height } = value;
  const finite = [x, y, width, height].every((part) => typeof part === 'number' && Number.isFinite(part));
  return finite ? { x: x as number, y: y as number, width: width as number, height: height as number } : null;
}

/**
 * The settings in `raw`, each key checked on its own: a wrong value falls back to its
 * default without taking the other keys with it (the window's place is worth less than
 * whether the app opens at login).
 */
export function sanitizeAppSettings(raw: unknown): AppSettingsValues {
  const stored = isRecord(raw) ? raw : {};
  const flag = (key: 'closeToTray' | 'openAtLogin' | 'closeHintShown'): boolean => {
    const value = stored[key];
    return typeof value === 'boolean' ? value : APP_SETTINGS_DEFAULTS[key];
  };
  const windowState = isRecord(stored.windowState) ? stored.windowState : {};
  return {
    closeToTray: flag('closeToTray'),
    openAtLogin: flag('openAtLogin'),
    closeHintShown: flag('closeHintShown'),
    quickLogShortcut: isStoredShortcut(stored.quickLogShortcut) ? stored.quickLogShortcut : DEFAULT_QUICK_LOG_SHORTCUT,
    windowState: { bounds: windowBoundsOf(windowState.bounds), maximized: windowState.maximized === true },
  };
}

/** The app-level settings, read once and written through on every change. */
export class AppSettings {
  private values: AppSettingsValues;

  constructor(private readonly store: SettingsStorePort) {
    this.values = sanitizeAppSettings(store.read());
  }

  /** Everything, as it is now. */
  get(): AppSettingsValues {
    return this.values;
  }

  /**
   * Change some values and write them. Throws when the file cannot be written; the values
   * in memory then stay as they were, so what the app does matches what is on disk.
   */
  update(patch: Partial<AppSettingsValues>): AppSettingsValues {
    const next = sanitizeAppSettings({ ...this.values, ...patch });
    this.store.write(next);
    this.values = next;
    return next;
  }
}

/** A store that only remembers until the app quits: the fallback when no file can be kept. */
export function memorySettingsStore(initial: unknown = {}): SettingsStorePort & { readonly written: AppSettingsValues[] } {
  let current: unknown = initial;
  const written: AppSettingsValues[] = [];
  return {
    written,
    read: () => current,
    write(values) {
      written.push(values);
      current = values;
    },
  };
}

export interface OpenSettingsOptions {
  /** Told when the file was unreadable and set aside, or could not be kept at all. */
  readonly warn?: (message: string, error: unknown) => void;
}

function createStore(settingsDir: string): ElectronStore<AppSettingsValues> {
  return new ElectronStore<AppSettingsValues>({
    cwd: settingsDir,
    name: APP_SETTINGS_FILE,
    defaults: APP_SETTINGS_DEFAULTS,
    schema: SCHEMA,
    // A file that fails is set aside below, never silently emptied.
    clearInvalidConfig: false,
  });
}

/**
 * Open `app-settings.json` in `settingsDir` (`AppPaths.settingsDir`). A file that does not
 * parse or fails the schema is kept as `app-settings.json.corrupt` and the app starts with
 * the defaults: app-level settings must never stop the app from starting. When no file can
 * be kept at all (a read-only folder), the settings last until the app quits.
 */
export function openAppSettings(settingsDir: string, options: OpenSettingsOptions = {}): AppSettings {
  const warn = options.warn ?? ((message, error) => console.warn(message, error));
  const file = join(settingsDir, `${APP_SETTINGS_FILE}.json`);
  let store: ElectronStore<AppSettingsValues> | null = null;
  try {
    store = createStore(settingsDir);
  } catch (error) {
    warn(`The app settings in ${file} could not be read; they are kept as ${file}.corrupt and the defaults apply.`, error);
    try {
      if (existsSync(file)) renameSync(file, `${file}.corrupt`);
      store = createStore(settingsDir);
    } catch (again) {
      warn(`The app settings cannot be saved in ${settingsDir}; changes last until the app quits.`, again);
    }
  }
  // electron-store answers a synchronous IPC channel for stores opened in a renderer. This
  // app has none, and every channel left open is one more thing a compromised page could call.
  ipcMain.removeAllListeners('electron-store-get-data');
  if (store === null) return new AppSettings(memorySettingsStore());
  const opened = store;
  return new AppSettings({
    read: () => opened.store,
    write: (values) => {
      opened.store = values;
    },
  });
}
