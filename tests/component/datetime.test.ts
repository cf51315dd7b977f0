import { describe, expect, it } from 'vitest';
import { localInputToIso } from '../../src-renderer/src/lib/datetime';

describe('localInputToIso', () => {
  it('keeps the wall time and adds the local offset of that moment', () => {
    const iso = localInputToIso('2026-07-14T21:05') ?? '';
    expect(iso).toMatch(/^2026-07-14T21:05:00[+-]\d{2}:\d{2}$/);
    expect(new Date(iso).getTime()).toBe(new Date(2026, 6, 14, 21, 5).getTime());
  });

  it('accepts seconds', () => {
    expect(localInputToIso('2026-01-02T03:04:05')).toMatch(/^2026-01-02T03:04:05[+-]\d{2}:\d{2}$/);
  });

  it.each(['', 'yesterday', '2026-01-02', '2026-01-02 03:04'])('refuses %j', (text) => {
    expect(localInputToIso(text)).toBeUndefined();
  });
});
