/**
 * How far the current long job of each profile has got (an export, an import's preview or
 * commit). The API is request/response, so the renderer polls `jobProgress` while its
 * request is in flight; the core keeps the figures in memory only (nothing to recover
 * after a restart: the job is gone too). Every change is also told to a listener: the
 * core's worker publishes it to its host, which answers the polls while the worker is busy
 * with the very job they ask about.
 */
import type { JobKind, JobView } from '../../../src-preload/contract';

/** One running job: a sequence of phases, each counting `done` up to `total`. */
export interface Job {
  /** Start a phase; `done` starts at 0. */
  phase(name: string, total: number): void;
  /** Where the phase has got; a smaller figure than the last is ignored, so the bar never goes back. */
  advance(done: number): void;
  /** The job is over (done or failed): nothing is reported any more. */
  end(): void;
}

/** Told the profile's job after every change; null once it is over. */
export type JobListener = (profileId: string, job: JobView | null) => void;

export class JobProgress {
  private readonly jobs = new Map<string, { kind: JobKind; phase: string; done: number; total: number }>();

  constructor(private readonly listener: JobListener = () => undefined) {}

  /**
   * A profile runs one job at a time (its queue), so a new job replaces whatever is there.
   * A job's handle still ending after another took its place must not clear the newer one.
   */
  begin(profileId: string, kind: JobKind): Job {
    const state = { kind, phase: '', done: 0, total: 0 };
    this.jobs.set(profileId, state);
    return {
      phase: (name, total) => {
        state.phase = name;
        state.total = Math.max(0, total);
        state.done = 0;
        this.tell(profileId, state);
      },
      advance: (done) => {
        const next = Math.min(state.total, Math.max(state.done, done));
        if (next === state.done) return;
        state.done = next;
        this.tell(profileId, state);
      },
      end: () => {
        if (this.jobs.get(profileId) !== state) return;
        this.jobs.delete(profileId);
        this.listener(profileId, null);
      },
    };
  }

  private tell(profileId: string, state: JobView): void {
    if (this.jobs.get(profileId) === state) this.listener(profileId, { ...state });
  }

  current(profileId: string): JobView | null {
    const state = this.jobs.get(profileId);
    return state === undefined || state.phase === '' ? null : { ...state };
  }
}

/** Run `work` as a job of the profile, cleared however it ends. */
export async function asJob<T>(progress: JobProgress, profileId: string, kind: JobKind, work: (job: Job) => Promise<T>): Promise<T> {
  const job = progress.begin(profileId, kind);
  try {
    return await work(job);
  } finally {
    job.end();
  }
}
