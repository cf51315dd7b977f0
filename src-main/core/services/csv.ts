/**
 * CSV in and out for the session's profile: the two export files, and imports (ours or
 * other apps') previewed first and then written all or nothing through one store batch.
 * The reading, checking and planning are the pure modules of `io/`; this service feeds
 * them the profile's trackers and logs and writes what the plan says.
 */
import type { CsvFile, ImportPreview, JobView, Log, ParsedInput, Tracker } from '../../../src-preload/contract';
import { defaultReminder } from '../domain/tracker-rules';
import { fail } from '../errors';
import { joinChunks, logChunks, trackerChunks } from '../io/csv-export';
import type { ImportRowError } from '../io/import-errors';
import { approximateRows, type ScanProgress } from '../io/csv-reader';
import { planFiles } from '../io/import-kinds';
import type { ImportPlan } from '../io/import-plan';
import { momentOf, StoredMomentsBuilder, TimeTexts, type StoredMoments, type TrackerEntries } from '../io/planned-entries';
import { previewOf } from '../io/import-preview';
import { LOG_SHARD_VERSION, type LogShard, type StoredTracker, type TrackersFile } from '../store/formats';
import type { KeyedQueue } from '../store/keyed-queue';
import type { LogColumns } from '../store/log-shard-columns';
import { monthOf } from '../store/layout';
import type { ProfileDirectory } from '../store/profile-directory';
import { documentWrite, type ProfileStore } from '../store/profile-store';
import { summariesFormat } from '../store/summaries-format';
import { ExportParts, type ExportPart } from './export-parts';
import { asJob, JobProgress, type Job, type JobListener } from './job-progress';
import { sessionStore } from './profile-access';
import { columnsInOrder, shardsOf } from './shard-stream';
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
  /** Entries per part of a chunked export (tests make it small); PART_ROWS by default. */
  readonly rowsPerPart?: number;
  /** Told every change of a job's progress (the worker publishes them to its host). */
  readonly onJobProgress?: JobListener;
}

export type ImportInput = ParsedInput<'commitImport'>;

export interface ImportResult {
  readonly trackersCreated: number;
  readonly logsAdded: number;
  readonly duplicates: number;
  /** Rows left out because of their errors (only with `skipInvalid`). */
  readonly skipped: number;
}

/** Characters of a file lower-cased at a time, looking for tracker names: the whole text at once would be a copy of it. */
const NAME_SEARCH_SLICE = 1024 * 1024;

/**
 * The trackers whose names (any case) appear somewhere in the files: a cheap guess at which
 * stored logs the plan will need, checked after planning.
 */
function mentioned(files: readonly { readonly text: string }[], trackers: readonly Tracker[]): Tracker[] {
  // In a quoted cell a `"` of the name is doubled.
  const names = trackers.map((tracker) => {
    const lower = tracker.name.trim().toLowerCase();
    return { tracker, spellings: [lower, lower.replaceAll('"', '""')] };
  });
  // Slices overlap by the longest name, so a name across two slices is whole in the first.
  const overlap = Math.max(0, ...names.flatMap((name) => name.spellings.map((spelling) => spelling.length)));
  const found = new Set<Tracker>();
  for (const { text } of files) {
    for (let start = 0; start < text.length && found.size < names.length; start += NAME_SEARCH_SLICE) {
      const slice = text.slice(start, start + NAME_SEARCH_SLICE + overlap).toLowerCase();
      for (const { tracker, spellings } of names) if (!found.has(tracker) && spellings.some((spelling) => slice.includes(spelling))) found.add(tracker);
    }
  }
  return trackers.filter((tracker) => found.has(tracker));
}

const inUse = (trackers: readonly StoredTracker[]): Tracker[] => trackers.filter((tracker) => tracker.deletedAt === null).map(publicTracker);

export class CsvService {
  private readonly jobs: JobProgress;
  private readonly parts: ExportParts;

  constructor(private readonly deps: CsvDeps) {
    this.jobs = new JobProgress(deps.onJobProgress);
    this.parts = new ExportParts(deps.rowsPerPart);
  }

