/**
 * The e2e harness: Debian's Chromium (driven by playwright-core) against the browser shell
 * (`out/main/server.js`) on a free loopback port with a fresh temp data folder.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { lookForChromium } from '../../src-main/server/jobs/find-chromium';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SERVER_ENTRY = join(ROOT, 'out/main/server.js');
export const SCREENSHOT_DIR = join(ROOT, 'test-results/screenshots');

/** The browser to drive: the app's own lookup (src-main/server/jobs/find-chromium.ts), or why not. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const lookup = lookForChromium(env);
  if (lookup.found) return lookup.path;
  throw new Error(
    `The e2e tests need Chromium or Google Chrome. ${lookup.reason}\n` +
      'Install one (Debian/Ubuntu: `sudo apt-get install -y chromium`), ' +
      'or point CHROMIUM_PATH at a Chromium/Chrome binary: `CHROMIUM_PATH=/path/to/chrome npm run test:e2e`.',
  );
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: findChromium(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

const READY_LINE = /Quantified Self is running at (http:\/\/127\.0\.0\.1:\d+\/)/;

export interface RunningApp {
  /** `http://127.0.0.1:<port>/` */
  readonly url: string;
  readonly dataDir: string;
  /** Everything the server printed, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

/** What a spec lays down in the data folder before the server starts (a profile made long ago). */
export type PrepareDataDir = (dataDir: string) => Promise<void>;

export interface ServerOptions {
  readonly timeoutMs?: number;
  /** What to lay down in the data folder before the server starts. */
  readonly prepare?: PrepareDataDir;
  /** Variables set for the server on top of this process's (e.g. a `CHROMIUM_PATH` naming no file). */
  readonly env?: Readonly<Record<string, string>>;
}

/** Start the built browser shell over a fresh temp data folder and wait until it listens. */
export async function startServer({ timeoutMs = 20_000, prepare, env }: ServerOptions = {}): Promise<RunningApp> {
  if (!existsSync(SERVER_ENTRY)) {
    throw new Error(`${SERVER_ENTRY} is missing: run \`npm run build\` before the e2e tests.`);
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'qs-e2e-'));
  await prepare?.(dataDir);
  const child = spawn(process.execPath, [SERVER_ENTRY, '--port', '0', '--data-dir', dataDir], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));

  try {
    const url = await new Promise<string>((resolveUrl, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`The server did not say it was running within ${timeoutMs} ms. Output:\n${output}`)),
        timeoutMs,
      );
      child.stdout.on('data', () => {
        const match = READY_LINE.exec(output);
        if (match?.[1]) {
          clearTimeout(timer);
          resolveUrl(match[1]);
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`The server exited (code ${code}, signal ${signal}) before it was running. Output:\n${output}`));
      });
    });
    return { url, dataDir, output: () => output, stop: () => stop(child, dataDir) };
  } catch (error) {
    await stop(child, dataDir);
    throw error;
  }
}

async function stop(child: ChildProcess, dataDir: string): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }
  await rm(dataDir, { recursive: true, force: true });
}

/** Save a full-page screenshot as test-results/screenshots/<name>.png for a person to look at. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * One browser and one server for a spec file: started before its tests and stopped after
 * them. Read `browser` and `app` inside tests (they exist only once `beforeAll` ran).
 */
export function useBrowserAndApp(options: ServerOptions = {}): { readonly browser: Browser; readonly app: RunningApp } {
  let browser: Browser | undefined;
  let app: RunningApp | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
    app = await startServer(options);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });
  return {
    get browser() {
      if (!browser) throw new Error('The browser starts in beforeAll; use it inside a test.');
      return browser;
    },
    get app() {
      if (!app) throw new Error('The server starts in beforeAll; use it inside a test.');
      return app;
    },
  };
}
