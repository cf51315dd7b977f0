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
  constructor(readonly options: Record<string, unknown>) {
    super();
    BrowserWindow.created.push(this);
  }
  loadFile(file: string): Promise<void> {
    this.loadedFile = file;
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

/** Forget everything recorded, between tests. */
export function resetFake(): void {
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