  /** The profile's export or import in flight, for the UI to poll while it waits. */
  progress(profileId: string): JobView | null {
    return this.jobs.current(profileId);
  }

  async exportTrackers(profileId: string): Promise<CsvFile> {
    const store = await sessionStore(this.deps.directory, profileId);
    const trackers = inUse(store.trackers.data.trackers);
    return { csv: await joinChunks(trackerChunks(trackers)), fileName: `trackers-${await this.today(profileId)}.csv` };
  }

  /** One tracker's entries, or every tracker's (in the person's order), oldest first. */
  async exportLogs(profileId: string, trackerId: string | undefined): Promise<CsvFile> {
    const store = await sessionStore(this.deps.directory, profileId);
    // In the queue: an export reads a consistent state, not one half-way through an import.
    return this.deps.queue.run(profileId, () =>
      asJob(this.jobs, profileId, 'export', async (job) => {
        const trackers = trackerId === undefined ? inUse(store.trackers.data.trackers) : [publicTracker(findTracker(store, trackerId))];
        const refs = await shardsOf(store, trackers.map((tracker) => tracker.id));
        // Counted in months: how many entries a month holds is known only once it is read.
        job.phase(EXPORT_PHASE, refs.length);
        const shards = columnsInOrder(store, refs);
        let read = 0;
        const onShard = () => job.advance(++read);
        const entries = trackers.map((tracker) => ({
          tracker,
          logs: takeShards(shards, refs.filter((ref) => ref.trackerId === tracker.id).length, onShard),
        }));
        const csv = await joinChunks(logChunks(entries));
        return { csv, fileName: await this.logsFileName(profileId, trackers, trackerId) };
      }),
    );
  }

  /**
   * The same file as `exportLogs`, a part at a time (export-parts.ts): without a cursor a
   * new export and its first part, else the part the cursor names. Each part is made in
   * the queue, so it reads a consistent state; an edit between parts lands in the months
   * not written yet.
   */
  async exportLogsPart(profileId: string, trackerId: string | undefined, cursor: string | undefined): Promise<ExportPart> {
    const store = await sessionStore(this.deps.directory, profileId);
    return this.deps.queue.run(profileId, async () => {
      if (cursor !== undefined) return this.parts.next(store, trackerId, cursor);
      const trackers = trackerId === undefined ? inUse(store.trackers.data.trackers) : [publicTracker(findTracker(store, trackerId))];
      const refs = await shardsOf(store, trackers.map((tracker) => tracker.id));
      return this.parts.first(store, { trackerId, trackers, refs, fileName: await this.logsFileName(profileId, trackers, trackerId) });
    });
  }

  private async logsFileName(profileId: string, trackers: readonly Tracker[], trackerId: string | undefined): Promise<string> {
    const part = trackers.length === 1 && trackerId !== undefined ? `${fileSafe(trackers[0]?.name ?? '')}-` : '';
    return `logs-${part}${await this.today(profileId)}.csv`;
  }

  async preview(profileId: string, input: ImportInput): Promise<ImportPreview> {
    const store = await sessionStore(this.deps.directory, profileId);
    return this.deps.queue.run(profileId, () =>
      asJob(this.jobs, profileId, 'import-preview', async (job) => {
        const { plan, trackers } = await this.plan(store, input, job);
        return previewOf(plan, trackers);
      }),
    );
  }

