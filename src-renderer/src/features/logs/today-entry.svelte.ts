/**
 * A tracker's newest entry of a day (today, in the profile's zone), for the trackers whose
 * day is one answer (see `day-answer.ts`): the tracker page's form offers to change it.
 */
import type { Api, Log } from '../../../../src-preload/contract';
import { dayStartIso, nextDay } from './zoned-time';

export class TodayEntry {
  log = $state.raw<Log | null>(null);
  #request = 0;

  constructor(
    private readonly api: Api,
    readonly trackerId: string,
    private readonly timeZone: () => string | undefined,
  ) {}

  /** @param today `YYYY-MM-DD` in the profile's zone */
  async load(today: string): Promise<void> {
    // A later load (after an edit, or once the profile's zone is known) wins over an earlier one.
    const request = ++this.#request;
    const zone = this.timeZone();
    const from = dayStartIso(today, zone);
    const to = dayStartIso(nextDay(today), zone);
    if (from === undefined || to === undefined) return;
    const result = await this.api.listLogs({ trackerId: this.trackerId, from, to, order: 'newest', offset: 0, limit: 1 });
    if (request === this.#request && result.ok) this.log = result.value.logs[0] ?? null;
  }
}
