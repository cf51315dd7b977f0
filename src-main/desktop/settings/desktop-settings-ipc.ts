/**
 * Main's side of Settings › Desktop (src-preload/desktop-settings.ts): read the app-level
 * settings, and change them only when the OS accepts the change. A shortcut another app
 * holds, a login item the OS refuses, or a file that cannot be written answers an error
 * and leaves every setting — and what the OS was told — as it was.
 */
import { ipcMain } from 'electron';
import type { AppError, Result } from '../../../src-preload/contract';
import { DESKTOP_METHODS, desktopChannelOf, type DesktopMethod, type DesktopSettings, type DesktopSettingsPatch } from '../../../src-preload/desktop-settings';
import { parseAccelerator } from '../tray/accelerator';
import type { AppSettings, AppSettingsValues } from './app-settings';
import { isTrustedSender, type AppLocation } from '../security';

/**
 * Registers the quick-log shortcut in place of the current one, or none for '' (the tray's
 * `GlobalShortcut.apply`). On failure the previous shortcut stays registered; the message
 * says why, for Settings.
 */
export type ShortcutApplier = (accelerator: string) => { readonly ok: true } | { readonly ok: false; readonly message: string };

export interface DesktopSettingsDeps {
  readonly settings: AppSettings;
  readonly applyShortcut: ShortcutApplier;
  /** Make the OS open the app at login, or not (login-item.ts); rejects when the OS refuses. */
  readonly applyOpenAtLogin: (openAtLogin: boolean) => Promise<void>;
  /** Why open at login cannot be set here, or null when it can. */
  readonly openAtLoginUnavailable: () => string | null;
  /** Why the saved shortcut could not be registered at start (the tray's `shortcutOutcome`), or null. */
  readonly initialShortcutProblem?: string | null;
  /** Whose keys a shortcut names (`CommandOrControl` is Cmd on macOS). */
  readonly platform?: NodeJS.Platform;
}

const failure = (code: AppError['code'], message: string, field?: string): { ok: false; error: AppError } => ({
  ok: false,
  error: field === undefined ? { code, message } : { code, message, field },
});

const PATCH_KEYS: ReadonlySet<string> = new Set<keyof DesktopSettingsPatch>(['closeToTray', 'openAtLogin', 'quickLogShortcut']);

/**
 * The patch in `input`, or INVALID_INPUT naming the first wrong field. A shortcut is
 * trimmed; empty means none; otherwise `parseAccelerator` must accept it, and its message
 * says what is wrong.
 */
export function parseDesktopSettingsPatch(input: unknown, platform: NodeJS.Platform = process.platform): Result<DesktopSettingsPatch> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return failure('INVALID_INPUT', 'Expected the settings to change.');
  const record = input as Record<string, unknown>;
  const unknownKey = Object.keys(record).find((key) => !PATCH_KEYS.has(key));
  if (unknownKey !== undefined) return failure('INVALID_INPUT', `There is no desktop setting called “${unknownKey}”.`, unknownKey);
  const patch: { -readonly [K in keyof DesktopSettingsPatch]: DesktopSettingsPatch[K] } = {};
  for (const key of ['closeToTray', 'openAtLogin'] as const) {
    if (!(key in record)) continue;
    const value = record[key];
    if (typeof value !== 'boolean') return failure('INVALID_INPUT', 'Expected on or off.', key);
    patch[key] = value;
  }
  if ('quickLogShortcut' in record) {
    const raw = record.quickLogShortcut;
    if (typeof raw !== 'string') return failure('INVALID_INPUT', 'Type a shortcut, such as Ctrl+Shift+L, or leave it empty for none.', 'quickLogShortcut');
    const value = raw.trim();
    if (value !== '') {
      const parsed = parseAccelerator(value, platform);
      if (!parsed.ok) return failure('INVALID_INPUT', parsed.message, 'quickLogShortcut');
    }
    patch.quickLogShortcut = value;
  }
  return { ok: true, value: patch };
}

