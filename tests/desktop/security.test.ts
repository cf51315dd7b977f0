import { describe, expect, it } from 'vitest';
import { isAppUrl, isSafeExternalUrl, isTrustedSender, safeExternalUrl, type AppLocation } from '../../src-main/desktop/security';

const built: AppLocation = { rendererFileUrl: 'file:///opt/qs/out/renderer/index.html', devServerUrl: null };
const dev: AppLocation = { rendererFileUrl: 'file:///opt/qs/out/renderer/index.html', devServerUrl: 'http://localhost:5173/' };

describe('isAppUrl', () => {
  it.each(['file:///opt/qs/out/renderer/index.html', 'file:///opt/qs/out/renderer/index.html#/trackers', 'file:///opt/qs/out/renderer/./index.html'])(
    'accepts the built page %s',
    (url) => {
      expect(isAppUrl(url, built)).toBe(true);
    },
  );

  it.each([
    'file:///opt/qs/out/renderer/index.html.evil',
    'file:///opt/qs/out/renderer/other.html',
    'file:///etc/passwd',
    'file://evil.example/opt/qs/out/renderer/index.html',
    'https://evil.example/opt/qs/out/renderer/index.html',
    'http://localhost:5173/',
    'about:blank',
    'javascript:alert(1)',
    'data:text/html,<h1>x</h1>',
    'not a url',
    '',
    null,
    undefined,
  ])('refuses %j in the built app', (url) => {
    expect(isAppUrl(url, built)).toBe(false);
  });

  it.each(['http://localhost:5173/', 'http://localhost:5173/src/main.ts', 'http://localhost:5173/#x'])('accepts the dev server page %s in dev', (url) => {
    expect(isAppUrl(url, dev)).toBe(true);
  });

  it.each([
    'http://localhost:5174/',
    'https://localhost:5173/',
    'http://localhost:5173.evil.example/',
    'http://localhost:5173@evil.example/',
    'http://user:pw@localhost:5173/',
    'http://127.0.0.1:5173/',
    'file:///opt/qs/out/renderer/index.html',
    'ws://localhost:5173/',
  ])('refuses %j in dev', (url) => {
    expect(isAppUrl(url, dev)).toBe(false);
  });
});

describe('isTrustedSender', () => {
  it('trusts only frames showing the app page', () => {
    expect(isTrustedSender('file:///opt/qs/out/renderer/index.html', built)).toBe(true);
    expect(isTrustedSender('https://evil.example/', built)).toBe(false);
    expect(isTrustedSender('about:blank', built)).toBe(false);
    expect(isTrustedSender(null, built)).toBe(false);
  });
});

describe('isSafeExternalUrl', () => {
  it.each(['https://example.com/', 'https://example.com/help?q=1#x'])('allows %s', (url) => {
    expect(isSafeExternalUrl(url)).toBe(true);
  });

  it.each([
    'http://example.com/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'smb://server/share',
    'ms-msdt:/id',
    'data:text/html,x',
    'https://user:pw@example.com/',
    'not a url',
    '',
    null,
  ])('refuses %j', (url) => {
    expect(isSafeExternalUrl(url)).toBe(false);
  });

  it('hands the OS the parsed URL, not the raw text', () => {
    expect(safeExternalUrl(' https://example.com')).toBe('https://example.com/');
    expect(safeExternalUrl('https:example.com')).toBe('https://example.com/');
    expect(safeExternalUrl('https://exa mple.com')).toBeNull();
  });
});
