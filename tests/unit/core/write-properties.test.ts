/**
 * Issue 10's rule as a property: whatever a client sends, every write the core acknowledges
 * reads back equal after the core is closed and opened again, and every write it refuses
 * changes no file. fast-check drives every write operation with generated input — extreme
 * and odd numbers, long and odd strings (lone surrogates, control characters, emoji), odd
 * times — against a real core on a temp folder, and keeps a model of what was acknowledged.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Input, Log, Method, Output, Profile, Result, Settings, Tracker } from '../../../src-preload/contract';
import { Client, filesOf, SIGN_UP, startCore } from './helpers';

const NOW = new Date('2026-11-20T12:00:00Z');

/** What the core has acknowledged: the state a reopened core must show. */
interface Model {
  profile: Profile | null;
  settings: Settings | null;
  trackers: Map<string, Tracker>;
  trashed: Set<string>;
  logs: Map<string, Log>;
  deletedLogs: Log[];
}

/** One generated request; `pick` chooses among what exists when the request runs. */
type Step = { readonly method: Method; readonly input: (model: Model, pick: number) => unknown; readonly pick: number };

const oddText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom('', ' ', '\u0000', '\ud800', 'a\udfffb', '=SUM(A1)', '"quoted", comma', 'line\r\nbreak', '👩‍👩‍👧‍👦', 'ünïcödé', 'x'.repeat(600)),
);

const oddNumber = fc.oneof(
  fc.double(),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e16, max: 1e16 }),
  fc.integer(),
  fc.constantFrom(0, -0, 1e307, -1e307, 1e15, 999_999_999_999_999, 1e-300, 5e-324, Number.MAX_VALUE, Number.MIN_VALUE, 0.1 + 0.2, 8.25, Number.MAX_SAFE_INTEGER),
);

const numericText = fc.oneof(
  oddNumber.map(String),
  fc.constantFrom('1e307', '72.1234567890123456', '8.25', '-0', '  7 ', '1,5', '0x10', 'Infinity', '1.7s', '1:30', '1h 30m', '90m', '2h 0.5m', '1.0000001h', '99999999999:00'),
);

const valueInput = fc.oneof(oddNumber, numericText, fc.boolean(), oddText, fc.array(oddText, { maxLength: 3 }), fc.constantFrom('yes', 'no', 'true', 'FALSE'));

const oddTime = fc.oneof(
  fc.constant(undefined),
  fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }).map((date) => date.toISOString()),
  fc.constantFrom(
    '2026-11-20T08:30:00+01:00',
    '2026-11-20T08:30:00.123456789-14:00',
    '2026-02-29T10:00:00Z',
    '2028-02-29T10:00:00Z',
    '1000-01-01T00:00:00+14:00',
    '9999-12-31T23:59:59-14:00',
    '2026-03-29T02:30:00+01:00',
    '2026-11-20T24:00:00Z',
    '2026-11-20 08:30',
    'not a time',
  ),
);

const settingsInput = fc.oneof(
  fc.record({
    type: fc.constant('numerical' as const),
    unit: oddText,
    min: fc.option(oddNumber, { nil: null }),
    max: fc.option(oddNumber, { nil: null }),
    decimals: fc.integer({ min: -1, max: 5 }),
    aggregation: fc.constantFrom('average', 'sum', 'min', 'max', 'last'),
  }),
  fc.record({ type: fc.constant('multiple_choice' as const), options: fc.array(oddText, { minLength: 1, maxLength: 5 }), multiple: fc.boolean() }),
  fc.constant({ type: 'boolean' as const }),
  fc.constant({ type: 'duration' as const }),
);

const targetInput = fc.option(fc.record({ period: fc.constantFrom('day', 'week'), comparison: fc.constantFrom('at_least', 'at_most'), value: oddNumber }), { nil: null });

const at = <T,>(items: readonly T[], pick: number): T | undefined => (items.length === 0 ? undefined : items[pick % items.length]);
const trackerIdOf = (model: Model, pick: number): string => at([...model.trackers.keys()], pick) ?? 'no-such-tracker';
const liveTrackerIdOf = (model: Model, pick: number): string => at([...model.trackers.keys()].filter((id) => !model.trashed.has(id)), pick) ?? 'no-such-tracker';
const logOf = (model: Model, pick: number): Log | undefined => at([...model.logs.values()], pick);
/** A value the tracker's own options make plausible, so choice trackers get entries too. */
const choiceOf = (model: Model, trackerId: string, pick: number): string[] | undefined => {
  const settings = model.trackers.get(trackerId)?.settings;
  return settings?.type === 'multiple_choice' ? [at(settings.options, pick)?.id ?? 'x'] : undefined;
};

