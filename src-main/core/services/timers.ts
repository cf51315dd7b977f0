/**
 * Start/stop timers for duration trackers. Running timers live in the profile's
 * timers.json, so closing the app (or a crash) does not lose one.
 */
import type { Log, Timer } from '../../../src-preload/contract';
import { fail } from '../errors';
import type { KeyedQueue } from '../store/keyed-queue';
import type { ProfileDirectory } from '../store/profile-directory';
import type { ProfileStore } from '../store/profile-store';
import { emptyTimersFile, TIMERS_FILE, timersFormat, type TimersFile } from '../store/timers-format';
import type { JournalOp } from '../store/journal/operations';
import { acknowledged, type Durable } from './durable-write';
import type { LogService } from './logs';
import { sessionStore } from './profile-access';
import { findTracker } from './tracker-lookup';

export { TIMERS_FILE };

const timersOf = (store: ProfileStore) => store.document<TimersFile>(TIMERS_FILE, timersFormat, emptyTimersFile);

/** timers.json without the timer of `trackerId`. */
const withoutTimer = (file: TimersFile, trackerId: string): TimersFile => ({ ...file, timers: file.timers.filter((timer) => timer.trackerId !== trackerId) });

/**
 * Forget a tracker's timer (its tracker is purged), in memory only: the purge's record
 * drops it, timers.json follows at the checkpoint.
 */
export async function dropTimer(store: ProfileStore, trackerId: string): Promise<void> {
  const file = await timersOf(store);
  if (!file.data.timers.some((timer) => timer.trackerId === trackerId)) return;
  store.adoptDocument(TIMERS_FILE, file, withoutTimer(file.data, trackerId));
}

/**
 * Inside the profile's queue: timers.json takes `next` in memory (written at the next
 * checkpoint) and `op` is appended.
 */
async function commitTimers(store: ProfileStore, next: TimersFile, op: JournalOp): Promise<Durable> {
  store.adoptDocument(TIMERS_FILE, await timersOf(store), next);
  return { durable: store.append(op) };
}

export interface TimerDeps {
  readonly directory: ProfileDirectory;
  readonly queue: KeyedQueue;
  readonly now: () => Date;
  readonly localOffsetMinutes: (moment: Date) => number;
  readonly newId: () => string;
  readonly logs: LogService;
}

export class TimerService {
  constructor(private readonly deps: TimerDeps) {}

  /** Running timers of trackers in use (a trashed tracker's timer waits, hidden, for its restore). */
  async list(profileId: string): Promise<Timer[]> {
    const store = await sessionStore(this.deps.directory, profileId);
    const inUse = new Set(store.trackers.data.trackers.filter((tracker) => tracker.deletedAt === null).map((tracker) => tracker.id));
    return (await timersOf(store)).data.timers.filter((timer) => inUse.has(timer.trackerId));
  }

  async start(profileId: string, trackerId: string): Promise<Timer> {
    const store = await sessionStore(this.deps.directory, profileId);
    return acknowledged(this.deps.queue.run(profileId, async () => {
      const tracker = findTracker(store, trackerId);
      if (tracker.settings.type !== 'duration') fail('TIMER_NOT_SUPPORTED', 'Only duration trackers have a timer.', 'trackerId');
      const file = await timersOf(store);
      if (file.data.timers.some((timer) => timer.trackerId === trackerId)) fail('TIMER_RUNNING', 'The timer of this tracker is already running.', 'trackerId');
      const timer: Timer = { trackerId, startedAt: this.deps.now().toISOString() };
      return { value: timer, ...(await commitTimers(store, { ...file.data, timers: [...file.data.timers, timer] }, { type: 'timer-started', timer })) };
    }));
  }

  /**
   * Log the elapsed whole seconds as one entry at the start time, and drop the timer: both
   * in one journal record (`timer-stopped`), so a crash keeps both or neither.
   */
  async stop(profileId: string, trackerId: string, note: string): Promise<Log> {
    const store = await sessionStore(this.deps.directory, profileId);
    return acknowledged(this.deps.queue.run(profileId, async () => {
      const tracker = findTracker(store, trackerId);
      const file = await timersOf(store);
      const timer = file.data.timers.find((candidate) => candidate.trackerId === trackerId) ?? fail('TIMER_NOT_RUNNING', 'The timer of this tracker is not running.', 'trackerId');
      // The tracker may have become another type (it had no logs) while its timer ran.
      if (tracker.settings.type !== 'duration') fail('TIMER_NOT_SUPPORTED', 'This tracker no longer measures durations; cancel its timer instead.', 'trackerId');
      const started = new Date(timer.startedAt);
      const seconds = Math.max(0, Math.floor((this.deps.now().getTime() - started.getTime()) / 1000));
      const offset = this.deps.localOffsetMinutes(started);
      const log: Log = { id: this.deps.newId(), trackerId, at: started.toISOString(), offsetMinutes: offset === 0 ? 0 : offset, value: seconds, note: note.trim() };
      const next = withoutTimer(file.data, trackerId);
      const written = await this.deps.logs.insert(store, tracker, log, { type: 'timer-stopped', trackerId, log });
      // The same record carries the timer's end: memory only, timers.json at the checkpoint.
      store.adoptDocument(TIMERS_FILE, file, next);
      return { value: log, ...written };
    }));
  }

  async cancel(profileId: string, trackerId: string): Promise<void> {
    const store = await sessionStore(this.deps.directory, profileId);
    await acknowledged(this.deps.queue.run(profileId, async () => {
      findTracker(store, trackerId);
      const file = await timersOf(store);
      if (!file.data.timers.some((timer) => timer.trackerId === trackerId)) fail('TIMER_NOT_RUNNING', 'The timer of this tracker is not running.', 'trackerId');
      return { value: undefined, ...(await commitTimers(store, withoutTimer(file.data, trackerId), { type: 'timer-cancelled', trackerId })) };
    }));
  }
}
