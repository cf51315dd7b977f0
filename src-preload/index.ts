/**
 * The preload bridge: exposes exactly the contract's operations as `window.qs`, each an
 * `ipcRenderer.invoke` on its channel. Never the transport itself.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { API_METHODS, channelOf } from './operations';

const api = Object.fromEntries(
  API_METHODS.map((method) => [method, (input: unknown) => ipcRenderer.invoke(channelOf(method), input)]),
);

contextBridge.exposeInMainWorld('qs', api);
