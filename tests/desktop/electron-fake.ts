/**
 * A recording stand-in for the `electron` module, for `vi.mock('electron', () => import('./electron-fake'))`.
 * It records what the shell asks of Electron (window options, event handlers, IPC
 * channels, dialogs) so tests can assert the wiring and call the handlers themselves.
 */
type Listener = (...args: unknown[]) => unknown;

class Emitter {
  readonly listeners = new Map<string, Listener[]>();
  on(name: string, listener: Listener): this {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
    return this;
  }
  once(name: string, listener: Listener): this {
    return this.on(name, listener);
  }
  emit(name: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(name) ?? []) listener(...args);
  }
  removeListener(name: string, listener: Listener): this {
    this.listeners.set(name, (this.listeners.get(name) ?? []).filter((candidate) => candidate !== listener));
    return this;
  }
}

export class FakeSession {
  permissionRequestHandler: Listener | null = null;
  permissionCheckHandler: Listener | null = null;
  setPermissionRequestHandler(handler: Listener): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: Listener): void {
    this.permissionCheckHandler = handler;
  }
  // --- a session's own protocol handlers and request filter (desktop/jobs/print-window.ts) ---
  readonly protocol = {
    handlers: new Map<string, (request: Request) => Response | Promise<Response>>(),
    handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void {
      if (this.handlers.has(scheme)) throw new Error(`The scheme "${scheme}" is already handled`);
      this.handlers.set(scheme, handler);
    },
  };
  beforeRequest: ((details: { url: string }, callback: (response: { cancel?: boolean }) => void) => void) | null = null;
  readonly webRequest = {
    onBeforeRequest: (listener: (details: { url: string }, callback: (response: { cancel?: boolean }) => void) => void): void => {
      this.beforeRequest = listener;
    },
  };
}

export class FakeWebContents extends Emitter {
  readonly session = new FakeSession();
  readonly sent: string[] = [];
  send(channel: string): void {
    this.sent.push(channel);
  }
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  // --- printing (desktop/jobs/print-window.ts): `printing` decides what printToPDF does ---
  readonly printedWith: Record<string, unknown>[] = [];
  printToPDF(options: Record<string, unknown>): Promise<Buffer> {
    this.printedWith.push(options);
    return printing.next(this);
  }
}

