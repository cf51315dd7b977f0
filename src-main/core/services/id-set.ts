/**
 * A set of log ids for one pass over a tracker's whole history (finding the copies a crash
 * can leave, see log-shards.ts). A `Set<string>` of a million ids was a fifth of a
 * million-log export: every insertion grows a hash table of heap entries. Here the table is
 * a typed array of 32-bit hashes with indexes into the ids, so it costs a string hash per
 * id and, only when two hashes are equal, a comparison of the texts.
 */
const EMPTY = 0;

/** Java's string hash (h·31 + c); `slotOf` spreads it over the table. */
function hashOf(text: string): number {
  let hash = 0;
  for (let index = 0; index < text.length; index++) hash = (Math.imul(hash, 31) + text.charCodeAt(index)) | 0;
  return hash;
}

/** Fibonacci hashing: the top bits of hash × 2³²/φ, which mixes every bit of the hash into the slot. */
const slotOf = (hash: number, bits: number): number => Math.imul(hash, 0x9e3779b1) >>> (32 - bits);

export class IdSet {
  private bits = 10;
  /** Slot → 1 + index in `ids` (0: empty). Open addressing, linear probing, at most half full. */
  private slots = new Int32Array(1024);
  private hashes = new Int32Array(1024);
  private readonly ids: string[] = [];

  get size(): number {
    return this.ids.length;
  }

  /** Add `id`; false when it was already there. */
  add(id: string): boolean {
    const hash = hashOf(id);
    const mask = this.slots.length - 1;
    let slot = slotOf(hash, this.bits);
    for (;;) {
      const entry = this.slots[slot] as number;
      if (entry === EMPTY) break;
      if (this.hashes[slot] === hash && this.ids[entry - 1] === id) return false;
      slot = (slot + 1) & mask;
    }
    this.ids.push(id);
    this.slots[slot] = this.ids.length;
    this.hashes[slot] = hash;
    if (this.ids.length * 2 > this.slots.length) this.grow();
    return true;
  }

  private grow(): void {
    const oldSlots = this.slots;
    const oldHashes = this.hashes;
    this.bits += 1;
    this.slots = new Int32Array(1 << this.bits);
    this.hashes = new Int32Array(1 << this.bits);
    const mask = this.slots.length - 1;
    for (let old = 0; old < oldSlots.length; old++) {
      const entry = oldSlots[old] as number;
      if (entry === EMPTY) continue;
      const hash = oldHashes[old] as number;
      let slot = slotOf(hash, this.bits);
      while (this.slots[slot] !== EMPTY) slot = (slot + 1) & mask;
      this.slots[slot] = entry;
      this.hashes[slot] = hash;
    }
  }
}
