/**
 * The core's front door: everything a shell needs to run the product over one data folder.
 * (Stub signature; the core is being built behind it.)
 */
import type { Handlers } from './dispatch';

export interface CoreOptions {
  /** The app's data folder; one sub-folder per profile lives under it. */
  readonly dataDir: string;
  /** The clock; tests pass a fixed one. */
  readonly now?: () => Date;
}

export interface Core {
  readonly handlers: Handlers;
  /** Flush pending writes and release the data-folder lock. */
  close(): Promise<void>;
}

export async function openCore(_options: CoreOptions): Promise<Core> {
  throw new Error('openCore is not built yet');
}
