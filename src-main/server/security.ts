/**
 * Who may talk to the loopback server. Any web page the person visits can send requests
 * to 127.0.0.1, so the server refuses a `Host` that is not its own address (a DNS
 * rebinding page reaches us under the attacker's host name) and an `Origin` that is not
 * its own (a foreign page posting to the API). Decisions parse with `new URL()`; string
 * matching is fooled by `127.0.0.1:4807@evil.example` and friends.
 */

/** Host names that always mean this machine. */
const LOOPBACK_HOSTNAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);

export interface ServerAddress {
  /** The port the server listens on. */
  readonly port: number;
  /**
   * The host the server was told to bind, when it is a specific address (not a wildcard
   * such as 0.0.0.0 or ::); requests naming it are accepted alongside the loopback names.
   */
  readonly boundHost?: string;
}

function allowedHostnames(address: ServerAddress): Set<string> {
  const names = new Set(LOOPBACK_HOSTNAMES);
  const bound = address.boundHost === undefined ? null : parseHttpUrl(`http://${hostForUrl(address.boundHost)}`);
  if (bound && bound.hostname !== '0.0.0.0' && bound.hostname !== '[::]') names.add(bound.hostname);
  return names;
}

/** An IPv6 literal must be bracketed inside a URL. */
export function hostForUrl(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

function parseHttpUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

const effectivePort = (url: URL): string => url.port || (url.protocol === 'https:' ? '443' : '80');

/** True when the URL is exactly `http://<own host>:<own port>` with nothing else in it. */
function isOwnAuthority(url: URL, address: ServerAddress): boolean {
  return (
    url.protocol === 'http:' &&
    url.username === '' &&
    url.password === '' &&
    url.pathname === '/' &&
    url.search === '' &&
    url.hash === '' &&
    allowedHostnames(address).has(url.hostname) &&
    effectivePort(url) === String(address.port)
  );
}

/** The `Host` request header names this server (DNS-rebinding defence). */
export function isAllowedHost(hostHeader: string | undefined, address: ServerAddress): boolean {
  if (hostHeader === undefined || hostHeader === '' || /[\s/\\?#@]/.test(hostHeader)) return false;
  const url = parseHttpUrl(`http://${hostHeader}`);
  return url !== null && isOwnAuthority(url, address);
}

/**
 * The `Origin` request header, when present, is this server's own origin (CSRF defence).
 * A missing header is allowed: non-browser clients (scripts, curl) send none, and a
 * browser always sends one on the cross-origin requests this guards against.
 */
export function isAllowedOrigin(originHeader: string | undefined, address: ServerAddress): boolean {
  if (originHeader === undefined) return true;
  // `null` is what sandboxed frames and file:// pages send: never our own origin.
  if (originHeader === 'null' || /[\s]/.test(originHeader)) return false;
  const url = parseHttpUrl(originHeader);
  return url !== null && url.origin === originHeader && isOwnAuthority(url, address);
}
