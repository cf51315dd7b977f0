import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CoreHost, CoreHostOptions } from '../../src-main/host/core-host';
import { inThreadClient } from '../../src-main/host/core-client';
import { DESKTOP_METHODS, desktopChannelOf } from '../../src-preload/desktop-settings';
import { API_METHODS, channelOf } from '../../src-preload/operations';
import { fakeHandlers } from '../unit/server/fake-handlers';
import type * as ElectronFake from './electron-fake';

vi.mock('electron', () => import('./electron-fake'));
// App-level settings in memory: a test run writes no settings file.
vi.mock('../../src-main/desktop/settings/app-settings', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src-main/desktop/settings/app-settings')>();
  return { ...real, openAppSettings: () => new real.AppSettings(real.memorySettingsStore()) };
});

const core = vi.hoisted(() => ({
  open: (_options: unknown): Promise<unknown> => Promise.reject(new Error('set per test')),
  opened: [] as unknown[],
  closed: 0,
}));
vi.mock('../../src-main/host/core-host', () => ({
  CoreHost: {
    start: (options: unknown) => {
      core.opened.push(options);
      return core.open(options);
    },
  },
}));

/** The core's host with fake handlers in this thread: main only needs its interface. */
const workingCore = (): Promise<CoreHost> =>
  Promise.resolve({
    ...inThreadClient(fakeHandlers(), { autoLockMinutes: () => 15, lockProfile: () => undefined }, () => undefined),
    unlockRemembered: () => Promise.resolve(null),
    warmUp: () => undefined,
    close: () => {
      core.closed += 1;
      return Promise.resolve();
    },
  } as unknown as CoreHost);

/**
 * Imports main.ts afresh (it runs on import, as in Electron) with a fresh fake Electron,
 * and lets `whenReady` settle. `configure` runs before main, e.g. to refuse the lock.
 */
async function startApp(configure: (fake: typeof ElectronFake) => void = () => undefined): Promise<typeof ElectronFake> {
  vi.resetModules();
  // The mocked module itself (cached across resets), so the test sees what main sees.
  const fake = (await import('electron')) as unknown as typeof ElectronFake;
  fake.resetFake();
  // No keychain unless a test wants one: the start then does no file I/O before the window.
  fake.safeStorage.available = false;
  configure(fake);
  await import('../../src-main/desktop/main');
  await new Promise((resolve) => setTimeout(resolve, 0));
  return fake;
}

beforeEach(() => {
  core.opened.length = 0;
  core.closed = 0;
  vi.stubEnv('QS_DATA_DIR', '/tmp/qs-main-test');
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe('desktop main', () => {
  it('opens the core on the data folder, registers every IPC channel, then creates the window', async () => {
    core.open = workingCore;
    const { app, BrowserWindow, ipcMain } = await startApp();
    expect(core.opened).toEqual([
      {
        dataDir: '/tmp/qs-main-test',
        worker: expect.objectContaining({ href: expect.stringMatching(/core-worker\.js$/) }),
        ports: { keychain: expect.any(Object), notifier: expect.any(Object), printer: expect.any(Object) },
        onRestart: expect.any(Function),
      } satisfies CoreHostOptions,
    ]);
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...API_METHODS.map(channelOf), ...DESKTOP_METHODS.map(desktopChannelOf)].sort());
    expect(BrowserWindow.created).toHaveLength(1);
    expect(app.quitCalls).toBe(0);
  });

  it('puts the app in the tray and registers the quick-log shortcut, released when the app quits', async () => {
    core.open = workingCore;
    const { app, Tray, globalShortcut } = await startApp();
    expect(Tray.created).toHaveLength(1);
    expect([...globalShortcut.registered.keys()]).toEqual(['CommandOrControl+Shift+L']);
    app.emit('will-quit');
    expect(globalShortcut.registered.size).toBe(0);
    expect(Tray.created[0]?.destroyed).toBe(true);
  });

  it('lends the core a notifier whose nudges, clicked, open the quick-log window for their one tracker', async () => {
    core.open = workingCore;
    const { BrowserWindow, Notification } = await startApp();
    const { notifier } = (core.opened[0] as CoreHostOptions).ports ?? {};
    if (notifier === undefined) throw new Error('main lent no notifier');
    expect(await notifier.notify({ profileId: 'p-1', title: 'Time to log', body: 'Sleep has no entry today.', trackerIds: ['t-1'], actions: [] })).toEqual({ shown: true });
    Notification.created[0]?.emit('click', {});
    expect(BrowserWindow.created.map((window) => window.loadedHash)).toContain('/quick-log/t-1');
  });

  it('has the core look for due jobs when the machine wakes from sleep, and no more once the app quits', async () => {
    let looks = 0;
    core.open = () => workingCore().then((host) => Object.assign(host, { lookForJobs: () => (looks += 1) }));
    const { app, powerMonitor } = await startApp();
    expect(looks).toBe(0);
    powerMonitor.emit('resume');
    expect(looks).toBe(1);
    app.emit('will-quit');
    powerMonitor.emit('resume');
    expect(looks).toBe(1);
  });

  it('quits at once when another instance holds the lock', async () => {
    core.open = workingCore;
    const { app, BrowserWindow } = await startApp((fake) => {
      fake.app.hasLock = false;
    });
    expect(app.quitCalls).toBe(1);
    expect(core.opened).toEqual([]);
    expect(BrowserWindow.created).toHaveLength(0);
  });

  it('focuses the window when a second instance starts', async () => {
    core.open = workingCore;
    const { app, BrowserWindow } = await startApp();
    app.emit('second-instance');
    expect(BrowserWindow.created[0]?.focused).toBe(true);
  });

  it('explains a locked data folder and quits', async () => {
    core.open = async () => {
      // Imported here, after the module reset, so it is the class main.ts checks against.
      const { AppFailure } = await import('../../src-main/core/errors');
      throw new AppFailure('DATA_FOLDER_LOCKED', 'The data folder is locked.');
    };
    const { app, BrowserWindow, dialog } = await startApp();
    expect(dialog.errorBoxes).toHaveLength(1);
    expect(dialog.errorBoxes[0]?.[0]).toMatch(/already using your data/);
    expect(dialog.errorBoxes[0]?.[1]).toContain('/tmp/qs-main-test');
    expect(app.quitCalls).toBe(1);
    expect(BrowserWindow.created).toHaveLength(0);
  });

  it('closes the core before quitting, holding the quit until it is closed', async () => {
    core.open = workingCore;
    const { app } = await startApp();
    const event = { preventDefault: vi.fn() };
    app.emit('before-quit', event);
    expect(event.preventDefault).toHaveBeenCalled();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(core.closed).toBe(1);
    expect(app.quitCalls).toBe(1);
    // The second before-quit (from that quit) lets the app go.
    const again = { preventDefault: vi.fn() };
    app.emit('before-quit', again);
    expect(again.preventDefault).not.toHaveBeenCalled();
  });

  it('quits when the last window closes, except on macOS', async () => {
    core.open = workingCore;
    const { app } = await startApp();
    app.emit('window-all-closed');
    expect(app.quitCalls).toBe(process.platform === 'darwin' ? 0 : 1);
  });
});

