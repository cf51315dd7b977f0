/**
 * The application menu with each platform's usual roles: on macOS the app menu (About,
 * Hide, Quit); File › Quit elsewhere (closing the window only hides it in the tray); Edit,
 * View (reload and developer tools only in development), Window, and Help with About and
 * the app's folders. The template is a pure function of the platform; `installAppMenu`
 * hands it to Electron.
 */
import { mkdir } from 'node:fs/promises';
import { app, dialog, Menu, shell, type MenuItemConstructorOptions } from 'electron';

export interface AppMenuActions {
  /** Open the data folder (profiles) in the file manager. */
  readonly openDataFolder: () => void;
  /** Open the reports folder, creating it first if needed. */
  readonly openReportsFolder: () => void;
}

export interface AppMenuContext {
  readonly platform: NodeJS.Platform;
  /** Reload and developer tools are for developing the app, not for using it. */
  readonly isPackaged: boolean;
  readonly appName: string;
}

/** The menu's template: what each platform's people expect, nothing else. */
export function appMenuTemplate(context: AppMenuContext, actions: AppMenuActions): MenuItemConstructorOptions[] {
  const mac = context.platform === 'darwin';
  const development: MenuItemConstructorOptions[] = context.isPackaged ? [] : [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }];
  const template: MenuItemConstructorOptions[] = [];
  if (mac) {
    template.push({
      label: context.appName,
      submenu: [{ role: 'about' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }],
    });
  } else {
    template.push({ label: '&File', submenu: [{ role: 'quit' }] });
  }
  template.push(
    {
      label: mac ? 'Edit' : '&Edit',
      submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { type: 'separator' }, { role: 'selectAll' }],
    },
    {
      label: mac ? 'View' : '&View',
      submenu: [...development, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }],
    },
    {
      label: mac ? 'Window' : '&Window',
      role: 'window',
      submenu: mac ? [{ role: 'minimize' }, { role: 'zoom' }, { type: 'separator' }, { role: 'front' }, { type: 'separator' }, { role: 'close' }] : [{ role: 'minimize' }, { role: 'close' }],
    },
    {
      label: mac ? 'Help' : '&Help',
      role: 'help',
      submenu: [
        { label: 'Open Data Folder', click: () => actions.openDataFolder() },
        { label: 'Open Reports Folder', click: () => actions.openReportsFolder() },
        // macOS has About in the app menu already.
        ...(mac ? [] : [{ type: 'separator' } as const, { role: 'about', label: `About ${context.appName}` } as const]),
      ],
    },
  );
  return template;
}

/** What opening a folder needs: Electron's shell and dialog, and `mkdir`, injected for tests. */
export interface FolderPorts {
  readonly openPath: (folder: string) => Promise<string>;
  readonly showError: (title: string, content: string) => void;
  readonly makeFolder?: (folder: string) => Promise<unknown>;
}

const electronFolderPorts = (): FolderPorts => ({
  openPath: (folder) => shell.openPath(folder),
  showError: (title, content) => dialog.showErrorBox(title, content),
});

/**
 * Open `folder` in the file manager, creating it first (a reports folder before the first
 * report); a failure is shown, since the person clicked and expects something to happen.
 */
export async function openFolder(folder: string, ports: FolderPorts = electronFolderPorts()): Promise<void> {
  try {
    await (ports.makeFolder ?? ((path) => mkdir(path, { recursive: true })))(folder);
    const problem = await ports.openPath(folder);
    if (problem !== '') ports.showError('The folder could not be opened', `${problem}\n\n${folder}`);
  } catch (error) {
    ports.showError('The folder could not be opened', `${error instanceof Error ? error.message : String(error)}\n\n${folder}`);
  }
}

/** After `ready`: set the app's menu, with the folders from `appPaths()`. */
export function installAppMenu(folders: { readonly dataDir: string; readonly reportsDir: string }): void {
  const template = appMenuTemplate(
    { platform: process.platform, isPackaged: app.isPackaged, appName: app.name },
    { openDataFolder: () => void openFolder(folders.dataDir), openReportsFolder: () => void openFolder(folders.reportsDir) },
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
