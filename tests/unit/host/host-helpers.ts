/** A core host over a temp data folder, its worker run from the TypeScript sources. */
import { Worker } from 'node:worker_threads';
import { afterEach } from 'vitest';
import type { Session } from '../../../src-main/core/dispatch';
import { CoreHost, type CoreHostOptions } from '../../../src-main/host/core-host';
import type { WorkerSetup } from '../../../src-main/host/channel';
import type { CoreClient } from '../../../src-main/host/core-client';
import type { Input, Method, Output, Result } from '../../../src-preload/contract';
import { tempDir, TEST_SCRYPT } from '../core/helpers';

const WORKER_FROM_SOURCES = new URL('../../support/ts-core-worker.mjs', import.meta.url);

const hosts: CoreHost[] = [];

// Registered before core/helpers' own (which removes the temp folders): hosts close first.
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((host) => host.close()));
});

/** Every worker the host made, newest last: tests end them to play a crash. */
export interface StartedHost {
  readonly host: CoreHost;
  readonly workers: Worker[];
  readonly dataDir: string;
}

export async function startHost(options: Partial<Omit<CoreHostOptions, 'worker'>> = {}): Promise<StartedHost> {
  const dataDir = options.dataDir ?? (await tempDir());
  const workers: Worker[] = [];
  const worker = (setup: WorkerSetup): Worker => {
    const made = new Worker(WORKER_FROM_SOURCES, { workerData: setup });
    workers.push(made);
    return made;
  };
  const host = await CoreHost.start({ scrypt: TEST_SCRYPT, ...options, dataDir, worker });
  hosts.push(host);
  return { host, workers, dataDir };
}

/** A shell's view of a client: it keeps its session across calls. */
export class SessionClient {
  session: Session | null = null;
  constructor(private readonly client: CoreClient) {}

  async call<M extends Method>(method: M, input: Input<M>): Promise<Result<Output<M>>> {
    const dispatched = await this.client.dispatch(method, input, this.session);
    this.session = dispatched.session;
    return dispatched.result as Result<Output<M>>;
  }

  async ok<M extends Method>(method: M, input: Input<M>): Promise<Output<M>> {
    const result = await this.call(method, input);
    if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
    return result.value;
  }
}
