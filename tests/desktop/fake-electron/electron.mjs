// A recording fake of the `electron` module for booting the built main bundle in plain
// Node. It records what the app does (windows, loaded page, preload, IPC channels,
// dialogs), asks the real core one question through IPC, then prints one report line
// `FAKE_ELECTRON_REPORT {json}` and exits.
import { EventEmitter } from 'node:events';
import { pathToFileURL } from 'node:url';

const report = {
  events: [],
  windows: [],
  ipcChannels: [],
  errorBoxes: [],
  quitCalls: 0,
  probe: null,
  trays: [],
  shortcuts: [],
  // window-lifecycle: the app scheme, the menu, login items
  privilegedSchemes: [],
  schemeAnswers: [],
  menu: null,
  loginItemCalls: [],
};
const ipcHandlers = new Map();
const protocolHandlers = new Map();
let ready = false;
let finished = false;

function finish(exitCode) {
  if (finished) return;
  finished = true;
  process.stdout.write(`FAKE_ELECTRON_REPORT ${JSON.stringify({ ...report, workers: globalThis.__qsWorkersStarted ?? [] })}\n`);
  process.exit(exitCode);
}

// Nothing should take this long; report what happened so far rather than hang the test.
setTimeout(() => {
  report.events.push('timed out');
  finish(2);
}, 15_000).unref();

/**
 * Ask the scheme's handler for `url` as Chromium would, and record the answer: its status,
 * type, CSP, and the bytes (for the page, so the test can compare them with the file).
 */
async function fetchThroughScheme(url, withBody) {
  const scheme = new URL(url).protocol.slice(0, -1);
  const handler = protocolHandlers.get(scheme);
  if (!handler) {
    report.schemeAnswers.push({ url, status: 'no handler' });
    return null;
  }
  try {
    const response = await handler(new Request(url));
    const body = await response.text();
    report.schemeAnswers.push({
      url,
      status: response.status,
      contentType: response.headers.get('content-type'),
      csp: response.headers.get('content-security-policy'),
      ...(withBody ? { body } : {}),
    });
    return body;
  } catch (error) {
    report.schemeAnswers.push({ url, status: `threw: ${error instanceof Error ? error.message : String(error)}` });
    return null;
  }
}

/**
 * Load a page of the app scheme as Chromium would: the page, then every script and
 * stylesheet it names (relative to the page), then two requests a hostile page might try.
 */
async function loadThroughScheme(url) {
  const html = await fetchThroughScheme(url, true);
  if (html === null) return;
  for (const match of html.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)) await fetchThroughScheme(new URL(match[1], url).href, false);
  await fetchThroughScheme(new URL('/..%2fmain%2findex.js', url).href, false);
  await fetchThroughScheme(new URL('/%2e%2e%2fpreload%2findex.cjs', url).href, false);
}

/** After the page is loaded: call one operation through IPC as the page would, then report. */
async function probeAndFinish(sourceUrl) {
  const handler = ipcHandlers.get('api:currentProfile');
  try {
    report.probe = handler ? await handler({ senderFrame: { url: sourceUrl } }, {}) : 'no handler';
  } catch (error) {
    report.probe = `threw: ${error instanceof Error ? error.message : String(error)}`;
  }
  finish(0);
}

class FakeSession {
  setPermissionRequestHandler() {
    report.events.push('permission request handler set');
  }
  setPermissionCheckHandler() {
    report.events.push('permission check handler set');
  }
}

class FakeWebContents extends EventEmitter {
  session = new FakeSession();
  send(channel) {
    report.events.push(`sent ${channel}`);
  }
  setWindowOpenHandler() {
    report.events.push('window open handler set');
  }
}

