/**
 * The app scheme in Electron: registered as privileged before `ready`, handled after, and
 * the handler answers files of a real renderer folder on disk — never a file through a
 * symlink that leads out of it.
 */
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { APP_SCHEME_PRIVILEGES, handleAppScheme, registerAppScheme, serveAppFiles } from '../../src-main/desktop/window/app-protocol';
import { RENDERER_CSP } from '../../src-main/desktop/window/app-scheme';
import { protocol, resetFake } from './electron-fake';

vi.mock('electron', () => import('./electron-fake'));

let base: string;
let root: string;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'qs-scheme-'));
  root = join(base, 'renderer');
  await mkdir(join(root, 'assets', 'folder.js'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html><title>QS</title>');
  await writeFile(join(root, 'assets', 'index.js'), 'console.log(1)');
  await writeFile(join(base, 'secret.js'), 'the person’s secret');
  await mkdir(join(base, 'renderer-evil'));
  await writeFile(join(base, 'renderer-evil', 'x.js'), 'evil');
  // A link inside the folder to a file outside it, one to a folder outside, and one that stays inside.
  await symlink(join(base, 'secret.js'), join(root, 'assets', 'leak.js'));
  await symlink(join(base, 'renderer-evil'), join(root, 'evil'));
  await symlink(join(root, 'assets', 'index.js'), join(root, 'alias.js'));
});
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});
beforeEach(() => resetFake());

const get = (url: string, init: RequestInit & { initiatorOrigin?: string } = {}): Promise<Response> => {
  const request = new Request(url, init);
  if (init.initiatorOrigin !== undefined) Object.assign(request, { initiatorOrigin: init.initiatorOrigin });
  return serveAppFiles(root)(request);
};

describe('registering the scheme', () => {
  it('makes qs: a standard, secure scheme with fetch and a code cache — not CORS-enabled, not bypassing CSP', () => {
    registerAppScheme();
    expect(protocol.privileged).toEqual([{ scheme: 'qs', privileges: APP_SCHEME_PRIVILEGES }]);
    expect(APP_SCHEME_PRIVILEGES).toEqual({ standard: true, secure: true, supportFetchAPI: true, codeCache: true });
  });

  it('hands qs: to a handler that serves the given folder', async () => {
    handleAppScheme(root);
    const handler = protocol.handlers.get('qs');
    if (!handler) throw new Error('qs: was not handled');
    const response = await handler(new Request('qs://app/index.html'));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('<!doctype html><title>QS</title>');
    expect((await handler(new Request('qs://app/../secret.js'))).status).toBe(404);
  });
});

describe('serveAppFiles', () => {
  it('answers the page with its type, the page’s CSP and nosniff', async () => {
    const response = await get('qs://app/index.html#/settings');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(RENDERER_CSP);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>QS</title>');
  });

  it('answers a script as JavaScript (module scripts need the right type)', async () => {
    const response = await get('qs://app/assets/index.js');
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await response.text()).toBe('console.log(1)');
  });

  it('answers HEAD with the headers and no body', async () => {
    const response = await get('qs://app/index.html', { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toBe('');
  });

  it('follows a symlink that stays inside the folder', async () => {
    const response = await get('qs://app/alias.js');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('console.log(1)');
  });

  it.each([
    ['a symlink to a file outside', 'qs://app/assets/leak.js'],
    ['a symlink to a folder outside', 'qs://app/evil/x.js'],
    ['a missing file', 'qs://app/assets/missing.js'],
    ['a folder named like a script', 'qs://app/assets/folder.js'],
    ['a traversal', 'qs://app/..%2fsecret.js'],
    ['an encoded traversal', 'qs://app/%2e%2e%2fsecret.js'],
    ['a file of a type not served', 'qs://app/secret.txt'],
    ['another host', 'qs://evil/index.html'],
  ])('answers 404 for %s, and never the file’s bytes', async (_what, url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(await response.text()).toBe('Not found');
  });

  it('answers 404 to a POST', async () => {
    expect((await get('qs://app/index.html', { method: 'POST', body: 'x' })).status).toBe(404);
  });

  it('answers requests of the app’s own page and the browser’s own loads, not those of a web page or a local file', async () => {
    expect((await get('qs://app/assets/index.js', { initiatorOrigin: 'qs://app' })).status).toBe(200);
    expect((await get('qs://app/index.html')).status).toBe(200);
    expect((await get('qs://app/assets/index.js', { initiatorOrigin: 'https://evil.example' })).status).toBe(404);
    expect((await get('qs://app/assets/index.js', { initiatorOrigin: 'file://' })).status).toBe(404);
  });
});
