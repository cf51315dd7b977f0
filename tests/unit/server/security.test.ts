import { describe, expect, it } from 'vitest';
import { isAllowedHost, isAllowedOrigin } from '../../../src-main/server/security';

const address = { port: 4807, boundHost: '127.0.0.1' };

describe('isAllowedHost', () => {
  it.each(['127.0.0.1:4807', 'localhost:4807', '[::1]:4807', 'LOCALHOST:4807'])('accepts its own address %s', (host) => {
    expect(isAllowedHost(host, address)).toBe(true);
  });

  it.each([
    [undefined, 'no header'],
    ['', 'empty'],
    ['127.0.0.1', 'no port (would be 80)'],
    ['127.0.0.1:4808', 'other port'],
    ['localhost:80', 'default port'],
    ['evil.example:4807', 'rebinding host name'],
    ['evil.example', 'rebinding host name without port'],
    ['127.0.0.1:4807@evil.example', 'user-info trick'],
    ['evil.example#@127.0.0.1:4807', 'fragment trick'],
    ['evil.example/127.0.0.1:4807', 'path trick'],
    ['127.0.0.1:4807/evil', 'trailing path'],
    ['127.0.0.1:4807?x', 'query'],
    ['127.0.0.1.evil.example:4807', 'prefix of a foreign name'],
    ['localhost.:4807', 'trailing-dot name'],
    ['localhost:4807 ', 'trailing space'],
    ['local host:4807', 'inner space'],
    ['0.0.0.0:4807', 'wildcard address'],
    ['[::]:4807', 'IPv6 wildcard'],
    ['192.168.1.10:4807', 'LAN address'],
    ['127.0.0.1:04807x', 'garbage port'],
    ['127.0.0.1\\@evil.example:4807', 'backslash trick'],
  ] as [string | undefined, string][])('refuses %j (%s)', (host) => {
    expect(isAllowedHost(host, address)).toBe(false);
  });

  it('accepts the address it was bound to, but never a wildcard', () => {
    expect(isAllowedHost('192.168.1.10:4807', { port: 4807, boundHost: '192.168.1.10' })).toBe(true);
    expect(isAllowedHost('0.0.0.0:4807', { port: 4807, boundHost: '0.0.0.0' })).toBe(false);
    expect(isAllowedHost('[::]:4807', { port: 4807, boundHost: '::' })).toBe(false);
    expect(isAllowedHost('localhost:4807', { port: 4807, boundHost: '0.0.0.0' })).toBe(true);
  });
});

describe('isAllowedOrigin', () => {
  it('accepts a missing Origin (non-browser clients send none)', () => {
    expect(isAllowedOrigin(undefined, address)).toBe(true);
  });

  it.each(['http://127.0.0.1:4807', 'http://localhost:4807', 'http://[::1]:4807'])('accepts its own origin %s', (origin) => {
    expect(isAllowedOrigin(origin, address)).toBe(true);
  });

  it.each([
    ['null', 'opaque origin of sandboxed frames and file://'],
    ['', 'empty'],
    ['https://evil.example', 'foreign site'],
    ['http://evil.example:4807', 'foreign host, same port'],
    ['https://127.0.0.1:4807', 'other scheme'],
    ['http://127.0.0.1:4808', 'other port'],
    ['http://127.0.0.1', 'no port'],
    ['http://127.0.0.1:4807.evil.example', 'suffix trick'],
    ['http://127.0.0.1:4807@evil.example', 'user-info trick'],
    ['http://user@127.0.0.1:4807', 'user info'],
    ['http://127.0.0.1:4807/', 'not an origin (path)'],
    ['file://', 'file scheme'],
    ['chrome-extension://abc', 'extension'],
    ['127.0.0.1:4807', 'no scheme'],
    ['http://localhost.:4807', 'trailing dot'],
  ])('refuses %j (%s)', (origin) => {
    expect(isAllowedOrigin(origin, address)).toBe(false);
  });
});
