/**
 * The desktop app's lifecycle: one instance, the core started in its worker over the data
 * folder once Electron is ready (host/core-host.ts: this thread keeps windows, menus and
 * IPC, and never waits on a file), IPC registered before the window can send anything, and
 * the core closed (pending writes flushed, lock released) before the app quits.
 * No top-level await: Electron must reach `ready` without waiting on us.
 */
import { app, dialog, powerMonitor, screen } from 'electron';
import { eventChannelOf } from '../../src-preload/events';
import type { Session } from '../core/dispatch';
import { AppFailure } from '../core/errors';
import { CoreHost, type RestartEvent } from '../host/core-host';
import { APP_USER_MODEL_ID } from './app-identity';
import { installAppMenu } from './window/app-menu';
import { handleAppScheme, registerAppScheme } from './window/app-protocol';
import { openAppSettings } from './settings/app-settings';
import { appLocation } from './bundle-files';
import { showCloseHint } from './window/close-hint';
import { registerDesktopSettingsHandlers } from './settings/desktop-settings-ipc';
import { registerIpcHandlers } from './ipc';
import { createSafeStorageKeychain, type SafeStorageKeychain } from './keychain';
import { createDesktopNotifier } from './jobs/desktop-notifier';
import { nudgeAnswers } from './jobs/nudge-answers';
import { createPrintWindowPrinter } from './jobs/print-window';
import { displayWorkAreas, installMainWindowLifecycle, MainWindow } from './window/main-window';
import { openAtLoginControl } from './settings/open-at-login';
import { appPaths } from './paths';
import { installTraySurfaces, type TraySurfaces } from './tray/tray-surfaces';

/** How often the idle lock looks at the session while nobody calls. */
const IDLE_CHECK_MS = 30_000;
/** The core's worker, built beside this entry (out/main/core-worker.js). */
const CORE_WORKER = new URL('./core-worker.js', import.meta.url);

/** The first remembered profile that still opens ("stay unlocked"), as the starting session. */
async function rememberedSession(core: CoreHost, keychain: SafeStorageKeychain): Promise<Session | null> {
  if (!(await keychain.availability()).available) return null;
  for (const profileId of await keychain.remembered()) {
    const profile = await core.unlockRemembered(profileId);
    if (profile !== null) return { profileId: profile.id };
  }
  return null;
}

function explainStartFailure(error: unknown, dataDir: string): [title: string, content: string] {
  if (error instanceof AppFailure && error.code === 'DATA_FOLDER_LOCKED') {
    return [
      'Quantified Self is already using your data',
      `Another Quantified Self (the app, or browser mode started with "npm run serve") is using the data folder:\n\n${dataDir}\n\nClose it, then start the app again.`,
    ];
  }
  const message = error instanceof Error ? error.message : String(error);
  return ['Quantified Self could not start', `${message}\n\nData folder: ${dataDir}`];
}

function explainStop(dataDir: string): [title: string, content: string] {
  return [
    'Quantified Self stopped working',
    `The part of the app that reads and writes your data kept stopping, so it was not started again. Everything saved before is safe. Quit the app and start it again.\n\nData folder: ${dataDir}`,
  ];
}

