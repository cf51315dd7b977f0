/** The token's text and its key slot: hostile texts parse to nothing; a slot opens only for its own secret and binding. */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { mintAccessToken, parseAccessToken, unwrapKeyWithToken, wrapKeyForToken, type TokenBinding } from '../../../src-main/core/crypto/token-slots';

const SECRET = 'ab'.repeat(32);

describe('the token text', () => {
  it('is the prefix, the profile id, the token id and 256 bits of hex', () => {
    const { token, secret } = mintAccessToken('profile_with_underscores', 'token-1');
    expect(secret).toHaveLength(32);
    expect(token).toBe(`qs_pat_profile_with_underscores_token-1_${secret.toString('hex')}`);
    expect(parseAccessToken(token)).toEqual({ profileId: 'profile_with_underscores', tokenId: 'token-1', secret });
  });

  it.each([
    [''],
    ['qs_pat_'],
    [`qs_pat_p_t_${SECRET.slice(2)}`],
    [`qs_pat_p_t_${SECRET}0`],
    [`qs_pat_p_t_${SECRET.toUpperCase()}`],
    [`QS_PAT_p_t_${SECRET}`],
    [`qs_pat__t_${SECRET}`],
    [`qs_pat_p__${SECRET}`],
    [`qs_pat_p_t_${SECRET.slice(0, -1)}g`],
    [`qs_pat_p/../x_t_${SECRET}`],
    [`qs_pat_${'p'.repeat(65)}_t_${SECRET}`],
    [` qs_pat_p_t_${SECRET}`],
    [`qs_pat_p_t_${SECRET}\n`],
    [`xqs_pat_p_t_${SECRET}`],
  ])('refuses %j', (text) => {
    expect(parseAccessToken(text)).toBeNull();
  });
});

describe('the token slot', () => {
  const binding: TokenBinding = { profileId: 'p1', tokenId: 't1', scope: 'read', expiresAt: '2027-01-01T00:00:00.000Z' };

  it('gives the data key back for its secret and binding, and nothing for any other', () => {
    const dataKey = randomBytes(32);
    const secret = randomBytes(32);
    const slot = wrapKeyForToken(dataKey, secret, binding);
    expect(unwrapKeyWithToken(slot, secret, binding)).toEqual(dataKey);
    expect(unwrapKeyWithToken(slot, randomBytes(32), binding)).toBeNull();
    for (const changed of [{ profileId: 'p2' }, { tokenId: 't2' }, { scope: 'read-write' as const }, { expiresAt: null }, { expiresAt: '2099-01-01T00:00:00.000Z' }]) {
      expect(unwrapKeyWithToken(slot, secret, { ...binding, ...changed })).toBeNull();
    }
    expect(unwrapKeyWithToken({ ...slot, tag: Buffer.alloc(16).toString('base64') }, secret, binding)).toBeNull();
    expect(unwrapKeyWithToken({ ...slot, iv: '' }, secret, binding)).toBeNull();
  });

  it('holds neither the secret nor the data key in any stored field', () => {
    const dataKey = randomBytes(32);
    const secret = randomBytes(32);
    const text = JSON.stringify(wrapKeyForToken(dataKey, secret, binding));
    for (const bytes of [dataKey, secret]) for (const form of [bytes.toString('hex'), bytes.toString('base64'), bytes.toString('base64url')]) expect(text).not.toContain(form);
  });
});
