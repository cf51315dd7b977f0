/**
 * A hybrid logical clock (Kulkarni et al., 2014): a timestamp that stays close to the wall
 * clock, never goes backwards on one device even when the wall clock does, and, once a
 * device has received another's timestamp, orders after it. Journal records carry one so
 * that a later multi-device sync can order writes of several devices (last writer wins by
 * `compareHlc`, the device id breaking ties). Pure: the wall clock is a parameter.
 */

/** Milliseconds since the epoch, and a counter ordering events within one millisecond. */
export interface Hlc {
  readonly ms: number;
  readonly counter: number;
}

/** Where a clock starts: before any timestamp it can give. */
export const HLC_ZERO: Hlc = { ms: 0, counter: 0 };

/** A counter this high moves the clock a millisecond on instead (it is stored in 16 bits). */
export const HLC_MAX_COUNTER = 0xffff;

/** The next timestamp: a local event, or a message sent (the two are the same step). */
export function hlcNow(previous: Hlc, wallMs: number): Hlc {
  const wall = Math.floor(wallMs);
  if (wall > previous.ms) return { ms: wall, counter: 0 };
  return bump(previous.ms, previous.counter);
}

/** Sending a timestamp to another device is a local event. */
export const hlcSend = hlcNow;

/** The timestamp after receiving `remote`: after both it and everything this device gave. */
export function hlcReceive(previous: Hlc, remote: Hlc, wallMs: number): Hlc {
  const wall = Math.floor(wallMs);
  const ms = Math.max(wall, previous.ms, remote.ms);
  if (ms === wall && wall > previous.ms && wall > remote.ms) return { ms, counter: 0 };
  const counter =
    previous.ms === remote.ms && ms === previous.ms
      ? Math.max(previous.counter, remote.counter)
      : ms === previous.ms
        ? previous.counter
        : ms === remote.ms
          ? remote.counter
          : -1;
  return bump(ms, counter);
}

/** Negative when `a` is earlier, positive when later, 0 when equal. */
export const compareHlc = (a: Hlc, b: Hlc): number => (a.ms !== b.ms ? a.ms - b.ms : a.counter - b.counter);

/** The later of two timestamps (how a journal's clock resumes from the records it holds). */
export const laterHlc = (a: Hlc, b: Hlc): Hlc => (compareHlc(a, b) >= 0 ? a : b);

function bump(ms: number, counter: number): Hlc {
  // Past the counter's room, borrow the next millisecond: still ordered, still near the wall.
  return counter >= HLC_MAX_COUNTER ? { ms: ms + 1, counter: 0 } : { ms, counter: counter + 1 };
}
