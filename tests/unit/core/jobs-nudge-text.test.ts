import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { NAMES_SHOWN, nudgeText } from '../../../src-preload/jobs/nudge-text';

describe('what a nudge says', () => {
  it('names the trackers in the person’s order when names may be shown', () => {
    expect(nudgeText(['Sleep'], 'names')).toEqual({ title: "Time to log today's entries", body: 'No entry yet today: Sleep.' });
    expect(nudgeText(['Sleep', 'Water'], 'names').body).toBe('No entry yet today: Sleep and Water.');
    expect(nudgeText(['Sleep', 'Water', 'Mood'], 'names').body).toBe('No entry yet today: Sleep, Water and Mood.');
  });

  it('lists at most a few names, then how many more', () => {
    expect(NAMES_SHOWN).toBe(4);
    expect(nudgeText(['A', 'B', 'C', 'D', 'E', 'F'], 'names').body).toBe('No entry yet today: A, B, C, D and 2 more.');
  });

  it('says only how many when the text is generic', () => {
    expect(nudgeText(['Sleep'], 'generic')).toEqual({ title: "Time to log today's entries", body: '1 tracker has no entry yet today.' });
    expect(nudgeText(['Sleep', 'Alcohol units', 'Medication'], 'generic').body).toBe('3 trackers have no entry yet today.');
  });

  it('never carries a name in the generic text: it depends on the count alone', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 1, maxLength: 40 }), { minLength: 1, maxLength: 30 }), (names) => {
        const generic = nudgeText(names, 'generic');
        expect(generic).toEqual(nudgeText(names.map(() => 'x'), 'generic'));
        const marked = names.map((name, index) => `«${index}:${name}»`);
        expect(JSON.stringify(nudgeText(marked, 'generic'))).not.toMatch(/«/);
      }),
    );
  });
});
