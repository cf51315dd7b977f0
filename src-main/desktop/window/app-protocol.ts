/**
 * Electron's half of the app scheme (app-scheme.ts): the scheme's privileges, registered
 * before `ready`, and the handler that answers `qs://app/…` from the files of
 * `out/renderer` once Electron is ready.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import { protocol, type CustomScheme } from 'electron';
import { RENDERER_DIR } from '../bundle-files';
import { APP_SCHEME, isInside, RENDERER_CSP, resolveAppRequest } from './app-scheme';

/**
 * `standard`: URLs resolve like https ones (relative imports, one origin `qs://app`);
 * `secure`: a secure context, as https would be; `supportFetchAPI`: Vite's module scripts
 * are fetched; `codeCache`: V8 keeps compiled code between starts. Not `corsEnabled`, so no
 * other origin may read these files, and not `bypassCSP`, so the page's policy holds.
 */
export const APP_SCHEME_PRIVILEGES: NonNullable<CustomScheme['privileges']> = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  codeCache: true,
};

/** Before `ready` (Electron refuses it after): make `qs:` a privileged scheme. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);
}

const notFound = (): Response => new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' } });

/**
 * A page of another scheme (a web page, a local file) asked for it. Electron sets
 * `initiatorOrigin` on requests web content makes; the browser's own (the window's load)
 * have none. Only a parseable origin of another scheme is refused, so a difference in how
 * Electron spells this app's own origin can never lock the app out of its files.
 */
function fromForeignPage(request: Request): boolean {
  const origin = (request as Request & { initiatorOrigin?: string }).initiatorOrigin;
  if (origin === undefined || origin === 'null') return false;
  try {
    return new URL(origin).protocol !== `${APP_SCHEME}:`;
  } catch {
    return false;
  }
}

/**
 * The handler for `protocol.handle`: the file a request names under `rootDir` (see
 * `resolveAppRequest`), after following symlinks, only if it is still a regular file
 * inside `rootDir`; otherwise 404. Every answer carries the page's CSP.
 */
export function serveAppFiles(rootDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    const target = resolveAppRequest(request.url, request.method, rootDir);
    if (target.kind === 'not-found' || fromForeignPage(request)) return notFound();
    try {
      const [realRoot, real] = await Promise.all([realpath(rootDir), realpath(target.file)]);
      if (!isInside(realRoot, real) || !(await stat(real)).isFile()) return notFound();
      const headers = {
        'Content-Type': target.contentType,
        'Content-Security-Policy': RENDERER_CSP,
        'X-Content-Type-Options': 'nosniff',
      };
      if (request.method === 'HEAD') return new Response(null, { status: 200, headers });
      return new Response(await readFile(real), { status: 200, headers });
    } catch {
      // Missing, unreadable, or a link to nowhere: the same answer as a name never served.
      return notFound();
    }
  };
}

/** After `ready`: answer `qs://app/…` from the built renderer. */
export function handleAppScheme(rootDir: string = RENDERER_DIR): void {
  protocol.handle(APP_SCHEME, serveAppFiles(rootDir));
}
