/**
 * Boots the BUILT desktop bundle (out/main/index.js) in plain Node with `electron` resolved
 * to a recording fake (fake-electron/). It catches what only a real start would show:
 * wrong preload/renderer paths, ESM/CJS mix-ups, top-level awaits before `ready`, a
 * channel not registered. Needs `npm run build` first (`npm test` does it).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_METHODS, channelOf } from '../../src-preload/operations';
import { DESKTOP_METHODS, desktopChannelOf } from '../../src-preload/desktop-settings';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MAIN_BUNDLE = join(ROOT, 'out/main/index.js');
const REGISTER = fileURLToPath(new URL('./fake-electron/register.mjs', import.meta.url));

interface SchemeAnswer {
  url: string;
  status: number | string;
  contentType?: string | null;
  csp?: string | null;
  body?: string;
}

interface BootReport {
  events: string[];
  windows: { options: { webPreferences?: Record<string, unknown> }; loadedFile: string | null; loadedUrl: string | null; shown: boolean; ipcChannelsBefore: number }[];
  ipcChannels: string[];
  errorBoxes: { title: string; content: string }[];
  quitCalls: number;
  probe: unknown;
  /** Worker threads started, by script path (register.mjs records them). */
  workers: string[];
  trays: { image: string; tooltip: string; menu: { label?: string }[] | null }[];
  shortcuts: string[];
  privilegedSchemes: { scheme: string; privileges?: Record<string, boolean> }[];
  schemeAnswers: SchemeAnswer[];
  menu: { label?: string; role?: string; submenu?: { label?: string; role?: string }[] }[] | null;
}

function bootBuiltBundle(dataDir: string, userDataDir: string): Promise<{ code: number | null; report: BootReport | null; output: string }> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, QS_DATA_DIR: dataDir, FAKE_ELECTRON_USER_DATA: userDataDir };
    delete env.ELECTRON_RENDERER_URL;
    const child = spawn(process.execPath, ['--import', REGISTER, MAIN_BUNDLE], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = output.split('\n').find((text) => text.startsWith('FAKE_ELECTRON_REPORT '));
      resolve({ code, report: line ? (JSON.parse(line.slice('FAKE_ELECTRON_REPORT '.length)) as BootReport) : null, output });
    });
  });
}

let dataDir: string;
let userDataDir: string;
let boot: Awaited<ReturnType<typeof bootBuiltBundle>>;

beforeAll(async () => {
  if (!existsSync(MAIN_BUNDLE)) throw new Error(`${MAIN_BUNDLE} is missing: run \`npm run build\` first (npm test does).`);
  dataDir = await mkdtemp(join(tmpdir(), 'qs-boot-'));
  userDataDir = await mkdtemp(join(tmpdir(), 'qs-boot-user-data-'));
  boot = await bootBuiltBundle(dataDir, userDataDir);
}, 30_000);
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
  await rm(userDataDir, { recursive: true, force: true });
});

/** The report, or a failure that shows what the child printed. */
function report(): BootReport {
  if (!boot.report) throw new Error(`The built bundle printed no report (exit ${boot.code}):\n${boot.output}`);
  return boot.report;
}

