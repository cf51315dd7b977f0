/**
 * A set of log ids for one pass over a tracker's whole history (finding the copies a crash
 * can leave, see log-shards.ts). A `Set<string>` of a million ids was a fifth of a
 * million-log export: every insertion grows a hash table of heap entries, and every id it
 * holds lives to the end of the pass, so the young generation copies each one again.
 *
 * Ids are `randomUUID()`s, so each is kept as its 128 bits, four 32-bit words in the slot
 * of an open-addressed typed array: exact, one cache line per probe, and no string kept
 * alive. Any other id (tests and older data may have other ids) goes to a plain `Set`.
 * `clear` keeps the table's memory for the next tracker: fresh memory is what a
 * million-log export pays most for (a page fault per 4 KiB), not the hashing.
 */

const DASH = 45;

/** Hex digit values by character code (lower case only: `randomUUID` writes lower case), NaN for others. */
const HEX = new Float64Array(256).fill(Number.NaN);
for (let digit = 0; digit < 16; digit++) HEX['0123456789abcdef'.charCodeAt(digit)] = digit;

/** The value of `count` (≤ 8) hex digits of `text` from `start`; NaN when one is not a lower-case hex digit. */
function hexDigits(text: string, start: number, count: number): number {
  let value = 0;
  for (let index = start; index < start + count; index++) {
    const code = text.charCodeAt(index);
    value = value * 16 + (code < 256 ? (HEX[code] as number) : Number.NaN);
  }
  return value;
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
   * Slot `i` is words `4i` to `4i + 3`; all four zero is an empty slot, which is why the
   * all-zero UUID is kept with the other texts. Linear probing, at most half full.
   */
  private slots = new Int32Array(WORDS << FIRST_BITS);
  private uuids = 0;
  private readonly others = new Set<string>();

  get size(): number {
    return this.uuids + this.others.size;
  }

  /** Add `id`; false when it was already there. */
  add(id: string): boolean {
    if (id.length !== 36 || id.charCodeAt(8) !== DASH || id.charCodeAt(13) !== DASH || id.charCodeAt(18) !== DASH || id.charCodeAt(23) !== DASH) return this.addOther(id);
    // The four words, each read as a number below 2³² (the table keeps their low 32 bits).
    const a = hexDigits(id, 0, 8);
    const b = hexDigits(id, 9, 4) * 0x10000 + hexDigits(id, 14, 4);
    const c = hexDigits(id, 19, 4) * 0x10000 + hexDigits(id, 24, 4);
    const d = hexDigits(id, 28, 8);
    // A character that is not a lower-case hex digit made its word NaN: checked once for all.
    if (Number.isNaN(a + b + c + d) || a + b + c + d === 0) return this.addOther(id);
    return this.addWords(a | 0, b | 0, c | 0, d | 0);
  }

  /** Empties the set and keeps its memory. */
  clear(): void {
    this.slots.fill(0);
    this.uuids = 0;
    this.others.clear();
  }

  private addWords(a: number, b: number, c: number, d: number): boolean {
    const slots = this.slots;
    const mask = (1 << this.bits) - 1;
    let slot = slotOf(uuidHash(a, b, c, d), this.bits);
    for (;;) {
      const at = slot * WORDS;
      const first = slots[at] as number;
      const second = slots[at + 1] as number;
      const third = slots[at + 2] as number;
      const fourth = slots[at + 3] as number;
      if (first === a && second === b && third === c && fourth === d) return false;
      if ((first | second | third | fourth) === 0) {
        slots[at] = a;
        slots[at + 1] = b;
        slots[at + 2] = c;
        slots[at + 3] = d;
        if (++this.uuids * 2 > 1 << this.bits) this.grow();
        return true;
      }
      slot = (slot + 1) & mask;
    }
  }

  private addOther(id: string): boolean {
    if (this.others.has(id)) return false;
    this.others.add(id);
    return true;
  }

  private grow(): void {
    const old = this.slots;
    this.bits += 1;
    this.slots = new Int32Array(WORDS << this.bits);
    const mask = (1 << this.bits) - 1;
    for (let from = 0; from < old.length; from += WORDS) {
      const a = old[from] as number;
      const b = old[from + 1] as number;
      const c = old[from + 2] as number;
      const d = old[from + 3] as number;
      if ((a | b | c | d) === 0) continue;
      const slots = this.slots;
      let at = slotOf(uuidHash(a, b, c, d), this.bits) * WORDS;
      while (((slots[at] as number) | (slots[at + 1] as number) | (slots[at + 2] as number) | (slots[at + 3] as number)) !== 0) at = (at + WORDS) & (mask * WORDS + WORDS - 1);
      slots[at] = a;
      slots[at + 1] = b;
      slots[at + 2] = c;
      slots[at + 3] = d;
    }
  }
}
