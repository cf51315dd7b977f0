/**
 * Which file a `qs://app/…` URL names: only files under the renderer folder, by any
 * spelling a hostile page could try.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { APP_PAGE_URL, isInside, RENDERER_CSP, resolveAppRequest } from '../../src-main/desktop/window/app-scheme';

const ROOT = '/opt/qs/out/renderer';

describe('resolveAppRequest', () => {
  it.each([
    ['qs://app/index.html', `${ROOT}/index.html`, 'text/html; charset=utf-8'],
    ['qs://app/index.html#/settings', `${ROOT}/index.html`, 'text/html; charset=utf-8'],
    ['qs://app/index.html?v=2', `${ROOT}/index.html`, 'text/html; charset=utf-8'],
    ['qs://app/assets/index-3f2a.js', `${ROOT}/assets/index-3f2a.js`, 'text/javascript; charset=utf-8'],
    ['qs://app/assets/index-3f2a.css', `${ROOT}/assets/index-3f2a.css`, 'text/css; charset=utf-8'],
    ['qs://app/assets/icon.SVG', `${ROOT}/assets/icon.SVG`, 'image/svg+xml'],
    ['qs://app/assets/font.woff2', `${ROOT}/assets/font.woff2`, 'font/woff2'],
    ['qs://app/assets/a%20b.png', `${ROOT}/assets/a b.png`, 'image/png'],
    // the URL parser resolves dot segments before we see the path; still inside the root
    ['qs://app/assets/../index.html', `${ROOT}/index.html`, 'text/html; charset=utf-8'],
    ['qs://app/%2e%2e/index.html', `${ROOT}/index.html`, 'text/html; charset=utf-8'],
  ])('serves %s as %s', (url, file, contentType) => {
    expect(resolveAppRequest(url, 'GET', ROOT)).toEqual({ kind: 'file', file, contentType });
  });

  it('answers HEAD as GET', () => {
    expect(resolveAppRequest(APP_PAGE_URL, 'HEAD', ROOT)).toMatchObject({ kind: 'file', file: `${ROOT}/index.html` });
  });

  it.each([
    // traversal, plain and encoded (single and double), and separators in a segment
    'qs://app/..%2f..%2fetc%2fpasswd',
    'qs://app/..%2F..%2Fetc%2Fpasswd.html',
    'qs://app/%2e%2e%2f%2e%2e%2fetc/passwd.js',
    'qs://app/%252e%252e/%252e%252e/etc/passwd.js',
    'qs://app/assets%2f..%2f..%2f..%2fsecret.js',
    'qs://app/..%5c..%5csecret.js',
    'qs://app/assets\\..\\..\\secret.js',
    'qs://app/%5c%5cserver%5cshare%5cx.js',
    // absolute paths and drives
    'qs://app//etc/passwd.js',
    'qs://app/%2fetc%2fpasswd.js',
    'qs://app/C:%5cWindows%5cwin.ini.js',
    'qs://app/C:/Windows/system.ini.js',
    'qs://app/index.html::$DATA',
    // Windows would drop a trailing dot or space, naming another file
    'qs://app/index.html.',
    'qs://app/index.html%20',
    // NUL and control characters, malformed escapes
    'qs://app/index.html%00.js',
    'qs://app/index%0a.html',
    'qs://app/%E0%A4%A.js',
    'qs://app/%',
    // hidden files and folders
    'qs://app/.env.json',
    'qs://app/.git/config.js',
    'qs://app/assets/.hidden.js',
    // nothing but files of known types; not the folder itself
    'qs://app/',
    'qs://app',
    'qs://app/assets',
    'qs://app/assets/',
    'qs://app/index',
    'qs://app/main.js.map',
    'qs://app/secret.txt',
    'qs://app/app.asar',
    'qs://app/index.html/',
    // other hosts, ports, credentials, schemes
    'qs://evil/index.html',
    'qs://app.evil/index.html',
    'qs://APP/index.html',
    'qs://app:8080/index.html',
    'qs://user:pw@app/index.html',
    'qs:///index.html',
    'qs:index.html',
    'file:///opt/qs/out/renderer/index.html',
    'https://app/index.html',
    'not a url',
    '',
  ])('refuses %j', (url) => {
    expect(resolveAppRequest(url, 'GET', ROOT)).toEqual({ kind: 'not-found' });
  });

  it.each(['POST', 'PUT', 'DELETE', 'OPTIONS', 'get', 'TRACE'])('refuses the method %s', (method) => {
    expect(resolveAppRequest(APP_PAGE_URL, method, ROOT)).toEqual({ kind: 'not-found' });
  });
});

describe('isInside', () => {
  it.each([
    [ROOT, `${ROOT}/index.html`, true],
    [ROOT, `${ROOT}/assets/x.js`, true],
    [ROOT, ROOT, false],
    [ROOT, '/opt/qs/out', false],
    [ROOT, '/opt/qs/out/renderer-evil/x.js', false],
    [ROOT, '/etc/passwd', false],
    [ROOT, `${ROOT}/../main/index.js`, false],
  ])('%s contains %s: %s', (root, candidate, inside) => {
    expect(isInside(root, candidate)).toBe(inside);
  });
});

describe('the page’s Content-Security-Policy', () => {
  it('is the same in the header the scheme sends and in index.html’s meta tag', () => {
    const html = readFileSync(join(fileURLToPath(new URL('../../src-renderer/index.html', import.meta.url))), 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    // A meta tag ignores frame-ancestors; the header carries it on top.
    expect(`${meta}`).toBe(RENDERER_CSP);
    expect(RENDERER_CSP).toContain("frame-ancestors 'none'");
  });
});
