/**
 * The entries an import plan adds, held compactly until the commit writes them. An import
 * is all or nothing, so a file's million new entries must all be known before the first
 * is written; what is kept of each is its place in the files, its moment, its offset and
 * its value as numbers in typed columns, and its note (8 bytes when there is none): about
 * 36 bytes an entry, where an object with its time as text took about 160. The stored
 * entries of the trackers the files name are kept the same way, as moments and value
 * codes, to find duplicates (`StoredMoments`).
 */
import type { Log, LogValue, TrackerType } from '../../../src-preload/contract';
import type { TrackerRef } from './import-plan';
import { MomentTable } from './moment-table';

const DAY_MS = 86_400_000;
const digit = (text: string, at: number): number => text.charCodeAt(at) - 48;
const number2 = (text: string, at: number): number => digit(text, at) * 10 + digit(text, at + 1);

/**
 * A time in the stored form (`toISOString()`: what every importer gives and the store
 * keeps) as milliseconds. The usual four-digit years are read digit by digit, about three
 * times cheaper than `Date.parse`, which reads the others.
 */
export function momentOf(at: string): number {
  if (at.length === 24 && at.charCodeAt(23) === 90) {
    const year = number2(at, 0) * 100 + number2(at, 2);
    // Date.UTC reads years 0 to 99 as 1900 to 1999.
    if (year >= 1000) return Date.UTC(year, number2(at, 5) - 1, number2(at, 8), number2(at, 11), number2(at, 14), number2(at, 17), number2(at, 20) * 10 + digit(at, 22));
  }
  return Date.parse(at);
}

const pad = (value: number, digits: number): string => String(value).padStart(digits, '0');
/** `HH:MM:` of each minute of a day, and `SS.mmmZ` of each millisecond of a minute: made once, when first needed. */
let clock: { readonly minutes: readonly string[]; readonly seconds: readonly string[] } | null = null;
const clockTexts = () =>
  (clock ??= {
    minutes: Array.from({ length: 1440 }, (_, minute) => `${pad(Math.floor(minute / 60), 2)}:${pad(minute % 60, 2)}:`),
    seconds: Array.from({ length: 60_000 }, (_, millis) => `${pad(Math.floor(millis / 1000), 2)}.${pad(millis % 1000, 3)}Z`),
  });

/**
 * Moments back to their stored form, as `toISOString()` writes them. Entries come a shard
 * (a month) at a time in time order, so the day's text is made once per day, and the rest
 * is two pieces from tables: a Date and its `toISOString()` for each of a million entries
 * cost a second, and a text joined from nine pieces (V8 keeps it as a tree of pieces until
 * it is written) as much again in garbage collection while a shard's entries wait.
 */
export class TimeTexts {
  private day = Number.NaN;
  private dayText = '';
  private readonly clock = clockTexts();

  of(moment: number): string {
    const day = Math.floor(moment / DAY_MS);
    if (day !== this.day) {
      const text = new Date(day * DAY_MS).toISOString();
      this.day = day;
      this.dayText = text.slice(0, text.indexOf('T') + 1);
    }
    const inDay = moment - day * DAY_MS;
    return this.dayText + (this.clock.minutes[Math.floor(inDay / 60_000)] as string) + (this.clock.seconds[inDay % 60_000] as string);
  }
}

/**
 * A tracker's values as numbers, so that two values are the same (as duplicates are told
 * apart) exactly when their codes are equal: numbers and durations are their own code,
 * yes/no is 1/0, a choice is the index of its option ids in a table of those met. A value
 * of another kind than the tracker's codes as NaN, which equals nothing — as no value of
 * the tracker's own kind equals it.
 */
export class ValueCodes {
  private readonly choices: string[][] = [];
  private readonly choiceCodes = new Map<string, number>();

  constructor(readonly type: TrackerType) {}

  code(value: LogValue): number {
    switch (this.type) {
      case 'numerical':
      case 'duration':
        return typeof value === 'number' ? value : Number.NaN;
      case 'boolean':
        return value === true ? 1 : value === false ? 0 : Number.NaN;
      case 'multiple_choice': {
        if (!Array.isArray(value)) return Number.NaN;
        const key = JSON.stringify(value);
        let code = this.choiceCodes.get(key);
        if (code === undefined) {
          code = this.choices.length;
          this.choices.push(value);
          this.choiceCodes.set(key, code);
        }
        return code;
      }
    }
  }

