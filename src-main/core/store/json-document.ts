/**
 * One data file held in memory through lowdb. `save` writes first and only then adopts the
 * new state, so a failed write leaves memory agreeing with the disk. Callers treat `data`
 * as immutable and pass a fresh object to `save`.
 */
import { Low, type Adapter } from 'lowdb';

export class JsonDocument<T> {
  private constructor(private readonly low: Low<T>) {}

  /** Read the file; a missing file gives `defaults` (nothing is written until `save`). */
  static async open<T>(adapter: Adapter<T>, defaults: T): Promise<JsonDocument<T>> {
    const low = new Low(adapter, defaults);
    await low.read();
    return new JsonDocument(low);
  }

  /** Wrap content already read through the same adapter. */
  static of<T>(adapter: Adapter<T>, data: T): JsonDocument<T> {
    return new JsonDocument(new Low(adapter, data));
  }

  get data(): T {
    return this.low.data;
  }

  /** Take `next` as the content after something else wrote it to the file (a store batch). */
  adopt(next: T): void {
    this.low.data = next;
  }

  async save(next: T): Promise<void> {
    await this.low.adapter.write(next);
    this.low.data = next;
  }

  /**
   * Write `content`, an earlier state of this document, to its file, leaving memory as it
   * is: a checkpoint writes what memory held when it began, while newer changes go on.
   */
  async writeFile(content: T): Promise<void> {
    await this.low.adapter.write(content);
  }
}
