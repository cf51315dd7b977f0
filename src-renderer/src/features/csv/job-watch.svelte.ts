/**
 * The progress of a long export or import while its request is in flight. The API answers
 * only when the job is done, so this asks `jobProgress` right away and then every
 * `POLL_MS` until the request settles.
 */
import type { Api, JobView } from '../../../../src-preload/contract';

export const POLL_MS = 250;

export class JobWatch {
  job = $state.raw<JobView | null>(null);

  constructor(private readonly api: Api) {}

  /** `work`'s result, with `job` following the core's figures meanwhile and null after. */
  async during<T>(work: () => Promise<T>): Promise<T> {
    let running = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const result = await this.api.jobProgress({});
        if (running && result.ok) this.job = result.value.job;
      } catch {
        // Progress is a courtesy: a failed poll (a shell without it, a dropped request) must not fail the job.
        return;
      }
      if (running) timer = setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    try {
      return await work();
    } finally {
      running = false;
      clearTimeout(timer);
      this.job = null;
    }
  }
}

/** "Reading months of entries… 412 of 1,000". */
export const jobText = (job: JobView): string => `${job.phase}… ${job.done.toLocaleString('en')} of ${job.total.toLocaleString('en')}`;
