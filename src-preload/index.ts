/**
 * The preload bridge: exposes exactly the contract's operations as `window.qs`, each an
 * `ipcRenderer.invoke` on its channel, plus one `on…` subscription per shell event
 * (events.ts) and the desktop-only settings methods (desktop-settings.ts). Never the
 * transport itself, nor the IPC event object.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { DESKTOP_METHODS, desktopChannelOf } from './desktop-settings';
import { eventChannelOf, SHELL_EVENTS, type ShellEventName } from './events';
import { API_METHODS, channelOf } from './operations';

const api: Record<string, unknown> = Object.fromEntries(
  API_METHODS.map((method) => [method, (input: unknown) => ipcRenderer.invoke(channelOf(method), input)]),
);

for (const [name, key] of Object.entries(SHELL_EVENTS) as [ShellEventName, string][]) {
  api[key] = (listener: () => void) => {
    const forward = () => listener();
    ipcRenderer.on(eventChannelOf(name), forward);
    return () => void ipcRenderer.removeListener(eventChannelOf(name), forward);
  };
}

for (const method of DESKTOP_METHODS) {
  api[method] = (input?: unknown) => ipcRenderer.invoke(desktopChannelOf(method), input);
}

contextBridge.exposeInMainWorld('qs', api);
