/**
 * The shape of a write through the profile's journal (store/profile-journal.ts): it is
 * applied in the profile's queue, and its answer waits for its record's sync outside the
 * queue, so concurrent writes share one sync (group commit). Used by the log, tracker and
 * timer services alike.
 */

/**
 * The promise of a write's record on disk, wrapped: an async function returning the
 * promise itself would wait for it (inside the queue).
 */
export interface Durable {
  readonly durable: Promise<void>;
}

/** A write done in the profile's queue: its answer, and the promise of its record on disk. */
export interface Written<T> extends Durable {
  readonly value: T;
}

/** The answer of a write done in the queue, once its record is on disk (awaited outside the queue). */
export async function acknowledged<T>(written: Promise<Written<T>>): Promise<T> {
  const { value, durable } = await written;
  await durable;
  return value;
}
