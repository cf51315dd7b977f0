/** The person's trackers, as the dashboard shows them (oldest first, like the app answers). */
import type { Api, Input, Result, Tracker } from '../../../../src-preload/contract';

export class TrackerList {
  items = $state.raw<Tracker[]>([]);
  loaded = $state(false);
  loadError = $state<string | null>(null);

  constructor(private readonly api: Api) {}

  async load(): Promise<void> {
    const result = await this.api.listTrackers({});
    if (result.ok) {
      this.items = result.value.trackers;
      this.loadError = null;
    } else {
      this.loadError = result.error.message;
    }
    this.loaded = true;
  }

  async create(input: Input<'createTracker'>): Promise<Result<{ tracker: Tracker }>> {
    const result = await this.api.createTracker(input);
    if (result.ok) this.items = [...this.items, result.value.tracker];
    return result;
  }

  async remove(trackerId: string): Promise<Result<object>> {
    const result = await this.api.deleteTracker({ trackerId });
    if (result.ok) this.items = this.items.filter((tracker) => tracker.id !== trackerId);
    return result;
  }
}
