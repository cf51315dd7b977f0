/**
 * The child of crash-kill.test.ts: opens the core on a data folder (signing up the first
 * time, logging in after), then writes as fast as 8 concurrent clients can — entries added,
 * moved to another month, deleted, and now and then the first tracker's description — and prints each write once the core has acknowledged it.
 * It never stops on its own: the test kills it. Arguments: the data folder, the run's number.
 */
import { dispatch, type Session } from '../../../src-main/core/dispatch';
import { openCore } from '../../../src-main/core/index';

const [dataDir = '', run = '0'] = process.argv.slice(2);
const PROFILE = { email: 'crash@example.org', password: 'a long enough password', name: 'Crash', age: 40, gender: 'other', backupCode: 'crash test backup code', timeZone: 'UTC' };
// A checkpoint every few dozen records, so that kills land in checkpoints too.
const core = await openCore({ dataDir, scrypt: { N: 2 ** 10, r: 8, p: 1 }, journalRecordsPerCheckpoint: 40 });
let session: Session | null = null;

async function call<T>(method: string, input: unknown): Promise<T> {
  const answer = await dispatch(core.handlers, method, input, session, () => undefined);
  if (!answer.result.ok) throw new Error(`${method}: ${answer.result.error.code} ${answer.result.error.message}`);
  session = answer.session;
  return answer.result.value as T;
}

const profiles = await call<{ profiles: unknown[] }>('listProfiles', {});
if (profiles.profiles.length === 0) {
  await call('signUp', PROFILE);
  await call('createTracker', { name: 'Weight', settings: { type: 'numerical', unit: 'kg' } });
  await call('createTracker', { name: 'Steps', settings: { type: 'numerical', unit: '' } });
} else {
  await call('logIn', { email: PROFILE.email, password: PROFILE.password });
}
const { trackers } = await call<{ trackers: { id: string }[] }>('listTrackers', {});
process.stdout.write('open\n');

/** Logs this run added and may move or delete: id → tracker. */
const mine: { id: string; trackerId: string }[] = [];
let next = 0;
const day = (n: number): string => `2026-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}T07:30:00.000Z`;

/** One rename in flight at a time, so the last one acknowledged is the one that must stay. */
let renaming = false;

async function rename(n: number): Promise<void> {
  renaming = true;
  const description = `run ${run} write ${String(n)}`;
  process.stdout.write(`describing ${description}\n`);
  await call('updateTracker', { trackerId: trackers[0]?.id ?? '', description });
  process.stdout.write(`described ${description}\n`);
  renaming = false;
}

async function client(): Promise<never> {
  for (;;) {
    const n = next++;
    // Now and then a tracker write (its description), through the journal like the entries.
    if (n % 20 === 0 && !renaming) await rename(n);
    const victim = mine.length > 10 && n % 5 === 0 ? mine.splice(n % mine.length, 1)[0] : undefined;
    if (victim !== undefined && n % 10 === 0) {
      process.stdout.write(`deleting ${victim.id}\n`);
      await call('deleteLog', { trackerId: victim.trackerId, logId: victim.id });
      process.stdout.write(`deleted ${victim.id}\n`);
    } else if (victim !== undefined) {
      // Another month: the entry leaves one shard for another.
      const at = day(n + 5);
      process.stdout.write(`moving ${victim.id} ${at}\n`);
      await call('updateLog', { trackerId: victim.trackerId, logId: victim.id, at });
      process.stdout.write(`moved ${victim.id} ${at}\n`);
      mine.push(victim);
    } else {
      const tracker = trackers[n % trackers.length] ?? { id: '' };
      const at = day(n);
      const { log } = await call<{ log: { id: string } }>('addLog', { trackerId: tracker.id, at, value: n, note: `run ${run}` });
      process.stdout.write(`added ${log.id} ${tracker.id} ${at}\n`);
      mine.push({ id: log.id, trackerId: tracker.id });
    }
  }
}
await Promise.all(Array.from({ length: 8 }, client));
