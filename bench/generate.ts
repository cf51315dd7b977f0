/**
 * A deterministic data set for the benchmarks: one profile, 50 trackers of mixed types and
 * `logCount` logs spread evenly over ten years, written straight into the store's shard
 * files (going through `addLog` a million times would measure the generator, not the app)
 * — encrypted with the profile's key through the store's own codec, as the app writes them
 * (`encrypt: false` writes the plain JSON an unencrypted store would, for comparison).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import type { Output, TrackerType } from '../src-preload/contract';
import { dispatch, type Session } from '../src-main/core/dispatch';
import { dataLayout, encodeLogShard, monthOf, openCore, openProfileCodec, type Core, type ScryptParams, type StoredLog } from '../src-main/core/index';
import { seededRandom } from './random';

export const BENCH_ACCOUNT = { email: 'bench@example.com', password: 'benchmark-password', backupCode: 'benchmark-backup' } as const;
/** Cheap hashing so the table shows the store's cost; the real scrypt cost is its own row. */
export const BENCH_SCRYPT: ScryptParams = { N: 2 ** 10, r: 8, p: 1 };
/** The data ends here; the benchmark's clock stands here too, so new logs land in a full shard. */
export const BENCH_NOW = new Date('2026-10-31T12:00:00.000Z');
const TEN_YEARS_MS = 10 * 365.25 * 24 * 3600 * 1000;
const TRACKER_COUNT = 50;
const TYPES: readonly TrackerType[] = ['numerical', 'multiple_choice', 'boolean', 'duration'];

export interface GeneratedSet {
  readonly dataDir: string;
  readonly profileId: string;
  readonly trackers: Output<'createTracker'>['tracker'][];
  readonly shardFiles: number;
  readonly bytes: number;
}

export interface GenerateOptions {
  /** Encrypt the profile's files (the app's only mode); false only to measure the difference. */
  readonly encrypt?: boolean;
  /** How many trackers share the logs (default 50); 1 gives one tracker its whole history. */
  readonly trackerCount?: number;
}

/** A caller of the core's operations holding one session: each answer's value, or the failure thrown. */
export function callerOf(core: Pick<Core, 'handlers'>): <T>(method: string, input: unknown) => Promise<T> {
  let session: Session | null = null;
  return async <T>(method: string, input: unknown): Promise<T> => {
    const { result, session: next } = await dispatch(core.handlers, method, input, session);
    if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
    session = next;
    return result.value as T;
  };
}

export async function generateDataSet(dataDir: string, logCount: number, seed = 42, options: GenerateOptions = {}): Promise<GeneratedSet> {
  const random = seededRandom(seed);
  const encrypt = options.encrypt ?? true;
  const trackerCount = options.trackerCount ?? TRACKER_COUNT;
  const core = await openCore({ dataDir, scrypt: BENCH_SCRYPT, now: () => BENCH_NOW, encryptAtRest: encrypt });
  const call = callerOf(core);
  const { profile } = await call<Output<'signUp'>>('signUp', { ...BENCH_ACCOUNT, name: 'Bench', age: 40, gender: 'other' });
  const trackers: GeneratedSet['trackers'] = [];
  for (let i = 0; i < trackerCount; i++) {
    const type = TYPES[i % TYPES.length] ?? 'numerical';
    const settings =
      type === 'numerical' ? { type, unit: 'kg' }
      : type === 'multiple_choice' ? { type, options: ['Great', 'Fine', 'Poor'] }
      : { type };
    const { tracker } = await call<Output<'createTracker'>>('createTracker', { name: `Tracker ${i + 1} (${type})`, settings });
    trackers.push(tracker);
  }
  await core.close();

  const layout = dataLayout(dataDir);
  const codec = await openProfileCodec(dataDir, profile.id, BENCH_ACCOUNT.password, encrypt);
  const start = BENCH_NOW.getTime() - TEN_YEARS_MS;
  let shardFiles = 0;
  let bytes = 0;
  for (const [index, tracker] of trackers.entries()) {
    const count = Math.floor(logCount / trackerCount) + (index < logCount % trackerCount ? 1 : 0);
    const byMonth = new Map<string, StoredLog[]>();
    for (let n = 0; n < count; n++) {
      // Evenly spaced with jitter, so the logs come out oldest first.
      const at = new Date(start + ((n + random() * 0.9) / count) * TEN_YEARS_MS).toISOString();
      const month = monthOf(at);
      const shard = byMonth.get(month) ?? [];
      shard.push({ id: `${index}-${n}`, trackerId: tracker.id, at, offsetMinutes: 60, value: valueFor(tracker, random), note: n % 7 === 0 ? 'a short note, now and then' : '' });
      byMonth.set(month, shard);
    }
    await mkdir(layout.trackerLogsDir(profile.id, tracker.id), { recursive: true });
    for (const [month, logs] of byMonth) {
      const file = layout.logShardFile(profile.id, tracker.id, month);
      const encoded = codec.encode(file, encodeLogShard(logs));
      await writeFile(file, encoded);
      shardFiles += 1;
      bytes += Buffer.byteLength(encoded);
    }
  }
  return { dataDir, profileId: profile.id, trackers, shardFiles, bytes };
}

export function valueFor(tracker: GeneratedSet['trackers'][number], random: () => number): StoredLog['value'] {
  const settings = tracker.settings;
  switch (settings.type) {
    case 'numerical': return Math.round((60 + random() * 30) * 10) / 10;
    case 'boolean': return random() < 0.7;
    case 'duration': return Math.round(random() * 4 * 3600);
    case 'multiple_choice': return [settings.options[Math.floor(random() * settings.options.length)]?.id ?? ''];
  }
}
