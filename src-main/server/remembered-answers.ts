/**
 * The answers the server remembers per idempotency key, so that a client retrying a write
 * after a dropped connection gets the first answer again instead of a second write (see
 * idempotency.ts for the HTTP side). Pure: no I/O, the clock is injected.
 *
 * A key is claimed by the first request that brings it; a request with the same key and the
 * same fingerprint (method, path, body) gets that request's answer — waiting for it while
 * it runs — and one with a different fingerprint is a conflict. Only answers the first
 * request's caller asks to keep are remembered (successes: a failure changed nothing, so a
 * retry may run again); they are forgotten after `ttlMs`, or earlier, oldest first, when
 * more than `maxEntries` or `maxBytes` of answers are kept.
 */

export interface RememberedAnswersOptions {
  readonly ttlMs: number;
  readonly maxEntries: number;
  /** The sum of the kept answers' sizes (as the caller measures them). */
  readonly maxBytes: number;
  readonly now: () => number;
}

export type Claim<T> =
  /** Run the request, then `settle` with its answer (waiting repeats get it either way). */
  | { readonly kind: 'first'; settle(answer: T, keep: { readonly bytes: number } | null): void }
  /** The same request again: the first one's answer, once it has one. */
  | { readonly kind: 'repeat'; readonly answer: Promise<T> }
  /** The key was used for a different request. */
  | { readonly kind: 'conflict' };

interface Entry<T> {
  readonly fingerprint: string;
  readonly answer: Promise<T>;
  /** Null while the first request runs. */
  kept: { readonly bytes: number; readonly expiresAt: number } | null;
}

export class RememberedAnswers<T> {
  /** Running entries in claim order, kept ones in the order they were kept (oldest first). */
  private readonly entries = new Map<string, Entry<T>>();
  private bytes = 0;

  constructor(private readonly options: RememberedAnswersOptions) {}

  /** How many answers are remembered or awaited. */
  get size(): number {
    return this.entries.size;
  }

  claim(scope: string, key: string, fingerprint: string): Claim<T> {
    this.prune();
    const id = JSON.stringify([scope, key]);
    const found = this.entries.get(id);
    if (found !== undefined) return found.fingerprint === fingerprint ? { kind: 'repeat', answer: found.answer } : { kind: 'conflict' };

    let resolve: (answer: T) => void = () => undefined;
    const entry: Entry<T> = { fingerprint, answer: new Promise<T>((done) => (resolve = done)), kept: null };
    this.entries.set(id, entry);
    let settled = false;
    return {
      kind: 'first',
      settle: (answer, keep) => {
        if (settled) return;
        settled = true;
        resolve(answer);
        this.entries.delete(id);
        if (keep === null || keep.bytes > this.options.maxBytes) return;
        // Re-inserted: kept entries stay in the order of their expiry.
        entry.kept = { bytes: keep.bytes, expiresAt: this.options.now() + this.options.ttlMs };
        this.entries.set(id, entry);
        this.bytes += keep.bytes;
        this.forgetOldest();
      },
    };
  }

  /** Forget the answers past their time (also done at every claim). */
  prune(): void {
    const now = this.options.now();
    for (const [id, entry] of this.entries) {
      if (entry.kept === null) continue;
      if (entry.kept.expiresAt > now) break;
      this.forget(id, entry);
    }
  }

  private forgetOldest(): void {
    for (const [id, entry] of this.entries) {
      if (this.entries.size <= this.options.maxEntries && this.bytes <= this.options.maxBytes) return;
      if (entry.kept !== null) this.forget(id, entry);
    }
  }

  private forget(id: string, entry: Entry<T>): void {
    this.entries.delete(id);
    this.bytes -= entry.kept?.bytes ?? 0;
  }
}
