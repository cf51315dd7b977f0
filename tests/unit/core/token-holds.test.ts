/**
 * Who holds a profile's key: the person (log-in, lock) and access tokens' requests share
 * one open profile, and each letting go forgets the key only when the other does not hold
 * it. The tokens' hold ends TOKEN_HOLD_MS after their last request, never during one.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { unwrapKey } from '../../../src-main/core/crypto/key-slots';
import { AccessTokenService, TOKEN_HOLD_MS } from '../../../src-main/core/services/access-tokens';
import { createAtomicWriter } from '../../../src-main/core/store/atomic-writer';
import { nodeFs } from '../../../src-main/core/store/fs-port';
import { KeyedQueue } from '../../../src-main/core/store/keyed-queue';
import { dataLayout } from '../../../src-main/core/store/layout';
import { ProfileDirectory } from '../../../src-main/core/store/profile-directory';
import { SIGN_UP, signedIn } from './helpers';

afterEach(() => {
  vi.useRealTimers();
});

/** A profile with one access token, the core closed, and a directory of its own over the folder. */
async function profileWithToken() {
  const { core, client, profile } = await signedIn();
  const { token } = await client.ok('createAccessToken', { name: 'Scale', scope: 'read' });
  await core.close();
  const directory = new ProfileDirectory({ layout: dataLayout(core.dataDir), fs: nodeFs, writer: createAtomicWriter(nodeFs), encrypt: true, queue: new KeyedQueue() });
  const entry = await directory.entry(profile.id);
  if (entry?.kind !== 'account') throw new Error('an account expected');
  const dataKey = await unwrapKey(entry.account.data.slots.password, SIGN_UP.password, profile.id, 'password');
  if (dataKey === null) throw new Error('the password opens the profile');
  return { directory, profileId: profile.id, dataKey, token };
}

describe('the holders of a profile’s key', () => {
  it('keep it while either holds it; the tokens’ hold is not the person’s unlock', async () => {
    const { directory, profileId, dataKey } = await profileWithToken();
    const forTokens = await directory.openForTokens(profileId, dataKey);
    expect(directory.unlocked(profileId)).toBeNull();
    expect(directory.unlockedIds()).toEqual([]);
    expect(directory.openForTokensOnly(profileId)).toBe(true);
    expect(directory.requireUnlocked(profileId)).toBe(forTokens);

    // The person logs in: the same open profile, now theirs too.
    expect(await directory.unlock(profileId, dataKey)).toBe(forTokens);
    expect(directory.unlockedIds()).toEqual([profileId]);
    expect(directory.openForTokensOnly(profileId)).toBe(false);

    directory.lock(profileId);
    expect(directory.unlocked(profileId)).toBeNull();
    expect(directory.requireUnlocked(profileId)).toBe(forTokens);
    directory.releaseTokens(profileId);
    expect(() => directory.requireUnlocked(profileId)).toThrow(expect.objectContaining({ code: 'SESSION_LOCKED' }));

    await directory.unlock(profileId, dataKey);
    await directory.openForTokens(profileId, dataKey);
    directory.releaseTokens(profileId);
    expect(directory.unlocked(profileId)).not.toBeNull();
  });

  it('lets the tokens’ hold go TOKEN_HOLD_MS after their last request ends, not while one runs', async () => {
    const { directory, profileId, token } = await profileWithToken();
    const tokens = new AccessTokenService({ directory, queue: new KeyedQueue(), now: () => new Date(), newId: randomUUID });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const open = () => directory.requireUnlocked(profileId);

    let finish: () => void = () => undefined;
    const running = tokens.run(profileId, token, 'listTrackers', () => new Promise<void>((resolve) => (finish = resolve)));
    await vi.waitFor(() => expect(directory.openForTokensOnly(profileId)).toBe(true));
    vi.advanceTimersByTime(TOKEN_HOLD_MS * 2);
    expect(open()).toBeDefined();
    finish();
    await running;

    vi.advanceTimersByTime(TOKEN_HOLD_MS - 1);
    expect(open()).toBeDefined();
    // Another request within the hold starts it again from its end.
    await tokens.run(profileId, token, 'dashboard', () => Promise.resolve());
    vi.advanceTimersByTime(TOKEN_HOLD_MS - 1);
    expect(open()).toBeDefined();
    vi.advanceTimersByTime(1);
    expect(open).toThrow(expect.objectContaining({ code: 'SESSION_LOCKED' }));
    tokens.close();
  });
});
