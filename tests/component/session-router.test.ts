import { describe, expect, it } from 'vitest';
import { href, parseHash, router, type Route } from '../../src-renderer/src/lib/router.svelte';

describe('the hash router', () => {
  it.each<[string, Route]>([
    ['', { name: 'dashboard' }],
    ['#', { name: 'dashboard' }],
    ['#/', { name: 'dashboard' }],
    ['#/settings', { name: 'settings' }],
    ['#/settings/', { name: 'settings' }],
    ['#/settings/api', { name: 'api' }],
    ['#/settings/api/', { name: 'api' }],
    ['#/trash', { name: 'trash' }],
    ['#/activity', { name: 'activity' }],
    ['#/activity/', { name: 'activity' }],
    ['#/reports', { name: 'reports' }],
    ['#/reports/', { name: 'reports' }],
    ['#/trackers/t-1', { name: 'tracker', trackerId: 't-1' }],
    ['#/trackers/a%20b', { name: 'tracker', trackerId: 'a b' }],
    ['#/trackers/%E0%A4%A', { name: 'dashboard' }],
    ['#/trackers/', { name: 'dashboard' }],
    ['#/trackers/a/b', { name: 'dashboard' }],
    ['#/nowhere', { name: 'dashboard' }],
    ['#/quick-log', { name: 'quick-log', trackerId: null }],
    ['#/quick-log/', { name: 'quick-log', trackerId: null }],
    ['#/quick-log/t-1', { name: 'quick-log', trackerId: 't-1' }],
    ['#/quick-log/a%20b', { name: 'quick-log', trackerId: 'a b' }],
    ['#/quick-log/%E0%A4%A', { name: 'quick-log', trackerId: null }],
    ['#/quick-log/a/b', { name: 'dashboard' }],
  ])('%j is %j', (hash, route) => {
    expect(parseHash(hash)).toEqual(route);
  });

  it.each<Route>([
    { name: 'dashboard' },
    { name: 'settings' },
    { name: 'api' },
    { name: 'trash' },
    { name: 'activity' },
    { name: 'reports' },
    { name: 'tracker', trackerId: 'odd/id #?' },
    { name: 'quick-log', trackerId: null },
    { name: 'quick-log', trackerId: 'odd/id #?' },
  ])('href of %j reads back as the same route', (route) => {
    expect(parseHash(href(route))).toEqual(route);
  });

  it('go() changes the hash and the route at once', () => {
    router.go({ name: 'tracker', trackerId: 't-9' });
    expect(location.hash).toBe('#/trackers/t-9');
    expect(router.route).toEqual({ name: 'tracker', trackerId: 't-9' });
    router.go({ name: 'dashboard' });
    expect(router.route).toEqual({ name: 'dashboard' });
  });
});
