/**
 * The value table (src-preload/tracker-values) is the one home of what a value of each
 * tracker type is: the UI, the core and CSV read it, so one value reads one way everywhere.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { humanValue, parseHuman } from '../../../src-main/core/io/value-text';
import type { TrackerSettings } from '../../../src-preload/contract';
import { rules, valueRulesOf } from '../../../src-preload/tracker-values/value-rules';
import { formatDuration, formatValue } from '../../../src-renderer/src/features/logs/format';

const settingsOf: { readonly [K in TrackerSettings['type']]: Extract<TrackerSettings, { type: K }> } = {
  numerical: { type: 'numerical', unit: 'kg', min: null, max: null, decimals: 1, aggregation: 'average' },
  boolean: { type: 'boolean' },
  duration: { type: 'duration' },
  multiple_choice: { type: 'multiple_choice', options: [{ id: 'a', label: 'Calm; quiet', archived: false }, { id: 'b', label: 'Glad', archived: false }, { id: 'c', label: 'Old', archived: true }], multiple: true },
};

describe('one value, one text', () => {
  it('writes 3605 s as 1h 5s in the UI and in CSV alike', () => {
    expect([formatDuration(3605), formatValue(settingsOf.duration, 3605), humanValue(3605, settingsOf.duration)]).toEqual(['1h 5s', '1h 5s', '1h 5s']);
  });

  // Option labels without the separator: a label holding `; ` among several is read from the canonical column.
  const plain = { ...settingsOf, multiple_choice: { ...settingsOf.multiple_choice, options: settingsOf.multiple_choice.options.map((option) => ({ ...option, label: option.label.replace('; ', ' ') })) } };
  it.each(Object.values(plain))('reads back every value of a $type tracker from its CSV text', (settings) => {
    const values = { numerical: fc.double({ min: -1e6, max: 1e6, noNaN: true }).filter((value) => valueRulesOf(settings).stored(value, settings) !== null), boolean: fc.boolean(), duration: fc.nat(), multiple_choice: fc.subarray(['a', 'b'], { minLength: 1 }) }[settings.type];
    fc.assert(
      fc.property(values, (value) => {
        const stored = valueRulesOf(settings).stored(value, settings);
        expect(stored).not.toBeNull();
        if (stored !== null) expect(parseHuman(humanValue(stored, settings), settings)).toEqual(stored);
      }),
    );
  });

  it('refuses an archived option for a new entry but keeps it as a stored value', () => {
    expect(rules.multiple_choice.parse(['c'], settingsOf.multiple_choice)).toMatchObject({ ok: false, code: 'CHOICE_OPTION_ARCHIVED' });
    expect(rules.multiple_choice.stored(['c'], settingsOf.multiple_choice)).toEqual(['c']);
  });

  it('takes a label holding the separator whole, and several labels joined by it', () => {
    expect(rules.multiple_choice.parse('calm; QUIET', settingsOf.multiple_choice)).toEqual({ ok: true, value: ['a'] });
    expect(rules.multiple_choice.parse('Glad; Calm; quiet', settingsOf.multiple_choice)).toMatchObject({ ok: false });
    expect(rules.multiple_choice.parse(['Glad', 'Calm; quiet'], settingsOf.multiple_choice)).toEqual({ ok: true, value: ['a', 'b'] });
  });
});
