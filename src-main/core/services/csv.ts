/**
 * CSV in and out for the session's profile: the two export files, and imports (ours or
 * other apps') previewed first and then written all or nothing through one store batch.
 * The reading, checking and planning are the pure modules of `io/`; this service feeds
 * them the profile's trackers and logs and writes what the plan says.
 */
import type { CsvFile, ImportPreview, Log, ParsedInput, Tracker } from '../../../src-preload/contract';
import { fail } from '../errors';
import { joinChunks, logChunks, trackerChunks } from '../io/csv-export';
import type { ImportRowError } from '../io/import-errors';
import { draftOf } from '../io/import-kinds';
import { planImport, type ImportPlan } from '../io/import-plan';
import { previewOf } from '../io/import-preview';
import type { LogShard, StoredTracker, TrackersFile } from '../store/formats';
import type { KeyedQueue } from '../store/keyed-queue';
import { monthOf } from '../store/layout';
import type { ProfileDirectory } from '../store/profile-directory';
import type { ProfileStore } from '../store/profile-store';
import { mergeLogs, readAllShards } from './log-shards';
import { sessionStore } from './profile-access';
import { SUMMARIES_FILE, type Summaries } from './summaries';
import { findTracker, publicTracker } from './tracker-lookup';

export interface CsvDeps {
  readonly directory: ProfileDirectory;
  /** The per-profile queue of every tracker and log change: an import is one such change. */
  readonly queue: KeyedQueue;
  readonly now: () => Date;
  readonly newId: () => string;
  readonly summaries: Summaries;
  readonly timeZoneOf: (profileId: string) => string | Promise<string>;
}

export type ImportInput = ParsedInput<'commitImport'>;

export interface ImportResult {
  readonly trackersCreated: number;
  readonly logsAdded: number;
  readonly duplicates: number;
  /** Rows left out because of their errors (only with `skipInvalid`). */
  readonly skipped: number;
}

const inUse = (trackers: readonly StoredTracker[]): Tracker[] => trackers.filter((tracker) => tracker.deletedAt === null).map(publicTracker);
const nameKey = (name: string): string => name.trim().toLowerCase();

export class CsvService {
  constructor(private readonly deps: CsvDeps) {}

  async exportTrackers(profileId: string): Promise<CsvFile> {
    const store = await sessionStore(this.deps.directory, profileId);
    const trackers = inUse(store.trackers.data.trackers);
    return { csv: await joinChunks(trackerChunks(trackers)), fileName: `trackers-${await this.today(profileId)}.csv` };
  }

  /** One tracker's entries, or every tracker's (in the person's order), oldest first. */
  async exportLogs(profileId: string, trackerId: string | undefined): Promise<CsvFile> {
    const store = await sessionStore(this.deps.directory, profileId);
    // In the queue: an export reads a consistent state, not one half-way through an import.
    return this.deps.queue.run(profileId, async () => {
      const trackers = trackerId === undefined ? inUse(store.trackers.data.trackers) : [publicTracker(findTracker(store, trackerId))];
      const entries = trackers.map((tracker) => ({ tracker, logs: shardBatches(store, tracker.id) }));
      const csv = await joinChunks(logChunks(entries));
      const part = trackers.length === 1 && trackerId !== undefined ? `${fileSafe(trackers[0]?.name ?? '')}-` : '';
      return { csv, fileName: `logs-${part}${await this.today(profileId)}.csv` };
    });
  }

  async preview(profileId: string, input: ImportInput): Promise<ImportPreview> {
    const store = await sessionStore(this.deps.directory, profileId);
    return this.deps.queue.run(profileId, async () => {
      const { plan, trackers } = await this.plan(store, input);
      return previewOf(plan, trackers);
    });
  }

  /**
   * Plan again (the profile may have changed since the preview), refuse while errors
   * block, then write every new tracker, every touched shard and the summaries in one
   * batch: nothing is written unless all of it can be.
   */
  async commit(profileId: string, input: ImportInput): Promise<ImportResult> {
    const store = await sessionStore(this.deps.directory, profileId);
    return this.deps.queue.run(profileId, async () => {
      const { plan } = await this.plan(store, input);
      if (!plan.canCommit) fail('IMPORT_INVALID', refusal(plan.errors), 'files');
      const created = plan.newTrackers.map(
        (tracker): StoredTracker => ({ ...tracker, id: this.deps.newId(), deletedAt: null }),
      );
      const shards = await this.shardsAfter(store, plan, created);
      const current = store.trackers.data;
      const trackers: TrackersFile | undefined = created.length === 0 ? undefined : { ...current, trackers: [...current.trackers, ...created] };
      await store.replaceMany({ shards, documents: await this.summariesWithout(store, new Set(shards.map((shard) => shard.trackerId))), trackers });
      return { trackersCreated: created.length, logsAdded: plan.logs.length, duplicates: plan.duplicates, skipped: plan.skippedRows.length };
    });
  }

