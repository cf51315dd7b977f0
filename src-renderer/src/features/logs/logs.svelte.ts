/**
 * One page of a tracker's logs as the log table shows it: sorted newest or oldest first,
 * optionally within a day range (in the profile's zone), fetched a page at a time with
 * `listLogs` offset/limit so 100,000 entries cost what 50 do.
 */
import type { Api, Log, Result } from '../../../../src-preload/contract';
import { saveEntry } from './day-answer';
import type { EntrySubmission } from './entry-draft';
import { dayStartIso, nextDay } from './zoned-time';

export const PAGE_SIZE = 50;

export class LogPager {
  logs = $state.raw<Log[]>([]);
  total = $state(0);
  offset = $state(0);
  order = $state<'newest' | 'oldest'>('newest');
  /** Days `YYYY-MM-DD`, both inclusive; empty = open. */
  from = $state('');
  to = $state('');
  loaded = $state(false);
  loadError = $state<string | null>(null);
  #request = 0;

  constructor(
    private readonly api: Api,
    readonly trackerId: string,
    private readonly timeZone: () => string | undefined,
    readonly limit = PAGE_SIZE,
  ) {}

  get pageCount(): number {
    return Math.max(1, Math.ceil(this.total / this.limit));
  }

  get page(): number {
    return Math.floor(this.offset / this.limit) + 1;
  }

  async load(): Promise<void> {
    // Answers can come back out of order when a person clicks quickly: keep the last asked.
    const request = ++this.#request;
    const zone = this.timeZone();
    const from = this.from ? dayStartIso(this.from, zone) : undefined;
    const to = this.to ? dayStartIso(nextDay(this.to), zone) : undefined;
    const result = await this.api.listLogs({
      trackerId: this.trackerId,
      order: this.order,
      offset: this.offset,
      limit: this.limit,
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
    });
    if (request !== this.#request) return;
    if (result.ok) {
      this.logs = result.value.logs;
      this.total = result.value.total;
      this.loadError = null;
      // The last page may have emptied (a deletion): step back to one that has rows.
      if (this.logs.length === 0 && this.offset > 0 && this.total > 0) {
        this.offset = Math.max(0, (this.pageCount - 1) * this.limit);
        return this.load();
      }
    } else {
      this.loadError = result.error.message;
    }
    this.loaded = true;
  }

  goTo(page: number): Promise<void> {
    this.offset = (Math.max(1, Math.min(page, this.pageCount)) - 1) * this.limit;
    return this.load();
  }

  sort(order: 'newest' | 'oldest'): Promise<void> {
    this.order = order;
    this.offset = 0;
    return this.load();
  }

  filter(from: string, to: string): Promise<void> {
    this.from = from;
    this.to = to;
    this.offset = 0;
    return this.load();
  }

  /** Add an entry, or change the one it replaces. */
  async save(entry: EntrySubmission): Promise<Result<{ log: Log }>> {
    const result = await saveEntry(this.api, this.trackerId, entry);
    if (result.ok) await this.load();
    return result;
  }

  async update(logId: string, entry: EntrySubmission): Promise<Result<{ log: Log }>> {
    const result = await this.api.updateLog({ trackerId: this.trackerId, logId, ...entry });
    if (result.ok) await this.load();
    return result;
  }

  async remove(log: Log): Promise<Result<{ log: Log }>> {
    const result = await this.api.deleteLog({ trackerId: this.trackerId, logId: log.id });
    if (result.ok) await this.load();
    return result;
  }

  async restore(log: Log): Promise<Result<{ log: Log }>> {
    const result = await this.api.restoreLog({ log });
    if (result.ok) await this.load();
    return result;
  }
}
