/**
 * When the runner looks (jobs/job-timer.ts), with fake timers and a fake runner: at the
 * earliest next check of the unlocked profiles, never later than an hour, at once for a
 * profile that unlocks, and never again after close.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { JobTimer } from '../../../src-main/core/jobs/job-timer';
import type { LookResult } from '../../../src-main/core/jobs/runner';

const START = Date.parse('2026-11-02T12:00:00Z');
const MINUTE = 60_000;

beforeEach(() => {
  vi.useFakeTimers({ now: START });
});
afterEach(() => {
  vi.useRealTimers();
});

/** A runner that answers each profile's next check from `next` (minutes from now; null: unreadable) and counts its looks. */
function fakeRunner(next: Record<string, number | null>) {
  const looks: string[] = [];
  const runner = {
    look: (profileId: string): Promise<LookResult> => {
      looks.push(profileId);
      const minutes = next[profileId] ?? null;
      return Promise.resolve({ nextCheckAt: minutes === null ? null : new Date(Date.now() + minutes * MINUTE), runs: [] });
    },
    idle: () => Promise.resolve(),
  };
  return { runner, looks };
}

describe('the job timer', () => {
  it('looks at every unlocked profile, then again at the earliest next check', async () => {
    const { runner, looks } = fakeRunner({ a: 30, b: 10 });
    const timer = new JobTimer({ runner, unlockedIds: () => ['a', 'b'], now: () => new Date() });
    await timer.lookAll();
    expect(looks).toEqual(['a', 'b']);

    await vi.advanceTimersByTimeAsync(10 * MINUTE - 1);
    expect(looks).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(looks).toEqual(['a', 'b', 'a', 'b']);
    await timer.close();
  });

  it('wakes within the hour when no profile says when (none unlocked, or none readable)', async () => {
    const { runner, looks } = fakeRunner({ a: null });
    let unlocked: string[] = [];
    const timer = new JobTimer({ runner, unlockedIds: () => unlocked, now: () => new Date() });
    await timer.lookAll();
    expect(looks).toEqual([]);
    unlocked = ['a'];
    await vi.advanceTimersByTimeAsync(60 * MINUTE);
    expect(looks).toEqual(['a']);
    await timer.close();
  });

  it('looks at a profile that unlocks at once, and wakes earlier when it needs to', async () => {
    const { runner, looks } = fakeRunner({ a: 50, b: 5 });
    let unlocked = ['a'];
    const timer = new JobTimer({ runner, unlockedIds: () => unlocked, now: () => new Date() });
    await timer.lookAll();
    unlocked = ['a', 'b'];
    await timer.lookAt('b');
    expect(looks).toEqual(['a', 'b']);
    await vi.advanceTimersByTimeAsync(5 * MINUTE);
    expect(looks).toEqual(['a', 'b', 'a', 'b']);
    await timer.close();
  });

  it('does nothing after close', async () => {
    const { runner, looks } = fakeRunner({ a: 1 });
    const timer = new JobTimer({ runner, unlockedIds: () => ['a'], now: () => new Date() });
    await timer.lookAll();
    await timer.close();
    await vi.advanceTimersByTimeAsync(120 * MINUTE);
    await timer.lookAt('a');
    expect(looks).toEqual(['a']);
    expect(vi.getTimerCount()).toBe(0);
  });
});