  /**
   * Plan again (the profile may have changed since the preview), refuse while errors
   * block, then write every new tracker, every touched shard and the summaries in one
   * batch: nothing is written unless all of it can be.
   */
  async commit(profileId: string, input: ImportInput): Promise<ImportResult> {
    const store = await sessionStore(this.deps.directory, profileId);
    return this.deps.queue.run(profileId, () =>
      asJob(this.jobs, profileId, 'import-commit', async (job) => {
        const { plan } = await this.plan(store, input, job);
        if (!plan.canCommit) fail('IMPORT_INVALID', refusal(plan.errors, plan.errorCount), 'files');
        // The import writes shards around the journal: they must hold its records first.
        await store.journal?.checkpointHeld();
        // The CSV carries neither the pinned flag nor the reminder (both are about this app's
        // tray and nudges, not the data): imported trackers start unpinned, with the default reminder.
        const created = plan.newTrackers.map((tracker): StoredTracker => ({ ...tracker, id: this.deps.newId(), pinned: false, reminder: defaultReminder(), deletedAt: null }));
        const shards = await this.shardsAfter(store, plan, created);
        job.phase(WRITE_PHASE, shards.length);
        let made = 0;
        // A shard's content is made when the writer reaches it: that is the writing's pace.
        const counted = shards.map((shard) => ({
          ...shard,
          data: () => {
            const data = shard.data();
            job.advance(++made);
            return data;
          },
        }));
        const current = store.trackers.data;
        const trackers: TrackersFile | undefined = created.length === 0 ? undefined : { ...current, trackers: [...current.trackers, ...created] };
        await store.replaceMany({ shards: counted, documents: await this.summariesWithout(store, new Set(shards.map((shard) => shard.trackerId))), trackers });
        return { trackersCreated: created.length, logsAdded: plan.entries.count, duplicates: plan.duplicates, skipped: plan.skippedCount };
      }),
    );
  }

  private async plan(store: ProfileStore, input: ImportInput, job: Job): Promise<{ plan: ImportPlan; trackers: Tracker[] }> {
    const trackers = inUse(store.trackers.data.trackers);
    const calendar = this.deps.summaries.calendar(await this.deps.timeZoneOf(store.profileId));
    const ports = { newId: this.deps.newId, offsetAt: (moment: Date) => calendar.offsetAt(moment.getTime()) };
    const options = { skipInvalid: input.skipInvalid, now: this.deps.now().toISOString() };
    // The plan asks for stored logs (for duplicates) as it goes, without waiting, so they are
    // read first: those of the trackers whose names the files contain. A tracker the guess
    // missed (a name spelled with other characters) is read then, and the files planned again.
    // Only their moments and values are kept (`StoredMoments`), and the shards are not.
    const stored = new Map<string, StoredMoments>();
    const load = async (ids: Iterable<string>) => {
      for (const id of ids) stored.set(id, await storedMoments(store, trackers.find((tracker) => tracker.id === id) as Tracker));
    };
    const guessed = mentioned(input.files, trackers).map((tracker) => tracker.id);
    job.phase(STORED_PHASE, guessed.length);
    await load(guessed);
    job.advance(guessed.length);
    const missed = new Set<string>();
    const existing = {
      trackers,
      logsOf: (id: string) => {
        const moments = stored.get(id);
        if (moments === undefined) missed.add(id);
        return moments ?? [];
      },
    };
    const rows = input.files.reduce((sum, file) => sum + approximateRows(file.text), 0);
    const check = () => {
      job.phase(CHECK_PHASE, rows);
      let checked = 0;
      // The check holds the core's thread to its end; each advance is published to the host
      // (`onJobProgress`), which answers the progress polls meanwhile.
      const progress: ScanProgress = { every: CHECK_SLICE_ROWS, read: () => job.advance((checked += CHECK_SLICE_ROWS)) };
      try {
        return planFiles(input.kind, input.files, ports, existing, options, progress);
      } finally {
        job.advance(rows);
      }
    };
    let plan = check();
    if (missed.size > 0) {
      await load(missed);
      plan = check();
    }
    return { plan, trackers };
  }

  /**
   * Every shard the import touches: its stored logs (read now) and the new ones, made into
   * the file's content only when the writer gets to it (see `replaceMany`).
   */
  private async shardsAfter(store: ProfileStore, plan: ImportPlan, created: readonly StoredTracker[]) {
    const shards: { trackerId: string; month: string; data: () => LogShard }[] = [];
    for (const { ref, entries } of plan.entries.trackers) {
      const trackerId = 'existingId' in ref ? ref.existingId : (created[ref.newIndex] as StoredTracker).id;
      for (const [month, indexes] of byMonth(entries)) {
        const before = 'existingId' in ref ? (await store.shard(trackerId, month)).data.logs : [];
        const data = (): LogShard => {
          const times = new TimeTexts();
          const added = indexes.map((index) => entries.log(index, this.deps.newId(), trackerId, times));
          // Stored logs first at equal times (a stable sort), so earlier entries keep their place.
          return { version: LOG_SHARD_VERSION, logs: [...before, ...added].sort(byTime) };
        };
        shards.push({ trackerId, month, data });
      }
    }
    return shards;
  }

