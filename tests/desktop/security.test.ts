import { describe, expect, it } from 'vitest';
import { isAppUrl, isSafeExternalUrl, isTrustedSender, safeExternalUrl, type AppLocation } from '../../src-main/desktop/security';

const built: AppLocation = { pageUrl: 'qs://app/index.html', devServerUrl: null };
const dev: AppLocation = { pageUrl: 'qs://app/index.html', devServerUrl: 'http://localhost:5173/' };

describe('isAppUrl', () => {
  it.each(['qs://app/index.html', 'qs://app/index.html#/trackers', 'qs://app/index.html#/quick-log/t-1', 'qs://app/./index.html', 'qs://app/x/../index.html', 'qs://app/index.html?x=1'])(
    'accepts the built page %s',
    (url) => {
      expect(isAppUrl(url, built)).toBe(true);
    },
  );

  it.each([
    // other files of the scheme, and near misses of the page
    'qs://app/index.html.evil',
    'qs://app/index.htm',
    'qs://app/other.html',
    'qs://app/assets/index.js',
    'qs://app/',
    'qs://app',
    'qs://app//index.html',
    'qs://app/%69ndex.html',
    'qs://app/INDEX.HTML',
    // other hosts, ports, credentials
    'qs://app.evil/index.html',
    'qs://evil/index.html',
    'qs://evil.app/index.html',
    'qs://APP/index.html',
    'qs://app:80/index.html',
    'qs://app:1/index.html',
    'qs://user@app/index.html',
    'qs://user:pw@app/index.html',
    'qs:///index.html',
    'qs:app/index.html',
    // other schemes naming the same path
    'qsx://app/index.html',
    'q://app/index.html',
    'https://app/index.html',
    'http://app/index.html',
    'file:///opt/qs/out/renderer/index.html',
    'file://app/index.html',
    'https://evil.example/qs://app/index.html',
    'https://evil.example/?qs://app/index.html',
    'blob:qs://app/5a1a8d3c',
    'view-source:qs://app/index.html',
    'about:blank',
    'javascript:alert(1)',
    'data:text/html,<h1>x</h1>',
    'http://localhost:5173/',
    'not a url',
    ' ',
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
    'qs://app/index.html',
    'file:///opt/qs/out/renderer/index.html',
    'ws://localhost:5173/',
  ])('refuses %j in dev', (url) => {
    expect(isAppUrl(url, dev)).toBe(false);
  });
});

describe('isTrustedSender', () => {
  it('trusts only frames showing the app page through the app scheme', () => {
    expect(isTrustedSender('qs://app/index.html', built)).toBe(true);
    expect(isTrustedSender('qs://app/index.html#/settings', built)).toBe(true);
    expect(isTrustedSender('file:///opt/qs/out/renderer/index.html', built)).toBe(false);
    expect(isTrustedSender('qs://app.evil/index.html', built)).toBe(false);
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
