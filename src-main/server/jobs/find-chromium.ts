/**
 * Where a Chromium (or Google Chrome) is on this computer: browser mode prints the monthly
 * report with it, and the e2e tests drive it. One lookup for both, so "found" means the
 * same thing to the tests as to the app. `$CHROMIUM_PATH` (or `$CHROME_PATH`) wins; a
 * variable naming no file is said plainly rather than passed over.
 */
import { existsSync } from 'node:fs';

export const CHROMIUM_CANDIDATES: readonly string[] = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

const VARIABLES = ['CHROMIUM_PATH', 'CHROME_PATH'] as const;

export type ChromiumLookup = { readonly found: true; readonly path: string } | { readonly found: false; readonly reason: string };

/** The browser to use, or why there is none (in words for a person). */
export function lookForChromium(env: NodeJS.ProcessEnv = process.env, exists: (path: string) => boolean = existsSync): ChromiumLookup {
  for (const name of VARIABLES) {
    const path = env[name];
    if (path) return exists(path) ? { found: true, path } : { found: false, reason: `${name} is set to ${path}, but there is no file there.` };
  }
  const path = CHROMIUM_CANDIDATES.find((candidate) => exists(candidate));
  if (path !== undefined) return { found: true, path };
  return { found: false, reason: `No Chromium or Google Chrome was found (looked at $CHROMIUM_PATH, $CHROME_PATH, ${CHROMIUM_CANDIDATES.join(', ')}).` };
}