export function desktopSettingsView(values: AppSettingsValues, openAtLoginUnavailable: string | null, quickLogShortcutProblem: string | null): DesktopSettings {
  return {
    closeToTray: values.closeToTray,
    openAtLogin: values.openAtLogin,
    openAtLoginUnavailable,
    quickLogShortcut: values.quickLogShortcut,
    quickLogShortcutProblem,
  };
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The two operations, apart from IPC (tests call them directly). */
export interface DesktopSettingsService {
  get(): Result<DesktopSettings>;
  update(input: unknown): Promise<Result<DesktopSettings>>;
}

export function createDesktopSettingsService(deps: DesktopSettingsDeps): DesktopSettingsService {
  // Cleared once a shortcut is registered: from then on the one in use is the saved one.
  let shortcutProblem = deps.initialShortcutProblem ?? null;
  const view = (): DesktopSettings => desktopSettingsView(deps.settings.get(), deps.openAtLoginUnavailable(), shortcutProblem);
  const tryShortcut = (accelerator: string): { ok: true } | { ok: false; message: string } => {
    try {
      return deps.applyShortcut(accelerator);
    } catch (error) {
      return { ok: false, message: messageOf(error) };
    }
  };
  /** Put the OS back as it was after a later step failed; a failure here is only logged. */
  const undo = async (steps: readonly (() => Promise<unknown> | unknown)[]): Promise<void> => {
    for (const step of steps) {
      try {
        await step();
      } catch (error) {
        console.warn('A desktop setting could not be put back.', error);
      }
    }
  };

  async function update(input: unknown): Promise<Result<DesktopSettings>> {
    const parsed = parseDesktopSettingsPatch(input, deps.platform);
    if (!parsed.ok) return parsed;
    const patch = parsed.value;
    const before = deps.settings.get();
    const undoSteps: (() => Promise<unknown> | unknown)[] = [];

    if (patch.openAtLogin === true && !before.openAtLogin) {
      const unavailable = deps.openAtLoginUnavailable();
      if (unavailable !== null) return failure('OPEN_AT_LOGIN_UNAVAILABLE', unavailable, 'openAtLogin');
    }
    // The same shortcut again is asked for only when it did not work: saving it retries.
    const shortcutChange = patch.quickLogShortcut !== undefined && (patch.quickLogShortcut !== before.quickLogShortcut || shortcutProblem !== null);
    if (shortcutChange && patch.quickLogShortcut !== undefined) {
      const applied = tryShortcut(patch.quickLogShortcut);
      if (!applied.ok) return failure('SHORTCUT_UNAVAILABLE', applied.message, 'quickLogShortcut');
      // Put back the shortcut that was working, or none if the saved one was not.
      const previous = shortcutProblem === null ? before.quickLogShortcut : '';
      undoSteps.unshift(() => tryShortcut(previous));
    }
    if (patch.openAtLogin !== undefined && patch.openAtLogin !== before.openAtLogin) {
      try {
        await deps.applyOpenAtLogin(patch.openAtLogin);
      } catch (error) {
        await undo(undoSteps);
        return failure('OPEN_AT_LOGIN_FAILED', `The system did not accept the change: ${messageOf(error)}`, 'openAtLogin');
      }
      undoSteps.unshift(() => deps.applyOpenAtLogin(before.openAtLogin));
    }
    try {
      deps.settings.update(patch);
    } catch (error) {
      await undo(undoSteps);
      return failure('SETTINGS_NOT_SAVED', `The settings could not be saved: ${messageOf(error)}`);
    }
    if (shortcutChange) shortcutProblem = null;
    return { ok: true, value: view() };
  }

  // One change at a time: two overlapping ones would each undo to a state the other replaced.
  let queue: Promise<unknown> = Promise.resolve();
  return {
    get: () => ({ ok: true, value: view() }),
    update(input) {
      const next = queue.then(() => update(input));
      queue = next.catch(() => undefined);
      return next;
    },
  };
}

const FORBIDDEN_SENDER: Result<never> = failure('FORBIDDEN_SENDER', 'This request did not come from the app’s own page.');

/**
 * One IPC handler per desktop method, behind the same sender check as the contract's
 * (ipc.ts). Call after `ready`, before the window loads.
 */
export function registerDesktopSettingsHandlers(deps: DesktopSettingsDeps, location: AppLocation): DesktopSettingsService {
  const service = createDesktopSettingsService(deps);
  const handlers: Record<DesktopMethod, (input: unknown) => Promise<Result<DesktopSettings>> | Result<DesktopSettings>> = {
    getDesktopSettings: () => service.get(),
    updateDesktopSettings: (input) => service.update(input),
  };
  for (const method of DESKTOP_METHODS) {
    ipcMain.handle(desktopChannelOf(method), async (event, input: unknown): Promise<Result<DesktopSettings>> => {
      if (!isTrustedSender(event.senderFrame?.url, location)) return FORBIDDEN_SENDER;
      return handlers[method](input);
    });
  }
  return service;
}
