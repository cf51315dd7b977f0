import { describe, it, expect } from 'vitest';
import { parseLogTime } from '../../../src-main/core/domain/log-time';
import { AppFailure } from '../../../src-main/core/errors';

const NOW = new Date('2026-11-25T12:00:00.000Z');
const plusOneHour = () => 60;

describe('log time', () => {
  it.each([
    ['2026-11-25T08:30:00+01:00', '2026-11-25T07:30:00.000Z', 60],
    ['2026-11-25T07:30:00Z', '2026-11-25T07:30:00.000Z', 0],
    ['2026-11-25T07:30:00.123z', '2026-11-25T07:30:00.123Z', 0],
    ['2026-11-25T07:30Z', '2026-11-25T07:30:00.000Z', 0],
    ['2026-11-25T02:30:00-05:00', '2026-11-25T07:30:00.000Z', -300],
    ['2026-11-25T13:00:00+0530', '2026-11-25T07:30:00.000Z', 330],
    ['2026-12-01T00:30:00+01:00', '2026-11-30T23:30:00.000Z', 60],
    ['2024-02-29T12:00:00-00:00', '2024-02-29T12:00:00.000Z', 0],
  ])('%s is stored as %s with offset %i', (at, utc, offsetMinutes) => {
    expect(parseLogTime(at, NOW, plusOneHour)).toEqual({ at: utc, offsetMinutes });
  });

  it('defaults to now with the machine offset', () => {
    expect(parseLogTime(undefined, NOW, plusOneHour)).toEqual({ at: '2026-11-25T12:00:00.000Z', offsetMinutes: 60 });
  });

  it.each([
    '2026-11-25T08:30:00',
    '2026-11-25',
    '25/11/2026 08:30',
    'yesterday',
    '',
    '2026-13-01T00:00:00Z',
    '2026-04-31T00:00:00Z',
    '2027-02-29T00:00:00Z',
    '2026-11-25T24:00:00Z',
    '2026-11-25T08:60:00Z',
    '2026-11-25T08:30:00+15:00',
    '2026-11-25T08:30:00+01:75',
    '0999-12-31T23:00:00Z',
  ])('refuses %j with LOG_TIME_INVALID', (at) => {
    expect(() => parseLogTime(at, NOW, plusOneHour)).toThrow(expect.objectContaining({ code: 'LOG_TIME_INVALID', field: 'at' }) as AppFailure);
  });
});