  /** The value of a code made by `code` from a value of the tracker's kind. */
  value(code: number): LogValue {
    switch (this.type) {
      case 'numerical':
      case 'duration':
        return code;
      case 'boolean':
        return code === 1;
      case 'multiple_choice':
        return this.choices[code] as string[];
    }
  }
}

/** A tracker's stored entries as columns: a shard as the store reads it for a pass (`LogColumns`). */
export interface StoredColumns {
  readonly at: readonly string[];
  readonly values: readonly LogValue[];
}

/** The stored entries of one tracker, for duplicates: moments in time order, value codes beside them. */
export class StoredMoments {
  constructor(
    readonly codes: ValueCodes,
    private readonly moments: Float64Array,
    private readonly values: Float64Array,
  ) {}

  static fromLogs(type: TrackerType, logs: Iterable<{ readonly at: string; readonly value: LogValue }>): StoredMoments {
    const builder = new StoredMomentsBuilder(type);
    const at: string[] = [];
    const values: LogValue[] = [];
    for (const log of logs) {
      at.push(log.at);
      values.push(log.value);
    }
    builder.add({ at, values });
    return builder.done();
  }

  get size(): number {
    return this.moments.length;
  }

  has(moment: number, code: number): boolean {
    const { moments, values } = this;
    let low = 0;
    let high = moments.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((moments[middle] as number) < moment) low = middle + 1;
      else high = middle;
    }
    for (let index = low; index < moments.length && moments[index] === moment; index++) if (values[index] === code) return true;
    return false;
  }
}

/** Stored moments gathered a shard at a time, so no shard needs to stay in memory. */
export class StoredMomentsBuilder {
  private readonly codes: ValueCodes;
  private readonly moments = new GrowingFloats();
  private readonly values = new GrowingFloats();

  constructor(type: TrackerType) {
    this.codes = new ValueCodes(type);
  }

  add(batch: StoredColumns): void {
    for (let index = 0; index < batch.at.length; index++) {
      this.moments.push(momentOf(batch.at[index] as string));
      this.values.push(this.codes.code(batch.values[index] as LogValue));
    }
  }

  /** Shards list their entries oldest first, and come oldest first: sorted only when they are not. */
  done(): StoredMoments {
    const { codes } = this;
    const moments = this.moments.done();
    const values = this.values.done();
    let inOrder = true;
    for (let index = 1; index < moments.length && inOrder; index++) inOrder = (moments[index - 1] as number) <= (moments[index] as number);
    if (inOrder) return new StoredMoments(codes, moments, values);
    const order = Array.from(moments.keys()).sort((a, b) => (moments[a] as number) - (moments[b] as number));
    return new StoredMoments(codes, Float64Array.from(order, (index) => moments[index] as number), Float64Array.from(order, (index) => values[index] as number));
  }
}

/** One entry as the plan gives it out (the preview's rows, tests). */
export interface EntryFields {
  readonly at: string;
  readonly offsetMinutes: number;
  readonly value: LogValue;
  readonly note: string;
}

/**
 * The entries an import adds to one tracker, duplicates left out: one already stored, or
 * one earlier in the files, with the same moment and value. The files' entries usually
 * come in time order, and while they do only the latest moment needs looking at; the
 * first entry out of order builds a table of every moment met (`MomentTable`).
 */
export class TrackerEntries {
  readonly codes: ValueCodes;
  private readonly stored: StoredMoments | null;
  /** Each entry's place among all the plan's entries (file order). */
  private order = new Uint32Array(256);
  private moments = new Float64Array(256);
  private offsets = new Float64Array(256);
  private values = new Float64Array(256);
  private notes: string[] = [];
  private byMoment: MomentTable | null = null;
  length = 0;

  constructor(type: TrackerType, stored: StoredMoments | null = null) {
    this.stored = stored;
    this.codes = stored?.codes ?? new ValueCodes(type);
  }

