import { describe, expect, it } from 'vitest';
import { pinnedFirst } from '../../../src-preload/tracker-values/tracker-order';

const tracker = (name: string, pinned = false, archived = false) => ({ name, pinned, archived });

describe('pinnedFirst (the tray menu and the quick-log picker)', () => {
  it('puts pinned trackers first, keeps the person’s order within each group and leaves archived ones out', () => {
    const listed = [tracker('A'), tracker('B', true), tracker('C', false, true), tracker('D'), tracker('E', true, true), tracker('F', true)];
    expect(pinnedFirst(listed).map((t) => t.name)).toEqual(['B', 'F', 'A', 'D']);
  });

  it('changes nothing when no tracker is pinned, and does not touch the list it was given', () => {
    const listed = [tracker('A'), tracker('B'), tracker('C')];
    expect(pinnedFirst(listed)).toEqual(listed);
    expect(pinnedFirst(listed)).not.toBe(listed);
  });
});
