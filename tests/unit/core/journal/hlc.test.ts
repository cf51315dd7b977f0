import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareHlc, HLC_MAX_COUNTER, HLC_ZERO, hlcNow, hlcReceive, hlcSend, laterHlc, type Hlc } from '../../../../src-main/core/store/journal/hlc';

describe('hybrid logical clock', () => {
  it('follows the wall clock while it moves forward', () => {
    const first = hlcNow(HLC_ZERO, 1000);
    expect(first).toEqual({ ms: 1000, counter: 0 });
    expect(hlcNow(first, 1005)).toEqual({ ms: 1005, counter: 0 });
  });

  it('keeps going forward when the wall clock stands still or goes backwards', () => {
    const at = hlcNow(HLC_ZERO, 5000);
    const same = hlcNow(at, 5000);
    const back = hlcNow(same, 4000);
    const farBack = hlcNow(back, 0);
    expect([same, back, farBack]).toEqual([
      { ms: 5000, counter: 1 },
      { ms: 5000, counter: 2 },
      { ms: 5000, counter: 3 },
    ]);
    // The wall clock catching up resets the counter.
    expect(hlcNow(farBack, 5001)).toEqual({ ms: 5001, counter: 0 });
  });

  it('borrows the next millisecond when the counter is full', () => {
    expect(hlcNow({ ms: 7, counter: HLC_MAX_COUNTER }, 3)).toEqual({ ms: 8, counter: 0 });
    expect(hlcReceive({ ms: 7, counter: 1 }, { ms: 7, counter: HLC_MAX_COUNTER }, 3)).toEqual({ ms: 8, counter: 0 });
  });

  it('orders a received timestamp before what this device gives next, even from a clock ahead', () => {
    const local = hlcNow(HLC_ZERO, 1000);
    const ahead: Hlc = { ms: 9000, counter: 4 };
    const received = hlcReceive(local, ahead, 1001);
    expect(received).toEqual({ ms: 9000, counter: 5 });
    // The local wall clock is still behind: the next local event stays after the remote one.
    expect(compareHlc(hlcSend(received, 1002), ahead)).toBeGreaterThan(0);
    // A remote clock behind ours changes nothing but the order.
    expect(hlcReceive({ ms: 2000, counter: 3 }, { ms: 1500, counter: 9 }, 1999)).toEqual({ ms: 2000, counter: 4 });
    expect(hlcReceive({ ms: 2000, counter: 3 }, { ms: 2000, counter: 9 }, 1999)).toEqual({ ms: 2000, counter: 10 });
    expect(hlcReceive({ ms: 2000, counter: 3 }, { ms: 1500, counter: 9 }, 2500)).toEqual({ ms: 2500, counter: 0 });
    expect(laterHlc({ ms: 1, counter: 2 }, { ms: 1, counter: 1 })).toEqual({ ms: 1, counter: 2 });
  });

  it('gives strictly increasing timestamps whatever the wall clock does, each after every timestamp received', () => {
    const event = fc.oneof(
      fc.record({ kind: fc.constant('now' as const), wall: fc.integer({ min: 0, max: 10_000 }) }),
      fc.record({ kind: fc.constant('receive' as const), wall: fc.integer({ min: 0, max: 10_000 }), remote: fc.record({ ms: fc.integer({ min: 0, max: 12_000 }), counter: fc.integer({ min: 0, max: HLC_MAX_COUNTER }) }) }),
    );
    fc.assert(
      fc.property(fc.array(event, { maxLength: 60 }), (events) => {
        let clock = HLC_ZERO;
        for (const step of events) {
          const next = step.kind === 'now' ? hlcNow(clock, step.wall) : hlcReceive(clock, step.remote, step.wall);
          expect(compareHlc(next, clock)).toBeGreaterThan(0);
          if (step.kind === 'receive') expect(compareHlc(next, step.remote)).toBeGreaterThan(0);
          // Never behind the wall clock it was given.
          expect(next.ms).toBeGreaterThanOrEqual(step.wall);
          clock = next;
        }
      }),
    );
  });
});
