/**
 * The import's fast time reader must accept, refuse and store exactly as the general
 * parser does: a table of edge cases plus a seeded sweep of moments and offsets.
 */
import { describe, expect, it } from 'vitest';
import { parseLogTime } from '../../../src-main/core/domain/log-time';
import { AppFailure } from '../../../src-main/core/errors';
import { readLogTime } from '../../../src-main/core/io/fast-log-time';

const general = (text: string) => {
  try {
    return parseLogTime(text, new Date(0), () => 0);
  } catch (error) {
    return (error as AppFailure).code;
  }
};
const fast = (text: string) => {
  try {
    return readLogTime(text);
  } catch (error) {
    if (!(error instanceof AppFailure)) throw error;
    return error.code;
  }
};

const CASES = [
  '2026-11-25T08:30:00+01:00',
  '2026-11-25T08:30:00.250+01:00',
  '2026-11-25T07:30:00Z',
  '2026-11-25T07:30:00.000Z',
  '2026-11-25T00:30:00+01:00', // the previous UTC day
  '2026-12-31T23:30:00-05:00', // the next UTC year
  '2026-01-01T00:00:00+14:00',
  '2026-01-01T00:00:00-12:00',
  '2026-01-01T00:00:00+14:01', // offset too large
  '2026-01-01T00:00:00+05:60',
  '2026-01-01T00:00:00-00:00',
  '2024-02-29T12:00:00Z',
  '2027-02-29T12:00:00Z',
  '2026-04-31T12:00:00Z',
  '2026-13-01T12:00:00Z',
  '2026-00-01T12:00:00Z',
  '2026-01-00T12:00:00Z',
  '2026-01-01T24:00:00Z',
  '2026-01-01T23:60:00Z',
  '2026-01-01T23:59:60Z',
  '0999-12-31T12:00:00Z',
  '1000-01-01T00:30:00+01:00', // UTC year 999: refused
  '9999-12-31T23:30:00-01:00', // UTC year 10000: refused
  '0099-06-01T12:00:00Z',
  '2026-11-25T08:30+01:00',
  '2026-11-25T08:30:00.1+01:00',
  '2026-11-25T08:30:00.123456Z',
  '2026-11-25T08:30:00+0100',
  '2026-11-25t08:30:00z',
  ' 2026-11-25T08:30:00+01:00 ',
  '2026-11-25 08:30:00+01:00',
  '2026-11-25T08:30:00',
  '2026-11-25',
  'yesterday',
];

describe('fast log time', () => {
  it.each(CASES)('%s reads as the general parser reads it', (text) => {
    expect(fast(text)).toEqual(general(text));
  });

  it('agrees on a sweep of moments and offsets', () => {
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const pad = (n: number, size = 2) => String(n).padStart(size, '0');
    let compared = 0;
    for (let i = 0; i < 5000; i++) {
      const date = new Date(Date.UTC(1990, 0, 1) + Math.floor(random() * 50 * 365 * 86_400_000));
      const offset = Math.round((random() * 28 - 14) * 4) * 15;
      const sign = offset < 0 ? '-' : '+';
      const zone = offset === 0 && random() < 0.5 ? 'Z' : `${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
      const millis = random() < 0.5 ? '' : `.${pad(Math.floor(random() * 1000), 3)}`;
      const text = `${date.toISOString().slice(0, 19)}${millis}${zone}`;
      expect(fast(text)).toEqual(general(text));
      compared++;
    }
    expect(compared).toBe(5000);
  });
});
