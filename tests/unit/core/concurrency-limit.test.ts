import { describe, expect, it } from 'vitest';
import { ConcurrencyLimit } from '../../../src-main/core/crypto/concurrency-limit';

/** A task the test finishes by hand, recording when it started. */
function controlledTasks() {
  const started: number[] = [];
  const finishers = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  const task = (id: number) => () =>
    new Promise<number>((resolve, reject) => {
      started.push(id);
      finishers.set(id, { resolve: () => resolve(id), reject });
    });
  const finish = (id: number) => finishers.get(id)?.resolve();
  const failTask = (id: number) => finishers.get(id)?.reject(new Error(`task ${id} failed`));
  return { started, task, finish, failTask };
}

/** Runs the queued promise continuations (microtasks only: no time passes). */
const settle = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

describe('ConcurrencyLimit', () => {
  it('starts at most `limit` tasks, then the next in arrival order as each one ends', async () => {
    const limit = new ConcurrencyLimit(2);
    const { started, task, finish } = controlledTasks();
    const results = [1, 2, 3, 4, 5].map((id) => limit.run(task(id)));
    await settle();
    expect(started).toEqual([1, 2]);
    finish(2);
    await settle();
    expect(started).toEqual([1, 2, 3]);
    finish(1);
    finish(3);
    await settle();
    expect(started).toEqual([1, 2, 3, 4, 5]);
    finish(4);
    finish(5);
    expect(await Promise.all(results)).toEqual([1, 2, 3, 4, 5]);
  });

  it('a task that fails passes its turn on and reports its own error', async () => {
    const limit = new ConcurrencyLimit(1);
    const { started, task, finish, failTask } = controlledTasks();
    const first = limit.run(task(1));
    const second = limit.run(task(2));
    await settle();
    failTask(1);
    await expect(first).rejects.toThrow('task 1 failed');
    await settle();
    expect(started).toEqual([1, 2]);
    finish(2);
    expect(await second).toBe(2);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses a limit of %s', (bad) => {
    expect(() => new ConcurrencyLimit(bad)).toThrow(RangeError);
  });
});
