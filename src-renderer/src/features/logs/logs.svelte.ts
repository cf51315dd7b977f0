/** One tracker's logs, newest first, as its card shows them. */
import type { Api, Input, Log, Result } from '../../../../src-preload/contract';

export class TrackerLogs {
  items = $state.raw<Log[]>([]);
  loaded = $state(false);
  loadError = $state<string | null>(null);

  constructor(
    private readonly api: Api,
    readonly trackerId: string,
  ) {}

  async load(): Promise<void> {
    const result = await this.api.listLogs({ trackerId: this.trackerId });
    if (result.ok) {
      this.items = result.value.logs;
      this.loadError = null;
    } else {
      this.loadError = result.error.message;
    }
    this.loaded = true;
  }

  async add(input: Input<'addLog'>): Promise<Result<{ log: Log }>> {
    const result = await this.api.addLog(input);
    if (result.ok) {
      // Keep newest first wherever the entry's time falls (it may be back-dated); the sort
      // is stable, so among equal times the new entry stays on top.
      this.items = [result.value.log, ...this.items].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
    }
    return result;
  }
}
