/**
 * Files of the built app, resolved relative to the main bundle (out/main/index.js) so they
 * are found wherever the app is installed: the preload and the renderer page.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AppLocation } from './security';

const MAIN_DIR = dirname(fileURLToPath(import.meta.url));

/** One CommonJS file: a sandboxed renderer cannot load an ESM preload. */
export const PRELOAD_FILE = join(MAIN_DIR, '../preload/index.cjs');
export const RENDERER_FILE = join(MAIN_DIR, '../renderer/index.html');

/** The dev server URL is honoured only in an unpackaged app (`electron-vite dev`). */
export function appLocation(isPackaged: boolean, env: Readonly<Record<string, string | undefined>> = process.env): AppLocation {
  const devServerUrl = !isPackaged && env.ELECTRON_RENDERER_URL ? env.ELECTRON_RENDERER_URL : null;
  return { rendererFileUrl: pathToFileURL(RENDERER_FILE).href, devServerUrl };
}