  /**
   * summaries.json without the touched trackers: they are rebuilt from their shards when
   * next needed. Written in the same batch, renamed before the shards (see `replaceMany`),
   * so a summary never disagrees with its logs unnoticed, even after a crash.
   */
  private async summariesWithout(store: ProfileStore, trackerIds: ReadonlySet<string>) {
    const file = await this.deps.summaries.file(store);
    const kept = Object.entries(file.data.trackers).filter(([id]) => !trackerIds.has(id));
    if (kept.length === Object.keys(file.data.trackers).length) return [];
    return [documentWrite(SUMMARIES_FILE, summariesFormat, { ...file.data, trackers: Object.fromEntries(kept) })];
  }

  private async today(profileId: string): Promise<string> {
    return this.deps.summaries.calendar(await this.deps.timeZoneOf(profileId)).dayOf(this.deps.now().getTime());
  }
}

/** The phases' words, as the UI shows them before "… done of total". */
export const EXPORT_PHASE = 'Reading months of entries';
export const STORED_PHASE = 'Reading stored entries';
export const CHECK_PHASE = 'Checking every row';
export const WRITE_PHASE = 'Writing months of entries';

/**
 * Rows checked between two progress reports of an import's check: a few tens of
 * milliseconds of work, so the bar moves often without a message to the host every row.
 */
export const CHECK_SLICE_ROWS = 20_000;

/** The next `count` shards of the shared ordered read (one tracker's). */
async function* takeShards(shards: AsyncIterator<LogColumns>, count: number, onShard: () => void): AsyncGenerator<LogColumns> {
  for (let taken = 0; taken < count; taken++) {
    const next = await shards.next();
    if (next.done === true) return;
    onShard();
    yield next.value;
  }
}

const byTime = (a: Log, b: Log): number => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0);

/** A tracker's stored moments and values, read shard by shard (each shard read and not kept). */
async function storedMoments(store: ProfileStore, tracker: Tracker): Promise<StoredMoments> {
  const moments = new StoredMomentsBuilder(tracker.settings.type);
  for (const month of await store.months(tracker.id)) moments.add(await store.columnsOnce(tracker.id, month));
  return moments.done();
}

/**
 * The entries' indexes by the month of their moment (the shard they go to), in the order
 * they came. Entries mostly come month after month, so a month's name is made only when
 * an entry falls outside the month of the one before.
 */
function byMonth(entries: TrackerEntries): Map<string, number[]> {
  const months = new Map<string, number[]>();
  const times = new TimeTexts();
  let start = Number.POSITIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;
  let current: number[] = [];
  for (let index = 0; index < entries.length; index++) {
    const moment = entries.momentOf(index);
    if (moment < start || moment >= end) {
      const month = monthOf(times.of(moment));
      const first = new Date(momentOf(`${month}-01T00:00:00.000Z`));
      start = first.getTime();
      end = first.setUTCMonth(first.getUTCMonth() + 1);
      current = months.get(month) ?? [];
      months.set(month, current);
    }
    current.push(index);
  }
  return months;
}

/** A tracker's name as part of a file name: letters, digits and dashes. */
const fileSafe = (name: string): string =>
  name
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase()
    .slice(0, 40) || 'tracker';

function refusal(errors: readonly ImportRowError[], total: number): string {
  const first = errors[0];
  const count = total === 1 ? 'One problem' : `${total.toLocaleString('en')} problems`;
  const where = first === undefined ? '' : ` The first: ${first.file}, row ${first.row}${first.column ? `, column ${first.column}` : ''}: ${first.message}`;
  return `${count} in the files, so nothing was imported. Correct them, or choose to skip invalid rows.${where}`;
}
