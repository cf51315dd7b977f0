/**
 * Which page is showing, kept in the location hash so a reload, the back button and a
 * link all agree. Hash routing needs nothing from the shell: the desktop app loads one
 * page (`qs://app/index.html`) and the browser shell serves one index.html, and both keep the hash.
 */

export type Route =
  | { readonly name: 'dashboard' }
  | { readonly name: 'tracker'; readonly trackerId: string }
  | { readonly name: 'settings' }
  /** Settings › API: the REST API, its access tokens and operations. */
  | { readonly name: 'api' }
  | { readonly name: 'trash' }
  | { readonly name: 'csv' }
  /** What ran on its own: nudges, reports, mail. */
  | { readonly name: 'activity' }
  /** The saved monthly reports, and making one on demand. */
  | { readonly name: 'reports' }
  /** The quick-log page (the desktop app's small window): for one tracker, or a picker when null. */
  | { readonly name: 'quick-log'; readonly trackerId: string | null };

/** The id in a hash segment, or undefined when its %-escapes are malformed (it cannot name a tracker). */
function decodedId(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** The route a hash names; anything unknown is the dashboard, so an old link never strands the person. */
export function parseHash(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/\/+$/, '');
  if (path === '/settings') return { name: 'settings' };
  if (path === '/settings/api') return { name: 'api' };
  if (path === '/trash') return { name: 'trash' };
  if (path === '/csv') return { name: 'csv' };
  if (path === '/activity') return { name: 'activity' };
  if (path === '/reports') return { name: 'reports' };
  if (path === '/quick-log') return { name: 'quick-log', trackerId: null };
  const tracker = /^\/trackers\/([^/]+)$/.exec(path);
  const trackerId = tracker?.[1] === undefined ? undefined : decodedId(tracker[1]);
  if (trackerId !== undefined) return { name: 'tracker', trackerId };
  const quickLog = /^\/quick-log\/([^/]+)$/.exec(path);
  if (quickLog?.[1] !== undefined) {
    // A tracker the hash cannot name still gets the quick-log, with its picker.
    return { name: 'quick-log', trackerId: decodedId(quickLog[1]) ?? null };
  }
  return { name: 'dashboard' };
}

/** The hash of a route, for `href` attributes and `location.hash`. */
export function href(route: Route): string {
  switch (route.name) {
    case 'dashboard':
      return '#/';
    case 'tracker':
      return `#/trackers/${encodeURIComponent(route.trackerId)}`;
    case 'settings':
      return '#/settings';
    case 'api':
      return '#/settings/api';
    case 'trash':
      return '#/trash';
    case 'csv':
      return '#/csv';
    case 'activity':
      return '#/activity';
    case 'reports':
      return '#/reports';
    case 'quick-log':
      return route.trackerId === null ? '#/quick-log' : `#/quick-log/${encodeURIComponent(route.trackerId)}`;
  }
}

class Router {
  route = $state.raw<Route>(parseHash(typeof location === 'undefined' ? '' : location.hash));

  constructor() {
    if (typeof window !== 'undefined') {
      window.addEventListener('hashchange', () => (this.route = parseHash(location.hash)));
    }
  }

  /** Show a route; the hash change also lands in history, so Back returns. */
  go(route: Route): void {
    location.hash = href(route);
    // hashchange fires later (and not at all when the hash is unchanged): set the route
    // now so the caller sees it at once.
    this.route = route;
  }
}

export const router = new Router();