  /** Adds the entry unless it is a duplicate; answers whether it was added. */
  add(place: number, at: string, offsetMinutes: number, value: LogValue, note: string): boolean {
    const moment = momentOf(at);
    const code = this.codes.code(value);
    if (this.stored?.has(moment, code) === true || this.isAdded(moment, code)) return false;
    const index = this.length;
    if (index === this.moments.length) this.grow();
    this.order[index] = place;
    this.moments[index] = moment;
    this.offsets[index] = offsetMinutes;
    this.values[index] = code;
    this.notes.push(note);
    this.byMoment?.add(moment, index);
    this.length++;
    return true;
  }

  private isAdded(moment: number, code: number): boolean {
    const { moments, values } = this;
    const last = this.length - 1;
    if (this.byMoment === null) {
      if (last < 0 || (moments[last] as number) < moment) return false;
      // Equal moments sit together at the end while the order holds.
      if (moments[last] === moment) {
        for (let index = last; index >= 0 && moments[index] === moment; index--) if (values[index] === code) return true;
        return false;
      }
      this.byMoment = new MomentTable(this.length);
      for (let index = 0; index <= last; index++) this.byMoment.add(moments[index] as number, index);
    }
    return this.byMoment.some(moment, (index) => values[index] === code);
  }

  private grow(): void {
    const size = this.moments.length * 2;
    this.order = copied(new Uint32Array(size), this.order);
    this.moments = copied(new Float64Array(size), this.moments);
    this.offsets = copied(new Float64Array(size), this.offsets);
    this.values = copied(new Float64Array(size), this.values);
  }

  placeOf(index: number): number {
    return this.order[index] as number;
  }

  momentOf(index: number): number {
    return this.moments[index] as number;
  }

  /** The entry's fields, its time made by `times` (shared while entries come in time order). */
  fields(index: number, times: TimeTexts): EntryFields {
    return { at: times.of(this.moments[index] as number), offsetMinutes: this.offsets[index] as number, value: this.codes.value(this.values[index] as number), note: this.notes[index] as string };
  }

  /** The entry as the store keeps it (`fields` with an id and its tracker's): made straight, a million of them are written. */
  log(index: number, id: string, trackerId: string, times: TimeTexts): Log {
    return { id, trackerId, at: times.of(this.moments[index] as number), offsetMinutes: this.offsets[index] as number, value: this.codes.value(this.values[index] as number), note: this.notes[index] as string };
  }
}

const copied = <T extends Uint32Array | Float64Array>(into: T, from: T): T => {
  into.set(from);
  return into;
};

export interface PlannedLog extends EntryFields {
  readonly tracker: TrackerRef;
}

/** Every tracker's entries of a plan. */
export class PlannedEntries {
  constructor(readonly trackers: readonly { readonly ref: TrackerRef; readonly entries: TrackerEntries }[]) {}

  get count(): number {
    return this.trackers.reduce((sum, tracker) => sum + tracker.entries.length, 0);
  }

  /** The first `limit` entries in the order of the files. */
  first(limit: number): PlannedLog[] {
    const places: [place: number, tracker: number, index: number][] = [];
    this.trackers.forEach(({ entries }, tracker) => {
      // A tracker's entries are kept in the order they came.
      for (let index = 0; index < Math.min(limit, entries.length); index++) places.push([entries.placeOf(index), tracker, index]);
    });
    places.sort((a, b) => a[0] - b[0]);
    return places.slice(0, limit).map(([, tracker, index]) => {
      const { ref, entries } = this.trackers[tracker] as PlannedEntries['trackers'][number];
      return { tracker: ref, ...entries.fields(index, new TimeTexts()) };
    });
  }

  /** Every entry in the order of the files (tests and small imports). */
  list(): PlannedLog[] {
    return this.first(this.count);
  }
}

/** Numbers gathered one by one, then one exact-size array. */
class GrowingFloats {
  private array = new Float64Array(1024);
  private length = 0;

  push(value: number): void {
    if (this.length === this.array.length) this.array = copied(new Float64Array(this.array.length * 2), this.array);
    this.array[this.length++] = value;
  }

  done(): Float64Array {
    return this.array.slice(0, this.length);
  }
}
