/**
 * The logs CSV in parts (`exportLogsCsvChunk`): a large history leaves the core a few
 * megabytes at a time, and the UI shows how far it has got between parts. Parts end on
 * whole months; joined, they are byte for byte the file `exportLogsCsv` makes.
 *
 * The export keeps a little state between parts (per profile, one at a time): the
 * trackers and shards it lists, fixed when it starts (so the parts join into the file the
 * one-shot export made then), and where the next part starts. Nothing else carries over:
 * a log is in one shard only (log-shards.ts), so a part writes its shards as they are.
 */
import { randomBytes } from 'node:crypto';
import type { Tracker } from '../../../src-preload/contract';
import { fail } from '../errors';
import { logChunks, type TrackerLogs } from '../io/csv-export';
import type { LogColumns } from '../store/log-shard-columns';
import type { ProfileStore } from '../store/profile-store';
import { columnsInOrder, type ShardRef } from './shard-stream';

/** About this many entries per part: a few megabytes of text, a fraction of a second to make. */
export const PART_ROWS = 50_000;

export interface ExportPart {
  readonly csv: string;
  readonly fileName: string;
  /** What to send for the next part; null after the last one. */
  readonly cursor: string | null;
  /** Months written so far, of `total`. */
  readonly done: number;
  readonly total: number;
}

export interface PartsStart {
  readonly trackerId: string | undefined;
  readonly trackers: readonly Tracker[];
  readonly refs: readonly ShardRef[];
  readonly fileName: string;
}

interface PartsState extends PartsStart {
  readonly token: string;
  /** Index in `refs` of the next part's first shard. */
  next: number;
}

/** `<token>.<next shard>`: the token (random, 128 bits) names the export, the number checks the order. */
const CURSOR = /^([A-Za-z0-9_-]{22})\.(0|[1-9][0-9]{0,8})$/;

export class ExportParts {
  /**
   * Keyed by the unlocked profile's store: locking drops the store (and the key), so the
   * tracker names and ids an unfinished export holds go with it, as every decrypted thing
   * does, and its cursor is refused after the next log-in.
   */
  private readonly exports = new WeakMap<ProfileStore, PartsState>();

  constructor(private readonly rowsPerPart = PART_ROWS) {}

  /** A new export of the profile (replacing one left unfinished), and its first part. */
  first(store: ProfileStore, start: PartsStart): Promise<ExportPart> {
    const state: PartsState = { ...start, token: randomBytes(16).toString('base64url'), next: 0 };
    this.exports.set(store, state);
    return this.part(store, state);
  }

  /**
   * The part `cursor` names: only the next part of the profile's export in progress, for
   * the same tracker filter. Anything else (malformed, another export's, a part already
   * sent, another filter) is refused and the export in progress is left as it was.
   */
  next(store: ProfileStore, trackerId: string | undefined, cursor: string): Promise<ExportPart> {
    const match = CURSOR.exec(cursor);
    const state = this.exports.get(store);
    if (match === null || state === undefined || match[1] !== state.token || Number(match[2]) !== state.next || trackerId !== state.trackerId) {
      return fail('EXPORT_CURSOR_INVALID', 'This is not the next part of an export in progress. Start the export again.', 'cursor');
    }
    return this.part(store, state);
  }

  private async part(store: ProfileStore, state: PartsState): Promise<ExportPart> {
    const { refs } = state;
    const limit = this.rowsPerPart;
    // No shard is read before the part that writes it asks for it, so a part reads from
    // `next` what the profile holds now: an edit between two parts is in the later one.
    const shards = columnsInOrder(store, refs.slice(state.next));
    const trackers = new Map(state.trackers.map((tracker) => [tracker.id, tracker]));
    let index = state.next;
    let rows = 0;
    // One tracker's shards from `index`, while the part has room.
    async function* logsOf(trackerId: string): AsyncGenerator<LogColumns> {
      while (index < refs.length && refs[index]?.trackerId === trackerId && rows < limit) {
        const next = await shards.next();
        if (next.done === true) {
          index = refs.length;
          return;
        }
        index++;
        rows += next.value.ids.length;
        yield next.value;
      }
    }
    // `logChunks` reads a tracker's logs to the end before asking for the next tracker.
    async function* entries(): AsyncGenerator<TrackerLogs> {
      while (index < refs.length && rows < limit) {
        const trackerId = (refs[index] as ShardRef).trackerId;
        yield { tracker: trackers.get(trackerId) as Tracker, logs: logsOf(trackerId) };
      }
    }
    const texts: string[] = [];
    let header = true;
    // The part is one chunk: its text is then joined once, not in chunks and again as a part.
    // A part that fails (a damaged shard) changes no state: the same cursor asks for it again.
    for await (const text of logChunks(entries(), { chunkRows: Number.MAX_SAFE_INTEGER })) {
      // The header is the first text of every run: the file has it once.
      if (!header || state.next === 0) texts.push(text);
      header = false;
    }
    state.next = index;
    const last = index >= refs.length;
    if (last) this.exports.delete(store);
    return { csv: texts.length === 1 ? (texts[0] as string) : texts.join(''), fileName: state.fileName, cursor: last ? null : `${state.token}.${index}`, done: index, total: refs.length };
  }
}
