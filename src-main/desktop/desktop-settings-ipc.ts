/**
 * Main's side of Settings › Desktop (src-preload/desktop-settings.ts): read the app-level
 * settings, and change them only when the OS accepts the change. A shortcut another app
 * holds, a login item the OS refuses, or a file that cannot be written answers an error
 * and leaves every setting — and what the OS was told — as it was.
 */
import { ipcMain } from 'electron';
import type { AppError, Result } from '../../src-preload/contract';
import { DESKTOP_METHODS, desktopChannelOf, type DesktopMethod, type DesktopSettings, type DesktopSettingsPatch } from '../../src-preload/desktop-settings';
import { isShortcutText, MAX_SHORTCUT_LENGTH, type AppSettings, type AppSettingsValues } from './app-settings';
import { isTrustedSender, type AppLocation } from './security';

/**
 * Registers the quick-log shortcut in place of the current one (the tray's module). On
 * failure the previous shortcut must stay registered; the message says why, for Settings.
 */
export type ShortcutApplier = (accelerator: string) => { readonly ok: true } | { readonly ok: false; readonly message: string };

export interface DesktopSettingsDeps {
  readonly settings: AppSettings;
  readonly applyShortcut: ShortcutApplier;
  /** Make the OS open the app at login, or not (login-item.ts); rejects when the OS refuses. */
  readonly applyOpenAtLogin: (openAtLogin: boolean) => Promise<void>;
  /** Why open at login cannot be set here, or null when it can. */
  readonly openAtLoginUnavailable: () => string | null;
}

const failure = (code: AppError['code'], message: string, field?: string): { ok: false; error: AppError } => ({
  ok: false,
  error: field === undefined ? { code, message } : { code, message, field },
});

const PATCH_KEYS: ReadonlySet<string> = new Set<keyof DesktopSettingsPatch>(['closeToTray', 'openAtLogin', 'quickLogShortcut']);

/** The patch in `input`, or INVALID_INPUT naming the first wrong field. */
export function parseDesktopSettingsPatch(input: unknown): Result<DesktopSettingsPatch> {
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
    const value = typeof raw === 'string' ? raw.trim() : raw;
    if (!isShortcutText(value)) {
      return failure('INVALID_INPUT', `Type a shortcut such as Ctrl+Shift+L: keys joined by “+”, no spaces, at most ${MAX_SHORTCUT_LENGTH} characters.`, 'quickLogShortcut');
    }
    patch.quickLogShortcut = value;
  }
  return { ok: true, value: patch };
}

export function desktopSettingsView(values: AppSettingsValues, openAtLoginUnavailable: string | null): DesktopSettings {
  return {
    closeToTray: values.closeToTray,
    openAtLogin: values.openAtLogin,
    openAtLoginUnavailable,
    quickLogShortcut: values.quickLogShortcut,
  };
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The two operations, apart from IPC (tests call them directly). */
export interface DesktopSettingsService {
  get(): Result<DesktopSettings>;
  update(input: unknown): Promise<Result<DesktopSettings>>;
}

export function createDesktopSettingsService(deps: DesktopSettingsDeps): DesktopSettingsService {
  const view = (): DesktopSettings => desktopSettingsView(deps.settings.get(), deps.openAtLoginUnavailable());
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
    const parsed = parseDesktopSettingsPatch(input);
    if (!parsed.ok) return parsed;
    const patch = parsed.value;
    const before = deps.settings.get();
    const undoSteps: (() => Promise<unknown> | unknown)[] = [];

    if (patch.openAtLogin === true && !before.openAtLogin) {
      const unavailable = deps.openAtLoginUnavailable();
      if (unavailable !== null) return failure('OPEN_AT_LOGIN_UNAVAILABLE', unavailable, 'openAtLogin');
    }
    if (patch.quickLogShortcut !== undefined && patch.quickLogShortcut !== before.quickLogShortcut) {
      const applied = tryShortcut(patch.quickLogShortcut);
      if (!applied.ok) return failure('SHORTCUT_UNAVAILABLE', applied.message, 'quickLogShortcut');
      undoSteps.unshift(() => tryShortcut(before.quickLogShortcut));
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