export class BrowserWindow extends Emitter {
  static readonly created: BrowserWindow[] = [];
  static getAllWindows(): BrowserWindow[] {
    return BrowserWindow.created;
  }
  readonly webContents = new FakeWebContents();
  loadedFile: string | null = null;
  loadedUrl: string | null = null;
  shown = false;
  focused = false;
  destroyed = false;
  position: [number, number] | null = null;
  // --- window state, close-to-tray and maximise (window-lifecycle) ---
  minimized = false;
  maximized = false;
  /** What the window did, in order: show, hide, maximize, restore, focus. */
  readonly actions: string[] = [];
  normalBounds: { x: number; y: number; width: number; height: number };
  constructor(readonly options: Record<string, unknown>) {
    super();
    BrowserWindow.created.push(this);
    const number = (key: string, fallback: number): number => (typeof options[key] === 'number' ? (options[key] as number) : fallback);
    this.normalBounds = { x: number('x', 0), y: number('y', 0), width: number('width', 800), height: number('height', 600) };
  }
  loadedHash: string | null = null;
  loadFile(file: string, options: { hash?: string } = {}): Promise<void> {
    this.loadedFile = file;
    this.loadedHash = options.hash ?? null;
    return Promise.resolve();
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    // The route in the page's hash, as loadFile's `hash` option would give it.
    const { hash } = new URL(url);
    this.loadedHash = hash === '' ? null : hash.slice(1);
    return Promise.resolve();
  }
  show(): void {
    this.shown = true;
    this.actions.push('show');
  }
  hide(): void {
    this.shown = false;
    this.actions.push('hide');
  }
  isVisible(): boolean {
    return this.shown;
  }
  focus(): void {
    this.focused = true;
    this.actions.push('focus');
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
    this.actions.push('restore');
  }
  /** Like Electron's: maximising a hidden window also shows it. */
  maximize(): void {
    this.maximized = true;
    this.shown = true;
    this.actions.push('maximize');
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  getNormalBounds(): { x: number; y: number; width: number; height: number } {
    return { ...this.normalBounds };
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /**
   * As Electron: 'close' (which a listener may cancel), then, unless cancelled, the window
   * goes away and says so ('closed'). True when it closed.
   */
  close(): boolean {
    if (this.destroyed) return false;
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (prevented) return false;
    this.destroyed = true;
    this.shown = false;
    this.emit('closed');
    return true;
  }
  setPosition(x: number, y: number): void {
    this.position = [x, y];
  }
  // --- destroy (desktop/jobs/print-window.ts): gone at once, no 'close' a listener could cancel ---
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.shown = false;
    this.emit('closed');
  }
}

type IpcHandler = (event: { senderFrame: { url: string } | null }, input: unknown) => Promise<unknown>;

export const ipcMain = {
  handlers: new Map<string, IpcHandler>(),
  handle(channel: string, handler: IpcHandler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  },
  /** `ipcMain.on` listeners (electron-store adds one); `removeAllListeners` drops them. */
  listeners: new Map<string, Listener[]>(),
  on(channel: string, listener: Listener): void {
    this.listeners.set(channel, [...(this.listeners.get(channel) ?? []), listener]);
  },
  removeAllListeners(channel: string): void {
    this.listeners.delete(channel);
  },
};

class FakeApp extends Emitter {
  isPackaged = false;
  hasLock = true;
  quitCalls = 0;
  readyWaiters: (() => void)[] = [];
  requestSingleInstanceLock(): boolean {
    return this.hasLock;
  }
  getPath(name: string): string {
    return `/fake/${name}`;
  }
  getAppPath(): string {
    return '/fake/app';
  }
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  quit(): void {
    this.quitCalls += 1;
  }
  // --- login items, name and version (window-lifecycle) ---
  name = 'Quantified Self';
  loginItemCalls: { openAtLogin: boolean; args?: string[] }[] = [];
  wasOpenedAtLogin = false;
  getVersion(): string {
    return '0.0.0-test';
  }
  setLoginItemSettings(settings: { openAtLogin: boolean; args?: string[] }): void {
    this.loginItemCalls.push(settings);
  }
  getLoginItemSettings(): { openAtLogin: boolean; wasOpenedAtLogin: boolean } {
    return { openAtLogin: this.loginItemCalls.at(-1)?.openAtLogin ?? false, wasOpenedAtLogin: this.wasOpenedAtLogin };
  }
}
export const app = new FakeApp();

export const dialog = {
  errorBoxes: [] as [string, string][],
  showErrorBox(title: string, content: string): void {
    this.errorBoxes.push([title, content]);
  },
  messageBoxes: [] as Record<string, unknown>[],
  showMessageBox(options: Record<string, unknown>): Promise<{ response: number }> {
    this.messageBoxes.push(options);
    return Promise.resolve({ response: 0 });
  },
};

export const shell = {
  opened: [] as string[],
  openExternal(url: string): Promise<void> {
    this.opened.push(url);
    return Promise.resolve();
  },
  openedPaths: [] as string[],
  /** What `openPath` answers: '' for success, else the OS's message. */
  openPathAnswer: '',
  openPath(path: string): Promise<string> {
    this.openedPaths.push(path);
    return Promise.resolve(this.openPathAnswer);
  },
};

export const session = {
  defaultSession: new FakeSession(),
  /** Sessions by partition (desktop/jobs/print-window.ts), with the options each was first asked with. */
  partitions: new Map<string, { session: FakeSession; options: Record<string, unknown> | undefined }>(),
  fromPartition(partition: string, options?: Record<string, unknown>): FakeSession {
    const known = this.partitions.get(partition) ?? { session: new FakeSession(), options };
    this.partitions.set(partition, known);
    return known.session;
  },
};

/**
 * Electron's safeStorage, by default a Linux machine with a secret service. "Encryption"
 * here is a reversible marker so tests can see the key went through it.
 */
export const safeStorage = {
  available: true,
  backend: 'gnome_libsecret' as string,
  encrypted: [] as string[],
  isEncryptionAvailable(): boolean {
    return this.available;
  },
  getSelectedStorageBackend(): string {
    return this.backend;
  },
  encryptString(text: string): Buffer {
    this.encrypted.push(text);
    return Buffer.from(`os-protected:${Buffer.from(text, 'utf8').toString('hex')}`, 'utf8');
  },
  decryptString(blob: Buffer): string {
    const text = blob.toString('utf8');
    if (!text.startsWith('os-protected:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return Buffer.from(text.slice('os-protected:'.length), 'hex').toString('utf8');
  },
};

// ---- Tray, menus, global shortcuts, screen and power (tray.ts, quick-log-window.ts, global-shortcut.ts) ----

/** A menu item as the shell gives it to `Menu.buildFromTemplate`. */
export interface FakeMenuItem {
  readonly label?: string;
  readonly type?: string;
  readonly checked?: boolean;
  readonly enabled?: boolean;
  readonly click?: () => void;
}

export class FakeMenu {
  constructor(readonly items: readonly FakeMenuItem[]) {}
}

export const Menu = {
  built: [] as FakeMenu[],
  buildFromTemplate(template: readonly FakeMenuItem[]): FakeMenu {
    const menu = new FakeMenu(template);
    this.built.push(menu);
    return menu;
  },
  /** The application menu (app-menu.ts). */
  application: null as FakeMenu | null,
  setApplicationMenu(menu: FakeMenu | null): void {
    this.application = menu;
  },
};

export class Tray extends Emitter {
  static readonly created: Tray[] = [];
  tooltip = '';
  contextMenu: FakeMenu | null = null;
  /** What Electron would say on macOS and Windows; tests move the icon. */
  bounds = { x: 1500, y: 0, width: 24, height: 24 };
  popUps = 0;
  destroyed = false;
  constructor(public image: string) {
    super();
    Tray.created.push(this);
  }
  setImage(image: string): void {
    this.image = image;
  }
  setToolTip(text: string): void {
    this.tooltip = text;
  }
  setContextMenu(menu: FakeMenu | null): void {
    this.contextMenu = menu;
  }
  getBounds(): { x: number; y: number; width: number; height: number } {
    return this.bounds;
  }
  popUpContextMenu(): void {
    this.popUps += 1;
  }
  destroy(): void {
    this.destroyed = true;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

/** Electron's globalShortcut; `taken` holds accelerators another app already uses. */
export const globalShortcut = {
  registered: new Map<string, () => void>(),
  taken: new Set<string>(),
  register(accelerator: string, callback: () => void): boolean {
    if (this.taken.has(accelerator) || this.registered.has(accelerator)) return false;
    this.registered.set(accelerator, callback);
    return true;
  },
  unregister(accelerator: string): void {
    this.registered.delete(accelerator);
  },
  unregisterAll(): void {
    this.registered.clear();
  },
  isRegistered(accelerator: string): boolean {
    return this.registered.has(accelerator);
  },
};

type Rect = { x: number; y: number; width: number; height: number };

/**
 * The primary display with a menu bar at the top, and any others (`otherWorkAreas`, e.g. a
 * monitor to its left); tests may change the work areas and the pointer.
 */
export const screen = {
  workArea: { x: 0, y: 25, width: 1920, height: 1055 } as Rect,
  otherWorkAreas: [] as Rect[],
  getAllDisplays(): { id: number; bounds: Rect; workArea: Rect }[] {
    return [this.workArea, ...this.otherWorkAreas].map((workArea, id) => ({ id, bounds: workArea, workArea }));
  },
  getPrimaryDisplay(): { id: number; bounds: Rect; workArea: Rect } {
    return { id: 0, bounds: this.workArea, workArea: this.workArea };
  },
  cursor: { x: 960, y: 540 },
  asked: [] as { x: number; y: number }[],
  getDisplayNearestPoint(point: { x: number; y: number }): { workArea: { x: number; y: number; width: number; height: number } } {
    this.asked.push(point);
    return { workArea: this.workArea };
  },
  getCursorScreenPoint(): { x: number; y: number } {
    return this.cursor;
  },
};

export const powerMonitor = new Emitter();

/** The system's colours; tests flip them and emit `updated`. */
export const nativeTheme = Object.assign(new Emitter(), { shouldUseDarkColors: false, shouldUseDarkColorsForSystemIntegratedUI: false });

function resetDesktopSurfaces(): void {
  Menu.built.length = 0;
  Tray.created.length = 0;
  globalShortcut.registered.clear();
  globalShortcut.taken.clear();
  screen.workArea = { x: 0, y: 25, width: 1920, height: 1055 };
  screen.otherWorkAreas = [];
  Menu.application = null;
  screen.cursor = { x: 960, y: 540 };
  screen.asked.length = 0;
  powerMonitor.listeners.clear();
  nativeTheme.listeners.clear();
  nativeTheme.shouldUseDarkColors = false;
  nativeTheme.shouldUseDarkColorsForSystemIntegratedUI = false;
}

// ---- end of tray, menus, global shortcuts, screen and power ----

// ---- The app scheme, notifications and login items (app-protocol.ts, close-hint.ts, login-item.ts) ----

type ProtocolHandler = (request: Request) => Response | Promise<Response>;

export const protocol = {
  privileged: [] as { scheme: string; privileges?: Record<string, boolean> }[],
  handlers: new Map<string, ProtocolHandler>(),
  registerSchemesAsPrivileged(schemes: { scheme: string; privileges?: Record<string, boolean> }[]): void {
    this.privileged.push(...schemes);
  },
  handle(scheme: string, handler: ProtocolHandler): void {
    if (this.handlers.has(scheme)) throw new Error(`The scheme "${scheme}" is already handled`);
    this.handlers.set(scheme, handler);
  },
  unhandle(scheme: string): void {
    this.handlers.delete(scheme);
  },
  isProtocolHandled(scheme: string): boolean {
    return this.handlers.has(scheme);
  },
};

// Notification: see the nudges and printing block below.

function resetWindowLifecycle(): void {
  protocol.privileged.length = 0;
  protocol.handlers.clear();
  app.loginItemCalls = [];
  app.wasOpenedAtLogin = false;
  ipcMain.listeners.clear();
  dialog.messageBoxes.length = 0;
  shell.openedPaths.length = 0;
  shell.openPathAnswer = '';
}

// ---- end of the app scheme, notifications and login items ----

// ---- Nudges and printing (close-hint.ts, desktop/jobs/: desktop-notifier.ts, print-window.ts) ----

/**
 * Electron's Notification. `show()` says it was shown (the 'show' event) unless a test
 * made the system refuse it (`failWith`, the 'failed' event) or stay silent (`silent`,
 * no event at all). Tests fire 'click' and 'action' themselves.
 */
export class Notification extends Emitter {
  static supported = true;
  static failWith: string | null = null;
  static silent = false;
  static readonly created: Notification[] = [];
  static readonly shown: { title: string; body: string }[] = [];
  static isSupported(): boolean {
    return Notification.supported;
  }
  closed = false;
  constructor(readonly options: { title: string; body: string; actions?: { type: string; text?: string }[]; silent?: boolean }) {
    super();
    Notification.created.push(this);
  }
  show(): void {
    if (Notification.failWith !== null) return this.emit('failed', {}, Notification.failWith);
    Notification.shown.push({ title: this.options.title, body: this.options.body });
    if (!Notification.silent) this.emit('show', {});
  }
  close(): void {
    this.closed = true;
    this.emit('close', { reason: 'programmatic' });
  }
}

/** What `webContents.printToPDF` answers: these bytes, or a rejection, or a promise a test settles. */
export const printing = {
  pdf: Buffer.from('%PDF-1.7 fake'),
  failWith: null as string | null,
  /** When set, each print waits for the test to call the resolver it gets here. */
  hold: null as ((contents: FakeWebContents, resolve: (pdf: Buffer) => void, reject: (error: Error) => void) => void) | null,
  next(contents: FakeWebContents): Promise<Buffer> {
    const { hold, failWith, pdf } = this;
    if (hold !== null) return new Promise((resolve, reject) => hold(contents, resolve, reject));
    return failWith === null ? Promise.resolve(pdf) : Promise.reject(new Error(failWith));
  },
};

function resetNudgesAndPrinting(): void {
  Notification.supported = true;
  Notification.failWith = null;
  Notification.silent = false;
  Notification.created.length = 0;
  Notification.shown.length = 0;
  printing.pdf = Buffer.from('%PDF-1.7 fake');
  printing.failWith = null;
  printing.hold = null;
  session.partitions.clear();
}

// ---- end of nudges and printing ----

/** Forget everything recorded, between tests. */
export function resetFake(): void {
  resetDesktopSurfaces();
  resetWindowLifecycle();
  resetNudgesAndPrinting();
  BrowserWindow.created.length = 0;
  ipcMain.handlers.clear();
  app.listeners.clear();
  app.isPackaged = false;
  app.hasLock = true;
  app.quitCalls = 0;
  dialog.errorBoxes.length = 0;
  shell.opened.length = 0;
  safeStorage.available = true;
  safeStorage.backend = 'gnome_libsecret';
  safeStorage.encrypted.length = 0;
}

/** electron-store imports Electron's default export. */
export default { app, BrowserWindow, ipcMain, dialog, shell, session, safeStorage, Menu, Tray, globalShortcut, screen, powerMonitor, nativeTheme, protocol, Notification };
