/**
 * Files of the built app, resolved relative to the main bundle (out/main/index.js) so they
 * are found wherever the app is installed: the preload and the renderer's folder, which
 * the app scheme serves (app-protocol.ts).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_PAGE_URL } from './window/app-scheme';
import type { AppLocation } from './security';

const MAIN_DIR = dirname(fileURLToPath(import.meta.url));

/** One CommonJS file: a sandboxed renderer cannot load an ESM preload. */
export const PRELOAD_FILE = join(MAIN_DIR, '../preload/index.cjs');
/** Everything `qs://app/…` may serve, and nothing else. */
export const RENDERER_DIR = join(MAIN_DIR, '../renderer');

/** The dev server URL is honoured only in an unpackaged app (`electron-vite dev`). */
export function appLocation(isPackaged: boolean, env: Readonly<Record<string, string | undefined>> = process.env): AppLocation {
  const devServerUrl = !isPackaged && env.ELECTRON_RENDERER_URL ? env.ELECTRON_RENDERER_URL : null;
  return { pageUrl: APP_PAGE_URL, devServerUrl };
}
