import { describe, expect, it } from 'vitest';
import { RememberedAnswers, type Claim, type RememberedAnswersOptions } from '../../../src-main/server/remembered-answers';

const HOUR = 60 * 60 * 1000;

function table(options: Partial<RememberedAnswersOptions> = {}) {
  let now = 0;
  const answers = new RememberedAnswers<string>({ ttlMs: 24 * HOUR, maxEntries: 100, maxBytes: 1_000, now: () => now, ...options });
  return { answers, advance: (ms: number) => (now += ms) };
}

function first(claim: Claim<string>): Extract<Claim<string>, { kind: 'first' }> {
  if (claim.kind !== 'first') throw new Error(`expected a first claim, got ${claim.kind}`);
  return claim;
}

/** Claims the key and keeps `answer` for it. */
const keep = (answers: RememberedAnswers<string>, scope: string, key: string, answer: string, bytes = 10) =>
  first(answers.claim(scope, key, 'fp')).settle(answer, { bytes });

describe('remembered answers', () => {
  it('answers a repeat of the same request with the kept answer', async () => {
    const { answers } = table();
    keep(answers, 'p1', 'k', 'created log 1');
    const repeat = answers.claim('p1', 'k', 'fp');
    expect(repeat.kind).toBe('repeat');
    expect(repeat.kind === 'repeat' && (await repeat.answer)).toBe('created log 1');
  });

  it('calls the same key with another fingerprint a conflict', () => {
    const { answers } = table();
    keep(answers, 'p1', 'k', 'a');
    expect(answers.claim('p1', 'k', 'other').kind).toBe('conflict');
  });

  it('a repeat while the first runs waits for its answer, and a second first never appears', async () => {
    const { answers } = table();
    const running = first(answers.claim('p1', 'k', 'fp'));
    const waiting = answers.claim('p1', 'k', 'fp');
    expect(answers.claim('p1', 'k', 'other').kind).toBe('conflict');
    running.settle('done', { bytes: 4 });
    expect(waiting.kind === 'repeat' && (await waiting.answer)).toBe('done');
  });

  it('an answer not kept (a failure) still reaches the waiting repeats, then the key is free again', async () => {
    const { answers } = table();
    const running = first(answers.claim('p1', 'k', 'fp'));
    const waiting = answers.claim('p1', 'k', 'fp');
    running.settle('WRITE_FAILED', null);
    expect(waiting.kind === 'repeat' && (await waiting.answer)).toBe('WRITE_FAILED');
    expect(answers.claim('p1', 'k', 'another request').kind).toBe('first');
  });

  it('keeps keys apart per scope', () => {
    const { answers } = table();
    keep(answers, 'p1', 'k', 'a');
    expect(answers.claim('p2', 'k', 'other').kind).toBe('first');
    // A scope and key that would join into the same text stay apart.
    keep(answers, 'a', 'b\u0000c', 'x');
    expect(answers.claim('a\u0000b', 'c', 'other').kind).toBe('first');
  });

  it('forgets an answer after the time to live', () => {
    const { answers, advance } = table({ ttlMs: HOUR });
    keep(answers, 'p1', 'k', 'a');
    advance(HOUR - 1);
    expect(answers.claim('p1', 'k', 'fp').kind).toBe('repeat');
    advance(1);
    expect(answers.claim('p1', 'k', 'other').kind).toBe('first');
  });

  it('prunes expired answers when others are claimed, so the table does not grow', () => {
    const { answers, advance } = table({ ttlMs: HOUR });
    for (let index = 0; index < 50; index++) keep(answers, 'p1', `k${index}`, 'a');
    expect(answers.size).toBe(50);
    advance(HOUR);
    first(answers.claim('p1', 'new', 'fp'));
    expect(answers.size).toBe(1);
  });

  it('prunes expired answers when asked, while no key comes', () => {
    const { answers, advance } = table({ ttlMs: HOUR });
    keep(answers, 'p1', 'old', 'a');
    advance(HOUR / 2);
    keep(answers, 'p1', 'newer', 'b');
    advance(HOUR / 2);
    answers.prune();
    expect(answers.size).toBe(1);
    expect(answers.claim('p1', 'newer', 'fp').kind).toBe('repeat');
  });

  it('counts the time to live from when the answer was kept, not when the request came', () => {
    const { answers, advance } = table({ ttlMs: HOUR });
    const slow = first(answers.claim('p1', 'slow', 'fp'));
    keep(answers, 'p1', 'quick', 'a');
    advance(HOUR / 2);
    slow.settle('b', { bytes: 1 });
    advance(HOUR / 2);
    expect(answers.claim('p1', 'quick', 'other').kind).toBe('first');
    expect(answers.claim('p1', 'slow', 'fp').kind).toBe('repeat');
  });

  it('forgets the oldest answers first past the entry and byte bounds, never a request still running', () => {
    const { answers } = table({ maxEntries: 3, maxBytes: 100 });
    const running = first(answers.claim('p1', 'running', 'fp'));
    keep(answers, 'p1', 'a', 'a');
    keep(answers, 'p1', 'b', 'b');
    keep(answers, 'p1', 'c', 'c');
    expect(answers.claim('p1', 'a', 'other').kind).toBe('first');
    expect(answers.claim('p1', 'running', 'fp').kind).toBe('repeat');
    running.settle('r', { bytes: 1 });

    const bytes = table({ maxBytes: 100 }).answers;
    keep(bytes, 'p1', 'big', 'x', 60);
    keep(bytes, 'p1', 'bigger', 'y', 60);
    expect(bytes.claim('p1', 'big', 'other').kind).toBe('first');
    expect(bytes.claim('p1', 'bigger', 'fp').kind).toBe('repeat');
  });

  it('does not keep an answer larger than the whole byte budget', () => {
    const { answers } = table({ maxBytes: 100 });
    keep(answers, 'p1', 'small', 's', 50);
    keep(answers, 'p1', 'huge', 'h', 101);
    expect(answers.claim('p1', 'huge', 'other').kind).toBe('first');
    expect(answers.claim('p1', 'small', 'fp').kind).toBe('repeat');
  });

  it('settles once', async () => {
    const { answers } = table();
    const running = first(answers.claim('p1', 'k', 'fp'));
    running.settle('one', { bytes: 1 });
    running.settle('two', { bytes: 1 });
    const repeat = answers.claim('p1', 'k', 'fp');
    expect(repeat.kind === 'repeat' && (await repeat.answer)).toBe('one');
    expect(answers.size).toBe(1);
  });
});
