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
  constructor(readonly options: Record<string, unknown>) {
    super();
    BrowserWindow.created.push(this);
  }
  loadedHash: string | null = null;
  loadFile(file: string, options: { hash?: string } = {}): Promise<void> {
    this.loadedFile = file;
    this.loadedHash = options.hash ?? null;
    return Promise.resolve();
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  show(): void {
    this.shown = true;
  }
  focus(): void {
    this.focused = true;
  }
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** As Electron: the window goes away and says so. */
  close(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.emit('closed');
  }
  setPosition(x: number, y: number): void {
    this.position = [x, y];
  }
}

type IpcHandler = (event: { senderFrame: { url: string } | null }, input: unknown) => Promise<unknown>;

export const ipcMain = {
  handlers: new Map<string, IpcHandler>(),
  handle(channel: string, handler: IpcHandler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
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
}
export const app = new FakeApp();

export const dialog = {
  errorBoxes: [] as [string, string][],
  showErrorBox(title: string, content: string): void {
    this.errorBoxes.push([title, content]);
  },
};

export const shell = {
  opened: [] as string[],
  openExternal(url: string): Promise<void> {
    this.opened.push(url);
    return Promise.resolve();
  },
};

export const session = { defaultSession: new FakeSession() };

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

/** One display with a menu bar at the top; tests may change its work area and the pointer. */
export const screen = {
  workArea: { x: 0, y: 25, width: 1920, height: 1055 },
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
  screen.cursor = { x: 960, y: 540 };
  screen.asked.length = 0;
  powerMonitor.listeners.clear();
  nativeTheme.listeners.clear();
  nativeTheme.shouldUseDarkColors = false;
  nativeTheme.shouldUseDarkColorsForSystemIntegratedUI = false;
}

// ---- end of tray, menus, global shortcuts, screen and power ----

/** Forget everything recorded, between tests. */
export function resetFake(): void {
  resetDesktopSurfaces();
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
