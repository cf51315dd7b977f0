import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../src-main/server/response-headers';
import { resolveStaticPath } from '../../../src-main/server/static-files';
import { fakeHandlers } from './fake-handlers';
import { rawRequest, startTestServer, type TestServer } from './server-harness';

let parent: string;
let root: string;
let server: TestServer;
const get = (path: string) => rawRequest(server.port, { path, headers: { Host: `127.0.0.1:${server.port}` } });

beforeAll(async () => {
  parent = await mkdtemp(join(tmpdir(), 'qs-static-'));
  root = join(parent, 'renderer');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html><title>QS</title>');
  await writeFile(join(root, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(root, 'assets', 'app.css'), 'body{}');
  await writeFile(join(root, 'assets', 'logo.svg'), '<svg/>');
  await writeFile(join(parent, 'secret.txt'), 'outside the root');
  server = await startTestServer(fakeHandlers(), root);
});
afterAll(async () => {
  await server.close();
  await rm(parent, { recursive: true, force: true });
});

describe('static files', () => {
  it('serves index.html for / with the security headers', async () => {
    const response = await get('/');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.body).toContain('<title>QS</title>');
    expect(response.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  it.each([
    ['/assets/app.js', 'text/javascript; charset=utf-8'],
    ['/assets/app.css', 'text/css; charset=utf-8'],
    ['/assets/logo.svg', 'image/svg+xml'],
    ['/index.html', 'text/html; charset=utf-8'],
  ])('serves %s as %s', async (path, type) => {
    const response = await get(path);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe(type);
  });

  it.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/..%2fsecret.txt',
    '/..%5csecret.txt',
    '/assets/%2e%2e/%2e%2e/secret.txt',
    '/%00index.html',
    '/%E0%A4%A',
    '/assets',
    '/assets/',
    '/nothing.js',
  ])('refuses %s with 404 and never leaks a file outside the root', async (path) => {
    const response = await get(path);
    expect(response.status).toBe(404);
    expect(response.body).not.toContain('outside the root');
  });

  it('does not serve files to POST', async () => {
    const response = await rawRequest(server.port, { method: 'POST', path: '/index.html', headers: { Host: `127.0.0.1:${server.port}` } });
    expect(response.status).toBe(404);
  });

  it('resolves paths only inside the root', () => {
    expect(resolveStaticPath('/srv/r', '/')).toBe(join('/srv/r', 'index.html'));
    expect(resolveStaticPath('/srv/r', '/a/b.js')).toBe(join('/srv/r', 'a', 'b.js'));
    for (const hostile of ['/..', '/../r2/x', '/%2e%2e%2fetc%2fpasswd', '//etc/passwd', '/a/../../x', '/a%00b', '/%']) {
      const resolved = resolveStaticPath('/srv/r', hostile);
      expect(resolved === null || resolved.startsWith('/srv/r/')).toBe(true);
    }
  });
});

describe('the CSP header', () => {
  it("equals the renderer's meta CSP", async () => {
    const html = await readFile(new URL('../../../src-renderer/index.html', import.meta.url), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html);
    expect(meta?.[1]).toBe(CONTENT_SECURITY_POLICY);
  });
});