const step = (method: Method, input: fc.Arbitrary<(model: Model, pick: number) => unknown>): fc.Arbitrary<Step> =>
  fc.record({ input, pick: fc.nat() }).map((generated) => ({ method, ...generated }));

const steps = fc.oneof(
  { weight: 3, arbitrary: step('createTracker', fc.record({ name: fc.oneof(oddText, fc.constantFrom('Sleep', 'Steps', 'Water')), description: oddText, settings: settingsInput, target: targetInput, emoji: fc.constantFrom('', '🏃', 'ab') }).map((input) => () => input)) },
  {
    weight: 2,
    arbitrary: step(
      'updateTracker',
      fc.record({ name: fc.option(oddText, { nil: undefined }), description: fc.option(oddText, { nil: undefined }), archived: fc.option(fc.boolean(), { nil: undefined }), target: fc.option(targetInput, { nil: undefined }) }).map(
        (change) => (model: Model, pick: number) => ({ trackerId: trackerIdOf(model, pick), ...change }),
      ),
    ),
  },
  { weight: 1, arbitrary: step('deleteTracker', fc.constant((model: Model, pick: number) => ({ trackerId: liveTrackerIdOf(model, pick) }))) },
  { weight: 1, arbitrary: step('restoreTracker', fc.constant((model: Model, pick: number) => ({ trackerId: at([...model.trashed], pick) ?? 'no-such-tracker' }))) },
  { weight: 1, arbitrary: step('reorderTrackers', fc.constant((model: Model, pick: number) => ({ trackerIds: [...model.trackers.keys()].filter((id) => !model.trashed.has(id)).sort(() => (pick % 2 === 0 ? 1 : -1)) }))) },
  {
    weight: 8,
    arbitrary: step(
      'addLog',
      fc.record({ value: valueInput, useChoice: fc.boolean(), at: oddTime, note: oddText }).map(({ value, useChoice, at: time, note }) => (model: Model, pick: number) => {
        const trackerId = liveTrackerIdOf(model, pick);
        return { trackerId, value: (useChoice ? choiceOf(model, trackerId, pick) : undefined) ?? value, ...(time === undefined ? {} : { at: time }), note };
      }),
    ),
  },
  {
    weight: 3,
    arbitrary: step(
      'updateLog',
      fc.record({ value: fc.option(valueInput, { nil: undefined }), at: oddTime, note: fc.option(oddText, { nil: undefined }) }).map((change) => (model: Model, pick: number) => {
        const log = logOf(model, pick);
        return { trackerId: log?.trackerId ?? 'no-such-tracker', logId: log?.id ?? 'no-such-log', ...change };
      }),
    ),
  },
  {
    weight: 2,
    arbitrary: step('deleteLog', fc.constant((model: Model, pick: number) => {
      const log = logOf(model, pick);
      return { trackerId: log?.trackerId ?? 'no-such-tracker', logId: log?.id ?? 'no-such-log' };
    })),
  },
  { weight: 1, arbitrary: step('restoreLog', fc.constant((model: Model, pick: number) => ({ log: at(model.deletedLogs, pick) ?? { id: 'x', trackerId: 'y', at: 'z', offsetMinutes: 0, value: 1, note: '' } }))) },
  { weight: 1, arbitrary: step('startTimer', fc.constant((model: Model, pick: number) => ({ trackerId: liveTrackerIdOf(model, pick) }))) },
  { weight: 1, arbitrary: step('stopTimer', fc.record({ note: oddText }).map(({ note }) => (model: Model, pick: number) => ({ trackerId: liveTrackerIdOf(model, pick), note }))) },
  { weight: 1, arbitrary: step('updateSettings', fc.record({ timeZone: fc.constantFrom('Europe/Paris', 'Pacific/Kiritimati', 'America/St_Johns', 'Not/AZone', 'UTC') }).map((input) => () => input)) },
  { weight: 1, arbitrary: step('updateProfile', fc.record({ name: fc.option(oddText, { nil: undefined }), age: fc.option(oddNumber, { nil: undefined }) }).map((input) => () => input)) },
);

const STARTING_TRACKERS: Input<'createTracker'>[] = [
  { name: 'Weight', settings: { type: 'numerical', unit: 'kg', decimals: 1 } },
  { name: 'Mood', settings: { type: 'multiple_choice', options: ['Calm', 'Tense', 'Glad'], multiple: true } },
  { name: 'Meditated', settings: { type: 'boolean' } },
  { name: 'Reading', settings: { type: 'duration' } },
];