describe('desktop main when the core’s worker restarts', () => {
  const restartOf = (): ((event: { reason: string; stopped: boolean }) => void) => (core.opened[0] as CoreHostOptions).onRestart ?? (() => undefined);

  it('ends the session and tells the page, which returns to the password prompt', async () => {
    core.open = workingCore;
    const { BrowserWindow, ipcMain, dialog } = await startApp();
    // The page the window loaded (qs://app/index.html), as its frame would report it.
    const fromApp = { senderFrame: { url: BrowserWindow.created[0]?.loadedUrl ?? '' } };
    const invoke = (method: string, input: unknown) => ipcMain.handlers.get(`api:${method}`)?.(fromApp, input);
    await invoke('signUp', { email: 'ada@example.com', password: 'correct horse battery', name: 'Ada', age: 36, gender: 'female', backupCode: 'backup code 1234' });
    expect(await invoke('listTrackers', {})).toMatchObject({ ok: true });
    vi.spyOn(console, 'error').mockImplementation(() => undefined);

    restartOf()({ reason: 'worker ended (exit code 1)', stopped: false });
    expect(BrowserWindow.created[0]?.webContents.sent).toContain('event:core-restarted');
    expect(await invoke('listTrackers', {})).toMatchObject({ ok: false, error: { code: 'NOT_LOGGED_IN' } });
    expect(dialog.errorBoxes).toEqual([]);
  });

  it('explains in a dialog when the host gave up restarting it', async () => {
    core.open = workingCore;
    const { dialog } = await startApp();
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    restartOf()({ reason: 'worker ended (exit code 1)', stopped: true });
    expect(dialog.errorBoxes[0]?.[0]).toBe('Quantified Self stopped working');
    expect(dialog.errorBoxes[0]?.[1]).toContain('/tmp/qs-main-test');
  });
});

describe('desktop main when wiring fails after the core opened', () => {
  it('shows the reason, quits, and still closes the core', async () => {
    core.open = workingCore;
    const { app, dialog } = await startApp((fake) => {
      vi.spyOn(fake.ipcMain, 'handle').mockImplementation(() => {
        throw new Error('wiring bug');
      });
    });
    expect(dialog.errorBoxes[0]?.[0]).toBe('Quantified Self could not start');
    expect(dialog.errorBoxes[0]?.[1]).toContain('wiring bug');
    expect(app.quitCalls).toBe(1);
    app.emit('before-quit', { preventDefault: vi.fn() });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(core.closed).toBe(1);
  });
});
