/**
 * An `Api` for component tests: the given operations, and every other one throws, so a
 * test notices when a component calls something it did not expect.
 */
import { DEFAULT_NUDGES, DEFAULT_REPORTS, type Api, type Log, type Tracker } from '../../src-preload/contract';
import { API_METHODS } from '../../src-preload/operations';

export function stubApi(partial: Partial<Api>): Api {
  return Object.fromEntries(
    API_METHODS.map((method) => [
      method,
      partial[method] ??
        (() => {
          throw new Error(`The test did not expect a call to api.${method}`);
        }),
    ]),
  ) as Api;
}

export const ok = <T>(value: T) => Promise.resolve({ ok: true as const, value });

export const trackers = {
  numerical: {
    id: 't-num',
    name: 'Sleep',
    description: 'Hours slept',
    settings: { type: 'numerical', unit: 'hours', min: null, max: null, decimals: 1, aggregation: 'average' },
    color: '#2f6fdf',
    emoji: '',
    archived: false,
    pinned: false,
    reminder: { enabled: true, days: [1, 2, 3, 4, 5, 6, 7], time: null },
    target: null,
    createdAt: '2026-01-01T00:00:00.000Z',
  },
  boolean: {
    id: 't-bool',
    name: 'Meditated',
    description: '',
    settings: { type: 'boolean' },
    color: '#2f6fdf',
    emoji: '',
    archived: false,
    pinned: false,
    reminder: { enabled: true, days: [1, 2, 3, 4, 5, 6, 7], time: null },
    target: null,
    createdAt: '2026-01-01T00:00:00.000Z',
  },
  multipleChoice: {
    id: 't-mood',
    name: 'Mood',
    description: '',
    settings: {
      type: 'multiple_choice',
      options: [
        { id: 'o-good', label: 'Good', archived: false },
        { id: 'o-bad', label: 'Bad', archived: false },
      ],
      multiple: false,
    },
    color: '#2f6fdf',
    emoji: '',
    archived: false,
    pinned: false,
    reminder: { enabled: true, days: [1, 2, 3, 4, 5, 6, 7], time: null },
    target: null,
    createdAt: '2026-01-01T00:00:00.000Z',
  },
  duration: {
    id: 't-read',
    name: 'Reading',
    description: '',
    settings: { type: 'duration' },
    color: '#2f6fdf',
    emoji: '',
    archived: false,
    pinned: false,
    reminder: { enabled: true, days: [1, 2, 3, 4, 5, 6, 7], time: null },
    target: null,
    createdAt: '2026-01-01T00:00:00.000Z',
  },
} as const satisfies Record<string, Tracker>;

export function logOf(trackerId: string, value: Log['value'], note = '', at = '2026-03-01T07:30:00.000Z'): Log {
  return { id: `log-${Math.random().toString(36).slice(2)}`, trackerId, at, offsetMinutes: 60, value, note };
}

/** `getSettings` for a profile in `timeZone`: pages ask it to show times in the profile's zone. */
export const settingsIn =
  (timeZone: string): Api['getSettings'] =>
  () =>
    ok({ settings: { autoLockMinutes: 0, timeZone, nudges: DEFAULT_NUDGES, reports: DEFAULT_REPORTS }, stayUnlocked: { available: false, reason: null, enabled: false } });
