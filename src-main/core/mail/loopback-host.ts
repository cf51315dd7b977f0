/**
 * Whether a mail host is this machine: the one case where a password may cross a plain
 * (`tls: 'none'`) connection, to a local relay or bridge. A trust decision, so it parses
 * addresses (never matches text) and errs towards "not loopback".
 */
import { BlockList, isIP } from 'node:net';

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** The one name taken as loopback; see `connectHost` for why it is never looked up. */
const LOCALHOST = /^localhost\.?$/i;

/** `[::1]` → `::1`: a URL-style bracketed IPv6 address as a socket wants it. Only IPv6 is unwrapped. */
export function unbracketed(host: string): string {
  const inner = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : null;
  return inner !== null && isIP(inner) === 6 ? inner : host;
}

/**
 * True for an IPv4 address in 127.0.0.0/8, `::1` (with or without brackets, also written
 * out or IPv4-mapped), and the name `localhost`. Everything else — `0.0.0.0`, other names
 * such as `foo.localhost` or `127.0.0.1.example.com`, numbers like `2130706433` that a
 * resolver would read as 127.0.0.1 — is not.
 */
export function isLoopbackHost(host: string): boolean {
  if (LOCALHOST.test(host)) return true;
  const address = unbracketed(host);
  const family = isIP(address);
  if (family === 0) return false;
  return LOOPBACK.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * The address a plain connection really goes to. nodemailer asks the network's DNS servers
 * before the hosts file, so the name `localhost` could resolve off this machine and carry the
 * password with it: a plain connection to it goes to 127.0.0.1 itself. (A relay listening
 * only on IPv6 is reached by entering `::1`.) TLS connections keep the name, which their
 * certificate is checked against.
 */
export function connectHost(host: string, tls: 'starttls' | 'tls' | 'none'): string {
  if (tls === 'none' && LOCALHOST.test(host)) return '127.0.0.1';
  return unbracketed(host);
}
