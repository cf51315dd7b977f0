/**
 * Which entries of a tracker fall on a moment, for finding duplicates among a file's rows
 * once they stop coming in time order (`TrackerEntries`). A `Map` of moments would hold an
 * object per key (a moment in milliseconds is a heap number in V8) for every entry of the
 * file; this open-addressing table holds the moments and the entries in typed arrays
 * instead — about 28 bytes an entry, none of which the garbage collector has to visit.
 */

const EMPTY = -1;

export class MomentTable {
  /** The moment of each slot; meaningful where `heads` is not EMPTY. */
  private moments: Float64Array;
  /** The latest entry added at the slot's moment, or EMPTY. */
  private heads: Int32Array;
  /** For each entry, the entry added before it at the same moment, or EMPTY. */
  private earlier: Int32Array;
  private used = 0;

  constructor(capacity = 1024) {
    const slots = 2 ** Math.ceil(Math.log2(Math.max(16, capacity * 2)));
    this.moments = new Float64Array(slots);
    this.heads = new Int32Array(slots).fill(EMPTY);
    this.earlier = new Int32Array(Math.max(16, capacity));
  }

  /** Remember that `entry` (numbered from 0 by the caller, each once) falls on `moment`. */
  add(moment: number, entry: number): void {
    if (entry >= this.earlier.length) this.earlier = grown(this.earlier, entry + 1);
    if ((this.used + 1) * 2 > this.heads.length) this.rehash();
    const slot = this.slotOf(moment);
    if (this.heads[slot] === EMPTY) {
      this.moments[slot] = moment;
      this.used++;
    }
    this.earlier[entry] = this.heads[slot] as number;
    this.heads[slot] = entry;
  }

  /** Calls `visit` with each entry at `moment`, latest first, until it answers true; answers whether one did. */
  some(moment: number, visit: (entry: number) => boolean): boolean {
    for (let entry = this.heads[this.slotOf(moment)] as number; entry !== EMPTY; entry = this.earlier[entry] as number) if (visit(entry)) return true;
    return false;
  }

  /** The slot holding `moment`, or the empty slot where it would go (linear probing). */
  private slotOf(moment: number): number {
    const mask = this.heads.length - 1;
    for (let slot = hash(moment) & mask; ; slot = (slot + 1) & mask) {
      if (this.heads[slot] === EMPTY || this.moments[slot] === moment) return slot;
    }
  }

  private rehash(): void {
    const { moments, heads } = this;
    this.moments = new Float64Array(heads.length * 2);
    this.heads = new Int32Array(heads.length * 2).fill(EMPTY);
    for (let slot = 0; slot < heads.length; slot++) {
      if (heads[slot] === EMPTY) continue;
      const target = this.slotOf(moments[slot] as number);
      this.moments[target] = moments[slot] as number;
      this.heads[target] = heads[slot] as number;
    }
  }
}

/** Moments are whole milliseconds (up to 2^53): both 32-bit halves are mixed in. */
function hash(moment: number): number {
  const low = moment | 0;
  const high = Math.floor(moment / 4_294_967_296) | 0;
  const mixed = Math.imul(low ^ Math.imul(high, 0x9e3779b1), 0x85ebca6b);
  return (mixed ^ (mixed >>> 15)) >>> 0;
}

function grown(array: Int32Array, needed: number): Int32Array {
  const next = new Int32Array(Math.max(needed, array.length * 2));
  next.set(array);
  return next;
}