describe('the built desktop bundle', () => {
  it('boots to "window created" without an error dialog', () => {
    expect(report().errorBoxes).toEqual([]);
    expect(report().events).toContain('window created');
    expect(report().events.indexOf('ready')).toBeLessThan(report().events.indexOf('window created'));
    expect(boot.code).toBe(0);
  });

  it('loads the page through the app scheme, whose handler answers the renderer file on disk', () => {
    const window = report().windows[0];
    expect(window?.loadedFile).toBeNull();
    expect(window?.loadedUrl).toBe('qs://app/index.html');
    const page = report().schemeAnswers.find((answer) => answer.url === 'qs://app/index.html');
    expect(page).toMatchObject({ status: 200, contentType: 'text/html; charset=utf-8' });
    expect(page?.body).toBe(readFileSync(join(ROOT, 'out/renderer/index.html'), 'utf8'));
    expect(page?.csp).toContain("default-src 'self'");
    expect(window?.shown).toBe(true);
  });

  it('registers the scheme as privileged before ready and handles it after', () => {
    const { events, privilegedSchemes } = report();
    expect(privilegedSchemes).toEqual([{ scheme: 'qs', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    expect(events).toContain('schemes registered');
    expect(events).not.toContain('schemes registered after ready');
    expect(events.indexOf('schemes registered')).toBeLessThan(events.indexOf('ready'));
    expect(events.indexOf('protocol handled qs')).toBeLessThan(events.indexOf('renderer loaded'));
  });

  it('serves every script and stylesheet the page names, with its type, and refuses a way out of the folder', () => {
    const answers = report().schemeAnswers;
    const assets = answers.filter((answer) => /\/assets\/[^/]+\.(js|css)$/.test(answer.url));
    expect(assets.map((answer) => answer.url.slice(-3)).sort()).toEqual(['.js', 'css']);
    for (const asset of assets) {
      expect(asset.status).toBe(200);
      expect(asset.contentType).toBe(asset.url.endsWith('.js') ? 'text/javascript; charset=utf-8' : 'text/css; charset=utf-8');
    }
    const escapes = answers.filter((answer) => answer.url.includes('%2'));
    expect(escapes).toHaveLength(2);
    for (const escape of escapes) expect(escape.status).toBe(404);
  });

  it('sets the application menu, with reload only because this build is not packaged', () => {
    const labels = (report().menu ?? []).map((menu) => menu.label);
    expect(labels).toEqual(expect.arrayContaining(['&Edit', '&View', '&Window', '&Help']));
    const view = report().menu?.find((menu) => menu.label === '&View');
    expect(view?.submenu?.map((item) => item.role)).toContain('reload');
  });

  it('uses a CommonJS preload that exists on disk, in a locked-down window', () => {
    const prefs = report().windows[0]?.options.webPreferences ?? {};
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(String(prefs.preload)).toMatch(/out[\\/]preload[\\/]index\.cjs$/);
    expect(existsSync(String(prefs.preload))).toBe(true);
  });

  it('registers every IPC channel of the contract and of the desktop settings before the window exists', () => {
    const expected = [...API_METHODS.map(channelOf), ...DESKTOP_METHODS.map(desktopChannelOf)].sort();
    expect([...report().ipcChannels].sort()).toEqual(expected);
    expect(report().windows[0]?.ipcChannelsBefore).toBe(expected.length);
  });

  it('starts the core in its worker thread, built beside the main bundle', () => {
    expect(report().workers).toHaveLength(1);
    expect(report().workers[0]).toMatch(/out\/main\/core-worker\.js$/);
    expect(existsSync(report().workers[0] ?? '')).toBe(true);
  });

  it('puts the app in the tray with an icon that exists, and registers the quick-log shortcut', () => {
    expect(report().events).toContain('tray created');
    expect(report().trays).toHaveLength(1);
    expect(existsSync(report().trays[0]?.image ?? '')).toBe(true);
    expect(report().shortcuts).toEqual(['CommandOrControl+Shift+L']);
  });

  it('answers through IPC from the real core in the QS_DATA_DIR folder (a round trip through the worker)', () => {
    expect(report().probe).toEqual({ ok: true, value: { profile: null } });
    expect(existsSync(dataDir)).toBe(true);
  });

  it('keeps the app settings beside the data under QS_DATA_DIR and writes nothing to Electron’s userData folder', async () => {
    expect(existsSync(join(dataDir, 'app-settings.json'))).toBe(true);
    expect(JSON.parse(readFileSync(join(dataDir, 'app-settings.json'), 'utf8'))).toMatchObject({ closeToTray: true, openAtLogin: false });
    expect(await readdir(userDataDir)).toEqual([]);
    // electron-store's channel for renderer-side stores is closed again.
    expect(report().events.indexOf('ipcMain.removeAllListeners electron-store-get-data')).toBeGreaterThan(report().events.indexOf('ipcMain.on electron-store-get-data'));
  });
});
