/**
 * A set of log ids for one pass over a tracker's whole history (finding the copies a crash
 * can leave, see log-shards.ts). A `Set<string>` of a million ids was a fifth of a
 * million-log export: every insertion grows a hash table of heap entries, and every id it
 * holds lives to the end of the pass, so the young generation copies each one again.
 *
 * Ids are `randomUUID()`s, so each is kept as its 128 bits (four 32-bit words in a typed
 * array: exact, and no string kept alive) and found through an open-addressed table of
 * their hashes. Any other id (tests and older data may have other ids) goes to a plain
 * `Set`. `clear` keeps the memory for the next tracker: fresh memory costs a page fault per
 * 4 KiB, which on a small VM is more than the hashing.
 */

const DASH = 45;

/** Hex digit values by UTF-16 unit (lower case only: `randomUUID` writes lower case), -1 for any other. */
const HEX = new Int8Array(65_536).fill(-1);
for (let digit = 0; digit < 16; digit++) HEX['0123456789abcdef'.charCodeAt(digit)] = digit;

/**
 * The 32-bit word of the four hex digits of `text` at `first` and the four at `second`, as a
 * number from 0 to 2³² − 1; -1 when one of them is not a lower-case hex digit.
 */
function hexWord(text: string, first: number, second: number): number {
  let value = 0;
  let digits = 0;
  for (let index = first; index < first + 4; index++) {
    const digit = HEX[text.charCodeAt(index)] as number;
    digits |= digit;
    value = (value << 4) | (digit & 15);
  }
  for (let index = second; index < second + 4; index++) {
    const digit = HEX[text.charCodeAt(index)] as number;
    digits |= digit;
    value = (value << 4) | (digit & 15);
  }
  return digits < 0 ? -1 : value >>> 0;
}

/**
 * The hash of a UUID's four words; every word is mixed in, as test ids may share all but
 * one. Exported for a test that makes two UUIDs collide.
 */
export const uuidHash = (a: number, b: number, c: number, d: number): number => (a ^ Math.imul(b, 0x85ebca6b) ^ Math.imul(c, 0xc2b2ae35) ^ Math.imul(d, 0x27d4eb2f)) | 0;

/** Fibonacci hashing: the top bits of hash × 2³²/φ, which mixes every bit of the hash into the slot. */
const slotOf = (hash: number, bits: number): number => Math.imul(hash, 0x9e3779b1) >>> (32 - bits);

const WORDS = 4;
const FIRST_BITS = 10;

export class IdSet {
  private bits = FIRST_BITS;
  /**
   * Slot → the hash of the UUID in it, odd (0: empty). The probes read only this table, a
   * quarter of the UUIDs' size: a million-log export probes it a million times at random,
   * and on this kind of machine a probe that misses the cache and the TLB is what costs.
   */
  private hashes = new Int32Array(1 << FIRST_BITS);
  /** Slot → the index in `words` of the UUID in it, read only when the hash matches. */
  private entries = new Int32Array(1 << FIRST_BITS);
  /** Four words per UUID kept, in the order added. */
  private words = new Int32Array(WORDS << FIRST_BITS);
  private uuids = 0;
  private readonly others = new Set<string>();

  get size(): number {
    return this.uuids + this.others.size;
  }

  /** Add `id`; false when it was already there. */
  add(id: string): boolean {
    if (id.length !== 36 || id.charCodeAt(8) !== DASH || id.charCodeAt(13) !== DASH || id.charCodeAt(18) !== DASH || id.charCodeAt(23) !== DASH) return this.addOther(id);
    const a = hexWord(id, 0, 4);
    const b = hexWord(id, 9, 14);
    const c = hexWord(id, 19, 24);
    const d = hexWord(id, 28, 32);
    if (a < 0 || b < 0 || c < 0 || d < 0) return this.addOther(id);
    return this.addWords(a | 0, b | 0, c | 0, d | 0);
  }

  /** Empties the set and keeps its memory. */
  clear(): void {
    this.hashes.fill(0);
    this.uuids = 0;
    this.others.clear();
  }

  private addWords(a: number, b: number, c: number, d: number): boolean {
    const hash = uuidHash(a, b, c, d) | 1;
    const hashes = this.hashes;
    const mask = hashes.length - 1;
    let slot = slotOf(hash, this.bits);
    for (let seen = hashes[slot] as number; seen !== 0; seen = hashes[slot] as number) {
      if (seen === hash) {
        const at = (this.entries[slot] as number) * WORDS;
        const words = this.words;
        if (words[at] === a && words[at + 1] === b && words[at + 2] === c && words[at + 3] === d) return false;
      }
      slot = (slot + 1) & mask;
    }
    if ((this.uuids + 1) * WORDS > this.words.length) {
      const larger = new Int32Array(this.words.length * 2);
      larger.set(this.words);
      this.words = larger;
    }
    const at = this.uuids * WORDS;
    this.words[at] = a;
    this.words[at + 1] = b;
    this.words[at + 2] = c;
    this.words[at + 3] = d;
    hashes[slot] = hash;
    this.entries[slot] = this.uuids;
    if (++this.uuids * 2 > hashes.length) this.grow();
    return true;
  }

  private addOther(id: string): boolean {
    if (this.others.has(id)) return false;
    this.others.add(id);
    return true;
  }

  private grow(): void {
    const oldHashes = this.hashes;
    const oldEntries = this.entries;
    this.bits += 1;
    this.hashes = new Int32Array(1 << this.bits);
    this.entries = new Int32Array(1 << this.bits);
    const mask = this.hashes.length - 1;
    for (let from = 0; from < oldHashes.length; from++) {
      const hash = oldHashes[from] as number;
      if (hash === 0) continue;
      let slot = slotOf(hash, this.bits);
      while (this.hashes[slot] !== 0) slot = (slot + 1) & mask;
      this.hashes[slot] = hash;
      this.entries[slot] = oldEntries[from] as number;
    }
  }
}
