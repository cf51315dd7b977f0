/**
 * Trust decisions of the desktop shell, as pure functions over `new URL()` (string
 * prefixes are fooled by `qs://app/index.html.evil`, `qs://app.evil/` and friends).
 * The Electron wiring in window.ts and ipc.ts only calls these.
 */

/** Where the app's own page lives: the app scheme's page, or the dev server in development. */
export interface AppLocation {
  /** The built page, `qs://app/index.html` (app-scheme.ts). */
  readonly pageUrl: string;
  /** `ELECTRON_RENDERER_URL` of `electron-vite dev`; null in a built or packaged app. */
  readonly devServerUrl: string | null;
}

function parse(text: string | null | undefined): URL | null {
  if (!text) return null;
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

/**
 * The URL is the app's own page (any hash or query: the renderer is one document). Built,
 * that is exactly the scheme, host and path of `pageUrl`, with no port or credentials; the
 * scheme's other files (scripts, styles) are never a page to navigate to or to trust.
 * (A custom scheme's `URL.origin` is "null" in Node, so scheme and host are compared.)
 */
export function isAppUrl(url: string | null | undefined, location: AppLocation): boolean {
  const candidate = parse(url);
  if (!candidate || candidate.username !== '' || candidate.password !== '') return false;
  const dev = parse(location.devServerUrl);
  if (dev) {
    return (candidate.protocol === 'http:' || candidate.protocol === 'https:') && candidate.origin === dev.origin;
  }
  const own = parse(location.pageUrl);
  return own !== null && candidate.protocol === own.protocol && candidate.host === own.host && candidate.port === '' && candidate.pathname === own.pathname;
}

/** An IPC message comes from a frame showing the app's own page, never a foreign one. */
export function isTrustedSender(frameUrl: string | null | undefined, location: AppLocation): boolean {
  return isAppUrl(frameUrl, location);
}

/**
 * A link the person may open in their browser, normalized by the URL parser (so the OS
 * gets exactly what was checked, not the raw text), or null: https only, no credentials.
 */
export function safeExternalUrl(url: string | null | undefined): string | null {
  const candidate = parse(url);
  const safe = candidate !== null && candidate.protocol === 'https:' && candidate.hostname !== '' && candidate.username === '' && candidate.password === '';
  return safe ? candidate.href : null;
}

export const isSafeExternalUrl = (url: string | null | undefined): boolean => safeExternalUrl(url) !== null;