export class BrowserWindow extends EventEmitter {
  static #all = [];
  static getAllWindows() {
    return [...BrowserWindow.#all];
  }
  webContents = new FakeWebContents();
  #record;
  constructor(options = {}) {
    super();
    BrowserWindow.#all.push(this);
    this.#record = { options, loadedFile: null, loadedUrl: null, shown: false, ipcChannelsBefore: report.ipcChannels.length };
    report.windows.push(this.#record);
    report.events.push('window created');
  }
  async loadFile(file) {
    this.#record.loadedFile = file;
    report.events.push('renderer loaded');
    setImmediate(() => {
      this.emit('ready-to-show');
      void probeAndFinish(pathToFileURL(file).href);
    });
  }
  async loadURL(url) {
    this.#record.loadedUrl = url;
    report.events.push('renderer loaded');
    setImmediate(async () => {
      if (!url.startsWith('http:') && !url.startsWith('https:')) await loadThroughScheme(url);
      this.emit('ready-to-show');
      await probeAndFinish(url);
    });
  }
  show() {
    this.#record.shown = true;
  }
  hide() {
    this.#record.shown = false;
  }
  isVisible() {
    return this.#record.shown;
  }
  maximize() {
    this.#record.shown = true;
    this.#record.maximized = true;
  }
  isMaximized() {
    return this.#record.maximized === true;
  }
  getNormalBounds() {
    const { x = 0, y = 0, width = 800, height = 600 } = this.#record.options;
    return { x, y, width, height };
  }
  focus() {}
  restore() {}
  isMinimized() {
    return false;
  }
  isDestroyed() {
    return false;
  }
  close() {
    this.emit('closed');
  }
  setPosition() {}
}

class FakeApp extends EventEmitter {
  isPackaged = false;
  requestSingleInstanceLock() {
    report.events.push('single instance lock');
    return true;
  }
  whenReady() {
    return new Promise((resolve) =>
      setImmediate(() => {
        ready = true;
        report.events.push('ready');
        resolve();
      }),
    );
  }
  /** The project folder, as Electron answers in development (the test starts the bundle there). */
  getAppPath() {
    return process.cwd();
  }
  getPath(name) {
    // The app's own folders come from QS_DATA_DIR; electron-store asks for userData anyway
    // (and is then given a folder of its own). The test checks this folder stays empty.
    report.events.push(`getPath ${name}`);
    return process.env.FAKE_ELECTRON_USER_DATA || '/nonexistent/qs-fake-user-data';
  }
  name = 'Quantified Self';
  getVersion() {
    return '0.0.0-boot-test';
  }
  setLoginItemSettings(settings) {
    report.loginItemCalls.push(settings);
  }
  getLoginItemSettings() {
    return { openAtLogin: false, wasOpenedAtLogin: false };
  }
  quit() {
    report.quitCalls += 1;
    report.events.push('quit');
    finish(0);
  }
}

export const app = new FakeApp();

export const ipcMain = {
  handle(channel, handler) {
    report.ipcChannels.push(channel);
    ipcHandlers.set(channel, handler);
  },
  removeHandler(channel) {
    ipcHandlers.delete(channel);
  },
  on(channel) {
    report.events.push(`ipcMain.on ${channel}`);
  },
  removeAllListeners(channel) {
    report.events.push(`ipcMain.removeAllListeners ${channel}`);
  },
};

export const dialog = {
  showErrorBox(title, content) {
    report.errorBoxes.push({ title, content });
  },
  async showMessageBox() {
    return { response: 0 };
  },
};

export const shell = {
  async openExternal() {},
  async openPath() {
    return '';
  },
};

// ---- The app scheme, the application menu's record, notifications (window-lifecycle) ----

export const protocol = {
  registerSchemesAsPrivileged(schemes) {
    // Electron ignores it after `ready`; the record says when it came.
    report.events.push(ready ? 'schemes registered after ready' : 'schemes registered');
    report.privilegedSchemes.push(...schemes);
  },
  handle(scheme, handler) {
    report.events.push(`protocol handled ${scheme}`);
    protocolHandlers.set(scheme, handler);
  },
  unhandle(scheme) {
    protocolHandlers.delete(scheme);
  },
  isProtocolHandled(scheme) {
    return protocolHandlers.has(scheme);
  },
};

export class Notification {
  static isSupported() {
    return false;
  }
  show() {}
}

export const session = { defaultSession: new FakeSession() };

// ---- Tray, menus, global shortcuts, screen and power (tray.ts, quick-log-window.ts, global-shortcut.ts) ----

/**
 * A menu keeps its items' labels for the report (click handlers cannot be JSON), and its
 * whole template for the application menu's record (labels, roles, submenus).
 */
class FakeMenu {
  constructor(template) {
    this.items = template.map((item) => item.label ?? `(${item.type ?? 'item'})`);
    this.template = template;
  }
}

export const Menu = {
  buildFromTemplate(template) {
    return new FakeMenu(template);
  },
  setApplicationMenu(menu) {
    report.events.push('application menu set');
    report.menu = JSON.parse(JSON.stringify(menu?.template ?? null));
  },
  getApplicationMenu() {
    return null;
  },
};

export class Tray extends EventEmitter {
  #record;
  constructor(image) {
    super();
    this.#record = { image, tooltip: '', menu: null };
    report.trays.push(this.#record);
    report.events.push('tray created');
  }
  setToolTip(text) {
    this.#record.tooltip = text;
  }
  setImage(image) {
    this.#record.image = image;
  }
  setContextMenu(menu) {
    this.#record.menu = menu ? menu.items : null;
    report.events.push('tray menu set');
  }
  getBounds() {
    return { x: 0, y: 0, width: 0, height: 0 };
  }
  popUpContextMenu() {}
  destroy() {}
  isDestroyed() {
    return false;
  }
}

const shortcuts = new Set();
export const globalShortcut = {
  register(accelerator) {
    report.shortcuts.push(accelerator);
    report.events.push(`shortcut registered ${accelerator}`);
    shortcuts.add(accelerator);
    return true;
  },
  unregister(accelerator) {
    shortcuts.delete(accelerator);
  },
  unregisterAll() {
    shortcuts.clear();
  },
  isRegistered(accelerator) {
    return shortcuts.has(accelerator);
  },
};

const DISPLAY = { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1040 }, scaleFactor: 1 };
export const screen = {
  getDisplayNearestPoint: () => DISPLAY,
  getPrimaryDisplay: () => DISPLAY,
  getAllDisplays: () => [DISPLAY],
  getCursorScreenPoint: () => ({ x: 960, y: 540 }),
};

export const powerMonitor = new EventEmitter();

export const nativeTheme = Object.assign(new EventEmitter(), { shouldUseDarkColors: false, shouldUseDarkColorsForSystemIntegratedUI: false, themeSource: 'system' });

// ---- end of tray, menus, global shortcuts, screen and power ----
export const contextBridge = { exposeInMainWorld() {} };
export const ipcRenderer = { invoke: async () => undefined, on() {}, removeListener() {} };
// A machine without a keychain: "stay unlocked" is offered nowhere in the boot test.
export const safeStorage = {
  isEncryptionAvailable: () => false,
  getSelectedStorageBackend: () => 'unknown',
  encryptString: () => {
    throw new Error('safeStorage is not available in the fake');
  },
  decryptString: () => {
    throw new Error('safeStorage is not available in the fake');
  },
};

export default { app, BrowserWindow, ipcMain, dialog, shell, session, contextBridge, ipcRenderer, safeStorage, Menu, Tray, globalShortcut, screen, powerMonitor, nativeTheme, protocol, Notification };
