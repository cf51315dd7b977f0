/**
 * Key slots: the profile's random data key, wrapped (AES-256-GCM) by a key derived from a
 * secret. A profile has two — password and backup code — so a reset with the backup code
 * re-wraps the same data key under a new password and no data is re-encrypted or lost.
 * Each slot records its scrypt parameters and salt so they can be raised later.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { deriveKey, KEY_BYTES, type ScryptParams } from './kdf';

export interface KeySlot {
  readonly kdf: 'scrypt';
  readonly N: number;
  readonly r: number;
  readonly p: number;
  /** base64, 16 bytes */
  readonly salt: string;
  /** base64, 12 bytes */
  readonly iv: string;
  /** base64, 16 bytes */
  readonly tag: string;
  /** base64: the data key, encrypted */
  readonly wrapped: string;
}

export type SlotName = 'password' | 'backupCode';

const SALT_BYTES = 16;
const IV_BYTES = 12;

export const newDataKey = (): Buffer => randomBytes(KEY_BYTES);

/** Slots are bound to their profile and role, so one cannot be pasted over another. */
const slotLabel = (profileId: string, name: SlotName): Buffer => Buffer.from(`qs-key-slot:${profileId}:${name}`, 'utf8');

export async function wrapKey(dataKey: Buffer, secret: string, params: ScryptParams, profileId: string, name: SlotName): Promise<KeySlot> {
  const salt = randomBytes(SALT_BYTES);
  const kek = await deriveKey(secret, salt, params);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', kek, iv);
  cipher.setAAD(slotLabel(profileId, name));
  const wrapped = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  return {
    kdf: 'scrypt',
    N: params.N,
    r: params.r,
    p: params.p,
    salt: salt.toString('base64'),
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    wrapped: wrapped.toString('base64'),
  };
}

/** The data key, or null when the secret is wrong (GCM refuses the derived key). */
export async function unwrapKey(slot: KeySlot, secret: string, profileId: string, name: SlotName): Promise<Buffer | null> {
  const kek = await deriveKey(secret, Buffer.from(slot.salt, 'base64'), slot);
  const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(slot.iv, 'base64'));
  decipher.setAAD(slotLabel(profileId, name));
  decipher.setAuthTag(Buffer.from(slot.tag, 'base64'));
  try {
    const key = Buffer.concat([decipher.update(Buffer.from(slot.wrapped, 'base64')), decipher.final()]);
    return key.length === KEY_BYTES ? key : null;
  } catch {
    return null;
  }
}
