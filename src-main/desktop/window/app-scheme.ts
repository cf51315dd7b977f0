/**
 * The built renderer is served from a privileged custom scheme, `qs://app/…`, instead of
 * `file://` (Electron's security checklist, item "avoid the file protocol"): a `file://`
 * page may read any file its URL can name and shares one origin with every other local
 * file; `qs://app` is one origin that answers only for the files of `out/renderer`.
 *
 * This module is the pure half: which URL names which file. `app-protocol.ts` wires it
 * into Electron. Everything not named here is answered 404.
 */
import { extname, isAbsolute, join, relative, sep } from 'node:path';

export const APP_SCHEME = 'qs';
export const APP_HOST = 'app';
/** The page every app window loads (routes are in the hash). */
export const APP_PAGE_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * The page's Content-Security-Policy, sent as a header with every answer. The same policy
 * is in `src-renderer/index.html`'s meta tag (tests/desktop/app-scheme.test.ts keeps them
 * equal); the header adds what a meta tag cannot carry (`frame-ancestors`).
 */
export const RENDERER_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** The types the built renderer has; a file of any other type is not served. */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

export type AppRequestTarget = { readonly kind: 'file'; readonly file: string; readonly contentType: string } | { readonly kind: 'not-found' };

const NOT_FOUND: AppRequestTarget = { kind: 'not-found' };

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * A path segment that names a plain file or folder inside the root: not `.`/`..`, not
 * hidden, no separator of any platform, no drive or stream (`:`), no NUL or control
 * character, and no trailing dot or space (Windows drops those, so `index.html.` would
 * name `index.html` under another extension).
 */
function isPlainSegment(segment: string): boolean {
  if (segment === '' || segment.startsWith('.') || /[. ]$/.test(segment)) return false;
  return ![...segment].some((character) => {
    const code = character.charCodeAt(0);
    return code < 0x20 || code === 0x7f || character === '/' || character === '\\' || character === ':';
  });
}

/**
 * The file under `rootDir` a request for `url` names, with its content type, or
 * not-found: another scheme or host, credentials, a method other than GET/HEAD, `..` in
 * any spelling (plain, %-encoded, double-encoded), encoded separators, absolute paths,
 * hidden files, and types the renderer does not have. Symlinks are the caller's to check
 * (they need the disk).
 */
export function resolveAppRequest(url: string, method: string, rootDir: string): AppRequestTarget {
  if (method !== 'GET' && method !== 'HEAD') return NOT_FOUND;
  const parsed = parse(url);
  if (!parsed || parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST || parsed.username !== '' || parsed.password !== '') return NOT_FOUND;
  let decoded: string;
  try {
    decoded = decodeURIComponent(parsed.pathname);
  } catch {
    return NOT_FOUND;
  }
  // A `%` left after decoding was double-encoded: nothing of ours is named like that.
  if (!decoded.startsWith('/') || decoded.includes('%')) return NOT_FOUND;
  const segments = decoded.slice(1).split('/');
  if (!segments.every(isPlainSegment)) return NOT_FOUND;
  const contentType = CONTENT_TYPES[extname(decoded).toLowerCase()];
  if (contentType === undefined) return NOT_FOUND;
  const file = join(rootDir, ...segments);
  const inside = relative(rootDir, file);
  if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) return NOT_FOUND;
  return { kind: 'file', file, contentType };
}

/** `candidate` lies inside `root`, below it (both already resolved to real paths). */
export function isInside(root: string, candidate: string): boolean {
  const inside = relative(root, candidate);
  return inside !== '' && inside !== '..' && !inside.startsWith(`..${sep}`) && !isAbsolute(inside);
}
