/**
 * Every side of the contract offers exactly its operations: the preload bridge, the IPC
 * handlers, the REST routes, and the name list the sandboxed preload is built from.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { contract } from '../../src-preload/contract';
import { eventChannelOf, SHELL_EVENTS, type DesktopBridge, type ShellEventName, type ShellEvents } from '../../src-preload/events';
import { API_METHODS, channelOf } from '../../src-preload/operations';
import { inThreadClient } from '../../src-main/host/core-client';
import { registerIpcHandlers } from '../../src-main/desktop/ipc';
import { AppSettings, memorySettingsStore } from '../../src-main/desktop/settings/app-settings';
import { registerDesktopSettingsHandlers } from '../../src-main/desktop/settings/desktop-settings-ipc';
import { DESKTOP_METHODS, desktopChannelOf } from '../../src-preload/desktop-settings';
import { ROUTES, matchRoute } from '../../src-main/server/routes';
import { fakeHandlers } from '../unit/server/fake-handlers';
import { ipcMain, resetFake } from './electron-fake';

const bridge = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoked: [] as [string, unknown][],
  listeners: new Map<string, (...args: unknown[]) => void>(),
}));

vi.mock('electron', async () => ({
  ...(await import('./electron-fake')),
  contextBridge: {
    exposeInMainWorld: (key: string, api: unknown) => bridge.exposed.set(key, api),
  },
  ipcRenderer: {
    invoke: (channel: string, input: unknown) => {
      bridge.invoked.push([channel, input]);
      return Promise.resolve({ ok: true, value: {} });
    },
    on: (channel: string, listener: (...args: unknown[]) => void) => {
      bridge.listeners.set(channel, listener);
    },
    removeListener: (channel: string) => {
      bridge.listeners.delete(channel);
    },
  },
}));

const contractNames = Object.keys(contract).sort();

beforeEach(() => resetFake());

describe('the contract has the same operations on every side', () => {
  it('API_METHODS equals the contract’s keys', () => {
    expect([...API_METHODS].sort()).toEqual(contractNames);
    expect(new Set(API_METHODS.map(channelOf)).size).toBe(API_METHODS.length);
  });

  it('the preload exposes exactly the contract names as window.qs, each invoking its channel', async () => {
    await import('../../src-preload/index');
    expect([...bridge.exposed.keys()]).toEqual(['qs']);
    const api = bridge.exposed.get('qs') as Record<string, (input: unknown) => Promise<unknown>>;
    expect(Object.keys(api).sort()).toEqual([...contractNames, ...Object.values(SHELL_EVENTS), ...DESKTOP_METHODS].sort());
    for (const name of contractNames) {
      expect(typeof api[name]).toBe('function');
      await api[name]?.({ probe: name });
    }
    expect(bridge.invoked.map(([channel]) => channel).sort()).toEqual(contractNames.map((name) => `api:${name}`).sort());
    expect(bridge.invoked.every(([channel, input]) => channel === `api:${(input as { probe: string }).probe}`)).toBe(true);
  });

  it.each(Object.entries(SHELL_EVENTS) as [ShellEventName, keyof ShellEvents][])(
    'the preload forwards %s to %s without the IPC event, and unsubscribes',
    async (name, key) => {
      await import('../../src-preload/index');
      const api = bridge.exposed.get('qs') as DesktopBridge;
      const heard: unknown[][] = [];
      const off = api[key]((...args: unknown[]) => heard.push(args));
      bridge.listeners.get(eventChannelOf(name))?.({ sender: 'the IPC event object' }, 'extra');
      expect(heard).toEqual([[]]);
      off();
      expect(bridge.listeners.has(eventChannelOf(name))).toBe(false);
    },
  );

  it('the preload’s desktop-only methods invoke exactly the channels main registers for them', async () => {
    await import('../../src-preload/index');
    const api = bridge.exposed.get('qs') as Record<string, (input?: unknown) => Promise<unknown>>;
    const from = bridge.invoked.length;
    for (const method of DESKTOP_METHODS) await api[method]?.({ probe: method });
    const invoked = bridge.invoked.slice(from).map(([channel]) => channel).sort();

    registerDesktopSettingsHandlers(
      { settings: new AppSettings(memorySettingsStore()), applyShortcut: () => ({ ok: true }), applyOpenAtLogin: () => Promise.resolve(), openAtLoginUnavailable: () => null },
      { pageUrl: 'qs://app/index.html', devServerUrl: null },
    );
    const registered = [...ipcMain.handlers.keys()].sort();
    expect(invoked).toEqual(registered);
    expect(registered).toEqual(DESKTOP_METHODS.map(desktopChannelOf).sort());
    // Never one of the contract's channels, which main checks against the contract's schemas.
    expect(registered.some((channel) => channel.startsWith('api:'))).toBe(false);
  });

  it('IPC registers exactly the contract channels', () => {
    registerIpcHandlers(inThreadClient(fakeHandlers()), { pageUrl: 'qs://app/index.html', devServerUrl: null });
    expect([...ipcMain.handlers.keys()].sort()).toEqual(contractNames.map((name) => `api:${name}`).sort());
  });

  it('the server’s route table covers exactly the contract, each route reaching its own operation', () => {
    expect(ROUTES.map((route) => route.method).sort()).toEqual(contractNames);
    for (const route of ROUTES) {
      const path = `/${route.segments.map((segment) => (segment.startsWith(':') ? 'x1' : segment)).join('/')}`;
      expect(matchRoute(route.verb, path)?.method).toBe(route.method);
    }
    const routeKeys = ROUTES.map((route) => `${route.verb} /${route.segments.join('/')}`);
    expect(new Set(routeKeys).size).toBe(routeKeys.length);
  });
});