/** Take an acknowledged answer into the model. */
function acknowledge(model: Model, method: Method, input: unknown, value: unknown): void {
  const answer = value as Record<string, unknown>;
  switch (method) {
    case 'createTracker':
    case 'updateTracker':
    case 'restoreTracker': {
      const tracker = answer['tracker'] as Tracker;
      model.trackers.set(tracker.id, tracker);
      model.trashed.delete(tracker.id);
      return;
    }
    case 'deleteTracker': {
      const { trackerId } = input as { trackerId: string };
      model.trashed.add(trackerId);
      return;
    }
    case 'addLog':
    case 'updateLog':
    case 'restoreLog':
    case 'stopTimer': {
      const log = answer['log'] as Log;
      model.logs.set(log.id, log);
      model.deletedLogs = model.deletedLogs.filter((deleted) => deleted.id !== log.id);
      return;
    }
    case 'deleteLog': {
      const log = answer['log'] as Log;
      model.logs.delete(log.id);
      model.deletedLogs.push(log);
      return;
    }
    case 'updateSettings':
      model.settings = answer['settings'] as Settings;
      return;
    case 'updateProfile':
      model.profile = answer['profile'] as Profile;
      return;
    default:
      return;
  }
}

async function logsOf(client: Client, trackerIds: readonly string[]): Promise<Log[]> {
  const logs: Log[] = [];
  for (const trackerId of trackerIds) logs.push(...(await client.ok('listLogs', { trackerId, limit: 1000 })).logs);
  return logs.sort((a, b) => a.id.localeCompare(b.id));
}

const byId = <T extends { id: string }>(items: Iterable<T>): T[] => [...items].sort((a, b) => a.id.localeCompare(b.id));

describe('every write operation, driven with generated input', () => {
  it('reads back every acknowledged write after a restart, and leaves the files alone on every refusal', async () => {
    const tally = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(fc.array(steps, { minLength: 5, maxLength: 30, size: 'max' }), async (generated) => {
        const core = await startCore({ now: () => NOW });
        const client = new Client(core);
        const { profile } = await client.ok('signUp', SIGN_UP);
        const model: Model = { profile, settings: null, trackers: new Map(), trashed: new Set(), logs: new Map(), deletedLogs: [] };
        // One tracker of each type to begin with, so generated entries have somewhere to go.
        for (const input of STARTING_TRACKERS) acknowledge(model, 'createTracker', input, await client.ok('createTracker', input));

        for (const { method, input: make, pick } of generated) {
          const input = make(model, pick);
          const before = await filesOf(core.dataDir);
          const result: Result<unknown> = await client.call(method, input as Input<typeof method>);
          const key = `${method}:${result.ok ? 'ok' : result.error.code}`;
          tally.set(key, (tally.get(key) ?? 0) + 1);
          if (result.ok) acknowledge(model, method, input, result.value);
          else {
            expect(result.error.code, `${method} ${JSON.stringify(input)}: ${result.error.message}`).not.toBe('INTERNAL');
            expect(await filesOf(core.dataDir), `${method} refused with ${result.error.code} but changed a file`).toEqual(before);
          }
        }

        await core.close();
        const reopened = new Client(await startCore({ dataDir: core.dataDir, now: () => NOW }));
        const { profile: reread } = await reopened.ok('logIn', { email: model.profile?.email ?? SIGN_UP.email, password: SIGN_UP.password });
        expect(reread).toEqual(model.profile);
        if (model.settings !== null) expect((await reopened.ok('getSettings', {})).settings).toEqual(model.settings);

        const live = [...model.trackers.values()].filter((tracker) => !model.trashed.has(tracker.id));
        expect(byId((await reopened.ok('listTrackers', {})).trackers)).toEqual(byId(live));
        expect((await reopened.ok('listDeletedTrackers', {})).trackers.map((tracker) => tracker.id).sort()).toEqual([...model.trashed].sort());
        const liveIds = new Set(live.map((tracker) => tracker.id));
        expect(await logsOf(reopened, [...liveIds])).toEqual(byId([...model.logs.values()].filter((log) => liveIds.has(log.trackerId))));
        // Reading every tracker's dashboard and statistics must work over whatever was stored.
        const dashboard: Output<'dashboard'> = await reopened.ok('dashboard', {});
        expect(dashboard.cards.map((card) => card.trackerId).sort()).toEqual([...liveIds].sort());
      }),
      { numRuns: Number(process.env['QS_PROPERTY_RUNS'] ?? 40) },
    );
    // The generators must keep reaching the store, not only its refusals.
    for (const method of ['createTracker', 'updateTracker', 'addLog', 'updateLog', 'deleteLog', 'deleteTracker']) expect(tally.get(`${method}:ok`), method).toBeGreaterThan(0);
  }, 300_000);
});
