/** When the tray's "today" ends: midnight in the profile's zone, across clock changes. */
import { describe, expect, it } from 'vitest';
import { msUntilNextDay } from '../../src-main/desktop/tray/day-change';

const HOUR = 3_600_000;

describe('msUntilNextDay', () => {
  it('counts to midnight in the profile’s zone, not the computer’s', () => {
    const noonUtc = Date.parse('2026-11-25T12:00:00Z');
    expect(msUntilNextDay(noonUtc, 'UTC')).toBe(12 * HOUR);
    // 21:00 in Tokyo: three hours to go there.
    expect(msUntilNextDay(noonUtc, 'Asia/Tokyo')).toBe(3 * HOUR);
    // 07:00 in New York.
    expect(msUntilNextDay(noonUtc, 'America/New_York')).toBe(17 * HOUR);
  });

  it('a day that loses an hour to summer time is 23 hours long', () => {
    // Paris springs forward on 29 March 2026: that day runs from 00:00+01:00 to 00:00+02:00.
    expect(msUntilNextDay(Date.parse('2026-03-29T00:00:00+01:00'), 'Europe/Paris')).toBe(23 * HOUR);
    expect(msUntilNextDay(Date.parse('2026-10-25T00:00:00+02:00'), 'Europe/Paris')).toBe(25 * HOUR);
  });

  it('an unknown zone counts as UTC rather than never ending the day', () => {
    expect(msUntilNextDay(Date.parse('2026-11-25T23:00:00Z'), 'Mars/Olympus_Mons')).toBe(HOUR);
  });
});
