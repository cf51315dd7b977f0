/**
 * Which page is showing, kept in the location hash so a reload, the back button and a
 * link all agree. Hash routing needs nothing from the shell: the desktop app loads a
 * file:// page and the browser shell serves one index.html, and both keep the hash.
 */

export type Route =
  | { readonly name: 'dashboard' }
  | { readonly name: 'tracker'; readonly trackerId: string }
  | { readonly name: 'settings' }
  | { readonly name: 'trash' }
  | { readonly name: 'csv' };

/** The route a hash names; anything unknown is the dashboard, so an old link never strands the person. */
export function parseHash(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/\/+$/, '');
  if (path === '/settings') return { name: 'settings' };
  if (path === '/trash') return { name: 'trash' };
  if (path === '/csv') return { name: 'csv' };
  const tracker = /^\/trackers\/([^/]+)$/.exec(path);
  if (tracker?.[1]) {
    try {
      return { name: 'tracker', trackerId: decodeURIComponent(tracker[1]) };
    } catch {
      // A malformed %-escape cannot name a tracker.
      return { name: 'dashboard' };
    }
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
    case 'trash':
      return '#/trash';
    case 'csv':
      return '#/csv';
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
