import { afterEach, describe, expect, it, vi } from 'vitest';
import { ACTIVITY_EVENTS, watchIdle } from '../../src-renderer/src/features/session/idle-watch';
import { Session } from '../../src-renderer/src/features/session/session.svelte';
import { onShellLocked } from '../../src-renderer/src/features/session/shell-events';
import type { Api } from '../../src-preload/contract';
import { ada, noStayUnlocked, settings } from './session-fixtures';
import { ok, stubApi } from './stub-api';

afterEach(() => {
  vi.useRealTimers();
});

describe('watchIdle', () => {
  it('calls onIdle once after the idle time, and activity pushes it back', () => {
    vi.useFakeTimers();
    const target = new EventTarget();
    const onIdle = vi.fn();
    watchIdle({ idleMs: 60_000, onIdle, target });

    vi.advanceTimersByTime(50_000);
    target.dispatchEvent(new Event('keydown'));
    vi.advanceTimersByTime(50_000);
    expect(onIdle).not.toHaveBeenCalled();

    vi.advanceTimersByTime(10_000);
    expect(onIdle).toHaveBeenCalledOnce();
    vi.advanceTimersByTime(600_000);
    expect(onIdle).toHaveBeenCalledOnce();
  });

  it('hears every kind of activity and lets go of all listeners when stopped', () => {
    vi.useFakeTimers();
    const target = new EventTarget();
    const added = vi.spyOn(target, 'addEventListener');
    const removed = vi.spyOn(target, 'removeEventListener');
    const onIdle = vi.fn();
    const stop = watchIdle({ idleMs: 1_000, onIdle, target });
    expect(added.mock.calls.map(([type]) => type)).toEqual([...ACTIVITY_EVENTS]);

    stop();
    vi.advanceTimersByTime(5_000);
    expect(onIdle).not.toHaveBeenCalled();
    expect(removed.mock.calls.map(([type]) => type)).toEqual([...ACTIVITY_EVENTS]);
  });
});

describe('Session', () => {
  const open = (api: Partial<Api>) => {
    const session = new Session(stubApi({ getSettings: () => ok({ settings, stayUnlocked: noStayUnlocked }), ...api }));
    session.opened(ada);
    return session;
  };

  it('reads the auto-lock delay from the profile’s settings when it opens', async () => {
    const session = open({});
    await vi.waitFor(() => expect(session.autoLockMinutes).toBe(15));
  });

  it('lock asks the shell to lock and remembers whose password to ask for', async () => {
    const lock = vi.fn<Api['lock']>(() => ok({}));
    const session = open({ lock });

    await session.lock();

    expect(lock).toHaveBeenCalledWith({});
    expect(session.profile).toBeNull();
    expect(session.lockedEmail).toBe('ada@example.org');
    expect(session.notice).toBe('Locked. Type your password to continue.');
    expect(session.autoLockMinutes).toBe(0);
  });

  it('hides the data even when the shell fails to answer the lock', async () => {
    const session = open({ lock: () => Promise.reject(new Error('gone')) });
    await session.lock();
    expect(session.profile).toBeNull();
  });

  it('an answer saying SESSION_LOCKED returns to this profile’s password prompt with the app’s message', async () => {
    const session = open({
      listTrackers: async () => ({ ok: false, error: { code: 'SESSION_LOCKED', message: 'The app locked itself.' } }),
    });

    const result = await session.api.listTrackers({});

    expect(result.ok).toBe(false);
    expect(session.profile).toBeNull();
    expect(session.lockedEmail).toBe('ada@example.org');
    expect(session.problem).toBe('The app locked itself.');
  });

  it('deleting the profile forgets it entirely', () => {
    const session = open({});
    session.deleted();
    expect(session.profile).toBeNull();
    expect(session.lockedEmail).toBeNull();
    expect(session.notice).toMatch(/deleted/);
  });
});

describe('onShellLocked', () => {
  it('subscribes when the desktop shell offers the event, and unsubscribes', () => {
    const off = vi.fn();
    let heard: (() => void) | undefined;
    const shell = Object.assign(stubApi({}), {
      onSessionLocked: (listener: () => void) => {
        heard = listener;
        return off;
      },
    });
    const listener = vi.fn();

    const stop = onShellLocked(listener, shell);
    heard?.();
    stop();

    expect(listener).toHaveBeenCalledOnce();
    expect(off).toHaveBeenCalledOnce();
  });

  it('does nothing in browser mode, where there is no such event', () => {
    const stop = onShellLocked(() => {}, undefined);
    expect(stop).toBeTypeOf('function');
    expect(() => stop()).not.toThrow();
  });
});