function run(): void {
  const location = appLocation(app.isPackaged);
  let core: CoreHost | null = null;
  // The page is served by the app's own scheme, which must be known before `ready`.
  registerAppScheme();

  app.on('window-all-closed', () => {
    // macOS apps stay in the dock until the person quits them; elsewhere, with the main
    // window closed for real (close-to-tray off), the app ends.
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('before-quit', (event) => {
    if (!core) return;
    // Closing is asynchronous: hold the quit until the last write has landed.
    event.preventDefault();
    const closing = core;
    core = null;
    closing
      .close()
      .catch((error: unknown) => console.error(error))
      .finally(() => app.quit());
  });

  const paths = appPaths();
  const { dataDir, keychainDir } = paths;
  const start = async (): Promise<void> => {
    // Windows shows an app's notifications (nudges, the tray hint) only under its app id,
    // the installer's (electron-builder.yml); an unpackaged run needs it set as well.
    if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);
    handleAppScheme();
    const settings = openAppSettings(paths.settingsDir);
    const openAtLogin = openAtLoginControl(paths.autostartDir);
    void openAtLogin.apply(settings.get().openAtLogin).catch((error: unknown) => console.warn('Open at login could not be set.', error));
    installAppMenu(paths);
    const windows = new MainWindow({ location, settings, workAreas: () => displayWorkAreas(screen), showCloseHint: () => showCloseHint() });

    const keychain = createSafeStorageKeychain(keychainDir);
    const notifier = createDesktopNotifier();
    // Set once IPC is registered; a restart before that has no session to end.
    let onRestart = (_event: RestartEvent): void => undefined;
    const ports = { keychain, notifier, printer: createPrintWindowPrinter() };
    const opened = await CoreHost.start({ dataDir, worker: CORE_WORKER, ports, onRestart: (event) => onRestart(event) });
    core = opened;
    const initialSession = await rememberedSession(opened, keychain);
    // The dashboard's files are read while the window loads (see core/warm-up.ts).
    if (initialSession) opened.warmUp(initialSession.profileId);
    let surfaces: TraySurfaces | null = null;
    const session = registerIpcHandlers(opened, location, { initialSession, onAnswered: (method, result, sender) => surfaces?.afterCall(method, result, sender) });
    const tellLocked = (): void => windows.current?.webContents.send(eventChannelOf('session-locked'));
    surfaces = installTraySurfaces({
      client: opened,
      session,
      location,
      openMainWindow: () => windows.show(),
      quit: () => app.quit(),
      onSessionLocked: tellLocked,
      accelerator: settings.get().quickLogShortcut,
    });
    const tray = surfaces;
    notifier.answerWith(
      nudgeAnswers({
        client: opened,
        session,
        openQuickLog: (trackerId) => tray.quickLog.open(trackerId),
        openMainWindow: () => windows.show(),
        snooze: (profileId, trackerIds, until) => opened.snoozeNudge(profileId, trackerIds, until),
        afterWrite: (method, result) => tray.afterCall(method, result),
        onSessionLocked: tellLocked,
      }),
    );
    registerDesktopSettingsHandlers(
      {
        settings,
        applyShortcut: (accelerator) => tray.shortcut.apply(accelerator),
        applyOpenAtLogin: (on) => openAtLogin.apply(on),
        openAtLoginUnavailable: () => openAtLogin.unavailable(),
        initialShortcutProblem: tray.shortcutOutcome.ok ? null : tray.shortcutOutcome.message,
      },
      location,
    );
    onRestart = (event) => {
      console.error(event.reason);
      // The new worker has every profile locked: the page returns to the password prompt.
      session.set(null);
      windows.current?.webContents.send(eventChannelOf('core-restarted'));
      void tray.tray.refresh();
      if (event.stopped) dialog.showErrorBox(...explainStop(dataDir));
    };
    const idleTimer = setInterval(() => {
      if (!session.lockIfIdle()) return;
      tellLocked();
      void tray.tray.refresh();
    }, IDLE_CHECK_MS);
    // The timer alone must never keep a quitting app alive.
    idleTimer.unref();
    app.once('will-quit', () => {
      clearInterval(idleTimer);
      tray.destroy();
    });
    // After sleep the runner's timer is late: a nudge due while the lid was shut comes now.
    const lookAfterSleep = (): void => opened.lookForJobs();
    powerMonitor.on('resume', lookAfterSleep);
    app.once('will-quit', () => powerMonitor.removeListener('resume', lookAfterSleep));
    installMainWindowLifecycle(app, windows);
    // Started at login: the app waits in the tray until the person opens it.
    windows.open({ hidden: openAtLogin.startedHidden() });
  };

  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      // Without a window the person would see nothing at all: say why, then leave.
      dialog.showErrorBox(...explainStartFailure(error, dataDir));
      app.quit();
    });
}

// A second copy would write the same data folder: hand over to the first and leave.
if (app.requestSingleInstanceLock()) run();
else app.quit();
