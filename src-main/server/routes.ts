/**
 * The REST routes, derived from each operation's `route` in one loop, so the browser
 * shell cannot drift from the operations the desktop shell offers.
 */
import type { Method } from '../../src-preload/contract';
import { API_METHODS, OPERATIONS } from '../../src-preload/operations';

export interface RouteEntry {
  readonly method: Method;
  readonly verb: string;
  /** Path segments; a segment starting with `:` captures an input field. */
  readonly segments: readonly string[];
}

export interface RouteMatch {
  readonly method: Method;
  readonly params: Readonly<Record<string, string>>;
}

const splitPath = (path: string): string[] => path.split('/').filter((segment) => segment !== '');

export const ROUTES: readonly RouteEntry[] = API_METHODS.map((method) => {
  const [verb = '', path = ''] = OPERATIONS[method].route.split(' ');
  return { method, verb, segments: splitPath(path) };
});

/** The operation behind `verb path`, with its captured path parameters; null when none. */
export function matchRoute(verb: string, pathname: string): RouteMatch | null {
  const segments = splitPath(pathname);
  for (const route of ROUTES) {
    if (route.verb !== verb || route.segments.length !== segments.length) continue;
    const params = captureParams(route.segments, segments);
    if (params) return { method: route.method, params };
  }
  return null;
}

function captureParams(pattern: readonly string[], actual: readonly string[]): Record<string, string> | null {
  const params: Record<string, string> = {};
  for (const [index, part] of pattern.entries()) {
    const value = actual[index] ?? '';
    if (part.startsWith(':')) {
      const decoded = safeDecode(value);
      if (decoded === null) return null;
      params[part.slice(1)] = decoded;
    } else if (part !== value) {
      return null;
    }
  }
  return params;
}

function safeDecode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