  private async plan(store: ProfileStore, input: ImportInput): Promise<{ plan: ImportPlan; trackers: Tracker[] }> {
    const trackers = inUse(store.trackers.data.trackers);
    const calendar = this.deps.summaries.calendar(await this.deps.timeZoneOf(store.profileId));
    const draft = draftOf(input.kind, input.files, { newId: this.deps.newId, offsetAt: (moment) => calendar.offsetAt(moment.getTime()) });
    // The plan is pure and synchronous: read the stored logs of the trackers the files name first.
    const named = new Set([...draft.trackers.map((tracker) => nameKey(tracker.name)), ...draft.logs.map((log) => nameKey(log.trackerName))]);
    const stored = new Map<string, Log[]>();
    for (const tracker of trackers) {
      if (named.has(nameKey(tracker.name))) stored.set(tracker.id, mergeLogs(await readAllShards(store, tracker.id)));
    }
    const plan = planImport(draft, { trackers, logsOf: (id) => stored.get(id) ?? [] }, { skipInvalid: input.skipInvalid, now: this.deps.now().toISOString() });
    return { plan, trackers };
  }

  /** Every shard the import touches, with its stored logs and the new ones, oldest first. */
  private async shardsAfter(store: ProfileStore, plan: ImportPlan, created: readonly StoredTracker[]) {
    const added = new Map<string, { trackerId: string; month: string; logs: Log[] }>();
    for (const planned of plan.logs) {
      const trackerId = 'existingId' in planned.tracker ? planned.tracker.existingId : (created[planned.tracker.newIndex] as StoredTracker).id;
      const month = monthOf(planned.at);
      const key = `${trackerId}/${month}`;
      let group = added.get(key);
      if (group === undefined) {
        group = { trackerId, month, logs: [] };
        added.set(key, group);
      }
      group.logs.push({ id: this.deps.newId(), trackerId, at: planned.at, offsetMinutes: planned.offsetMinutes, value: planned.value, note: planned.note });
    }
    const isNew = new Set(created.map((tracker) => tracker.id));
    const shards: { trackerId: string; month: string; data: LogShard }[] = [];
    for (const { trackerId, month, logs } of added.values()) {
      const before = isNew.has(trackerId) ? [] : (await store.shard(trackerId, month)).data.logs;
      // Stored logs first at equal times (a stable sort), so earlier entries keep their place.
      const merged = [...before, ...logs].sort(byTime);
      shards.push({ trackerId, month, data: { version: 1, logs: merged } });
    }
    return shards;
  }

  /**
   * summaries.json without the touched trackers: they are rebuilt from their shards when
   * next needed. Written in the same batch, so a summary never disagrees with its logs.
   */
  private async summariesWithout(store: ProfileStore, trackerIds: ReadonlySet<string>) {
    const file = await this.deps.summaries.file(store);
    const kept = Object.entries(file.data.trackers).filter(([id]) => !trackerIds.has(id));
    if (kept.length === Object.keys(file.data.trackers).length) return [];
    return [{ name: SUMMARIES_FILE, data: { ...file.data, trackers: Object.fromEntries(kept) } }];
  }

  private async today(profileId: string): Promise<string> {
    return this.deps.summaries.calendar(await this.deps.timeZoneOf(profileId)).dayOf(this.deps.now().getTime());
  }
}

/** A tracker's logs one shard at a time, each id once (see log-shards.ts on copies left by a crash). */
async function* shardBatches(store: ProfileStore, trackerId: string): AsyncGenerator<Log[]> {
  const seen = new Set<string>();
  for (const month of await store.months(trackerId)) {
    const logs = (await store.shard(trackerId, month)).data.logs;
    const fresh = logs.filter((log) => !seen.has(log.id));
    for (const log of fresh) seen.add(log.id);
    yield fresh;
  }
}

const byTime = (a: Log, b: Log): number => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0);

/** A tracker's name as part of a file name: letters, digits and dashes. */
const fileSafe = (name: string): string =>
  name
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase()
    .slice(0, 40) || 'tracker';

function refusal(errors: readonly ImportRowError[]): string {
  const first = errors[0];
  const count = errors.length === 1 ? 'One problem' : `${errors.length.toLocaleString('en')} problems`;
  const where = first === undefined ? '' : ` The first: ${first.file}, row ${first.row}${first.column ? `, column ${first.column}` : ''}: ${first.message}`;
  return `${count} in the files, so nothing was imported. Correct them, or choose to skip invalid rows.${where}`;
}
