/**
 * Boots the BUILT desktop bundle (out/main/index.js) in plain Node with `electron` resolved
 * to a recording fake (fake-electron/). It catches what only a real start would show:
 * wrong preload/renderer paths, ESM/CJS mix-ups, top-level awaits before `ready`, a
 * channel not registered. Needs `npm run build` first (`npm test` does it).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_METHODS, channelOf } from '../../src-preload/operations';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MAIN_BUNDLE = join(ROOT, 'out/main/index.js');
const REGISTER = fileURLToPath(new URL('./fake-electron/register.mjs', import.meta.url));

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
}

function bootBuiltBundle(dataDir: string): Promise<{ code: number | null; report: BootReport | null; output: string }> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, QS_DATA_DIR: dataDir };
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
let boot: Awaited<ReturnType<typeof bootBuiltBundle>>;

beforeAll(async () => {
  if (!existsSync(MAIN_BUNDLE)) throw new Error(`${MAIN_BUNDLE} is missing: run \`npm run build\` first (npm test does).`);
  dataDir = await mkdtemp(join(tmpdir(), 'qs-boot-'));
  boot = await bootBuiltBundle(dataDir);
}, 30_000);
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
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

  it('loads a renderer file that exists on disk', () => {
    const window = report().windows[0];
    expect(window?.loadedUrl).toBeNull();
    expect(window?.loadedFile).toMatch(/out[\\/]renderer[\\/]index\.html$/);
    expect(existsSync(window?.loadedFile ?? '')).toBe(true);
    expect(window?.shown).toBe(true);
  });

  it('uses a CommonJS preload that exists on disk, in a locked-down window', () => {
    const prefs = report().windows[0]?.options.webPreferences ?? {};
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(String(prefs.preload)).toMatch(/out[\\/]preload[\\/]index\.cjs$/);
    expect(existsSync(String(prefs.preload))).toBe(true);
  });

  it('registers every IPC channel of the contract before the window exists', () => {
    expect([...report().ipcChannels].sort()).toEqual(API_METHODS.map(channelOf).sort());
    expect(report().windows[0]?.ipcChannelsBefore).toBe(API_METHODS.length);
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
    expect(report().events.some((event) => event.startsWith('getPath'))).toBe(false);
    expect(existsSync(dataDir)).toBe(true);
  });
});
